import {
  getNullableType,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  isListType,
  type DocumentNode,
  type GraphQLSchema,
} from "graphql";
import { getComplexity, type ComplexityEstimator } from "graphql-query-complexity";
import { MAX_PAGE_SIZE } from "../domain/page-size";
import { operationRejected } from "./rejection";

/** What a list without a page-size argument is assumed to hold (a production's roles, an application's audition requests). */
const UNBOUNDED_LIST_ESTIMATE = 10;

/**
 * Every field costs 1 plus its selection; a field that takes `first` repeats its
 * selection `first` times (a connection's `edges` are that page, not a second
 * multiplier), and any other list field UNBOUNDED_LIST_ESTIMATE times.
 */
const pageSizeEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  // Introspection is bounded by the schema's size and switched off in production.
  if (field.name.startsWith("__")) return 1;
  if (typeof args.first === "number") return 1 + Math.min(Math.max(0, args.first), MAX_PAGE_SIZE) * childComplexity;
  const isList = isListType(getNullableType(field.type));
  const multiplier = isList && field.name !== "edges" ? UNBOUNDED_LIST_ESTIMATE : 1;
  return 1 + multiplier * childComplexity;
};

/**
 * The estimated cost of one operation with its variables, or null when there
 * is nothing to estimate: no such operation, or variables that don't coerce
 * to the operation's types (execution refuses those itself, with graphql-js's
 * messages: 400 BAD_USER_INPUT over HTTP, as for any such request). The
 * estimate walks every path through the fragments, so it stops after
 * `maxNodes` selections; that, or anything else it throws, is a rejection.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | null | undefined,
  maxNodes: number,
): number | null {
  const operation = getOperationAST(document, operationName);
  if (!operation) return null;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 1 });
  if (coerced.errors) return null;
  try {
    return getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName: operationName ?? undefined,
      estimators: [pageSizeEstimator],
      maxQueryNodes: maxNodes,
    });
  } catch (error) {
    const reason = error instanceof GraphQLError ? error.message : "the estimate failed";
    throw operationRejected(`The operation's cost could not be estimated within ${maxNodes} selections: ${reason}`);
  }
}

/** Throws the rejection when the operation's estimated cost is over the limit (null: left to execution, which refuses it). */
export function assertCostWithin(maxCost: number, cost: number | null): void {
  if (cost !== null && cost > maxCost) {
    throw operationRejected(
      `The operation's estimated cost is ${cost}; the limit is ${maxCost}. Ask for smaller pages or fewer fields.`,
    );
  }
}
