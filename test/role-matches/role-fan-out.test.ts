import { FANNED_OUT } from "../../entities/role.entity";
import { fanOutNextChunk, type FannedOutChunk } from "../../src/role-matches/fan-out-chunk";
import { settleExpiredProductions } from "../../src/role-matches/settle-expired-productions";
import {
  MarkRolesMatchedSeenDocument,
  NotificationCountsDocument,
  NewRolesMatchedDocument,
  UpdateProfileDocument,
  type UpdateProfileInput,
} from "../generated/operations";
import { finishFanOut } from "../support/finish-fan-out";
import { expectKeptCountsExact, keptAndCounted, unfinishedFanOuts } from "../support/new-roles-matched-oracle";
import { liveClient, subscribe } from "../support/live-client";
import { createStatementCounter } from "../support/statement-counter";
import { testEngine } from "../support/test-database";
import { useHarness, type Actor } from "../mutations/harness";

/*
 * A new role reaches the kept newRolesMatched counts in the background, in
 * chunks of talent ids. This gateway never fans out itself (ROLE_FAN_OUT=off):
 * the tests run the chunks, two talent ids each, and check between them that
 * every talent's newRolesMatched equals the contract's definition counted from
 * scratch, and that the kept counts hold exactly the roles fanned out to them.
 */

const CHUNK = 2;
const counter = createStatementCounter();
const h = useHarness({ env: { ROLE_FAN_OUT: "off" }, databaseLogger: counter });

let director: Actor;
let productionId: string;
const talents: Actor[] = [];

const PROFILES: UpdateProfileInput[] = [
  { gender: "FEMALE", location: "London", playableAgeMin: 20, playableAgeMax: 30 },
  { gender: "MALE", location: "Leeds", playableAgeMin: 30, playableAgeMax: 40 },
  { gender: "FEMALE", location: "Leeds", playableAgeMin: 40, playableAgeMax: 50 },
  { gender: "NON_BINARY", location: "London", playableAgeMin: 18, playableAgeMax: 25 },
  { gender: "MALE", location: "London", playableAgeMin: 25, playableAgeMax: 35 },
  { gender: "FEMALE", location: "Bristol", playableAgeMin: 30, playableAgeMax: 45 },
  { gender: "MALE", location: "Bristol", playableAgeMin: 50, playableAgeMax: 60 },
  {},
];

async function shownTo(talent: Actor): Promise<number> {
  return (await h.ok(NewRolesMatchedDocument, {}, talent)).dashboard.atAGlance.newRolesMatched;
}

/** Every talent's dashboard equals the definition now, and every kept count its fanned-out part; returns the rows. */
async function expectExactNow(): Promise<Awaited<ReturnType<typeof keptAndCounted>>> {
  const rows = await keptAndCounted(h.db, new Date());
  const counted = new Map(rows.map((row) => [String(row.talentId), row.counted]));
  const shown: Array<{ talent: string; newRolesMatched: number }> = [];
  for (const talent of talents) shown.push({ talent: talent.id, newRolesMatched: await shownTo(talent) });
  expect(shown).toEqual(talents.map((talent) => ({ talent: talent.id, newRolesMatched: counted.get(talent.id) })));
  await expectKeptCountsExact(h.db);
  return rows;
}

/** Runs one chunk, which must be there. */
async function oneChunk(): Promise<FannedOutChunk> {
  const outcome = await fanOutNextChunk(h.db, CHUNK);
  if (outcome.kind !== "chunk") throw new Error(`expected a chunk, got ${outcome.kind}`);
  return outcome;
}

const talentIds = () => talents.map((talent) => Number(talent.id));

beforeAll(async () => {
  director = await h.signUp("CASTING_DIRECTOR", "Director");
  for (const [i, profile] of PROFILES.entries()) {
    const talent = await h.signUp("TALENT", `Talent ${i}`);
    await h.ok(UpdateProfileDocument, { input: profile }, talent);
    talents.push(talent);
    // Gaps in the talent ids, as a real platform has.
    if (i % 3 === 1) await h.signUp("CASTING_DIRECTOR", `Director between ${i}`);
  }
  productionId = await h.createProduction(director, { title: "Fan-out" });
});

