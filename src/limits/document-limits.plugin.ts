import type { ApolloServerPlugin } from "@apollo/server";
import {
  GraphQLError,
  parse,
  type ASTVisitor,
  type DocumentNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import type { DocumentLimitCheck } from "./document-limits";

/**
 * The document limits over HTTP, before graphql-js validates: the plugin
 * checks each document Apollo has not kept already (Apollo keeps only valid
 * ones) as validation starts. Apollo answers anything thrown from that hook
 * with a 500, so a refused document is swapped instead for a one-field stand-in
 * that graphql-js's rules validate at once, and the rule reports the refusal
 * for it: a 400 GRAPHQL_VALIDATION_FAILED with the limit's message, and
 * nothing kept, so the same text is checked again next time.
 */
export function documentLimitsForApollo(checkDocument: DocumentLimitCheck): {
  plugin: ApolloServerPlugin;
  rule: ValidationRule;
} {
  const refusals = new WeakMap<DocumentNode, GraphQLError>();
  return {
    plugin: {
      async requestDidStart() {
        return {
          async validationDidStart(requestContext) {
            const refusal = checkDocument(requestContext.document);
            if (!refusal) return;
            const standIn = parse("{ __typename }");
            refusals.set(standIn, refusal);
            (requestContext as { document: DocumentNode }).document = standIn;
          },
        };
      },
    },
    rule: (context: ValidationContext): ASTVisitor => ({
      Document(document) {
        const refusal = refusals.get(document);
        if (refusal) context.reportError(refusal);
      },
    }),
  };
}
