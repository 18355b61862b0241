import type { DataSource } from "typeorm";
import { AccountType } from "../../entities/enums";
import { TalentProfile } from "../../entities/talent-profile.entity";
import { User } from "../../entities/user.entity";
import { characterCount, hasCharacterCountWithin } from "../character-count";
import { transaction } from "../db/transaction";
import { isUniqueViolation } from "../db/unique-violation";
import { BadUserInputError, DeletedAccountError, UnauthenticatedError } from "../errors";
import { upgradePasswordHashIfOutdated } from "./password-upgrade";
import { hashPassword, verifyPassword } from "./passwords";
import type { LoginThrottle } from "./login-throttle";
import type { SignedInViewer, TokenService } from "./tokens";

export interface SignUpData {
  email: string;
  password: string;
  name: string;
  accountType: AccountType;
}

export interface SignedIn {
  token: string;
  expiresAt: Date;
  user: User;
}

export interface AccountService {
  /** Creates the account (and a talent's empty profile) and signs it in. */
  signUp(data: SignUpData): Promise<SignedIn>;
  /** Signs in; one message for an unknown email and a wrong password alike; throttled per account and client. */
  login(email: string, password: string, clientAddress: string | null): Promise<SignedIn>;
  /**
   * A fresh token for a signed-in viewer whose token is still valid, in the same
   * session: it expires after the usual time, but never past the session's end
   * (SESSION_MAX_AGE_SECONDS after the sign-in), so a stolen token cannot be
   * kept alive for ever. After that, only signing in again gives a token.
   */
  refresh(viewer: SignedInViewer, now: Date): Promise<SignedIn>;
}

const WRONG_CREDENTIALS = "Invalid email or password";
/** Longer passwords are refused before hashing: scrypt's cost grows with its input. */
export const PASSWORD_MAX_LENGTH = 200;
/** The `users.email` column's size, in characters (code points). */
export const EMAIL_MAX_LENGTH = 254;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Verified against when the email is unknown, so both failures take the same
 * time. One per process, not per service: a traced request's services are
 * made for it (src/app.ts), and a hash made on its login would make that
 * login take twice as long as a known email's.
 */
let unknownUserHash: Promise<string> | null = null;

export function createAccountService(db: DataSource, tokens: TokenService, throttle: LoginThrottle): AccountService {
  const signedIn = (user: User, signedInAt?: Date): SignedIn => ({ ...tokens.issue(user, signedInAt), user });

  return {
    async signUp(data) {
      const email = normalizeEmail(data.email);
      // Lower-casing can lengthen a text ("İ" becomes "i̇"): the column holds the normalized form.
      if (characterCount(email) > EMAIL_MAX_LENGTH) {
        throw new BadUserInputError(`Invalid email: must be at most ${EMAIL_MAX_LENGTH} characters`, "email");
      }
      const name = data.name.trim();
      if (!name) throw new BadUserInputError("Invalid name: must not be blank", "name");
      const passwordHash = await hashPassword(data.password);
      const now = new Date();
      const user = await transaction(db, async (manager) => {
        if (await manager.existsBy(User, { email })) throw emailTaken(email);
        const created = await manager.save(
          manager.create(User, {
            email,
            passwordHash,
            name,
            accountType: data.accountType,
            rolesMatchedSeenAt: now,
            createdAt: now,
          }),
        );
        if (created.accountType === AccountType.TALENT) {
          await manager.insert(TalentProfile, { talentId: created.id, updatedAt: now });
        }
        return created;
      }).catch((error: unknown) => {
        // Two sign-ups racing for one email: the unique index decides, the loser hears why.
        throw isUniqueViolation(error) ? emailTaken(email) : error;
      });
      return signedIn(user);
    },

    async login(email, password, clientAddress) {
      const normalized = normalizeEmail(email).slice(0, 254);
      // Looked up first: the throttle counts the account the database matches, whatever the spelling.
      const user = await db.getRepository(User).findOneBy({ email: normalized });
      const target = user ? { accountId: user.id } : { unknownEmail: normalized };
      await throttle.attempt(target, clientAddress);
      const fail = () => new UnauthenticatedError(WRONG_CREDENTIALS);
      if (!hasCharacterCountWithin(password, 0, PASSWORD_MAX_LENGTH)) throw fail();
      unknownUserHash ??= hashPassword("placeholder for unknown accounts");
      const matches = await verifyPassword(password, user?.passwordHash ?? (await unknownUserHash));
      if (!user || !matches) throw fail();
      await throttle.succeeded(target, clientAddress);
      await upgradePasswordHashIfOutdated(db, user, password);
      return signedIn(user);
    },

    async refresh(viewer, now) {
      // A minute's margin: a token refreshed in its session's last minute would be gone before it is used.
      if (tokens.sessionEndsAt(viewer.signedInAt).getTime() - now.getTime() < 60_000) {
        throw new UnauthenticatedError("This session has reached its maximum age: sign in again");
      }
      const user = await db.getRepository(User).findOneBy({ id: viewer.id });
      if (!user) throw new DeletedAccountError();
      return signedIn(user, viewer.signedInAt);
    },
  };
}

function emailTaken(email: string): BadUserInputError {
  return new BadUserInputError(`Email '${email}' is already registered`, "email");
}
