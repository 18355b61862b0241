import { Client, fetchExchange, subscriptionExchange } from "@urql/core";
import type { CacheExchangeOpts } from "@urql/exchange-graphcache";
import { persistedExchange } from "@urql/exchange-persisted";
import type { DocumentNode } from "graphql";
import { dashboardCacheExchange } from "./dashboard-cache";
import type { LiveSocket } from "./live-socket";
import type { Session } from "./session";

/*
 * The urql Client: graphcache, then persisted documents, then HTTP for queries
 * and mutations and graphql-ws for subscriptions. urql's defaults stay as they
 * are: `preferGetMethod: "within-url-limit"` sends a query as a GET (no body,
 * no content-type; only the hash travels, so every query fits), which the
 * gateway's CSRF prevention lets through because it carries Authorization.
 */

export interface DashboardClientOptions {
  url: string;
  session: Session;
  liveSocket: LiveSocket;
  /** The `first` of the Dashboard query (graphcache puts live messages into that query's list). */
  pageSize: number;
  /** A fetch to use instead of the global one (a test records the requests with it). */
  fetch?: typeof fetch;
  logger?: CacheExchangeOpts["logger"];
}

/**
 * The hash codegen's client preset computed for the document at build time
 * (`"sha256:<hex>"` in `__meta__`), as Apollo's persisted-query extension wants
 * it: bare hex. The gateway's manifest lists the same document under it.
 */
export async function persistedHash(_query: string, document: DocumentNode): Promise<string | undefined> {
  const { __meta__ } = document as DocumentNode & { __meta__?: { hash?: string } };
  return __meta__?.hash?.replace(/^sha256:/, "");
}

export function createDashboardClient(options: DashboardClientOptions): Client {
  const { session, liveSocket } = options;
  return new Client({
    url: options.url,
    fetch: options.fetch,
    // A function, so that every request carries the token current at the time.
    fetchOptions: () => {
      const token = session.token;
      return token ? { headers: { authorization: `Bearer ${token}` } } : {};
    },
    exchanges: [
      dashboardCacheExchange({ pageSize: options.pageSize, logger: options.logger }),
      persistedExchange({
        generateHash: persistedHash,
        // A production gateway runs nothing but its manifest: never fall back to sending the text.
        enforcePersistedQueries: true,
        enableForMutation: true,
        enableForSubscriptions: true,
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          // graphql-ws requires `query` to be a string; with only a hash to send it is "".
          const payload = { ...request, query: request.query ?? "" };
          return { subscribe: (sink) => ({ unsubscribe: liveSocket.client.subscribe(payload, sink) }) };
        },
      }),
    ],
  });
}
