/*
 * Why the server closes a socket. graphql-ws clients reconnect after 4403 (a
 * client with a fresh token gets in), 4430, 1012 and 1013; 4408 and 1009 are final.
 */
export const CloseCodes = {
  /** No, a malformed or an expired token (also when it expires mid-connection). */
  Forbidden: 4403,
  /** The server is shutting down; reconnect (to another instance). */
  ServiceRestart: 1012,
  /** The client stopped reading and its outgoing buffer filled up. */
  TryAgainLater: 1013,
  /**
   * The client address or the account already holds its limit of open sockets
   * on this instance. Not 4429, which graphql-ws uses for a second
   * connection_init and its clients treat as final: after 4430 they retry with
   * their backoff and get in once another socket has closed.
   */
  TooManyConnections: 4430,
} as const;
