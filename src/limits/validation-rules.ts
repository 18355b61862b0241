import { NoSchemaIntrospectionCustomRule, type ValidationRule } from "graphql";

/**
 * The validation rules added to graphql-js's own, for both transports (Apollo
 * runs them over HTTP; the websocket server runs the same list itself). The
 * limits on a document's shape run before these, in src/limits/document-limits.ts.
 */
export function limitValidationRules(options: { introspection: boolean }): ValidationRule[] {
  return options.introspection ? [] : [NoSchemaIntrospectionCustomRule];
}
