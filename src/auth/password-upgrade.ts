import type { DataSource } from "typeorm";
import { User } from "../../entities/user.entity";
import { transaction } from "../db/transaction";
import { hashPassword, isBelowCurrentCost } from "./passwords";

/**
 * Called after a successful sign-in, with the password that was just
 * verified: a hash made at a lower cost than the current one is replaced by
 * one at the current cost, so old accounts reach the new cost as they sign
 * in. Only the hash that was verified is replaced (a password changed
 * meanwhile stays). Never fails the sign-in: an error while hashing or saving
 * leaves the old hash, and the next sign-in tries again. Resolves to whether
 * a new hash was saved.
 */
export async function upgradePasswordHashIfOutdated(db: DataSource, user: User, password: string): Promise<boolean> {
  if (!isBelowCurrentCost(user.passwordHash)) return false;
  try {
    const passwordHash = await hashPassword(password);
    // Through transaction(): on SQLite a bare write would join whatever transaction is open.
    const { affected } = await transaction(db, (manager) =>
      manager.update(User, { id: user.id, passwordHash: user.passwordHash }, { passwordHash }),
    );
    if (affected !== 1) return false;
    user.passwordHash = passwordHash;
    return true;
  } catch {
    return false;
  }
}
