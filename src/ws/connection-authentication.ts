import type { SignedInViewer, TokenService } from "../auth/tokens";
import { viewerFromAuthorization } from "../auth/tokens";
import { ExpiredTokenError, InvalidTokenError, MalformedAuthorizationError } from "../errors";
import { CloseCodes } from "./close-codes";

/** How a socket is closed when its connection_init cannot sign in. */
export interface ConnectionRefusal {
  readonly code: (typeof CloseCodes)[keyof typeof CloseCodes];
  readonly reason: string;
}

/**
 * The close reasons of a refused connection_init: fixed texts, so nothing of a
 * token or of the JWT library's messages reaches the client, and each within a
 * close frame's 123 bytes. Each says what to do, since a graphql-ws client
 * reports only the close event to the app.
 */
export const SignInCloseReasons = {
  missing: 'Authorization required: send connectionParams { authorization: "Bearer <token>" }',
  malformed: 'Malformed authorization: send connectionParams { authorization: "Bearer <token>" }',
  invalid: "Invalid token: sign in again",
  expired: "Token expired",
} as const;

/**
 * The viewer of a connection_init's `connectionParams.authorization`, or how to
 * close the socket: an expired token with 4403, which graphql-ws clients retry
 * (calling `connectionParams` again, where an app refreshes its token), and
 * everything else with 4401, which they do not (the same value can never pass).
 */
export function authenticateConnection(
  tokens: TokenService,
  authorization: unknown,
): { viewer: SignedInViewer & { expiresAt: Date } } | { refusal: ConnectionRefusal } {
  const refuse = (code: ConnectionRefusal["code"], reason: string) => ({ refusal: { code, reason } });
  try {
    const viewer = viewerFromAuthorization(tokens, authorization);
    return viewer ? { viewer } : refuse(CloseCodes.Unauthorized, SignInCloseReasons.missing);
  } catch (error) {
    // The subclasses first: both are InvalidTokenErrors.
    if (error instanceof ExpiredTokenError) return refuse(CloseCodes.TokenExpired, SignInCloseReasons.expired);
    if (error instanceof MalformedAuthorizationError)
      return refuse(CloseCodes.Unauthorized, SignInCloseReasons.malformed);
    if (error instanceof InvalidTokenError) return refuse(CloseCodes.Unauthorized, SignInCloseReasons.invalid);
    throw error;
  }
}
