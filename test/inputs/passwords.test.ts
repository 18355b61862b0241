import { randomBytes, scryptSync } from "node:crypto";
import { User } from "../../entities";
import { AccountType } from "../../entities/enums";
import { hashPassword, isBelowCurrentCost, verifyPassword } from "../../src/auth/passwords";
import { LoginDocument, SignUpDocument } from "../generated/operations";
import { request } from "../support/graphql-http";
import { testEngine } from "../support/test-database";
import { useGateway } from "../support/use-gateway";

/*
 * Passwords are hashed with scrypt at OWASP's minimum cost (N = 2^17, r = 8,
 * p = 1); a hash made at a lower cost (the gateway's earlier N = 2^14) is
 * replaced at the account's next successful sign-in.
 */

const gateway = useGateway();
const PASSWORD = "correct horse battery";

/** A hash as the gateway wrote them before: scrypt at N = 2^14. */
function oldCostHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize("NFKC"), salt, 64, { N: 16384, r: 8, p: 1 });
  return ["scrypt", 16384, 8, 1, salt.toString("base64url"), key.toString("base64url")].join("$");
}

let accounts = 0;
async function accountWithHash(passwordHash: string): Promise<User> {
  accounts += 1;
  return gateway.app.db.getRepository(User).save({
    email: `hash-${accounts}@example.test`,
    passwordHash,
    name: "Hash Holder",
    accountType: AccountType.TALENT,
    rolesMatchedSeenAt: new Date(),
    createdAt: new Date(),
  });
}

const storedHash = async (id: number) =>
  (await gateway.app.db.getRepository(User).findOneByOrFail({ id })).passwordHash;

const login = (email: string, password: string) => request(gateway.app.url, LoginDocument, { email, password });

describe("a new password hash", () => {
  it("is scrypt with N = 131072, r = 8, p = 1, a 16-byte salt and a 64-byte key", async () => {
    const [scheme, N, r, p, salt, key] = (await hashPassword(PASSWORD)).split("$");
    expect([scheme, N, r, p]).toEqual(["scrypt", "131072", "8", "1"]);
    expect(Buffer.from(salt!, "base64url")).toHaveLength(16);
    expect(Buffer.from(key!, "base64url")).toHaveLength(64);
  });

  it("is what signUp stores", async () => {
    const email = "new-cost@example.test";
    const response = await request(gateway.app.url, SignUpDocument, {
      input: { email, password: PASSWORD, name: "Nina", accountType: "TALENT" },
    });
    const id = Number(response.data!.signUp.user.id);
    const hash = await storedHash(id);
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    await expect(verifyPassword(PASSWORD, hash)).resolves.toBe(true);
  });

  it("counts as below the current cost when any of N, r or p is lower, and not when malformed", () => {
    expect(isBelowCurrentCost("scrypt$16384$8$1$c2FsdA$a2V5")).toBe(true);
    expect(isBelowCurrentCost("scrypt$131072$4$1$c2FsdA$a2V5")).toBe(true);
    expect(isBelowCurrentCost("scrypt$131072$8$1$c2FsdA$a2V5")).toBe(false);
    expect(isBelowCurrentCost("scrypt$262144$8$2$c2FsdA$a2V5")).toBe(false);
    expect(isBelowCurrentCost("not-a-real-hash")).toBe(false);
  });
});

describe("an account whose hash has the old cost (N = 16384)", () => {
  it("signs in, and its hash is replaced by one at the current cost that verifies the same password", async () => {
    const old = oldCostHash(PASSWORD);
    const user = await accountWithHash(old);
    expect((await login(user.email, PASSWORD)).errors).toBeUndefined();

    const upgraded = await storedHash(user.id);
    expect(upgraded).not.toBe(old);
    expect(upgraded).toMatch(/^scrypt\$131072\$8\$1\$/);
    await expect(verifyPassword(PASSWORD, upgraded)).resolves.toBe(true);
    expect((await login(user.email, PASSWORD)).errors).toBeUndefined();
    expect(await storedHash(user.id)).toBe(upgraded);
  });

  it("keeps its old hash after a wrong password", async () => {
    const old = oldCostHash(PASSWORD);
    const user = await accountWithHash(old);
    const response = await login(user.email, "wrong horse battery");
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
    expect(await storedHash(user.id)).toBe(old);
  });

  it("still signs in when the new hash cannot be saved, and keeps the old one", async () => {
    const old = oldCostHash(PASSWORD);
    const user = await accountWithHash(old);
    const db = gateway.app.db;
    if (testEngine === "mysql") {
      await db.query(
        `CREATE TRIGGER refuse_hash_change BEFORE UPDATE ON users FOR EACH ROW
         IF NEW.passwordHash <> OLD.passwordHash THEN
           SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'password hashes are read-only';
         END IF`,
      );
    } else {
      await db.query(
        `CREATE TRIGGER refuse_hash_change BEFORE UPDATE OF passwordHash ON users
         BEGIN SELECT RAISE(ABORT, 'password hashes are read-only'); END`,
      );
    }
    try {
      expect((await login(user.email, PASSWORD)).errors).toBeUndefined();
      expect(await storedHash(user.id)).toBe(old);
    } finally {
      await db.query(`DROP TRIGGER refuse_hash_change`);
    }
  });
});

describe("an unknown email", () => {
  it("takes as long to refuse as a wrong password for an account at the current cost", async () => {
    const user = await accountWithHash(await hashPassword(PASSWORD));
    const median = async (attempt: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        const started = process.hrtime.bigint();
        await attempt();
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      return times.sort((a, b) => a - b)[1]!;
    };
    const wrongPassword = await median(() => login(user.email, "wrong horse battery"));
    const unknownEmail = await median(() => login("nobody-here@example.test", "wrong horse battery"));
    // At the old cost the placeholder would take an eighth of the time.
    expect(unknownEmail / wrongPassword).toBeGreaterThan(0.5);
    expect(unknownEmail / wrongPassword).toBeLessThan(2);
  }, 30_000);
});
