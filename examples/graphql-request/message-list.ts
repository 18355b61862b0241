import type { MessageItemFragment, MessagePageFragment } from "./generated/graphql";

/** The messages a UI shows, newest first, as pages and pushes add to them. */
export interface MessageList {
  readonly items: readonly MessageItemFragment[];
  readonly totalCount: number;
  /** Where the next page starts; null before the first page. */
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
}

export const EMPTY_LIST: MessageList = { items: [], totalCount: 0, endCursor: null, hasNextPage: false };

/** The next page, after the ones loaded: keyset paging never repeats an item, but a push may have added it already. */
export function withNextPage(list: MessageList, page: MessagePageFragment): MessageList {
  const known = new Set(list.items.map((item) => item.id));
  return {
    items: [...list.items, ...page.edges.map((edge) => edge.node).filter((item) => !known.has(item.id))],
    totalCount: page.totalCount,
    endCursor: page.pageInfo.endCursor,
    hasNextPage: page.pageInfo.hasNextPage,
  };
}

/**
 * The first page, read again (on start, and after a reconnect, for what arrived
 * while the socket was down): its items go on top. When it shares no item with
 * the list, more than a page arrived meanwhile and the list starts over from it.
 */
export function withFirstPage(list: MessageList, page: MessagePageFragment): MessageList {
  const fresh = page.edges.map((edge) => edge.node);
  const freshIds = new Set(fresh.map((item) => item.id));
  const overlaps = list.items.some((item) => freshIds.has(item.id));
  if (list.items.length === 0 || !overlaps) return withNextPage(EMPTY_LIST, page);
  return {
    items: [...fresh, ...list.items.filter((item) => !freshIds.has(item.id))],
    totalCount: page.totalCount,
    endCursor: list.endCursor,
    hasNextPage: list.hasNextPage,
  };
}

/** A message pushed by MessageReceived: newer than everything loaded. */
export function withPushedMessage(list: MessageList, message: MessageItemFragment): MessageList {
  if (list.items.some((item) => item.id === message.id)) return list;
  return { ...list, items: [message, ...list.items], totalCount: list.totalCount + 1 };
}
