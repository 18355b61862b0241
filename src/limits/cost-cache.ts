import type { DocumentNode } from "graphql";

/** The estimated cost of an operation of a parsed document with its variables, or null when they don't fit. */
export type OperationCostOf = (
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName?: string | null,
) => number | null;

/** Operation names and variables remembered per document; beyond that the oldest goes first. */
export const VARIANTS_PER_DOCUMENT = 64;
/** Variables that are longer than this as JSON are not worth keeping: their cost is computed each time. */
export const MAX_VARIANT_KEY_LENGTH = 2_048;

/**
 * `costOf`, remembered. Both transports keep parsed documents by their text
 * (Apollo's document store, the websocket preparer's cache), so each request
 * of a known operation brings back the same DocumentNode, whose cost with the
 * same operation name and variables cannot change. Costs are kept per document
 * object in a WeakMap, so they go when that cache drops the document.
 */
export function cachedPerDocument(costOf: OperationCostOf): OperationCostOf {
  const costs = new WeakMap<DocumentNode, Map<string, number | null>>();
  return (document, variables, operationName) => {
    const key = `${operationName ?? ""}\n${JSON.stringify(variables ?? {})}`;
    if (key.length > MAX_VARIANT_KEY_LENGTH) return costOf(document, variables, operationName);
    let variants = costs.get(document);
    if (!variants) costs.set(document, (variants = new Map()));
    const known = variants.get(key);
    if (known !== undefined) return known;
    const cost = costOf(document, variables, operationName);
    // A Map keeps insertion order: its first key is the oldest.
    if (variants.size >= VARIANTS_PER_DOCUMENT) variants.delete(variants.keys().next().value!);
    variants.set(key, cost);
    return cost;
  };
}
