import { randomBytes } from "node:crypto";
import WebSocket from "ws";
import type { App } from "../../src/app";
import { createMemoryLogger, type MemoryLogger } from "../../src/logger";
import { postGraphQL } from "../support/graphql-http";
import { liveClient, subscribe } from "../support/live-client";
import { lineMatching, operationLine } from "../support/log-lines";
import { startTestApp, testConfig } from "../support/test-app";
import { createTestDatabase, testEngine, type TestDatabase } from "../support/test-database";

/*
 * An attacker's tour of the log, in both formats: every way a password or a token can reach
 * the gateway (sign-up and sign-in, inline in a document or as variables, a bearer header,
 * connectionParams, a body that is not JSON, a mutation that fails inside the database), then
 * a search of the raw output for each secret. None may appear anywhere.
 */

const unique = () => randomBytes(6).toString("hex");

describe.each(["json", "pretty"] as const)(`secrets in the %s log, on ${testEngine}`, (format) => {
  let database: TestDatabase;
  let app: App;
  let logger: MemoryLogger;
  const secrets: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase();
    logger = createMemoryLogger({ level: "trace", format });
    ({ app } = await startTestApp(testConfig(database.config), { logger }));
  });

  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(app.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

  it("keeps every password and token it was sent, or sent back, out of the log", async () => {
    const email = `redaction-${unique()}@logs.test`;
    secrets.signUpPassword = `signup-pw-${unique()}`;
    const signedUp = await postGraphQL<{ signUp: { token: string } }>(
      app.url,
      "mutation Join($input: SignUpInput!) { signUp(input: $input) { token } }",
      { input: { email, password: secrets.signUpPassword, name: "Rae Dacted", accountType: "TALENT" } },
    );
    expect(signedUp.errors).toBeUndefined();
    secrets.signUpToken = signedUp.data!.signUp.token;

    // The password inline in the document's text, as a naive client writes it.
    const inline = await postGraphQL<{ login: { token: string } }>(
      app.url,
      `mutation { login(email: ${JSON.stringify(email)}, password: ${JSON.stringify(secrets.signUpPassword)}) { token } }`,
    );
    expect(inline.errors).toBeUndefined();
    secrets.loginToken = inline.data!.login.token;

    secrets.wrongPassword = `wrong-pw-${unique()}`;
    const wrong = await postGraphQL(
      app.url,
      "mutation SignIn($email: String!, $password: String!) { login(email: $email, password: $password) { token } }",
      { email, password: secrets.wrongPassword },
    );
    expect(wrong.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    const refreshed = await postGraphQL<{ refreshToken: { token: string } }>(
      app.url,
      "mutation Refresh { refreshToken { token } }",
      {},
      { token: secrets.signUpToken },
    );
    expect(refreshed.errors).toBeUndefined();
    secrets.refreshedToken = refreshed.data!.refreshToken.token;

    secrets.forgedToken = `forged-${unique()}.${unique()}.${unique()}`;
    expect(
      (await post(JSON.stringify({ query: "{ viewer { id } }" }), { authorization: `Bearer ${secrets.forgedToken}` }))
        .status,
    ).toBe(401);
    // A token where a password belongs, and a password where a token belongs.
    expect(
      (await post(JSON.stringify({ query: "{ viewer { id } }" }), { authorization: secrets.signUpPassword })).status,
    ).toBe(401);

    secrets.malformedBodyPassword = `malformed-pw-${unique()}`;
    const malformed = await post(
      `{"query":"mutation { login(email: \\"${email}\\", password: \\"${secrets.malformedBodyPassword}\\") { token } }"`,
    );
    expect(malformed.status).toBe(400);

    // graphql-ws: the token in connectionParams, with a password and a token beside it for good measure.
    secrets.connectionParamsPassword = `ws-pw-${unique()}`;
    const signedInSocket = await openSocketWith(app.url, {
      authorization: `Bearer ${secrets.signUpToken}`,
      password: secrets.connectionParamsPassword,
      token: secrets.loginToken,
      nested: { refreshToken: secrets.refreshedToken },
    });
    signedInSocket.send(
      JSON.stringify({ id: "who", type: "subscribe", payload: { query: "query Who { viewer { id } }" } }),
    );
    await signedInSocket.waitFor((message) => message.id === "who" && message.type === "complete");
    signedInSocket.close();

    const forgedSocket = liveClient(app.url, secrets.forgedToken);
    const refused = subscribe(forgedSocket, "subscription { notificationCounts { newMessages } }");
    expect(await refused.ended).toMatchObject({ code: 4401 });
    await forgedSocket.dispose();

    // A mutation that fails inside the database: the error (a driver error, with the statement's
    // parameters and, on MariaDB, the SQL with them written in) is logged, its payload is not.
    await app.db.query(
      testEngine === "mysql"
        ? "CREATE TRIGGER refuse_sign_ups BEFORE INSERT ON users FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'sign-ups refused by the test'"
        : "CREATE TRIGGER refuse_sign_ups BEFORE INSERT ON users BEGIN SELECT RAISE(ABORT, 'sign-ups refused by the test'); END",
    );
    secrets.failingPassword = `failing-pw-${unique()}`;
    secrets.failingEmail = `failing-${unique()}@logs.test`;
    const failing = await post(
      JSON.stringify({
        query: "mutation Join($input: SignUpInput!) { signUp(input: $input) { token } }",
        variables: {
          input: {
            email: secrets.failingEmail,
            password: secrets.failingPassword,
            name: "Fay Ling",
            accountType: "TALENT",
          },
        },
      }),
      { "x-request-id": `failing-${format}` },
    );
    await app.db.query("DROP TRIGGER refuse_sign_ups");
    expect(
      ((await failing.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code,
    ).toBe("INTERNAL_SERVER_ERROR");

    // The log did see all of this: the searches below search something.
    const text = await logOnceQuiet(logger, `failing-${format}`);
    expect(text).toContain("unexpected error while executing an operation");
    expect(text).toContain("QueryFailedError");
    expect(text).toContain("sign-ups refused by the test");
    expect(text).toContain("[redacted]");
    for (const [what, secret] of Object.entries(secrets)) {
      expect({ what, found: text.includes(secret) }).toEqual({ what, found: false });
    }
    // Nor any part of a token: its signature alone would do.
    for (const token of [secrets.signUpToken, secrets.loginToken, secrets.refreshedToken]) {
      expect(text).not.toContain(token!.split(".")[2]);
    }
  });

  if (format === "json") {
    it("logs the failing mutation's error with the request's id, its driver payload redacted", async () => {
      const error = await lineMatching(
        logger,
        (line) => line.msg === "unexpected error while executing an operation" && line.requestId === "failing-json",
      );
      expect(error).toMatchObject({
        level: "error",
        path: ["signUp"],
        err: {
          type: "QueryFailedError",
          message: expect.stringContaining("sign-ups refused by the test"),
          parameters: "[redacted]",
        },
      });
      expect((error.err as { stack: string }).stack).toContain("QueryFailedError");
      if (testEngine === "mysql")
        expect(error.err).toMatchObject({ sql: "[redacted]", driverError: { sql: "[redacted]" } });
      expect(await operationLine(logger, "failing-json")).toMatchObject({
        operationName: "Join",
        outcome: "errors",
        errorCodes: ["INTERNAL_SERVER_ERROR"],
      });
    });
  }
});

/** The log's text once the request's own line is written (the last of the tour). */
async function logOnceQuiet(logger: MemoryLogger, requestId: string): Promise<string> {
  const deadline = Date.now() + 3_000;
  while (!logger.text().includes(requestId)) {
    if (Date.now() > deadline) throw new Error(`no line of ${requestId}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
  return logger.text();
}

interface ParamsSocket {
  send(text: string): void;
  waitFor(matches: (message: { id?: string; type: string }) => boolean): Promise<void>;
  close(): void;
}

async function openSocketWith(url: string, connectionParams: Record<string, unknown>): Promise<ParamsSocket> {
  const socket = new WebSocket(url.replace(/^http/, "ws"), "graphql-transport-ws");
  const received: Array<{ id?: string; type: string }> = [];
  socket.on("message", (data) => received.push(JSON.parse(String(data))));
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  socket.send(JSON.stringify({ type: "connection_init", payload: connectionParams }));
  const handle: ParamsSocket = {
    send: (text) => socket.send(text),
    async waitFor(matches) {
      const deadline = Date.now() + 5_000;
      while (!received.some(matches)) {
        if (Date.now() > deadline) throw new Error(`not received; got ${JSON.stringify(received)}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () => socket.close(),
  };
  await handle.waitFor((message) => message.type === "connection_ack");
  return handle;
}
