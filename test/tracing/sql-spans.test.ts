import { SpanKind, SpanStatusCode, type Span } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import type { DataSource } from "typeorm";
import { User } from "../../entities/user.entity";
import { loadConfig } from "../../src/config";
import { runSql } from "../../src/db/sql/run-sql";
import { transaction } from "../../src/db/transaction";
import { createMemoryLogger } from "../../src/logger";
import { traceParentUnder } from "../../src/tracing/span-parent";
import { withoutLiterals } from "../../src/tracing/sql-spans";
import { createTracing, type Tracing } from "../../src/tracing/tracing";
import { everythingRecorded, recordSpans } from "../support/spans";
import { createTestDatabase, testEngine, type TestDatabase } from "../support/test-database";

/*
 * The statement spans on their own: a test database traced by a tracing of
 * its own, statements run on the view of it that a parent span of the test's
 * is given (as a traced request's services are).
 */
let database: TestDatabase;
let tracing: Tracing;
let dataSourceIn: ReturnType<Tracing["traceStatements"]>;
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
  dataSourceIn = tracing.traceStatements(database.dataSource);
});

afterAll(async () => {
  await tracing?.shutdown();
  await database?.drop();
});

/** Runs `work` on the data source as a span of the test's sees it; returns that span. */
async function inParentSpan(work: (db: DataSource) => Promise<unknown>, name = "parent") {
  const parent = parentTracer.startSpan(name);
  try {
    await work(dataSourceIn(traceParentUnder(parent)));
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
    const parent = await inParentSpan((db) =>
      runSql(db, "SELECT id FROM users WHERE email = :email AND id > :id LIMIT 5", {
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
    await inParentSpan((db) => runSql(db, INSERT_USER, values));
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
    const parent = await inParentSpan((db) =>
      transaction(db, async (manager) => {
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
    // Not even right after a traced statement (on SQLite, on the one runner TypeORM shares).
    await inParentSpan((db) => runSql(db, "SELECT id FROM users LIMIT 2", {}));
    await runSql(database.dataSource, "SELECT id FROM users LIMIT 3", {});
    await database.dataSource.getRepository(User).findOneBy({ id: 1 });
    expect(spans.all().map((span) => span.attributes["db.query.text"])).toEqual(["SELECT id FROM users LIMIT ?"]);
  });

  it("traces the view's repositories, query builders and managers as its raw statements", async () => {
    spans.reset();
    const parent = await inParentSpan(async (db) => {
      await db.getRepository(User).findOneBy({ id: 1 });
      await db.createQueryBuilder(User, "u").select("u.id").where("u.id = :id", { id: 2 }).getRawMany();
      await db.manager.countBy(User, { id: 3 });
    });
    expect(spans.all().map((span) => span.name)).toEqual(["SELECT", "SELECT", "SELECT"]);
    expect(spans.all().every((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId)).toBe(true);
  });

  it("keeps concurrent works' statements apart, and the untraced ones out, however they interleave", async () => {
    spans.reset();
    const parents: Span[] = [];
    const work = (label: string) => async (db: DataSource) => {
      for (let round = 0; round < 5; round += 1) {
        await runSql(db, `SELECT :label AS label, ${round} AS round`, { label });
        await transaction(db, async (manager) => {
          await runSql(manager, `SELECT :label AS label, ${round} AS inside`, { label });
          await manager.countBy(User, { name: label });
        });
        await db.getRepository(User).findOneBy({ name: label });
      }
    };
    const untraced = async () => {
      for (let round = 0; round < 10; round += 1) {
        await runSql(database.dataSource, "SELECT 'untraced' AS label", {});
        await transaction(database.dataSource, (manager) => runSql(manager, "SELECT 'untraced' AS inside", {}));
      }
    };
    await Promise.all([
      inParentSpan(work("a"), "a").then((span) => parents.push(span)),
      inParentSpan(work("b"), "b").then((span) => parents.push(span)),
      untraced(),
    ]);
    const all = spans.all();
    // Per round: a read, BEGIN, two reads, COMMIT, a read.
    expect(all).toHaveLength(2 * 5 * 6);
    for (const parent of parents) {
      const own = all.filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId);
      expect(own).toHaveLength(5 * 6);
      expect(own.map((span) => span.name).filter((name) => !/^(BEGIN|START|COMMIT)$/.test(name))).toEqual(
        Array.from({ length: 5 * 4 }, () => "SELECT"),
      );
    }
    expect(all.some((span) => String(span.attributes["db.query.text"]).includes("untraced"))).toBe(false);
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
