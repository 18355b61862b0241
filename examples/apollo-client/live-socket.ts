import { createClient, type Client } from "graphql-ws";

/** What the live connection is doing, for a status indicator. */
export type LiveStatus = "idle" | "connecting" | "connected" | "reconnecting" | "signed-out";

export interface LiveSocketOptions {
  /** The gateway's websocket URL (its GraphQL URL with ws: or wss:). */
  url: string;
  /** The current token, read at every (re)connect; null when signed out. */
  token: () => string | null;
  /** `ws` on Node (Node < 22 has no global WebSocket). */
  webSocketImpl: unknown;
  onStatus?: (status: LiveStatus) => void;
  /** The gateway refused the token this client holds (not an expired one it has replaced since): sign in again. */
  onTokenRefused?: (closeCode: number, reason: string) => void;
}

/** Reconnect delays: 0.5 s, 1 s, 2 s, 4 s, then 5 s, each 50–100 % of that so clients spread out after a restart. */
const RETRY_BASE_MS = 500;
const RETRY_CAP_MS = 5_000;

/** The gateway's close codes that are about the token (src/ws/close-codes.ts). */
const TOKEN_REFUSED = 4401;
const FORBIDDEN = 4403;

class SignedOutError extends Error {
  constructor() {
    super("Signed out: no token to connect with");
  }
}

/**
 * A graphql-ws client that keeps reconnecting: graphql-ws's defaults give up
 * after 5 retries and never retry a refused connection (an error event, not a
 * close event), so a gateway restart with a few seconds of downtime ended
 * every subscription. On reconnect graphql-ws subscribes again to everything
 * still subscribed, and the gateway answers notificationCounts with fresh counts.
 *
 * It stops for good only when the token itself is refused: 4401, or 4403 for
 * the same token it just sent (4403 for a token that has been refreshed since
 * is the gateway closing a socket whose token expired: reconnect with the new one).
 */
export function createLiveSocket(options: LiveSocketOptions): Client {
  let tokenSent: string | null = null;

  const tokenRefused = (event: unknown): event is CloseLike =>
    isCloseLike(event) && (event.code === TOKEN_REFUSED || (event.code === FORBIDDEN && options.token() === tokenSent));

  return createClient({
    url: options.url,
    webSocketImpl: options.webSocketImpl,
    connectionParams: () => {
      const token = options.token();
      if (!token) throw new SignedOutError();
      tokenSent = token;
      return { authorization: `Bearer ${token}` };
    },
    retryAttempts: Infinity,
    retryWait: async (retries) => {
      const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** retries);
      await new Promise((resolve) => setTimeout(resolve, ceiling * (0.5 + Math.random() / 2)));
    },
    // graphql-ws itself never retries 4400, 4401, 4406, 4409, 4429 and 4500.
    shouldRetry: (event) => !(event instanceof SignedOutError) && !tokenRefused(event),
    on: {
      connecting: (isRetry) => options.onStatus?.(isRetry ? "reconnecting" : "connecting"),
      connected: () => options.onStatus?.("connected"),
      closed: (event) => {
        if (tokenRefused(event)) {
          options.onStatus?.("signed-out");
          options.onTokenRefused?.(event.code, event.reason);
        } else if (!options.token()) {
          options.onStatus?.("signed-out");
        } else {
          // 1000: the last subscription ended (or dispose()); anything else is retried.
          options.onStatus?.(isCloseLike(event) && event.code === 1000 ? "idle" : "reconnecting");
        }
      },
    },
  });
}

interface CloseLike {
  code: number;
  reason: string;
}

function isCloseLike(value: unknown): value is CloseLike {
  return typeof value === "object" && value !== null && "code" in value && "reason" in value;
}
