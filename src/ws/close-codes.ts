/*
 * Why the server closes a socket. What a graphql-ws 6 client does next decides
 * each code (its `shouldRetryConnectOrThrow`): it gives up at once on 4401 and
 * 4406 (and on graphql-ws's own 4400, 4409, 4429 and 4500, and on 1009 and the
 * other 1xxx codes but 1000, 1001, 1005, 1006, 1012, 1013 and 1014), reporting
 * the close to the app; it retries every other code with its backoff (five times
 * by default, about 40 s in all), calling the app's `connectionParams` function
 * again each time. So a failure that a new connection cannot fix is fatal here,
 * or the app would learn of it only after the last retry; one that it can fix
 * (a refreshed token, a freed slot, a restarted server) is retryable.
 * graphql-ws's own codes keep their meaning: 4408 no connection_init in time
 * (retried), 4400 an invalid message, 4429 a second connection_init; ws's 1009
 * is a frame over the size limit.
 */
export const CloseCodes = {
  /**
   * No usable credentials at connection_init: no token, an authorization value
   * that is not `Bearer <token>`, or a token that does not verify (forged, another
   * key or issuer, `alg: none`, bad claims). Fatal for graphql-ws clients, so the
   * app hears of it at once: sending the same value again cannot succeed.
   */
  Unauthorized: 4401,
  /**
   * The token has expired, at connection_init or later while connected. Retried
   * by graphql-ws clients, whose next attempt calls `connectionParams` again: an
   * app that refreshes its token there gets back in. That is the refresh path.
   */
  TokenExpired: 4403,
  /**
   * A socket that offered only subscriptions-transport-ws's subprotocol
   * (`graphql-ws`), told so in its own protocol first (src/ws/legacy-protocol-refusal.ts).
   * graphql-ws clients treat 4406 as fatal too; they never offer that subprotocol.
   */
  SubprotocolNotAcceptable: 4406,
  /** The server is shutting down; reconnect (to another instance). Retried. */
  ServiceRestart: 1012,
  /** The client stopped reading and its outgoing buffer filled up. Retried. */
  TryAgainLater: 1013,
  /**
   * The client address or the account already holds its limit of open sockets
   * on this instance. Not 4429, which graphql-ws uses for a second
   * connection_init and its clients treat as final: after 4430 they retry with
   * their backoff and get in once another socket has closed.
   */
  TooManyConnections: 4430,
} as const;

/** A close frame's reason is at most 123 bytes of UTF-8 (RFC 6455 §5.5); ws throws past that. */
export const MAX_CLOSE_REASON_BYTES = 123;
