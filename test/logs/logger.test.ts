import { createLogger, createMemoryLogger, REDACTED, SERVICE_NAME } from "../../src/logger";

/*
 * The logger itself: the shape of a line, levels, the pretty format, and redaction of every
 * shape a secret can take in a logged object, in both formats (pretty lines are rewritten
 * from the JSON ones, so they must hide exactly as much).
 */

describe("log lines", () => {
  it("are one JSON object each, with level, ISO time, msg, the service's name and the fields given", () => {
    const logger = createMemoryLogger();
    logger.info({ operationName: "Dashboard", durationMs: 12.5 }, "graphql operation");
    expect(logger.text().endsWith("\n")).toBe(true);
    expect(logger.text().split("\n")).toHaveLength(2);
    expect(logger.lines).toEqual([
      {
        level: "info",
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        pid: process.pid,
        hostname: expect.any(String),
        name: SERVICE_NAME,
        operationName: "Dashboard",
        durationMs: 12.5,
        msg: "graphql operation",
      },
    ]);
  });

  it("carry a child logger's request id", () => {
    const logger = createMemoryLogger();
    logger.child({ requestId: "req-1" }).warn("slow");
    expect(logger.lines[0]).toMatchObject({ level: "warn", requestId: "req-1", msg: "slow" });
  });

  it("write an error under err with its type, message, stack and own fields", () => {
    const logger = createMemoryLogger();
    const error = Object.assign(new TypeError("the relay could not publish"), { code: "ECONNRESET" });
    logger.error({ err: error, topic: "messages" }, "relay failed");
    logger.error(new RangeError("passed alone"));
    expect(logger.lines[0]).toMatchObject({
      err: { type: "TypeError", message: "the relay could not publish", code: "ECONNRESET" },
      topic: "messages",
    });
    expect((logger.lines[0]!.err as { stack: string }).stack).toMatch(
      /^TypeError: the relay could not publish\n\s+at /,
    );
    expect(logger.lines[1]).toMatchObject({
      msg: "passed alone",
      err: { type: "RangeError", message: "passed alone" },
    });
  });

  it.each([
    ["warn", ["warn", "error", "fatal"]],
    ["error", ["error", "fatal"]],
    ["trace", ["trace", "debug", "info", "warn", "error", "fatal"]],
    ["silent", []],
  ] as const)("at level %s keep only %j", (level, kept) => {
    const logger = createMemoryLogger({ level });
    for (const method of ["trace", "debug", "info", "warn", "error", "fatal"] as const) logger[method](method);
    expect(logger.lines.map((line) => line.level)).toEqual(kept);
    if (level === "silent") expect(logger.text()).toBe("");
  });

  it("in the pretty format are single readable lines without pid, hostname or name", () => {
    const logger = createMemoryLogger({ format: "pretty" });
    logger.info({ requestId: "abc", operationName: "Dashboard", outcome: "ok" }, "graphql operation");
    logger.warn("dropped a subscriber that stopped reading");
    const lines = logger.text().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: graphql operation \{"requestId":"abc","operationName":"Dashboard","outcome":"ok"\}$/,
    );
    expect(lines[1]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: dropped a subscriber that stopped reading$/);
    expect(logger.text()).not.toContain(String(process.pid));
    expect(logger.text()).not.toContain(SERVICE_NAME);
    expect(logger.lines).toEqual([]);
  });

  it("go to the destination given, unchanged", () => {
    const written: string[] = [];
    const logger = createLogger({ level: "info", format: "json" }, { write: (line) => written.push(line) });
    logger.info("to the destination");
    expect(written).toHaveLength(1);
    expect(JSON.parse(written[0]!)).toMatchObject({ msg: "to the destination" });
  });
});

