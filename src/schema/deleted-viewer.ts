import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { User } from "../../entities/user.entity";
import type { Context } from "../context";
import { DeletedAccountError } from "../errors";

/**
 * A token outlives its account: the token still verifies, but every row the
 * viewer would write refers to a user that is gone (a foreign-key failure) and
 * every row it would read is missing. When a query or mutation fails for a
 * signed-in viewer, this checks (one SELECT, on the failure path only) whether
 * the account still exists, and if not answers UNAUTHENTICATED instead of the
 * error the missing rows caused. Successful operations cost nothing extra, so
 * the Dashboard keeps its statement count. A subscription of a deleted account
 * would never fail: it would listen, silently, for ever; so each subscribe
 * checks first (one SELECT per subscription, none per event). It wraps the
 * root fields of the executable schema, which both transports execute.
 */
export function answerDeletedViewersUnauthenticated(schema: GraphQLSchema): GraphQLSchema {
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    for (const field of Object.values(type?.getFields() ?? {})) {
      field.resolve = unauthenticatedWhenViewerDeleted(field.resolve ?? defaultFieldResolver);
    }
  }
  for (const field of Object.values(schema.getSubscriptionType()?.getFields() ?? {})) {
    if (field.subscribe) field.subscribe = subscribeOnlyWhileViewerExists(field.subscribe);
  }
  return schema;
}

function subscribeOnlyWhileViewerExists(
  subscribe: GraphQLFieldResolver<unknown, Context>,
): GraphQLFieldResolver<unknown, Context> {
  return async (source, args, context, info) => {
    if (context.viewer && !(await viewerExists(context))) throw new DeletedAccountError();
    return subscribe(source, args, context, info);
  };
}

function unauthenticatedWhenViewerDeleted(
  resolve: GraphQLFieldResolver<unknown, Context>,
): GraphQLFieldResolver<unknown, Context> {
  return async (source, args, context, info) => {
    try {
      return await resolve(source, args, context, info);
    } catch (error) {
      if (context.viewer && !(await viewerExists(context))) throw new DeletedAccountError();
      throw error;
    }
  };
}

async function viewerExists({ viewer, services }: Context): Promise<boolean> {
  try {
    return await services.db.getRepository(User).existsBy({ id: viewer!.id });
  } catch {
    // The database is failing: the original error says so better than a guess would.
    return true;
  }
}
