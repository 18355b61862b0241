import type { ApolloServerOptionsWithGateway } from "@apollo/server";
import type { GraphQLSchema } from "graphql";
import type { Context } from "../context";
import type { ExecuteOperation } from "../execution/operation-executor";

type GatewayInterface = ApolloServerOptionsWithGateway<Context>["gateway"];
type SchemaLoadCallback = Parameters<GatewayInterface["onSchemaLoadOrUpdate"]>[0];

/**
 * Hands Apollo's execution step to the gateway's executor (compiled for trusted
 * documents, graphql-js otherwise) through Apollo Server's supported `gateway`
 * option: Apollo calls a gateway's executor exactly where it would call
 * graphql-js (requestPipeline.ts), after parsing, validation, the document
 * limits, every plugin's didResolveOperation (the cost check and the rate
 * limits) and responseForOperation, and inside executionDidStart/executionDidEnd.
 * It then treats the returned result as its own: variable-coercion errors
 * become BAD_USER_INPUT with a 400, didEncounterErrors runs, formatError masks,
 * `extensions.http` sets the status, willSendResponse runs. A plugin's
 * `responseForOperation` would bypass all of that after it (no formatError, no
 * executionDidStart, no status from the errors), to be redone by hand.
 *
 * The "gateway" serves one fixed schema; Apollo builds its document store and
 * schema-derived data from it at start(), as it does for a `schema`.
 */
export function executionGateway(schema: GraphQLSchema, execute: ExecuteOperation): GatewayInterface {
  return {
    onSchemaLoadOrUpdate(callback: SchemaLoadCallback) {
      // A plain schema has no supergraph SDL: plugins' schemaDidLoadOrUpdate see what they would without a gateway.
      callback({ apiSchema: schema } as Parameters<SchemaLoadCallback>[0]);
      return () => undefined;
    },
    async load() {
      return {
        executor: (requestContext) =>
          execute({
            document: requestContext.document,
            // Apollo's SHA-256 of the query text: with its own persisted queries off, always that text's.
            documentKey: requestContext.queryHash,
            operationName: requestContext.request.operationName,
            variableValues: requestContext.request.variables,
            contextValue: requestContext.context,
            transport: "http",
          }),
      };
    },
    async stop() {},
  };
}
