import { createClient, type Client as GraphQLWsClient } from "graphql-ws";
import WebSocket from "ws";
import { SignedOutError, type Session } from "./session";

/*
 * The graphql-ws connection behind urql's subscriptionExchange, set up to
 * outlive gateway restarts: it retries for as long as the app runs, with a
 * capped, randomised backoff (a restarted gateway is not met by every client
 * at once), and every (re)connect authenticates with the session's current
 * token. graphql-ws resubscribes every running operation after a reconnect,
 * so the gateway sends the counts snapshot again, fresh.
 */

/** The gateway's close codes that a retry can get past: 4403 with a newer token, 4430 once a socket frees up. */
const RETRYABLE_4400_CODES = new Set([4403, 4430, 4499]);
const SIGNED_OUT = 4401;

export type LiveStatus = "connecting" | "connected" | "disconnected" | "reconnecting" | "signed-out" | "stopped";

export interface LiveSocketOptions {
  /** The gateway's GraphQL endpoint (http or ws; the websocket is on the same URL). */
  url: string;
  session: Session;
  /** A WebSocket class; `ws` by default (Node 20 has no global WebSocket). */
  webSocketImpl?: unknown;
  /** The backoff between attempts: min(cap, base * 2^retries), randomised to 50–100 %. */
  retryBaseMs?: number;
  retryCapMs?: number;
  onStatus?(status: LiveStatus, detail?: string): void;
}

export interface LiveSocket {
  readonly client: GraphQLWsClient;
  /** Stops retrying and closes the socket. */
  dispose(): Promise<void>;
}

export function createLiveSocket(options: LiveSocketOptions): LiveSocket {
  const { session, onStatus = () => {} } = options;
  const retryBaseMs = options.retryBaseMs ?? 500;
  const retryCapMs = options.retryCapMs ?? 3_000;
  const stopWaiting = new AbortController();
  // The token this connection authenticated with: a 4403 for an older one only means it expired meanwhile.
  let connectedWith: string | null = null;

  const client = createClient({
    url: options.url.replace(/^http/, "ws"),
    webSocketImpl: options.webSocketImpl ?? WebSocket,
    retryAttempts: Infinity,
    connectionParams: async () => {
      // Throwing here (signed out) closes the socket 4500, which graphql-ws never retries.
      connectedWith = session.requireToken();
      return { authorization: `Bearer ${connectedWith}` };
    },
    shouldRetry(errorOrClose) {
      if (session.signedOut || stopWaiting.signal.aborted) return false;
      if (errorOrClose instanceof SignedOutError) return false;
      // Not a close event: the gateway is unreachable (down, restarting): try again.
      if (!isCloseEvent(errorOrClose)) return true;
      const { code } = errorOrClose;
      if (code === SIGNED_OUT) return false;
      return code < 4400 || code > 4499 || RETRYABLE_4400_CODES.has(code);
    },
    retryWait: (retries) =>
      wait(Math.min(retryCapMs, retryBaseMs * 2 ** retries) * (0.5 + Math.random() / 2), stopWaiting.signal),
    on: {
      connecting: (isRetry) => onStatus(isRetry ? "reconnecting" : "connecting"),
      connected: () => onStatus("connected"),
      closed: (event) => {
        if (stopWaiting.signal.aborted) return;
        const { code, reason } = isCloseEvent(event) ? event : { code: 0, reason: "" };
        const refusedCurrentToken = code === 4403 && connectedWith !== null && connectedWith === session.token;
        if (code === SIGNED_OUT || refusedCurrentToken) {
          session.signOut(new SignedOutError(`The gateway refused the token (${code} ${reason})`));
        }
        onStatus(session.signedOut ? "signed-out" : "disconnected", `${code} ${reason}`.trim());
      },
    },
  });

  return {
    client,
    async dispose() {
      stopWaiting.abort();
      // Stopped between two attempts, graphql-ws rejects the attempt it was waiting to make: nothing to report.
      await Promise.resolve(client.dispose()).catch(() => {});
      onStatus("stopped");
    },
  };
}

function isCloseEvent(value: unknown): value is { code: number; reason: string } {
  return typeof value === "object" && value !== null && "code" in value && "reason" in value;
}

/** Resolves after `ms`, or at once when the signal aborts (so stopping never waits out a backoff). */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}
