import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { AccountType, TalentProfile, User } from "../../entities";
import { FANNED_OUT } from "../../entities/role.entity";
import type { App } from "../../src/app";
import { createTokenService } from "../../src/auth/tokens";
import { AddRoleDocument, NewRolesMatchedDocument } from "../generated/operations";
import { fixtures } from "../support/fixtures";
import { request } from "../support/graphql-http";
import { expectKeptCountsExact, keptAndCounted, unfinishedFanOuts } from "../support/new-roles-matched-oracle";
import { startTestApp, testConfig, testRedisUrl, TEST_JWT_SECRET } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/*
 * The built gateway as a real process fans a new role out one talent id a
 * chunk and is SIGKILLed part-way, perhaps inside a chunk's transaction. What
 * committed stays (the counts with their mark), what did not is rolled back;
 * the next gateway finishes from the mark, and every talent counts the role once.
 */

const tokens = createTokenService({ secret: TEST_JWT_SECRET, ttlSeconds: 3600, sessionMaxAgeSeconds: 3600 });
const MAIN = path.join(__dirname, "..", "..", "dist", "src", "main.js");
const TALENTS = 400;

let database: TestDatabase;
let child: ChildProcess | null = null;
const apps: App[] = [];

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const app of apps) await app.stop();
  await database?.drop();
});

async function spawnGateway(env: Record<string, string>): Promise<{ process: ChildProcess; url: string }> {
  const spawned = spawn(process.execPath, [MAIN], {
    env: { ...process.env, ...env },
    // The log is on stdout (JSON or pretty lines); stderr is left to the terminal.
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let log = "";
    const timer = setTimeout(() => reject(new Error(`no ready line in: ${log}`)), 30_000);
    spawned.stdout!.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      const ready = /gateway ready at (http:\/\/\S+)/.exec(log);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    });
  });
  return { process: spawned, url };
}

describe("a gateway killed with SIGKILL in the middle of a fan-out", () => {
  it("leaves the counts exact for readers, and the next gateway finishes from the mark", async () => {
    expect(fs.existsSync(MAIN)).toBe(true);
    database = await createTestDatabase();
    expect(database.config.kind).toBe("mysql");
    const f = fixtures(database.dataSource);
    const director = await f.director();
    const production = await f.production(director.user.id);
    // Many talents at once, straight into the tables: nothing has been posted since they last looked.
    const seenAt = new Date(Date.now() - 86_400_000);
    const inserted = await database.dataSource.getRepository(User).insert(
      Array.from({ length: TALENTS }, (_, i) => ({
        email: `fan-out-${i}@fixtures.test`,
        passwordHash: "not-a-real-hash",
        name: `Talent ${i}`,
        accountType: AccountType.TALENT,
        rolesMatchedSeenAt: seenAt,
        createdAt: seenAt,
      })),
    );
    const talentIds = inserted.identifiers.map((row) => Number(row.id));
    await database.dataSource
      .getRepository(TalentProfile)
      .insert(talentIds.map((talentId) => ({ talentId, updatedAt: seenAt })));

    const config = testConfig(database.config);
    const doomed = await spawnGateway({
      NODE_ENV: "test",
      PORT: "0",
      DATABASE_URL: database.config.kind === "mysql" ? database.config.url : "",
      REDIS_URL: testRedisUrl!,
      REDIS_CHANNEL_PREFIX: config.redisChannelPrefix,
      JWT_SECRET: TEST_JWT_SECRET,
      RATE_LIMITS: "off",
      ROLE_FAN_OUT_CHUNK_TALENTS: "1",
    });
    child = doomed.process;
    const exited = new Promise((resolve) => doomed.process.once("exit", (_code, signal) => resolve(signal)));
    const added = await request(
      doomed.url,
      AddRoleDocument,
      { input: { productionId: String(production.id), name: "For everyone" } },
      { token: director.token },
    );
    expect(added.errors).toBeUndefined();
    const roleId = Number(added.data!.addRole.id);

    // Killed once a tenth of the talents are counted.
    const tenth = talentIds[TALENTS / 10]!;
    for (let mark = 0; mark < tenth;) {
      mark = (await unfinishedFanOuts(database.dataSource))[0]?.mark ?? FANNED_OUT;
    }
    doomed.process.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    const [left] = await unfinishedFanOuts(database.dataSource);
    expect(left!.roleId).toBe(roleId);
    expect(left!.mark).toBeGreaterThanOrEqual(tenth);
    expect(left!.mark).toBeLessThan(talentIds.at(-1)!);
    await expectKeptCountsExact(database.dataSource);
    const partly = await keptAndCounted(database.dataSource, new Date());
    expect(partly.filter((row) => row.kept === 1).map((row) => row.talentId)).toEqual(
      talentIds.filter((id) => id <= left!.mark),
    );
    expect(partly.every((row) => row.counted === 1)).toBe(true);

    const next = (await startTestApp(testConfig(database.config, { ROLE_FAN_OUT_CHUNK_TALENTS: "50" }))).app;
    apps.push(next);
    const deadline = Date.now() + 20_000;
    while ((await unfinishedFanOuts(next.db)).length > 0) {
      if (Date.now() > deadline) throw new Error("the next gateway did not finish the fan-out");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const rows = await keptAndCounted(next.db, new Date());
    expect(rows.map(({ talentId, kept }) => ({ talentId, kept }))).toEqual(
      talentIds.map((talentId) => ({ talentId, kept: 1 })),
    );
    for (const talentId of [talentIds[0]!, left!.mark + 1, talentIds.at(-1)!]) {
      const { token } = tokens.issue({ id: talentId, accountType: AccountType.TALENT });
      const shown = await request(next.url, NewRolesMatchedDocument, {}, { token });
      expect({ talentId, newRolesMatched: shown.data!.dashboard.atAGlance.newRolesMatched }).toEqual({
        talentId,
        newRolesMatched: 1,
      });
    }
  });
});
