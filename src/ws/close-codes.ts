/*
 * Why the server closes a socket. graphql-ws clients reconnect after 4403 (a
 * client with a fresh token gets in), 1012 and 1013; 4408 and 1009 are final.
 */
export const CloseCodes = {
  /** No, a malformed or an expired token (also when it expires mid-connection). */
  Forbidden: 4403,
  /** The server is shutting down; reconnect (to another instance). */
  ServiceRestart: 1012,
  /** The client stopped reading and its outgoing buffer filled up. */
  TryAgainLater: 1013,
} as const;
