/** One page of a list in the shape of the contract's connections. */
export interface Page<Node> {
  edges: Array<{ cursor: string; node: Node }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Read lazily: only a query that selects totalCount pays for it. */
  readonly totalCount: Promise<number> | number;
}

/**
 * Builds a page from rows fetched with `first + 1` as the limit: the extra row
 * only tells whether there is a next page.
 */
export function toPage<Node>(
  rows: Node[],
  first: number,
  cursorOf: (node: Node) => string,
  totalCount: () => Promise<number> | number,
): Page<Node> {
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    get totalCount() {
      return totalCount();
    },
  };
}
