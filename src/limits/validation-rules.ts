import { NoSchemaIntrospectionCustomRule, type ValidationRule } from "graphql";
import { aliasLimitRule } from "./alias-limit.rule";
import { depthLimitRule } from "./depth-limit.rule";
import { directiveLimitRule } from "./directive-limit.rule";
import type { OperationLimits } from "./operation-limits";

/**
 * The validation rules added to graphql-js's own, for both transports (Apollo
 * runs them over HTTP; the websocket server runs the same list itself).
 */
export function limitValidationRules(limits: OperationLimits, options: { introspection: boolean }): ValidationRule[] {
  const rules = [
    depthLimitRule(limits.maxDepth),
    aliasLimitRule(limits.maxAliases),
    directiveLimitRule(limits.maxDirectives),
  ];
  if (!options.introspection) rules.push(NoSchemaIntrospectionCustomRule);
  return rules;
}
