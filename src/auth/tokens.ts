import { createSecretKey } from "node:crypto";
import jwt from "jsonwebtoken";
import { AccountType } from "../../entities/enums";
import { ExpiredTokenError, InvalidTokenError, MalformedAuthorizationError } from "../errors";

/** Who is calling: all that authorization needs, taken from a verified token. */
export interface Viewer {
  readonly id: number;
  readonly accountType: AccountType;
}

export interface TokenService {
  /** A signed bearer token for the user, valid for the configured time. */
  issue(viewer: Viewer): string;
  /** The viewer a token stands for; throws InvalidTokenError when forged or malformed, ExpiredTokenError when expired. */
  verify(token: string): Viewer & { expiresAt: Date };
}

const ISSUER = "talent-dashboard";
const ALGORITHM = "HS256";

export function createTokenService(options: { secret: string; ttlSeconds: number }): TokenService {
  // A key object, made once: given a string, jsonwebtoken first tries to parse
  // it as a PEM key on every call (a tenth of the gateway's CPU under load).
  const key = createSecretKey(Buffer.from(options.secret, "utf8"));
  return {
    issue(viewer) {
      return jwt.sign({ acct: viewer.accountType }, key, {
        algorithm: ALGORITHM,
        issuer: ISSUER,
        subject: String(viewer.id),
        expiresIn: options.ttlSeconds,
      });
    },
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
      if (!Number.isSafeInteger(id) || id <= 0 || !Object.values(AccountType).includes(accountType) || !claims.exp) {
        throw new InvalidTokenError("The token is invalid");
      }
      return { id, accountType, expiresAt: new Date(claims.exp * 1000) };
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
): (Viewer & { expiresAt: Date }) | null {
  if (authorization === undefined || authorization === null || authorization === "") return null;
  if (typeof authorization !== "string")
    throw new MalformedAuthorizationError("The authorization value must be a string");
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw new MalformedAuthorizationError("The authorization value must be 'Bearer <token>'");
  return tokens.verify(match[1]!);
}
