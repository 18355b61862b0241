import { print } from "graphql";
import { LoginDocument, SignUpDocument } from "../generated/operations";
import { postWithHeaders } from "../support/http-with-headers";
import { startTestApp, testConfig, type StartedTestApp } from "../support/test-app";
import { createTestDatabase, testEngine, type TestDatabase } from "../support/test-database";

/*
 * The sign-in throttle counts failures per account id (found by email, as the
 * database compares emails) and per client address. RATE_LIMITS=off (the
 * test default) leaves it on. TRUST_PROXY=loopback lets each test sign in
 * from an address of its own through X-Forwarded-For.
 */

let database: TestDatabase;
let gateway: StartedTestApp;
let addresses = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  gateway = await startTestApp(
    testConfig(database.config, { RATE_LIMITS: "off", TRUST_PROXY: "loopback", LOGIN_MAX_FAILURES_PER_CLIENT: "8" }),
  );
});

afterAll(async () => {
  await gateway?.app.stop();
  await database?.drop();
});

const PASSWORD = "the right password";
const LOGIN = print(LoginDocument);

function freshAddress(): string {
  addresses += 1;
  return `203.0.113.${addresses}`;
}

function login(email: string, password: string, address: string) {
  return postWithHeaders(gateway.app.url, LOGIN, { email, password }, { headers: { "x-forwarded-for": address } });
}

async function signUp(email: string): Promise<void> {
  const response = await postWithHeaders(gateway.app.url, print(SignUpDocument), {
    input: { email, password: PASSWORD, name: "Throttled", accountType: "TALENT" },
  });
  expect(response.errors).toBeUndefined();
}

async function failTimes(times: number, emails: (attempt: number) => string, address: string): Promise<void> {
  for (let attempt = 0; attempt < times; attempt += 1) {
    const wrong = await login(emails(attempt), `guess ${attempt}`, address);
    expect(wrong.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  }
}

describe("the sign-in throttle", () => {
  it("refuses an account after 5 failures, even with the right password, with 429 and Retry-After", async () => {
    const email = "throttled@example.test";
    await signUp(email);
    await failTimes(5, () => email, freshAddress());

    const refused = await login(email, PASSWORD, freshAddress());
    expect(refused.status).toBe(429);
    expect(refused.data).toBeNull();
    const retryAfterSeconds = refused.errors?.[0]?.extensions?.retryAfterSeconds as number;
    expect(retryAfterSeconds).toBeGreaterThan(890);
    expect(retryAfterSeconds).toBeLessThanOrEqual(900);
    expect(refused.headers.get("retry-after")).toBe(String(retryAfterSeconds));
    expect(refused.errors?.[0]?.extensions).toEqual({ code: "TOO_MANY_REQUESTS", retryAfterSeconds });
    expect(refused.errors?.[0]?.message).toBe(
      `Too many failed sign-in attempts; try again in ${retryAfterSeconds} seconds`,
    );
  });

  it("refuses the locked account under every spelling the database takes for its email", async () => {
    const email = "spelled@example.test";
    await signUp(email);
    await failTimes(5, () => email, freshAddress());
    const codes = async (spellings: string[]) => {
      const answers: Record<string, unknown> = {};
      for (const spelling of spellings) {
        answers[JSON.stringify(spelling)] = (await login(spelling, PASSWORD, freshAddress())).errors?.[0]?.extensions
          ?.code;
      }
      return answers;
    };
    // Case and surrounding blanks are one email on both engines (the gateway lower-cases and trims).
    expect(await codes(["SPELLED@example.test", " spelled@EXAMPLE.test "])).toEqual({
      '"SPELLED@example.test"': "TOO_MANY_REQUESTS",
      '" spelled@EXAMPLE.test "': "TOO_MANY_REQUESTS",
    });
    // MariaDB's utf8mb4_unicode_ci takes these for the same account; SQLite compares bytes: other, unknown emails.
    const other = testEngine === "mysql" ? "TOO_MANY_REQUESTS" : "UNAUTHENTICATED";
    expect(await codes(["spe\u200Blled@example.test", "spélled@example.test", "SPÉLLED@example.test"])).toEqual({
      '"spe\u200Blled@example.test"': other,
      '"spélled@example.test"': other,
      '"SPÉLLED@example.test"': other,
    });
  });

  it("counts failures under other spellings against the account they reach", async () => {
    const email = "counted@example.test";
    await signUp(email);
    const spellings = ["co\u200Bunted@example.test", "cóunted@example.test", "COÚNTED@example.test"];
    await failTimes(5, (attempt) => spellings[attempt % spellings.length]!, freshAddress());

    const rightSpelling = await login(email, PASSWORD, freshAddress());
    if (testEngine === "mysql") {
      expect(rightSpelling.status).toBe(429);
      expect(rightSpelling.errors?.[0]?.extensions?.code).toBe("TOO_MANY_REQUESTS");
    } else {
      // On SQLite those were unknown emails: the account has no failures.
      expect(rightSpelling.status).toBe(200);
      expect(typeof (rightSpelling.data?.login as { token?: unknown })?.token).toBe("string");
    }
  });

  it("lets no more than 5 of 20 concurrent guesses through to the password check", async () => {
    const email = "concurrent@example.test";
    await signUp(email);
    const address = freshAddress();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, attempt) => login(email, `guess ${attempt}`, `${address}, 10.0.0.${attempt}`)),
    );
    const codes = answers.map((answer) => answer.errors?.[0]?.extensions?.code);
    // Each guess came through a different (untrusted) hop, so only the per-account count applies.
    expect(codes.filter((code) => code === "UNAUTHENTICATED")).toHaveLength(5);
    expect(codes.filter((code) => code === "TOO_MANY_REQUESTS")).toHaveLength(15);
  });

  it("locks an unknown email after 5 failures too, so a lock tells nothing about who has an account", async () => {
    await failTimes(5, () => "nobody@example.test", freshAddress());
    const refused = await login("nobody@example.test", PASSWORD, freshAddress());
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.extensions?.code).toBe("TOO_MANY_REQUESTS");
  });

  it("refuses a client address after 8 failures across accounts, and not another address", async () => {
    const address = freshAddress();
    await failTimes(8, (attempt) => `stranger${attempt}@example.test`, address);
    await signUp("neighbour@example.test");

    const fromThere = await login("neighbour@example.test", PASSWORD, address);
    expect(fromThere.status).toBe(429);
    expect(fromThere.errors?.[0]?.extensions?.code).toBe("TOO_MANY_REQUESTS");
    const fromElsewhere = await login("neighbour@example.test", PASSWORD, freshAddress());
    expect(fromElsewhere.status).toBe(200);
    expect(fromElsewhere.errors).toBeUndefined();
  });

  it("forgets an account's failures after a successful sign-in, and does not count successes per address", async () => {
    const email = "forgiven@example.test";
    await signUp(email);
    const address = freshAddress();
    await failTimes(4, () => email, address);
    expect((await login(email, PASSWORD, address)).errors).toBeUndefined();
    await failTimes(3, () => email, freshAddress());
    // 4 failures and then 7 successes from `address`: were successes counted, the limit of 8 would refuse.
    for (let success = 0; success < 6; success += 1) {
      expect((await login(email, PASSWORD, address)).status).toBe(200);
    }
  });
});
