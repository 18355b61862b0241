import type { App } from "../../src/app";
import { fanOutNextChunk } from "../../src/role-matches/fan-out-chunk";
import { AddRoleDocument, NewRolesMatchedDocument } from "../generated/operations";
import { finishFanOut } from "../support/finish-fan-out";
import { fixtures, type TestUser } from "../support/fixtures";
import { request } from "../support/graphql-http";
import { expectKeptCountsExact, keptAndCounted, unfinishedFanOuts } from "../support/new-roles-matched-oracle";
import { startTestApp, testConfig } from "../support/test-app";
import { createTestDatabase, testEngine, type TestDatabase } from "../support/test-database";

/*
 * A gateway stopped part-way through a fan-out leaves each role's mark where
 * its last chunk committed. The next gateway on the database finds the
 * unfinished roles when it starts and goes on from the marks: had it started
 * again from zero, the talents below the marks would count the roles twice.
 */

const TALENTS = 7;
let database: TestDatabase;
const apps: App[] = [];

afterAll(async () => {
  for (const app of apps.reverse()) await app.stop();
  await database?.drop();
});

async function waitUntilFannedOut(app: App): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await unfinishedFanOuts(app.db)).length > 0) {
    if (Date.now() > deadline) throw new Error("the second gateway did not finish the fan-out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe(`a fan-out interrupted by a stop, on ${testEngine}`, () => {
  it("is finished from its marks by the next gateway to start, each talent counted once", async () => {
    database = await createTestDatabase();
    const first = (await startTestApp(testConfig(database.config, { ROLE_FAN_OUT: "off" }))).app;
    apps.push(first);
    const f = fixtures(first.db);
    const director = await f.director();
    const production = await f.production(director.user.id);
    const talents: TestUser[] = [];
    for (let i = 0; i < TALENTS; i += 1) talents.push(await f.talent(`Talent ${i}`));
    const roleIds: number[] = [];
    for (const name of ["First", "Second"]) {
      const added = await request(
        first.url,
        AddRoleDocument,
        { input: { productionId: String(production.id), name } },
        { token: director.token },
      );
      expect(added.errors).toBeUndefined();
      roleIds.push(Number(added.data!.addRole.id));
    }

    // Two chunks of two talent ids each: the first role is part-way, the second not started.
    for (let i = 0; i < 2; i += 1) expect(await fanOutNextChunk(first.db, 2)).toMatchObject({ roleId: roleIds[0] });
    const marks = await unfinishedFanOuts(first.db);
    expect(marks).toEqual([
      { roleId: roleIds[0], mark: talents[3]!.user.id },
      { roleId: roleIds[1], mark: 0 },
    ]);
    await expectKeptCountsExact(first.db);
    await first.stop();
    apps.pop();

    const second = (await startTestApp(testConfig(database.config, { ROLE_FAN_OUT_CHUNK_TALENTS: "2" }))).app;
    apps.push(second);
    await waitUntilFannedOut(second);
    expect(await finishFanOut(second.db)).toEqual([]);

    const rows = await keptAndCounted(second.db, new Date());
    expect(rows.map(({ talentId, kept }) => ({ talentId, kept }))).toEqual(
      talents.map((talent) => ({ talentId: talent.user.id, kept: 2 })),
    );
    expect(rows.every((row) => row.counted === 2)).toBe(true);
    for (const talent of talents) {
      const shown = await request(second.url, NewRolesMatchedDocument, {}, { token: talent.token });
      expect(shown.data!.dashboard.atAGlance.newRolesMatched).toBe(2);
    }
  });
});
