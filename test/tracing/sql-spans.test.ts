import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { loadConfig } from "../../src/config";
import { runSql } from "../../src/db/sql/run-sql";
import { transaction } from "../../src/db/transaction";
import { createMemoryLogger } from "../../src/logger";
import { withoutLiterals } from "../../src/tracing/sql-spans";
import { createTracing, type Tracing } from "../../src/tracing/tracing";
import { everythingRecorded, recordSpans } from "../support/spans";
import { createTestDatabase, testEngine, type TestDatabase } from "../support/test-database";

/*
 * The statement spans on their own: a test database traced by a tracing of
 * its own, statements run inside a parent span of the test's.
 */
let database: TestDatabase;
let tracing: Tracing;
const spans = recordSpans();
const parentTracer = new BasicTracerProvider({
  spanProcessors: [new SimpleSpanProcessor(new InMemorySpanExporter())],
}).getTracer("test");

beforeAll(async () => {
  database = await createTestDatabase();
  tracing = createTracing(loadConfig({}).tracing, {
    spanProcessor: spans.processor,
    logger: createMemoryLogger(),
    messagingSystem: "in_process",
    httpRoutes: [],
  });
  tracing.traceStatements(database.dataSource);
});

afterAll(async () => {
  await tracing?.shutdown();
  await database?.drop();
});

/** Runs `work` inside a span of the test's; returns that span. */
async function inParentSpan(work: () => Promise<unknown>) {
  const parent = parentTracer.startSpan("parent");
  try {
    await context.with(trace.setSpan(ROOT_CONTEXT, parent), work);
  } catch {
    // The failures are the point of some tests: what they left on the spans is asserted.
  } finally {
    parent.end();
  }
  return parent;
}

const INSERT_USER =
  "INSERT INTO users (email, passwordHash, name, accountType, rolesMatchedSeenAt, createdAt) " +
  "VALUES (:email, :hash, :name, 'TALENT', :now, :now)";

describe("a span per SQL statement", () => {
  it("is a CLIENT child of the span it runs in, with the statement's text and no value of it", async () => {
    spans.reset();
    const secret = `hunter2-${Date.now()}`;
    const parent = await inParentSpan(() =>
      runSql(database.dataSource, "SELECT id FROM users WHERE email = :email AND id > :id LIMIT 5", {
        email: secret,
        id: 987654321,
      }),
    );
    const [statement] = spans.all();
    expect(spans.all()).toHaveLength(1);
    expect(statement!.kind).toBe(SpanKind.CLIENT);
    expect(statement!.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(statement!.attributes).toEqual({
      "db.system.name": testEngine === "sqlite" ? "sqlite" : expect.stringMatching(/^(mariadb|mysql)$/),
      "db.operation.name": "SELECT",
      // On SQLite TypeORM writes the number into the text: it is taken out again, like the LIMIT.
      "db.query.text": "SELECT id FROM users WHERE email = ? AND id > ? LIMIT ?",
    });
    expect(everythingRecorded(statement!)).not.toMatch(new RegExp(`${secret}|987654321`));
  });

  it("records a failed statement's driver code, not the values its message repeats", async () => {
    const email = `taken-${Date.now()}@leak.test`;
    const values = { email, hash: "not-a-hash", name: "Dup", now: new Date() };
    await runSql(database.dataSource, INSERT_USER, values);
    spans.reset();
    await inParentSpan(() => runSql(database.dataSource, INSERT_USER, values));
    const [failed] = spans.all();
    expect(failed!.name).toBe("INSERT");
    expect(failed!.status).toEqual({
      code: SpanStatusCode.ERROR,
      message: testEngine === "sqlite" ? "SQLITE_CONSTRAINT_UNIQUE" : "ER_DUP_ENTRY",
    });
    expect(failed!.events.map((event) => event.attributes)).toEqual([{ "exception.type": expect.any(String) }]);
    expect(everythingRecorded(failed!)).not.toContain(email);
  });

  it("pairs each statement of a transaction with its own span, begin to commit", async () => {
    spans.reset();
    const parent = await inParentSpan(() =>
      transaction(database.dataSource, async (manager) => {
        await runSql(manager, "SELECT 1 AS one", {});
        await Promise.all([runSql(manager, "SELECT 2 AS two", {}), runSql(manager, "SELECT 2 AS two", {})]);
      }),
    );
    const names = spans.all().map((span) => span.name);
    expect(names[0]).toMatch(/^(BEGIN|START)$/);
    expect(names.slice(1)).toEqual(["SELECT", "SELECT", "SELECT", "COMMIT"]);
    expect(spans.all().every((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId)).toBe(true);
    expect(spans.all().every((span) => span.ended)).toBe(true);
  });

  it("traces no statement that runs outside any span (the background jobs' polls)", async () => {
    spans.reset();
    await runSql(database.dataSource, "SELECT id FROM users LIMIT 1", {});
    expect(spans.all()).toEqual([]);
  });
});

describe("a statement's text without its literals", () => {
  it.each([
    [
      `SELECT "Message"."id" AS "Message_id1" FROM t1 WHERE "m"."id" = 42`,
      `SELECT "Message"."id" AS "Message_id1" FROM t1 WHERE "m"."id" = ?`,
    ],
    ["SELECT `a2` FROM x WHERE s = 'it''s' AND n = -1.5e3", "SELECT `a2` FROM x WHERE s = ? AND n = -?"],
    [
      "UPDATE t SET v = CASE id WHEN ? THEN 7 END WHERE id IN (?, ?)",
      "UPDATE t SET v = CASE id WHEN ? THEN ? END WHERE id IN (?, ?)",
    ],
  ])("%s", (sql, sanitized) => {
    expect(withoutLiterals(sql)).toBe(sanitized);
  });
});
