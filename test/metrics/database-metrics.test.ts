import { connectionUsage } from "../../src/db/connection-usage";
import { transaction } from "../../src/db/transaction";
import { DashboardDocument, SendMessageDocument } from "../generated/operations";
import { fixtures, type TestUser } from "../support/fixtures";
import { request } from "../support/graphql-http";
import { metricsUrlOf, scrape } from "../support/metrics-scrape";
import { createStatementCounter } from "../support/statement-counter";
import { testEngine } from "../support/test-database";
import { useGateway } from "../support/use-gateway";

/*
 * The database in the metrics: every statement timed (as many as the data
 * source sent, no more: the statement-count tests' numbers stand), the pool's
 * connections and waiting requests, and the relay backlog.
 */

const counter = createStatementCounter();
const gateway = useGateway({ databaseLogger: counter });
/** This instance writes events but never relays them: they stay in the backlog. */
const notRelaying = useGateway({ env: { OUTBOX_RELAY: "off" } });
let talent: TestUser;
let director: TestUser;

beforeAll(async () => {
  const f = fixtures(gateway.app.db);
  [talent, director] = [await f.talent(), await f.director()];
});

const metricsOf = (url: string) => scrape(metricsUrlOf(url));
const statements = async (outcome: "success" | "error") =>
  (await metricsOf(gateway.app.url)).count("gateway_db_statement_duration_seconds", { outcome });

describe(`the database metrics (${testEngine})`, () => {
  it("time every statement the data source sends, and only those: the histogram counts what its logger saw", async () => {
    const before = await statements("success");
    // After the scrape: its own statement (the backlog's count) was logged and timed before it answered.
    counter.reset();
    expect((await request(gateway.app.url, DashboardDocument, {}, { token: talent.token })).errors).toBeUndefined();
    const sent = await request(
      gateway.app.url,
      SendMessageDocument,
      { input: { toUserId: String(talent.user.id), body: "Hello" } },
      { token: director.token },
    );
    expect(sent.errors).toBeUndefined();
    // The relay's pass runs after the mutation's answer: once the backlog is 0 it has committed.
    while ((await metricsOf(gateway.app.url)).value("gateway_outbox_unrelayed_events") !== 0);
    const after = await statements("success");
    // The Dashboard's 5, the mutation's transaction, the relay's pass, and every scrape's count since.
    expect(counter.statements.length).toBeGreaterThan(5);
    expect(after - before).toBe(counter.statements.length);
  });

  it("time a statement that fails as an error", async () => {
    const before = await statements("error");
    await expect(gateway.app.db.query("SELECT * FROM no_such_table")).rejects.toThrow();
    expect((await statements("error")) - before).toBe(1);
  });

  it("show the connections in use, idle, and the requests waiting for one", async () => {
    const metrics = await metricsOf(gateway.app.url);
    expect(metrics.value("gateway_db_pool_connections", { state: "in_use" })).toBe(0);
    expect(metrics.value("gateway_db_pool_waiting_requests")).toBe(0);
    expect(metrics.value("gateway_db_pool_connections", { state: "idle" })).toBeGreaterThanOrEqual(1);

    // Hold every connection there is in a transaction (SQLite: its one writer), and queue one more.
    const held = testEngine === "mysql" ? 10 : 1;
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const holders = Array.from({ length: held + 1 }, () => transaction(gateway.app.db, () => released));
    const deadline = Date.now() + 5_000;
    while (JSON.stringify(connectionUsage(gateway.app.db)) !== JSON.stringify({ inUse: held, idle: 0, waiting: 1 })) {
      if (Date.now() > deadline) throw new Error(`the pool is ${JSON.stringify(connectionUsage(gateway.app.db))}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const busy = await metricsOf(gateway.app.url);
    release();
    await Promise.all(holders);
    expect(busy.value("gateway_db_pool_connections", { state: "in_use" })).toBe(held);
    expect(busy.value("gateway_db_pool_connections", { state: "idle" })).toBe(0);
    expect(busy.value("gateway_db_pool_waiting_requests")).toBe(1);
    // MariaDB: the backlog's count waited for a connection past its second, and is unknown rather than stale.
    // SQLite: reads never wait for the writer.
    if (testEngine === "mysql") expect(busy.value("gateway_outbox_unrelayed_events")).toBeNaN();
    else expect(busy.value("gateway_outbox_unrelayed_events")).toBe(0);
  });

  it("show the events committed and not yet relayed", async () => {
    const f = fixtures(notRelaying.app.db);
    const [recipient, sender] = [await f.talent(), await f.director()];
    expect((await metricsOf(notRelaying.app.url)).value("gateway_outbox_unrelayed_events")).toBe(0);
    const sent = await request(
      notRelaying.app.url,
      SendMessageDocument,
      { input: { toUserId: String(recipient.user.id), body: "Hello" } },
      { token: sender.token },
    );
    expect(sent.errors).toBeUndefined();
    // A message and the recipient's counts: two events.
    expect((await metricsOf(notRelaying.app.url)).value("gateway_outbox_unrelayed_events")).toBe(2);
  });
});
