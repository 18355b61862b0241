import jwt from "jsonwebtoken";
import { Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import { TalentProfile } from "../entities/talent-profile.entity";
import { User } from "../entities/user.entity";
import type { App } from "../src/app";
import { createTestDatabase, type TestDatabase } from "./support/test-database";
import { print } from "graphql";
import { LoginDocument, SignUpDocument, ViewerDocument, type AccountType } from "./generated/operations";
import { errorCode, postGraphQL, request } from "./support/graphql-http";
import { startTestApp, TEST_JWT_SECRET, testConfig } from "./support/test-app";

const VIEWER = print(ViewerDocument);

let database: TestDatabase;
let app: App;
let logger: Awaited<ReturnType<typeof startTestApp>>["logger"];

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, logger } = await startTestApp(testConfig(database.config)));
});

afterAll(async () => {
  await app.stop();
  await database.drop();
});

let counter = 0;
function uniqueEmail(): string {
  counter += 1;
  return `person${counter}@example.test`;
}

async function signUp(overrides: Record<string, unknown> = {}) {
  const input = {
    email: uniqueEmail(),
    password: "correct horse",
    name: "Ada Actor",
    accountType: "TALENT" as AccountType,
    ...overrides,
  };
  return { input, response: await request(app.url, SignUpDocument, { input }) };
}

describe("signUp", () => {
  it("creates a talent with an empty profile and returns a working token", async () => {
    const { response } = await signUp({ name: "  Ada Actor  " });
    expect(response.errors).toBeUndefined();
    const { token, user } = response.data!.signUp;
    expect(user).toEqual({ id: expect.any(String), name: "Ada Actor", accountType: "TALENT" });

    const viewer = await request(app.url, ViewerDocument, {}, { token });
    expect(viewer.data).toEqual({ viewer: user });
    expect(await app.db.getRepository(TalentProfile).countBy({ talentId: Number(user.id) })).toBe(1);
  });

  it("creates a casting director without a talent profile", async () => {
    const { response } = await signUp({ accountType: "CASTING_DIRECTOR" });
    const { user } = response.data!.signUp;
    expect(user.accountType).toBe("CASTING_DIRECTOR");
    expect(await app.db.getRepository(TalentProfile).countBy({ talentId: Number(user.id) })).toBe(0);
  });

  it("stores only a salted scrypt hash of the password", async () => {
    const { input, response } = await signUp();
    const stored = await app.db.getRepository(User).findOneByOrFail({ id: Number(response.data!.signUp.user.id) });
    expect(stored.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    expect(stored.passwordHash).not.toContain(input.password);
  });

  it("refuses an email that is already registered, whatever its case", async () => {
    const { input } = await signUp();
    const { response } = await signUp({ email: input.email.toUpperCase() });
    expect(response.data).toBeNull();
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    expect(response.errors![0]!.message).toBe(`Email '${input.email}' is already registered`);
    expect(response.errors![0]!.extensions!.field).toBe("email");
  });

  it("refuses a malformed email and names the field", async () => {
    const { response } = await signUp({ email: "not-an-email" });
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    expect(response.errors![0]!.message).toBe("Invalid email: must be a valid email address");
    expect(response.errors![0]!.extensions!.field).toBe("email");
  });

  it("refuses a password shorter than 8 characters", async () => {
    const { response } = await signUp({ password: "1234567" });
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    expect(response.errors![0]!.message).toBe("Invalid password: must be at least 8 characters");
  });

  it("refuses a blank name", async () => {
    const { response } = await signUp({ name: "   " });
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    expect(response.errors![0]!.extensions!.field).toBe("name");
  });

  it("refuses an unknown account type before running anything", async () => {
    const { response } = await signUp({ accountType: "ADMIN" });
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
  });
});

describe("login", () => {
  it("signs in with the right password, ignoring the email's case", async () => {
    const { input, response } = await signUp();
    const login = await request(app.url, LoginDocument, { email: input.email.toUpperCase(), password: input.password });
    expect(login.errors).toBeUndefined();
    expect(login.data!.login.user.id).toBe(response.data!.signUp.user.id);
    const viewer = await request(app.url, ViewerDocument, {}, { token: login.data!.login.token });
    expect(viewer.data!.viewer!.id).toBe(response.data!.signUp.user.id);
  });

  it("gives a wrong password and an unknown email the same answer", async () => {
    const { input } = await signUp();
    const wrongPassword = await request(app.url, LoginDocument, { email: input.email, password: "wrong password" });
    const unknownEmail = await request(app.url, LoginDocument, {
      email: "nobody@example.test",
      password: input.password,
    });
    for (const response of [wrongPassword, unknownEmail]) {
      expect(response.data).toBeNull();
      expect(errorCode(response)).toBe("UNAUTHENTICATED");
      expect(response.errors![0]!.message).toBe("Invalid email or password");
    }
  });
});

describe("viewer", () => {
  it("is null without a token", async () => {
    const response = await postGraphQL(app.url, VIEWER);
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ viewer: null });
  });

  it("refuses an expired token with 401 UNAUTHENTICATED", async () => {
    const expired = jwt.sign({ acct: "TALENT", exp: Math.floor(Date.now() / 1000) - 10 }, TEST_JWT_SECRET, {
      subject: "1",
      issuer: "talent-dashboard",
    });
    const response = await postGraphQL(app.url, VIEWER, {}, { token: expired });
    expect(response.status).toBe(401);
    expect(errorCode(response)).toBe("UNAUTHENTICATED");
    expect(response.errors![0]!.message).toBe("The token has expired: sign in again");
  });

  it("refuses a token signed with another secret", async () => {
    const forged = jwt.sign({ acct: "TALENT" }, "some-other-secret", {
      subject: "1",
      issuer: "talent-dashboard",
      expiresIn: 60,
    });
    const response = await postGraphQL(app.url, VIEWER, {}, { token: forged });
    expect(response.status).toBe(401);
    expect(response.errors![0]!.message).toBe("The token is invalid");
  });

  it("refuses an unsigned token (alg none)", async () => {
    const unsigned = jwt.sign({ acct: "TALENT", iss: "talent-dashboard", sub: "1" }, "", {
      algorithm: "none",
      expiresIn: 60,
    });
    const response = await postGraphQL(app.url, VIEWER, {}, { token: unsigned });
    expect(response.status).toBe(401);
    expect(errorCode(response)).toBe("UNAUTHENTICATED");
  });

  it("refuses an Authorization header that is not a bearer token", async () => {
    const response = await postGraphQL(app.url, VIEWER, {}, { authorization: "Basic dXNlcjpwYXNz" });
    expect(response.status).toBe(401);
    expect(response.errors![0]!.message).toBe("The authorization value must be 'Bearer <token>'");
  });
});

