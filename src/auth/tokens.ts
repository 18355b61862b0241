import { createSecretKey } from "node:crypto";
import jwt from "jsonwebtoken";
import { AccountType } from "../../entities/enums";
import { ExpiredTokenError, InvalidTokenError, MalformedAuthorizationError } from "../errors";

/** Who is calling: all that authorization needs, taken from a verified token. */
export interface Viewer {
  readonly id: number;
  readonly accountType: AccountType;
}

/** A viewer as a token presents it: with the time its session began, which `refreshToken` keeps. */
export interface SignedInViewer extends Viewer {
  /** The sign-in that this token, or the tokens it was refreshed from, came from. */
  readonly signedInAt: Date;
}

export interface IssuedToken {
  readonly token: string;
  readonly expiresAt: Date;
}

export interface TokenService {
  /**
   * A signed bearer token for the user, valid for the configured time but never
   * past the session's maximum age. `signedInAt` is now for a sign-in, and the
   * old token's for a refresh, so refreshing cannot stretch a session for ever.
   */
  issue(viewer: Viewer, signedInAt?: Date): IssuedToken;
  /** The viewer a token stands for; throws InvalidTokenError when forged or malformed, ExpiredTokenError when expired. */
  verify(token: string): SignedInViewer & { expiresAt: Date };
  /** When a session that began at `signedInAt` ends: no token of it is valid after. */
  sessionEndsAt(signedInAt: Date): Date;
}

const ISSUER = "talent-dashboard";
const ALGORITHM = "HS256";

export function createTokenService(options: {
  secret: string;
  ttlSeconds: number;
  sessionMaxAgeSeconds: number;
}): TokenService {
  // A key object, made once: given a string, jsonwebtoken first tries to parse
  // it as a PEM key on every call (a tenth of the gateway's CPU under load).
  const key = createSecretKey(Buffer.from(options.secret, "utf8"));
  const sessionEndsAt = (signedInAt: Date) => new Date(signedInAt.getTime() + options.sessionMaxAgeSeconds * 1000);
  return {
    issue(viewer, signedInAt = new Date()) {
      const now = Date.now();
      const expiresAt = Math.min(now + options.ttlSeconds * 1000, sessionEndsAt(signedInAt).getTime());
      const claims = {
        acct: viewer.accountType,
        // OpenID Connect's name for the time of the sign-in, in seconds.
        auth_time: Math.floor(signedInAt.getTime() / 1000),
        exp: Math.floor(expiresAt / 1000),
      };
      const token = jwt.sign(claims, key, { algorithm: ALGORITHM, issuer: ISSUER, subject: String(viewer.id) });
      return { token, expiresAt: new Date(claims.exp * 1000) };
    },
    sessionEndsAt,
    verify(token) {
      let claims: jwt.JwtPayload;
      try {
        // Pinning the algorithm refuses `alg: none` and key-confusion tokens.
        claims = jwt.verify(token, key, { algorithms: [ALGORITHM], issuer: ISSUER }) as jwt.JwtPayload;
      } catch (error) {
        if (error instanceof jwt.TokenExpiredError) throw new ExpiredTokenError();
        throw new InvalidTokenError("The token is invalid");
      }
      const id = Number(claims.sub);
      const accountType = claims.acct as AccountType;
      // Tokens issued before sessions were tracked carry no auth_time: their session began when they were issued.
      const signedInAt = claims.auth_time ?? claims.iat;
      if (
        !Number.isSafeInteger(id) ||
        id <= 0 ||
        !Object.values(AccountType).includes(accountType) ||
        !claims.exp ||
        !Number.isSafeInteger(signedInAt)
      ) {
        throw new InvalidTokenError("The token is invalid");
      }
      return { id, accountType, signedInAt: new Date(signedInAt * 1000), expiresAt: new Date(claims.exp * 1000) };
    },
  };
}

/**
 * The viewer behind an `Authorization` value (`Bearer <token>`), or null when
 * there is none. A present but unusable value is an error, never anonymous.
 */
export function viewerFromAuthorization(
  tokens: TokenService,
  authorization: unknown,
): (SignedInViewer & { expiresAt: Date }) | null {
  if (authorization === undefined || authorization === null || authorization === "") return null;
  if (typeof authorization !== "string")
    throw new MalformedAuthorizationError("The authorization value must be a string");
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw new MalformedAuthorizationError("The authorization value must be 'Bearer <token>'");
  return tokens.verify(match[1]!);
}
