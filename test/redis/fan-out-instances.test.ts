import type { App } from "../../src/app";
import { AddRoleDocument, NewRolesMatchedDocument } from "../generated/operations";
import { fixtures, type TestUser } from "../support/fixtures";
import { request } from "../support/graphql-http";
import { keptAndCounted, unfinishedFanOuts } from "../support/new-roles-matched-oracle";
import { createStatementCounter } from "../support/statement-counter";
import { startTestApp, testConfig, testRedisUrl } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/*
 * Two gateways on one MariaDB and one Redis, both fanning out, one talent id
 * a chunk. The roles are added through the first; the second hears of them
 * through the relayed ROLE_ADDED. Their chunks take roles the other does not
 * hold (SKIP LOCKED), so both do part of the work, and no talent counts a
 * role twice.
 */

const TALENTS = 12;
const ROLES = 4;
const MOVES_A_MARK = /^\s*UPDATE roles SET countedThroughTalentId/i;

let database: TestDatabase;
const apps: App[] = [];

afterAll(async () => {
  for (const app of apps) await app.stop();
  await database?.drop();
});

describe("two instances fanning out the same new roles", () => {
  it("share the chunks out and count every matching talent exactly once", async () => {
    expect(testRedisUrl).not.toBeNull();
    database = await createTestDatabase();
    const config = testConfig(database.config, { ROLE_FAN_OUT_CHUNK_TALENTS: "1" });
    const counters = [createStatementCounter(), createStatementCounter()];
    for (const counter of counters) apps.push((await startTestApp(config, { databaseLogger: counter })).app);
    const [first, second] = apps as [App, App];

    const f = fixtures(first.db);
    const director = await f.director();
    const production = await f.production(director.user.id);
    const talents: TestUser[] = [];
    for (let i = 0; i < TALENTS; i += 1) talents.push(await f.talent(`Talent ${i}`));
    for (const counter of counters) counter.reset();

    for (let i = 0; i < ROLES; i += 1) {
      const added = await request(
        first.url,
        AddRoleDocument,
        { input: { productionId: String(production.id), name: `Role ${i}` } },
        { token: director.token },
      );
      expect(added.errors).toBeUndefined();
    }
    const deadline = Date.now() + 10_000;
    while ((await unfinishedFanOuts(first.db)).length > 0) {
      if (Date.now() > deadline) throw new Error("the fan-out did not finish");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    const chunksBy = counters.map((counter) => counter.statements.filter((sql) => MOVES_A_MARK.test(sql)).length);
    // Every role takes one chunk per talent; together exactly that many, and each instance some of them.
    expect(chunksBy[0]! + chunksBy[1]!).toBe(ROLES * TALENTS);
    expect(chunksBy.every((chunks) => chunks > 0)).toBe(true);

    const rows = await keptAndCounted(first.db, new Date());
    expect(rows.map(({ talentId, kept, counted }) => ({ talentId, kept, counted }))).toEqual(
      talents.map((talent) => ({ talentId: talent.user.id, kept: ROLES, counted: ROLES })),
    );
    for (const talent of talents) {
      const shown = await request(second.url, NewRolesMatchedDocument, {}, { token: talent.token });
      expect(shown.data!.dashboard.atAGlance.newRolesMatched).toBe(ROLES);
    }
  });
});
