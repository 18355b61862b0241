import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import { GraphQLError, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from "graphql";
import { fieldCountRule } from "./field-count.rule";
import type { OperationLimits } from "./operation-limits";
import { operationRejected } from "./rejection";
import { variableDefinitionsRule } from "./variable-definitions.rule";

/** Why a parsed document is refused before graphql-js validates it, or null when it is within the limits. */
export type DocumentLimitCheck = (document: DocumentNode) => GraphQLError | null;

/**
 * The limits on a document's shape, checked before graphql-js's own rules
 * (some of which, like OverlappingFieldsCanBeMerged, take time quadratic in
 * the document) and by both transports: depth, aliases and directives with
 * GraphQL Armor's rules, expanded fields and variable definitions with ours.
 * Every rule visits each fragment once, so the check is linear in the
 * document's size. Anything a rule throws is a refusal too, never a pass.
 */
export function createDocumentLimitCheck(schema: GraphQLSchema, limits: OperationLimits): DocumentLimitCheck {
  // Armor's rules report through these instead of throwing out of validate().
  const report = { propagateOnRejection: false, onReject: [reportTo] };
  const rules: ValidationRule[] = [
    // Fragments are not levels of their own (flattenFragments), as in the depth rule this replaces.
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true, ...report }),
    maxAliasesRule({ n: limits.maxAliases, ...report }),
    maxDirectivesRule({ n: limits.maxDirectives, ...report }),
    fieldCountRule(limits.maxFields),
    variableDefinitionsRule(limits.maxVariables),
  ];

  return (document) => {
    let errors: readonly GraphQLError[];
    try {
      errors = validate(schema, document, rules, { maxErrors: 1 });
    } catch (error) {
      const reason = error instanceof GraphQLError ? `: ${error.message}` : "";
      return limitExceeded(`The operation could not be checked against the limits${reason}`);
    }
    const [first] = errors;
    if (!first) return null;
    // Armor's messages start "Syntax Error: " although the syntax is fine.
    return limitExceeded(first.message.replace(/^Syntax Error: /, ""));
  };
}

function reportTo(context: { reportError(error: GraphQLError): void } | null, error: GraphQLError): void {
  context?.reportError(error);
}

/** Coded as graphql-js's own validation errors are, so clients see one code for every rule a document breaks. */
function limitExceeded(message: string): GraphQLError {
  return operationRejected(message, "GRAPHQL_VALIDATION_FAILED");
}
