import type { GraphQLSchema } from "graphql";
import { createPubSub } from "@graphql-yoga/subscription";
import { buildSchema } from "type-graphql";
import { resolvers } from "../../resolvers";
import { authChecker } from "../auth/auth-checker";
import { DateTimeScalar } from "../scalars/date-time.scalar";
import { validateInput } from "../validation";
import { answerDeletedViewersUnauthenticated } from "./deleted-viewer";
import { callFieldResolversDirectly } from "./direct-field-resolvers";

/** The gateway's executable schema, built from the resolver classes. */
export async function buildGatewaySchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    authChecker,
    validateFn: validateInput,
    // The contract's date scalar is `DateTime`, not TypeGraphQL's `DateTimeISO`.
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    // Every subscription brings its own `subscribe` (src/live); TypeGraphQL
    // still insists on a PubSub, which is never used.
    pubSub: createPubSub(),
  });
  callFieldResolversDirectly(schema, resolvers);
  return answerDeletedViewersUnauthenticated(schema);
}
