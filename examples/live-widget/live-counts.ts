import { createClient, type Client } from "graphql-ws";
import { followItems, type LatestItem } from "./live-items";
import { documentPayload } from "./persisted-query";
import { WidgetCountsDocument, type WidgetCountsSubscription } from "./generated/operations";

/*
 * The At a Glance counts over graphql-ws, configured as a long-lived page
 * should be: it reconnects for ever (a gateway restart closes sockets with
 * 1012; a lost network is an error event, which graphql-ws would not retry by
 * default), with a capped, jittered backoff so a restarted gateway is not met
 * by every page at once, pings to notice a connection that died silently, and
 * the token read afresh for each connection. It stops only when the gateway
 * refuses the sign-in itself: the same token would be refused again.
 */

export type Counts = WidgetCountsSubscription["notificationCounts"];

export type LiveState =
  | { kind: "connecting" }
  | { kind: "live" }
  | { kind: "reconnecting" }
  | { kind: "signed-out"; reason: string }
  | { kind: "failed"; reason: string };

/** The gateway's close codes for a token it will not take again (src/ws/close-codes.ts): sign in anew. */
const SIGNED_OUT_BY_CLOSE_CODE: Readonly<Record<number, string>> = {
  4401: "the gateway did not accept your sign-in",
  4403: "your session has expired",
};

const PING_EVERY_MS = 15_000;
const PONG_WITHIN_MS = 5_000;
const RETRY_CEILING_MS = 30_000;

/** One signed-in session's counts and new items: follow once, stop once. */
export interface LiveCounts {
  /** Subscribes (connecting when needed) until `stop()` or a refused sign-in. */
  follow(): Promise<void>;
  /** Unsubscribes, for good; the socket closes with the last subscription. */
  stop(): void;
}

export function createLiveCounts(options: {
  /** The gateway's HTTP URL; the websocket is the same URL with ws(s). */
  gatewayUrl: string;
  /** The token to present; read on every (re)connection. */
  token: () => string | null;
  onCounts: (counts: Counts) => void;
  /** Each new message, invitation and self-tape request, also those that came while the socket was down. */
  onItem: (item: LatestItem) => void;
  onState: (state: LiveState) => void;
}): LiveCounts {
  const { onCounts, onState } = options;
  let unsubscribe: (() => void) | null = null;
  let stopItems: (() => void) | null = null;
  let stopped = false;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;

  const client: Client = createClient({
    url: options.gatewayUrl.replace(/^http/, "ws"),
    // Lazy: the socket opens with the first subscription (after sign-in) and closes with the last.
    lazy: true,
    connectionParams: () => ({ authorization: `Bearer ${options.token() ?? ""}` }),
    retryAttempts: Infinity,
    shouldRetry: (errorOrClose) => signedOutReason(errorOrClose) === null,
    retryWait: (retries) => wait(Math.min(1000 * 2 ** retries, RETRY_CEILING_MS) * (0.5 + Math.random() / 2)),
    keepAlive: PING_EVERY_MS,
    on: {
      connecting: (isRetry) => onState({ kind: isRetry ? "reconnecting" : "connecting" }),
      connected: () => onState({ kind: "live" }),
      closed: (event) => {
        clearTimeout(pongTimer);
        if (unsubscribe && signedOutReason(event) === null) onState({ kind: "reconnecting" });
      },
      // No pong in time: the connection died without a close frame. terminate() drops it now, then the client retries.
      ping: (received) => {
        if (!received) pongTimer = setTimeout(() => client.terminate(), PONG_WITHIN_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
    },
  });

  return {
    async follow() {
      const payload = await documentPayload(WidgetCountsDocument);
      if (stopped || unsubscribe) return;
      const dispose = client.subscribe<WidgetCountsSubscription>(payload, {
        next: (result) => {
          if (result.data) onCounts(result.data.notificationCounts);
          else onState({ kind: "failed", reason: messagesOf(result.errors) });
        },
        error: (error) => {
          unsubscribe = null;
          const signedOut = signedOutReason(error);
          onState(
            signedOut === null
              ? { kind: "failed", reason: describe(error) }
              : { kind: "signed-out", reason: signedOut },
          );
        },
        complete: () => {
          unsubscribe = null;
        },
      });
      unsubscribe = dispose;
      const stop = await followItems(client, options.onItem);
      if (stopped) stop();
      else stopItems = stop;
    },
    stop() {
      stopped = true;
      const dispose = unsubscribe;
      unsubscribe = null;
      stopItems?.();
      stopItems = null;
      dispose?.();
    },
  };
}

function signedOutReason(errorOrClose: unknown): string | null {
  return isCloseEvent(errorOrClose) ? (SIGNED_OUT_BY_CLOSE_CODE[errorOrClose.code] ?? null) : null;
}

function isCloseEvent(value: unknown): value is { code: number; reason: string } {
  return typeof value === "object" && value !== null && "code" in value && "reason" in value;
}

/** A close event, or the GraphQL errors the gateway answered the subscription with. */
function describe(error: unknown): string {
  if (isCloseEvent(error))
    return `the live connection closed (${error.code}${error.reason ? `: ${error.reason}` : ""})`;
  if (Array.isArray(error)) return messagesOf(error);
  return error instanceof Error ? error.message : "the live connection failed";
}

function messagesOf(errors: ReadonlyArray<{ message: string }> | undefined): string {
  return errors?.map((error) => error.message).join("; ") || "the gateway sent no counts";
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
