import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/*
 * Passwords are stored as `scrypt$N$r$p$salt$hash` (base64url parts), so the
 * cost can be raised later and old hashes still verify with their own cost
 * (and are re-hashed at the current cost on the next sign-in, see
 * password-upgrade.ts).
 */

export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

const KEY_LENGTH = 64;
/** OWASP's minimum for scrypt (Password Storage Cheat Sheet): 2^17, 8, 1; 128 MiB per hash. */
export const PASSWORD_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  // scrypt needs 128·N·r bytes (plus a little): Node's 32 MiB default refuses N = 2^17 outright.
  const maxmem = 2 * 128 * cost.N * cost.r;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, { ...cost, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** A slow, salted hash of the password at the current cost (scrypt; see BENCHMARKS.md for its time). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PASSWORD_COST);
  const { N, r, p } = PASSWORD_COST;
  return ["scrypt", N, r, p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** The cost a stored hash was made with, or null when it is not a well-formed scrypt hash. */
export function costOf(stored: string): ScryptCost | null {
  const [scheme, N, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return null;
  const cost = { N: Number(N), r: Number(r), p: Number(p) };
  const valid = Object.values(cost).every((value) => Number.isSafeInteger(value) && value > 0);
  return valid ? cost : null;
}

/** True when the hash was made with less than the current cost in any parameter. */
export function isBelowCurrentCost(stored: string): boolean {
  const cost = costOf(stored);
  if (!cost) return false;
  return cost.N < PASSWORD_COST.N || cost.r < PASSWORD_COST.r || cost.p < PASSWORD_COST.p;
}

/** True when the password produces the stored hash; false for any other password or a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const cost = costOf(stored);
  if (!cost) return false;
  const [, , , , salt, hash] = stored.split("$");
  const expected = Buffer.from(hash!, "base64url");
  const actual = await derive(password, Buffer.from(salt!, "base64url"), cost);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
