import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { createClient, type Client, type ExecutionResult, type Sink } from "graphql-ws";
import WebSocket from "ws";
import { SignedOutError } from "./signed-out";

/*
 * graphql-ws's defaults give up on a gateway restart: 5 attempts, and no retry
 * at all after a connection error (a refused port while the gateway is down),
 * since its default `shouldRetry` accepts close events only. An app wants the
 * opposite: keep trying, with a capped, randomised backoff so that thousands of
 * clients do not come back in step, and stop only when retrying cannot help.
 */

/** What the app can show about its live connection. */
export interface LiveStatus {
  state: "connecting" | "connected" | "closed";
  /** Connections opened so far, the first included. */
  attempts: number;
  /** Why the last connection closed, as the gateway said. */
  lastClose: { code: number; reason: string } | null;
}

export interface LiveClientOptions {
  /** The gateway's GraphQL endpoint (http or https): the websocket is the same URL. */
  url: string;
  /**
   * The bearer token for a new connection. `refused` is the token of a
   * connection the gateway just closed 4403 (expired or not accepted), so the
   * caller knows to refresh it rather than offer it again.
   */
  token: (refused: string | null) => Promise<string>;
  /**
   * The WebSocket class. Node before 22 has no global WebSocket, so graphql-ws
   * needs one (ws's, the default here); in a browser pass `WebSocket`.
   */
  webSocketImpl?: unknown;
  /** The longest wait between two attempts (30 s by default). */
  maxRetryDelayMs?: number;
  onStatus?: (status: LiveStatus) => void;
}

/** The gateway's "signed out" close (graphql-ws's Unauthorized): reconnecting with the same token cannot help. */
export const UNAUTHORIZED = 4401;
/** The gateway's "token expired or not accepted" close: reconnect with a fresh token. */
export const FORBIDDEN = 4403;
/**
 * Close codes after which the same client cannot get in: 4401 and graphql-ws's
 * protocol errors (bad request, subprotocol, duplicate id, second init).
 * graphql-ws ends on these before it asks `shouldRetry`; naming them here keeps
 * the rule in one readable place. 4403, 4408, 4430, 4499 and 1xxx are retried.
 */
const FATAL_CLOSE_CODES = new Set([4400, UNAUTHORIZED, 4406, 4409, 4429]);

const FIRST_RETRY_DELAY_MS = 1_000;

export interface LiveClient {
  readonly client: Client;
  readonly status: LiveStatus;
  /** Closes the socket and ends every subscription; waits for nothing the gateway does. */
  dispose(): Promise<void>;
}

export function createLiveClient(options: LiveClientOptions): LiveClient {
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000;
  const disposed = new AbortController();
  let status: LiveStatus = { state: "connecting", attempts: 0, lastClose: null };
  const report = (change: Partial<LiveStatus>) => {
    status = { ...status, ...change };
    options.onStatus?.(status);
  };
  let sentToken: string | null = null;
  let refusedToken: string | null = null;

  const client = createClient({
    url: options.url.replace(/^http/, "ws"),
    webSocketImpl: options.webSocketImpl ?? WebSocket,
    // Called for every (re)connection: each one authenticates with the token of that moment.
    connectionParams: async () => {
      const token = await options.token(refusedToken);
      refusedToken = null;
      sentToken = token;
      return { authorization: `Bearer ${token}` };
    },
    retryAttempts: Infinity,
    shouldRetry: (errorOrClose) => {
      if (errorOrClose instanceof SignedOutError) return false;
      return !(isCloseEvent(errorOrClose) && FATAL_CLOSE_CODES.has(errorOrClose.code));
    },
    // Equal jitter: half the ceiling, plus up to as much again at random; the ceiling doubles per attempt.
    retryWait: (retries) => {
      const ceiling = Math.min(maxRetryDelayMs, FIRST_RETRY_DELAY_MS * 2 ** retries);
      return sleep(ceiling / 2 + Math.random() * (ceiling / 2), disposed.signal);
    },
    on: {
      connecting: () => report({ state: "connecting", attempts: status.attempts + 1 }),
      connected: () => report({ state: "connected" }),
      closed: (event) => {
        const { code, reason } = isCloseEvent(event) ? event : { code: 1006, reason: "" };
        if (code === FORBIDDEN) refusedToken = sentToken;
        report({ state: "closed", lastClose: { code, reason } });
      },
    },
  });

  return {
    client,
    get status() {
      return status;
    },
    async dispose() {
      disposed.abort();
      try {
        await client.dispose();
      } catch {
        // graphql-ws rejects when it was between attempts: there is no socket left to close then.
      }
    },
  };
}

/**
 * Subscribes to a codegen document by its hash alone: graphql-ws requires a
 * string `query`, so it is "", with the persisted-query extension the gateway
 * reads on both transports. Returns the unsubscribe function.
 */
export function subscribeByHash<TData>(
  client: Client,
  document: TypedDocumentNode<TData, Record<string, never>>,
  sink: Sink<ExecutionResult<TData>>,
): () => void {
  const { hash, operationName } = hashOf(document);
  return client.subscribe<TData>(
    { query: "", operationName, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } },
    sink,
  );
}

function hashOf(document: TypedDocumentNode<unknown, never>): { hash: string; operationName?: string } {
  const id = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!id?.startsWith("sha256:")) throw new Error("The document has no sha256 hash: run `npm run codegen`");
  const operation = document.definitions.find((definition) => definition.kind === "OperationDefinition");
  return { hash: id.slice("sha256:".length), operationName: operation?.name?.value };
}

function isCloseEvent(value: unknown): value is { code: number; reason: string } {
  return typeof value === "object" && value !== null && "code" in value && "reason" in value;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