describe("over graphql-ws", () => {
  function connect(connectionParams: Record<string, unknown>): Client {
    return createClient({
      url: app.url.replace(/^http/, "ws"),
      webSocketImpl: WebSocket,
      connectionParams,
      retryAttempts: 0,
      lazy: true,
    });
  }

  async function query(client: Client, text: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      let result: unknown;
      client.subscribe(
        { query: text },
        { next: (value) => (result = value), error: reject, complete: () => resolve(result) },
      );
    });
  }

  it("authenticates from connectionParams.authorization", async () => {
    const { response } = await signUp();
    const { token, user } = response.data!.signUp;
    const client = connect({ authorization: `Bearer ${token}` });
    try {
      expect(await query(client, VIEWER)).toEqual({ data: { viewer: user } });
    } finally {
      await client.dispose();
    }
  });

  it.each([
    ["no token", {}, 'Authorization required: send connectionParams { authorization: "Bearer <token>" }'],
    [
      "a forged token",
      { authorization: `Bearer ${jwt.sign({ acct: "TALENT" }, "other", { subject: "1", expiresIn: 60 })}` },
      "Invalid token: sign in again",
    ],
    [
      "a malformed value",
      { authorization: "token" },
      'Malformed authorization: send connectionParams { authorization: "Bearer <token>" }',
    ],
  ])("closes the socket with 4401 for %s, saying why", async (_label, params, reason) => {
    const client = connect(params);
    try {
      const closeEvent = await query(client, VIEWER).then(
        () => null,
        (error: unknown) => error,
      );
      expect(closeEvent).toMatchObject({ code: 4401, reason });
    } finally {
      await client.dispose();
    }
  });
});

describe("unexpected failures", () => {
  it("are masked to a generic message and logged, never leaking SQL", async () => {
    const { response } = await signUp();
    const { token } = response.data!.signUp;
    await app.db.query("ALTER TABLE users RENAME TO users_gone");
    try {
      const viewer = await postGraphQL(app.url, VIEWER, {}, { token });
      expect(viewer.errors).toEqual([
        expect.objectContaining({ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }),
      ]);
      expect(JSON.stringify(viewer)).not.toMatch(/users|SELECT|stack/i);
      expect(logger.lines.some((line) => line.level === "error")).toBe(true);
    } finally {
      await app.db.query("ALTER TABLE users_gone RENAME TO users");
    }
  });
});
