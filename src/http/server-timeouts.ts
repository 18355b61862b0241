import type { ServerOptions } from "node:http";

/** How long a client may take to send a request, so that slow senders cannot hold connections. */
export interface HttpTimeouts {
  /** The whole request, headers and body; Node answers 408 and closes the connection after it. */
  readonly requestTimeoutMs: number;
  /** The request line and headers alone; at most `requestTimeoutMs`. */
  readonly headersTimeoutMs: number;
  /**
   * How long an idle keep-alive connection stays open for the client's next
   * request. Node's 5 s default is shorter than what a load balancer keeps its
   * pooled connections idle for (60 s on AWS's, nginx's upstream default): one
   * that reuses a connection just as Node closes it gets a reset, and its client
   * a 502, for a request that never arrived. Above the balancer's, the
   * balancer always closes first.
   */
  readonly keepAliveTimeoutMs: number;
}

/**
 * The http.Server options that enforce the timeouts. Node checks them only
 * every `connectionsCheckingInterval` (30 s by default, which would let a
 * 2 s limit run to 32 s): here at most every second, and at least four times
 * per headers timeout. A connection is checked only while a request is being
 * received: idle keep-alive connections (keepAliveTimeout) and upgraded
 * websockets are not affected, nor is the time a response takes.
 */
export function httpServerOptions(timeouts: HttpTimeouts): ServerOptions {
  return {
    requestTimeout: timeouts.requestTimeoutMs,
    headersTimeout: timeouts.headersTimeoutMs,
    keepAliveTimeout: timeouts.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(timeouts.headersTimeoutMs / 4))),
  };
}
