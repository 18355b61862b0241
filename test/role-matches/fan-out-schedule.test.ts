import { FANNED_OUT } from "../../entities/role.entity";
import { lockingReadClause } from "../../src/db/row-locks";
import { runSql } from "../../src/db/sql/run-sql";
import { transaction } from "../../src/db/transaction";
import { createMemoryLogger } from "../../src/logger";
import { startRoleFanOut, type RoleFanOut } from "../../src/role-matches/fan-out-schedule";
import { fixtures, type Fixtures } from "../support/fixtures";
import { expectKeptCountsExact, keptAndCounted, unfinishedFanOuts } from "../support/new-roles-matched-oracle";
import { createTestDatabase, testEngine, type TestDatabase } from "../support/test-database";

/*
 * The fan-out job of one instance, on its own: its poll finds roles nobody
 * nudged it about (another instance's, a crash's), and a role that another
 * transaction holds (an application to it in progress) is tried again until
 * it is free, not given up.
 */

const POLL_INTERVAL_MS = 50;
let database: TestDatabase;
let f: Fixtures;
let fanOut: RoleFanOut;
let productionId: number;
const logger = createMemoryLogger();

beforeAll(async () => {
  database = await createTestDatabase();
  f = fixtures(database.dataSource);
  const director = await f.director();
  productionId = (await f.production(director.user.id)).id;
  for (let i = 0; i < 5; i += 1) await f.talent(`Talent ${i}`);
  fanOut = startRoleFanOut({ db: database.dataSource, chunkTalentIds: 2, pollIntervalMs: POLL_INTERVAL_MS, logger });
});

afterAll(async () => {
  await fanOut?.stop();
  await database?.drop();
});

/** A role inserted around the services, fanned out to nobody yet, that no nudge announced. */
async function unannouncedRole(): Promise<number> {
  return (await f.role(productionId, { createdAt: new Date(), countedThroughTalentId: 0 })).id;
}

async function markOf(roleId: number): Promise<number> {
  const [row] = await runSql<{ mark: unknown }>(
    database.dataSource,
    "SELECT countedThroughTalentId AS mark FROM roles WHERE id = :roleId",
    { roleId },
  );
  return Number(row!.mark);
}

async function waitUntilFannedOut(roleId: number, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while ((await markOf(roleId)) !== FANNED_OUT) {
    if (Date.now() > deadline) throw new Error(`role ${roleId} was not fanned out within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe(`the fan-out job on ${testEngine}`, () => {
  it("finds a role that no nudge announced at its next poll and fans it out", async () => {
    const roleId = await unannouncedRole();
    await waitUntilFannedOut(roleId, 1_000);
    const rows = await keptAndCounted(database.dataSource, new Date());
    expect(rows.map(({ kept, counted }) => ({ kept, counted }))).toEqual(rows.map(() => ({ kept: 1, counted: 1 })));
    expect(logger.lines.filter((line) => line.level !== "info")).toEqual([]);
  });

  it("waits for a transaction that holds the role, and finishes once it commits", async () => {
    await fanOut.stop();
    const roleId = await unannouncedRole();
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (holding = resolve));
    // As a first application to the role does: the role row shared (MariaDB), the single writer's turn (SQLite).
    const holder = transaction(database.dataSource, async (manager) => {
      await runSql(manager, `SELECT id FROM roles WHERE id = :roleId${lockingReadClause(manager, "shared")}`, {
        roleId,
      });
      holding();
      await released;
    });
    await held;
    // A job starting now finds the role at once, held.
    fanOut = startRoleFanOut({ db: database.dataSource, chunkTalentIds: 2, pollIntervalMs: 60_000, logger });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await markOf(roleId)).toBe(0);
    release();
    await holder;
    // Not given up: tried again shortly, with no poll due for a minute.
    await waitUntilFannedOut(roleId, 1_000);
    await expectKeptCountsExact(database.dataSource);
    expect(await unfinishedFanOuts(database.dataSource)).toEqual([]);
    const rows = await keptAndCounted(database.dataSource, new Date());
    expect(rows.map(({ kept }) => kept)).toEqual(rows.map(() => 2));
    expect(logger.lines.filter((line) => line.level !== "info")).toEqual([]);
  });
});
