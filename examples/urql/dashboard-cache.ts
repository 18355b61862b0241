import type { Exchange } from "@urql/core";
import { cacheExchange, type CacheExchangeOpts } from "@urql/exchange-graphcache";
import { relayPagination } from "@urql/exchange-graphcache/extras";
import { DashboardDocument, type DashboardQuery, type MessageReceivedSubscription } from "./generated/graphql";

/*
 * graphcache, normalised by its default keys (__typename and id). The gateway
 * gives the one-per-talent types the talent's id (TalentDashboard:7,
 * AtAGlance:7), so a pushed notificationCounts lands on the very record the
 * cached Dashboard query points at: the query re-emits with the new counts,
 * with no updater and no request.
 */

export function dashboardCacheExchange(options: {
  /** The `first` the app loads the Dashboard with: a live message goes into that query's list. */
  pageSize: number;
  logger?: CacheExchangeOpts["logger"];
}): Exchange {
  return cacheExchange({
    logger: options.logger,
    // Every page of messages loaded, merged into one list (by cursor) whatever the page asked for;
    // totalCount and the other fields it does not merge come from the page asked for.
    resolvers: { TalentDashboard: { messages: relayPagination() } },
    updates: {
      Subscription: {
        // A message pushed live goes on top of the cached list; paging on needs no cursor from it.
        // updateQuery reads every page merged and writes them back as the first page: the later
        // pages then repeat messages it holds, which relayPagination leaves out.
        messageReceived(result, _args, cache) {
          const { messageReceived: message } = result as MessageReceivedSubscription;
          cache.updateQuery(
            { query: DashboardDocument, variables: { first: options.pageSize } },
            (data: DashboardQuery | null): DashboardQuery | null => {
              const messages = data?.dashboard.messages;
              if (!data || !messages || messages.edges.some((edge) => edge.node.id === message.id)) return data;
              return {
                ...data,
                dashboard: {
                  ...data.dashboard,
                  messages: {
                    ...messages,
                    totalCount: messages.totalCount + 1,
                    edges: [{ __typename: "MessageEdge", node: message }, ...messages.edges],
                  },
                },
              };
            },
          );
        },
      },
    },
  });
}
