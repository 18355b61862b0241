import type { ApolloServerPlugin } from "@apollo/server";
import { getOperationAST, type OperationDefinitionNode } from "graphql";
import type { Context } from "../context";
import { errorCodesOf, loggedOperationName } from "../logging/operation-fields";
import type { OperationReport } from "./request-log";

/**
 * Fills in a GraphQL request's report (request-log.ts writes the line when the response
 * ends): the operation's name and type as the document has them, the viewer, whether
 * execution started, and the codes of the errors sent.
 */
export function operationLogPlugin(
  reportFor: (context: Context) => OperationReport | undefined,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const report = reportFor(contextValue);
      if (!report) return;
      report.reported = true;
      report.viewerId = contextValue.viewer?.id ?? null;
      return {
        async executionDidStart({ operation }) {
          // Without an operation (an operationName the document does not have) graphql-js runs nothing.
          report.executed = operation !== undefined;
        },
        // Before the document limits' plugin, which swaps a refused document for a stand-in: this is
        // the document as sent. A document Apollo has cached skips validation; its operation is resolved.
        async validationDidStart({ document, request }) {
          noteOperation(report, getOperationAST(document, request.operationName));
        },
        async willSendResponse({ operation, request, response }) {
          if (operation) noteOperation(report, operation);
          // Not parsed: the name the request asked for, checked like any other.
          else if (report.operationType === null) report.operationName = loggedOperationName(request.operationName);
          report.errorCodes = response.body.kind === "single" ? errorCodesOf(response.body.singleResult.errors) : [];
        },
      };
    },
  };
}

function noteOperation(report: OperationReport, definition: OperationDefinitionNode | null | undefined): void {
  if (!definition) return;
  report.operationName = loggedOperationName(definition.name?.value);
  report.operationType = definition.operation;
}
