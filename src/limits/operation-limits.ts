/** Limits on what one GraphQL operation may ask for; each is configurable (src/config.ts). */
export interface OperationLimits {
  /** Deepest field nesting, fragments followed (a fragment is not a level of its own). */
  readonly maxDepth: number;
  /** Aliased fields in one operation, fragments expanded (aliases multiply work without adding depth). */
  readonly maxAliases: number;
  /** Directives in one operation, fragments expanded. */
  readonly maxDirectives: number;
  /** Fields in one document once every fragment spread is replaced by its fields. */
  readonly maxFields: number;
  /** Variable definitions in one document. */
  readonly maxVariables: number;
  /** Lexical tokens in one document: stops huge documents before validation. */
  readonly maxTokens: number;
  /** Estimated cost: every field 1, a list field's selection multiplied by its page size. */
  readonly maxCost: number;
  /** Selections the cost estimate may evaluate (fields, spreads, inline fragments, as expanded) before it gives up. */
  readonly maxCostNodes: number;
  /** Lists and input objects nested in one variable's value. */
  readonly maxVariableDepth: number;
  /** Values in a request's variables, counting every list, object, item and field. */
  readonly maxVariableValues: number;
}
