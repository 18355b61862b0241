/** Limits on what one GraphQL operation may ask for; each is configurable (src/config.ts). */
export interface OperationLimits {
  /** Deepest field nesting, fragments followed. */
  readonly maxDepth: number;
  /** Aliased fields in one operation (aliases multiply work without adding depth). */
  readonly maxAliases: number;
  /** Directives in one document. */
  readonly maxDirectives: number;
  /** Lexical tokens in one document: stops huge documents before validation. */
  readonly maxTokens: number;
  /** Estimated cost: every field 1, a list field's selection multiplied by its page size. */
  readonly maxCost: number;
}
