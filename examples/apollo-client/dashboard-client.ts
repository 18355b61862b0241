import { ApolloClient, ApolloLink, HttpLink } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { OperationTypeNode, type DocumentNode } from "graphql";
import type { Client } from "graphql-ws";
import WebSocket from "ws";
import { createDashboardCache } from "./dashboard-cache";
import { createLiveSocket, type LiveStatus } from "./live-socket";

export interface DashboardClientOptions {
  /** The gateway's GraphQL endpoint, e.g. http://localhost:4000/graphql; the websocket is the same URL. */
  url: string;
  /** The current bearer token, read at every HTTP request and every websocket (re)connect. */
  token: () => string | null;
  /** A WebSocket class; `ws` by default. */
  webSocketImpl?: unknown;
  /** The fetch HttpLink uses; the global one by default. */
  fetch?: typeof fetch;
  onLiveStatus?: (status: LiveStatus) => void;
  /** The websocket's token was refused (forged, revoked, or expired without a refresh). */
  onTokenRefused?: (closeCode: number, reason: string) => void;
}

export interface DashboardClient {
  readonly client: ApolloClient;
  /** The graphql-ws client under GraphQLWsLink. */
  readonly socket: Client;
  /** Ends every operation and closes the websocket. */
  stop(): Promise<void>;
}

/**
 * Apollo Client wired for the gateway: queries and mutations over HTTP with
 * the bearer token, subscriptions over graphql-ws, every document sent by its
 * hash (all a gateway with TRUSTED_DOCUMENTS=require runs).
 *
 *   PersistedQueryLink ─┬─ subscription ─→ GraphQLWsLink (token in connectionParams, at connect)
 *                       └─ otherwise ────→ SetContextLink (Authorization) → HttpLink
 */
export function createDashboardClient(options: DashboardClientOptions): DashboardClient {
  const webSocketImpl = options.webSocketImpl ?? WebSocket;
  // GraphQLWsLink tells a socket's error events apart by the global WebSocket, which Node has from 22 on.
  globalThis.WebSocket ??= webSocketImpl as typeof globalThis.WebSocket;

  const socket = createLiveSocket({
    url: options.url.replace(/^http/, "ws"),
    token: options.token,
    webSocketImpl,
    onStatus: options.onLiveStatus,
    onTokenRefused: options.onTokenRefused,
  });

  // The hash codegen's client preset computed for each document (`__meta__.hash`,
  // "sha256:<hex>"), the same the gateway's trusted documents list it under.
  const persistedQueries = new PersistedQueryLink({ generateHash: codegenHash });

  const authorization = new SetContextLink((context) => {
    const token = options.token();
    return token ? { headers: { ...context.headers, authorization: `Bearer ${token}` } } : {};
  });

  const link = ApolloLink.from([
    persistedQueries,
    ApolloLink.split(
      (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
      new GraphQLWsLink(sendingHashesOnly(socket)),
      ApolloLink.from([authorization, new HttpLink({ uri: options.url, fetch: options.fetch })]),
    ),
  ]);

  const client = new ApolloClient({ link, cache: createDashboardCache() });
  return {
    client,
    socket,
    async stop() {
      client.stop();
      await socket.dispose();
    },
  };
}

function codegenHash(document: DocumentNode): string {
  const hash = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  if (typeof hash !== "string") {
    throw new Error("This document has no persisted-document hash: send the documents codegen generated");
  }
  return hash.replace(/^sha256:/, "");
}

/**
 * GraphQLWsLink sends the printed query along with the persisted-query
 * extension; the gateway would check the text against the hash (Apollo's print
 * is not codegen's). graphql-ws requires a string query: "" means "by hash".
 */
function sendingHashesOnly(socket: Client): Client {
  return {
    ...socket,
    subscribe: (payload, sink) =>
      socket.subscribe(payload.extensions?.persistedQuery ? { ...payload, query: "" } : payload, sink),
  };
}
