import type { OperationDefinitionNode } from "graphql";
import { Counter, Histogram, type Registry } from "prom-client";
import { createOperationNameLabels, UNKNOWN_OPERATION } from "./operation-name-labels";
import { REJECTION_REASONS, rejectionReasonOf, type RejectionReason } from "./rejection-reason";

export type Transport = "http" | "ws";
export const TRANSPORTS: readonly Transport[] = ["http", "ws"];

/**
 * How an operation ended: `success` (a result without errors), `errors` (it
 * ran, and its result carries errors), `rejected` (refused before it ran:
 * a limit, not trusted, a rate limit, a document that does not validate).
 */
export type OperationOutcome = "success" | "errors" | "rejected";

/** An operation as a transport saw it end; `operation` is null when it was refused before one was identified. */
export interface OperationRecord {
  readonly transport: Transport;
  readonly operation: OperationDefinitionNode | null | undefined;
  readonly outcome: OperationOutcome;
  readonly seconds: number;
}

export interface GraphQLMetrics {
  /** Counts the operation and its duration (a subscription: once, when it starts; its duration is its set-up). */
  operation(record: OperationRecord): void;
  /** Counts a refusal by its reason (the operation itself is counted by `operation`, outcome `rejected`). */
  rejected(transport: Transport, errors: readonly unknown[]): RejectionReason;
  /** Counts the errors a client was sent, by their `extensions.code`, as formatted (masked) for it. */
  errorsSent(transport: Transport, errors: readonly unknown[] | null | undefined): void;
}

/** From a few milliseconds (a cached hash, a kept count) to the statement timeout and past it. */
const OPERATION_SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Codes are the gateway's own (src/errors.ts) and its libraries'; anything else would be a bug, not a label. */
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,47}$/;

export function createGraphQLMetrics(
  registry: Registry,
  options: { trustedOperationNames: ReadonlySet<string>; maxOperationNames: number },
): GraphQLMetrics {
  const labelNames = ["operation_name", "operation_type", "transport", "outcome"] as const;
  const operations = new Counter({
    name: "gateway_graphql_operations_total",
    help: "GraphQL operations by name, type (query, mutation, subscription; unknown when refused before one was identified), transport (http, ws) and outcome (success, errors, rejected). A subscription counts once, when it starts.",
    labelNames,
    registers: [registry],
  });
  const durations = new Histogram({
    name: "gateway_graphql_operation_duration_seconds",
    help: "Time from receiving an operation to its result (a subscription: to its stream being ready), not counting sending it, by the same labels as gateway_graphql_operations_total.",
    labelNames,
    buckets: OPERATION_SECONDS_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: "gateway_graphql_errors_total",
    help: "Errors sent to clients, by extensions.code as the client saw it (after masking: INTERNAL_SERVER_ERROR for anything unexpected; none without a code, other for one that is not an upper-case code) and transport.",
    labelNames: ["code", "transport"] as const,
    registers: [registry],
  });
  const rejections = new Counter({
    name: "gateway_graphql_rejected_total",
    help: "Documents refused before running, by reason (limit, untrusted, unknown_hash, malformed, rate_limit, invalid) and transport.",
    labelNames: ["reason", "transport"] as const,
    registers: [registry],
  });
  for (const transport of TRANSPORTS) {
    for (const reason of REJECTION_REASONS) rejections.inc({ reason, transport }, 0);
  }
  const nameLabel = createOperationNameLabels(options.trustedOperationNames, options.maxOperationNames);

  return {
    operation({ transport, operation, outcome, seconds }) {
      const labels = {
        operation_name: operation ? nameLabel(operation.name?.value) : UNKNOWN_OPERATION,
        operation_type: operation?.operation ?? "unknown",
        transport,
        outcome,
      };
      operations.inc(labels);
      durations.observe(labels, seconds);
    },
    rejected(transport, refusal) {
      const reason = rejectionReasonOf(refusal);
      rejections.inc({ reason, transport });
      return reason;
    },
    errorsSent(transport, sent) {
      for (const error of sent ?? []) {
        errors.inc({
          code: codeLabel((error as { extensions?: { code?: unknown } } | null)?.extensions?.code),
          transport,
        });
      }
    },
  };
}

function codeLabel(code: unknown): string {
  if (code === undefined || code === null) return "none";
  return typeof code === "string" && ERROR_CODE.test(code) ? code : "other";
}
