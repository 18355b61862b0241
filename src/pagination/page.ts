/** One page of a list in the shape of the contract's connections. */
export interface Page<Node> {
  edges: Array<{ cursor: string; node: Node }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null; hasPreviousPage: boolean; startCursor: string | null };
  /** Read lazily: only a query that selects totalCount pays for it. */
  readonly totalCount: Promise<number> | number;
}

/**
 * Builds a page from rows fetched with `first + 1` as the limit: the extra row
 * only tells whether there is a next page.
 *
 * `hasPreviousPage` is whether the page was asked for after a cursor. Relay's
 * spec lets a forward-paging server answer from its arguments; an exact answer
 * would cost every paged request a second query (the cursor's row can have left
 * the list since: an application changing bucket, a role expiring).
 */
export function toPage<Node>(
  rows: Node[],
  page: { first: number; after: string | null | undefined },
  cursorOf: (node: Node) => string,
  totalCount: () => Promise<number> | number,
): Page<Node> {
  const nodes = rows.slice(0, page.first);
  const edges = nodes.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > page.first,
      endCursor: edges.at(-1)?.cursor ?? null,
      hasPreviousPage: page.after !== undefined && page.after !== null,
      startCursor: edges[0]?.cursor ?? null,
    },
    get totalCount() {
      return totalCount();
    },
  };
}
