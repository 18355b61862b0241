import { ClientError } from "graphql-request";

/**
 * The gateway will not take this session: a wrong password, a refused token
 * (forged, expired, or a session past its maximum age) over HTTP, or a
 * websocket the gateway closed as unauthorized. Retrying cannot help; the
 * user has to sign in again. Everything else (network errors, restarts, 503s)
 * is worth retrying and never becomes this error.
 */
export class SignedOutError extends Error {
  override readonly name = "SignedOutError";
}

/**
 * Whether graphql-request's error is the gateway refusing the credentials: an
 * unusable token fails the whole request with 401, and a wrong password (or an
 * account deleted since) is `UNAUTHENTICATED` in a 200.
 */
export function isUnauthenticated(error: unknown): error is ClientError {
  if (!(error instanceof ClientError)) return false;
  return (
    error.response.status === 401 ||
    (error.response.errors ?? []).some((item) => item.extensions?.code === "UNAUTHENTICATED")
  );
}

/** The gateway's own message (ClientError's message appends the whole request and response as JSON). */
export function gatewayMessage(error: ClientError): string {
  return error.response.errors?.[0]?.message ?? `HTTP ${error.response.status}`;
}