describe(`a new role's fan-out on ${testEngine}`, () => {
  it("commits the role and its event only: no user row changes, and readers count the role at once", async () => {
    const before = await expectExactNow();
    counter.reset();
    const roleId = await h.addRole(director, productionId, { name: "Anyone" });
    const userWrites = counter.statements.filter((sql) => /^\s*UPDATE\s+[`"]?users\b/i.test(sql));
    expect(userWrites).toEqual([]);

    const after = await expectExactNow();
    // Nothing kept changed; every talent (all match a role without requirements) sees one more.
    expect(after.map(({ talentId, kept }) => ({ talentId, kept }))).toEqual(
      before.map(({ talentId, kept }) => ({ talentId, kept })),
    );
    expect(after.map(({ talentId, counted }) => ({ talentId, counted }))).toEqual(
      before.map(({ talentId, counted }) => ({ talentId, counted: counted + 1 })),
    );
    expect(await unfinishedFanOuts(h.db)).toEqual([{ roleId: Number(roleId), mark: 0 }]);

    await finishFanOut(h.db, { chunkTalentIds: CHUNK });
    const done = await expectExactNow();
    expect(done.map(({ talentId, kept }) => ({ talentId, kept }))).toEqual(
      before.map(({ talentId, kept }) => ({ talentId, kept: kept + 1 })),
    );
  });

  it("stays exact after every chunk, moves each role's mark up to done, and counts each talent once", async () => {
    const before = await expectExactNow();
    const roles = [
      await h.addRole(director, productionId, { name: "A woman", requirements: { gender: "FEMALE" } }),
      await h.addRole(director, productionId, { name: "In London", requirements: { location: "london" } }),
    ].map(Number);

    const chunks: FannedOutChunk[] = [];
    let sawUnfanned = false;
    for (let outcome = await fanOutNextChunk(h.db, CHUNK); outcome.kind === "chunk";) {
      chunks.push(outcome);
      const rows = await expectExactNow();
      // Readers are counting a role for someone whose kept count does not hold it yet.
      if (rows.some((row) => row.kept !== row.counted)) sawUnfanned = true;
      outcome = await fanOutNextChunk(h.db, CHUNK);
      if (outcome.kind === "busy") throw new Error("no other transaction should hold the roles");
    }
    expect(sawUnfanned).toBe(true);
    expect(await unfinishedFanOuts(h.db)).toEqual([]);

    for (const roleId of roles) {
      const own = chunks.filter((chunk) => chunk.roleId === roleId);
      // Oldest role first, each chunk going on from the last one's mark, the last marking the role done.
      expect(own.map((chunk) => chunk.from)).toEqual([0, ...own.slice(0, -1).map((chunk) => chunk.to)]);
      expect(own.at(-1)!.to).toBe(FANNED_OUT);
      for (const { from, to } of own) {
        expect(talentIds().filter((id) => id > from && id <= to).length).toBeLessThanOrEqual(CHUNK);
      }
    }
    expect(chunks.map((chunk) => chunk.roleId)).toEqual([...chunks.map((chunk) => chunk.roleId)].sort((a, b) => a - b));

    const after = await expectExactNow();
    expect(after.every((row) => row.kept === row.counted)).toBe(true);
    const raised = after.reduce((sum, row, i) => sum + row.kept - before[i]!.kept, 0);
    // Three women and three Londoners (one of them both): each counted once.
    expect(raised).toBe(6);
    expect(chunks.reduce((sum, chunk) => sum + chunk.talentsCounted, 0)).toBe(6);
  });

  it("stays exact when applications, invitations, looks, profile changes and an expiry come between chunks", async () => {
    const role = Number(await h.addRole(director, productionId, { name: "Understudy" }));
    const closesAt = new Date(Date.now() + 5_000);
    const closing = await h.createProduction(director, { title: "Closing soon", expiresAt: closesAt.toISOString() });
    const closingRole = Number(await h.addRole(director, closing, { name: "Brief" }));

    expect(await oneChunk()).toMatchObject({ roleId: role, from: 0 });
    const mark = (await unfinishedFanOuts(h.db)).find((fanOut) => fanOut.roleId === role)!.mark;
    const reached = talents.filter((talent) => Number(talent.id) <= mark);
    const notYet = talents.filter((talent) => Number(talent.id) > mark);
    expect(reached.length).toBe(CHUNK);
    await expectExactNow();

    await h.saveDraft(reached[0]!, String(role));
    await expectExactNow();
    await h.saveDraft(notYet[0]!, String(role));
    await expectExactNow();
    await h.invite(director, String(role), notYet[1]!);
    await expectExactNow();
    await h.ok(MarkRolesMatchedSeenDocument, {}, notYet[2]!);
    await expectExactNow();
    await h.ok(UpdateProfileDocument, { input: { gender: "MALE", location: "Leeds" } }, notYet[3]!);
    await h.ok(UpdateProfileDocument, { input: { location: "Bristol" } }, reached[1]!);
    await expectExactNow();

    for (let chunk = await oneChunk(); !(chunk.roleId === role && chunk.to === FANNED_OUT); chunk = await oneChunk()) {
      await expectExactNow();
    }
    const closingChunk = await oneChunk();
    expect(closingChunk).toMatchObject({ roleId: closingRole, from: 0 });
    expect(closingChunk.to).toBeLessThan(FANNED_OUT);
    await expectExactNow();

    // The closing role expires with its fan-out part-way: readers drop it for everyone.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, closesAt.getTime() - Date.now() + 50)));
    await expectExactNow();
    await settleExpiredProductions(h.db, new Date());
    await expectExactNow();
    // Settled past its expiry, the rest of the closing role has nobody left to count.
    expect(await oneChunk()).toEqual({
      kind: "chunk",
      roleId: closingRole,
      from: closingChunk.to,
      to: FANNED_OUT,
      talentsCounted: 0,
    });
    const rows = await expectExactNow();
    expect(rows.every((row) => row.kept === row.counted)).toBe(true);
  });

  it("raises a subscribed matching talent's live newRolesMatched by one before the fan-out reaches them", async () => {
    const [matching, other] = [talents[0]!, talents[1]!];
    const clients = [liveClient(h.gateway.app.url, matching.token), liveClient(h.gateway.app.url, other.token)];
    try {
      const [mine, theirs] = clients.map((client) => subscribe(client, NotificationCountsDocument));
      const before = (await mine!.next()).data!.notificationCounts.newRolesMatched;
      await theirs!.next();
      expect(before).toBe(await shownTo(matching));
      // Talent 0 is a woman, talent 1 a man.
      const roleId = await h.addRole(director, productionId, { name: "Live", requirements: { gender: "FEMALE" } });
      expect((await mine!.next(5_000)).data!.notificationCounts.newRolesMatched).toBe(before + 1);
      await theirs!.expectSilence(300);
      expect(await unfinishedFanOuts(h.db)).toEqual([{ roleId: Number(roleId), mark: 0 }]);
      await finishFanOut(h.db, { chunkTalentIds: CHUNK });
      expect(await shownTo(matching)).toBe(before + 1);
      await expectExactNow();
    } finally {
      await Promise.all(clients.map((client) => client.dispose()));
    }
  });

  it("stays exact when writes race the chunks of two fan-outs", async () => {
    for (let round = 0; round < 3; round += 1) {
      const roles = [
        await h.addRole(director, productionId, { name: `Race ${round} a` }),
        await h.addRole(director, productionId, { name: `Race ${round} b`, requirements: { gender: "FEMALE" } }),
      ];
      const [a, b, c, d, e, f] = talents.slice(round, round + 6);
      await Promise.all([
        finishFanOut(h.db, { chunkTalentIds: 1 }),
        finishFanOut(h.db, { chunkTalentIds: 1 }),
        h.saveDraft(a!, roles[0]!),
        h.saveDraft(b!, roles[1]!),
        h.invite(director, roles[0]!, c!),
        h.ok(MarkRolesMatchedSeenDocument, {}, d!),
        h.ok(UpdateProfileDocument, { input: { gender: round % 2 === 0 ? "FEMALE" : "MALE" } }, e!),
        h.addRole(director, productionId, { name: `Race ${round} c`, requirements: { location: "Leeds" } }),
        h.saveDraft(f!, roles[0]!),
        settleExpiredProductions(h.db, new Date()),
      ]);
      await expectExactNow();
      await finishFanOut(h.db, { chunkTalentIds: 1 });
      const rows = await expectExactNow();
      expect(rows.every((row) => row.kept === row.counted)).toBe(true);
    }
  });
});
