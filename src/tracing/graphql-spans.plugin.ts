import { ROOT_CONTEXT, SpanStatusCode, trace, type Attributes, type Span, type Tracer } from "@opentelemetry/api";
import { ATTR_ERROR_TYPE } from "@opentelemetry/semantic-conventions";
import type { ApolloServerPlugin, BaseContext, GraphQLResponse } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";
import { ATTR_GRAPHQL_OPERATION_NAME, ATTR_GRAPHQL_OPERATION_TYPE, boundedOperationName } from "./attributes";
import type { TraceParent } from "../trace-parent";
import { requestSpansOf } from "./request-spans";
import { recordGraphQLErrors } from "./span-errors";

/**
 * Apollo's phases as children of the request's server span, found through the
 * TraceParent of the request's context value (`traceOf`): `graphql.parse`
 * and `graphql.validate` (only when the document is parsed: Apollo keeps
 * validated documents by hash, and a repeated one skips both), and
 * `graphql.execute`, under which the request's SQL statements nest. Operation
 * name (bounded) and type go on the execute and the server span.
 *
 * The execute span starts in `responseForOperation`, after every plugin's
 * `didResolveOperation` (the limits and the rate limits), and ends at
 * `executionDidEnd` or, when a plugin answered the operation itself (compiled
 * execution answers in `responseForOperation`, and Apollo's own execution and
 * its hooks then never run), at `willSendResponse`. So this plugin must come
 * before any plugin that answers operations.
 *
 * Errors: a failed parse or validation marks its phase; the errors of the
 * response are recorded on the execute span, or on the server span when the
 * operation was refused before it ran (their codes and classes, never their
 * messages: src/tracing/span-errors.ts).
 */
export function graphqlSpansPlugin<TContext extends BaseContext>(
  tracer: Tracer,
  traceOf: (contextValue: TContext) => TraceParent | null,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      const spans = requestSpansOf(traceOf(contextValue));
      // Not through the HTTP middleware (e.g. executeOperation in-process), or not sampled (the
      // middleware then gives the request no TraceParent, src/tracing/http-spans.ts): nothing to nest under.
      if (!spans) return;
      const parent = trace.setSpan(ROOT_CONTEXT, spans.server);
      const child = (name: string, attributes?: Attributes) => tracer.startSpan(name, { attributes }, parent);
      let operation: Attributes = {};
      let execute: Span | null = null;
      let errorsRecorded = false;
      const endExecute = (errors?: readonly GraphQLFormattedError[]) => {
        if (!execute) return;
        if (!errorsRecorded) recordGraphQLErrors(execute, errors);
        execute.end();
        execute = null;
        spans.phase = null;
      };

      return {
        async parsingDidStart() {
          const span = child("graphql.parse");
          return async (error) => {
            if (error) failPhase(span, "GRAPHQL_PARSE_FAILED");
            span.end();
          };
        },
        async validationDidStart() {
          const span = child("graphql.validate");
          return async (errors) => {
            if (errors?.length) failPhase(span, "GRAPHQL_VALIDATION_FAILED");
            span.end();
          };
        },
        async didResolveOperation(requestContext) {
          const name = boundedOperationName(requestContext.operationName);
          const type = requestContext.operation?.operation;
          operation = {
            ...(type ? { [ATTR_GRAPHQL_OPERATION_TYPE]: type } : {}),
            ...(name ? { [ATTR_GRAPHQL_OPERATION_NAME]: name } : {}),
          };
          spans.server.setAttributes(operation);
        },
        async responseForOperation() {
          execute = child("graphql.execute", operation);
          spans.phase = execute;
          return null;
        },
        async executionDidStart() {
          return {
            async executionDidEnd() {
              endExecute();
            },
          };
        },
        async didEncounterErrors(requestContext) {
          if (execute) errorsRecorded = true;
          recordGraphQLErrors(execute ?? spans.server, requestContext.errors);
        },
        async willSendResponse(requestContext) {
          endExecute(responseErrors(requestContext.response));
        },
      };
    },
  };
}

function failPhase(span: Span, errorType: string): void {
  span.setAttribute(ATTR_ERROR_TYPE, errorType);
  span.setStatus({ code: SpanStatusCode.ERROR, message: errorType });
}

function responseErrors(response: GraphQLResponse): readonly GraphQLFormattedError[] | undefined {
  return response.body.kind === "single" ? response.body.singleResult.errors : response.body.initialResult.errors;
}