describe.each(["json", "pretty"] as const)("redaction in the %s format", (format) => {
  const SECRET = "s3cr3t-value-that-must-not-leak";

  const logged = (write: (logger: ReturnType<typeof createMemoryLogger>) => void): string => {
    const logger = createMemoryLogger({ format });
    write(logger);
    return logger.text();
  };

  it.each([
    ["a top-level password", { password: SECRET }],
    ["an authorization header", { headers: { authorization: `Bearer ${SECRET}` } }],
    ["a request's headers, capitalised", { req: { headers: { Authorization: `Bearer ${SECRET}`, Cookie: SECRET } } }],
    ["connectionParams, whole", { connectionParams: { authorization: `Bearer ${SECRET}`, locale: SECRET } }],
    ["variables, whole", { variables: { input: { note: SECRET } } }],
    ["a signUp input", { input: { email: "a@b.test", password: SECRET } }],
    ["tokens of every kind", { token: SECRET, refreshToken: SECRET, accessToken: SECRET, idToken: SECRET }],
    ["secrets", { secret: SECRET, jwtSecret: SECRET, clientSecret: SECRET, credentials: SECRET }],
    ["a password hash", { user: { id: 1, passwordHash: `scrypt$17$8$1$${SECRET}` } }],
    ["a password six levels deep", { a: { b: { c: { d: { e: { newPassword: SECRET } } } } } }],
    ["a token inside an array", { attempts: [{ ok: true }, { token: SECRET }] }],
    ["a password in upper case", { PASSWORD: SECRET }],
  ])("hides %s", (_label, fields) => {
    const text = logged((logger) => logger.info(fields, "something happened"));
    expect(text).toContain("something happened");
    expect(text).toContain(REDACTED);
    expect(text).not.toContain(SECRET);
  });

  it("hides what drivers keep on their errors: parameters, SQL with values, command arguments, request bodies", () => {
    const queryFailed = Object.assign(new Error(`Duplicate entry for key 'email'`), {
      query: "INSERT INTO `users`(`email`, `passwordHash`) VALUES (?, ?)",
      parameters: ["someone@example.test", SECRET],
      sql: `INSERT INTO \`users\`(\`email\`, \`passwordHash\`) VALUES ('someone@example.test', '${SECRET}')`,
      driverError: Object.assign(new Error("ER_DUP_ENTRY"), { code: "ER_DUP_ENTRY", sql: `VALUES ('${SECRET}')` }),
    });
    const replyError = Object.assign(new Error("WRONGPASS invalid username-password pair"), {
      command: { name: "auth", args: [SECRET] },
    });
    const bodyError = Object.assign(new SyntaxError("Unexpected end of JSON input"), {
      type: "entity.parse.failed",
      body: `{"password":"${SECRET}"`,
    });
    const text = logged((logger) => {
      logger.error({ err: queryFailed }, "unexpected error while executing an operation");
      logger.warn({ err: replyError }, "redis rate limits: connection error");
      logger.error({ err: bodyError }, "unexpected error before GraphQL");
      logger.error({ failures: [{ cause: queryFailed }] }, "nested error");
    });
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("someone@example.test");
    // What helps an operator stays: the statement's text, the codes, the messages.
    expect(text).toContain("INSERT INTO `users`(`email`, `passwordHash`) VALUES (?, ?)");
    expect(text).toContain("ER_DUP_ENTRY");
    expect(text).toContain("WRONGPASS invalid username-password pair");
    expect(text).toContain("Unexpected end of JSON input");
  });

  it("hides a secret in a child logger's bindings", () => {
    const text = logged((logger) => logger.child({ requestId: "r1", token: SECRET }).info("child line"));
    expect(text).toContain("child line");
    expect(text).not.toContain(SECRET);
  });

  it("survives a cycle and a pathological depth without hanging or leaking", () => {
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    let deep: Record<string, unknown> = { password: SECRET };
    for (let level = 0; level < 1000; level += 1) deep = { level: deep };
    const text = logged((logger) => logger.info({ cyclic, deep }, "odd shapes"));
    expect(text).toContain("odd shapes");
    expect(text).toContain("[circular]");
    expect(text).toContain("[too deep]");
    expect(text).not.toContain(SECRET);
  });

  it("leaves the fields of an operation's line as they are", () => {
    const fields = {
      requestId: "r-2",
      operationName: "Dashboard",
      operationType: "query",
      viewerId: 7,
      outcome: "errors",
      errorCodes: ["UNAUTHENTICATED"],
      durationMs: 3.4,
    };
    const logger = createMemoryLogger();
    logger.info(fields, "graphql operation");
    expect(logger.lines[0]).toMatchObject(fields);
  });
});
