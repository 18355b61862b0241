import { settleExpiredProductions } from "../../src/role-matches/settle-expired-productions";
import {
  AddRoleInFullDocument,
  InviteToApplyInFullDocument,
  MarkRolesMatchedSeenDocument,
  NewRolesMatchedDocument,
  SaveDraftApplicationInFullDocument,
  UpdateProfileDocument,
  type RoleRequirementsInput,
} from "../generated/operations";
import { errorCode, type GraphQLResponse } from "../support/graphql-http";
import { fanOutNextChunk } from "../../src/role-matches/fan-out-chunk";
import { finishFanOut } from "../support/finish-fan-out";
import { expectKeptCountsExact, keptAndCounted, unfinishedFanOuts } from "../support/new-roles-matched-oracle";
import { useHarness, type Actor } from "../mutations/harness";

/*
 * The kept newRolesMatched under concurrent writes on MariaDB: directors adding
 * roles while talents draft applications, change their profiles and look at
 * their matches, invitations arrive, a production expires and the settlement
 * runs, and new roles fan out in chunks of four talent ids (the gateway's own
 * job) and of one (a second fan-out beside it, as another instance would run).
 * Every write that changes a count locks rows in its own order, so this is
 * where a lost update or an unretried deadlock would show. At the end every
 * kept count must equal the contract's definition counted from scratch over
 * the roles fanned out to the talent, and once the fan-out is done, all of it.
 */

const TALENTS = 24;
const DIRECTORS = 3;
const OPERATIONS = 300;
const IN_FLIGHT = 16;

const GENDERS = ["FEMALE", "MALE", "NON_BINARY"] as const;
const CITIES = ["London", "Leeds", "Bristol"] as const;

const h = useHarness({ env: { ROLE_FAN_OUT_CHUNK_TALENTS: "4" } });

/** A small deterministic PRNG (mulberry32): the same operations on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

it("keeps every talent's count exact through concurrent roles, applications, invitations, profiles and expiry", async () => {
  const next = random(2026);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const directors: Actor[] = [];
  for (let i = 0; i < DIRECTORS; i += 1) directors.push(await h.signUp("CASTING_DIRECTOR", `Director ${i}`));
  const talents: Actor[] = [];
  for (let i = 0; i < TALENTS; i += 1) {
    const talent = await h.signUp("TALENT", `Talent ${i}`);
    const ageMin = 18 + Math.floor(next() * 40);
    const profile = {
      gender: pick(GENDERS),
      location: pick(CITIES),
      playableAgeMin: ageMin,
      playableAgeMax: ageMin + 8,
    };
    await h.ok(UpdateProfileDocument, { input: profile }, talent);
    talents.push(talent);
  }
  const productions: Array<{ id: string; director: Actor }> = [];
  for (const director of directors) productions.push({ id: await h.createProduction(director), director });
  const closing = await h.fixtures.production(Number(directors[0]!.id), { expiresAt: new Date(Date.now() + 4000) });
  const closingRole = await h.fixtures.role(closing.id, { createdAt: new Date() });
  const roles: Array<{ id: string; director: Actor }> = [{ id: String(closingRole.id), director: directors[0]! }];

  const requirements = () => {
    const wanted: RoleRequirementsInput = {};
    if (next() < 0.4) wanted.gender = pick(GENDERS);
    if (next() < 0.4) wanted.location = pick(CITIES);
    if (next() < 0.3) {
      const ageMin = 18 + Math.floor(next() * 40);
      Object.assign(wanted, { ageMin, ageMax: ageMin + 10 });
    }
    return wanted;
  };
  const operations: Array<() => Promise<GraphQLResponse<unknown> | unknown>> = [];
  for (let i = 0; i < OPERATIONS; i += 1) {
    const kind = next();
    if (kind < 0.25) {
      const production = pick(productions);
      operations.push(async () => {
        const response = await h.call(
          AddRoleInFullDocument,
          { input: { productionId: production.id, name: `Role ${i}`, requirements: requirements() } },
          production.director,
        );
        if (response.data) roles.push({ id: response.data.addRole.id, director: production.director });
        return response;
      });
    } else if (kind < 0.5) {
      operations.push(() =>
        h.call(SaveDraftApplicationInFullDocument, { input: { roleId: pick(roles).id } }, pick(talents)),
      );
    } else if (kind < 0.65) {
      operations.push(() => {
        const role = pick(roles);
        return h.call(
          InviteToApplyInFullDocument,
          { input: { roleId: role.id, talentId: pick(talents).id } },
          role.director,
        );
      });
    } else if (kind < 0.85) {
      const change = next() < 0.5 ? { gender: pick(GENDERS) } : { location: pick(CITIES) };
      operations.push(() => h.call(UpdateProfileDocument, { input: change }, pick(talents)));
    } else if (kind < 0.95) {
      operations.push(() => h.call(MarkRolesMatchedSeenDocument, {}, pick(talents)));
    } else {
      operations.push(() => settleExpiredProductions(h.db, new Date()));
    }
  }

  // Refusals the rules allow (a second application to a role, an invitation to a director's
  // own closed production, …) are fine; anything else, a deadlock that escaped its retries
  // above all, is not.
  const unexpected: string[] = [];
  let cursor = 0;
  let secondFanOutChunks = 0;
  const secondFanOut = async () => {
    while (cursor < operations.length) {
      if ((await fanOutNextChunk(h.db, 1)).kind === "chunk") secondFanOutChunks += 1;
      else await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  await Promise.all([
    secondFanOut(),
    ...Array.from({ length: IN_FLIGHT }, async () => {
      while (cursor < operations.length) {
        const result = (await operations[cursor++]!()) as GraphQLResponse<unknown> | undefined;
        if (result && "errors" in result && result.errors) {
          const code = errorCode(result);
          if (code !== "BAD_USER_INPUT" && code !== "NOT_FOUND") unexpected.push(JSON.stringify(result.errors));
        }
      }
    }),
  ]);
  expect(unexpected).toEqual([]);
  expect(secondFanOutChunks).toBeGreaterThan(0);

  await expectKeptCountsExact(h.db);
  await finishFanOut(h.db);
  expect(await unfinishedFanOuts(h.db)).toEqual([]);
  await expectKeptCountsExact(h.db);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, closing.expiresAt.getTime() - Date.now() + 50)));
  await settleExpiredProductions(h.db, new Date());
  await expectKeptCountsExact(h.db);
  const counted = new Map((await keptAndCounted(h.db, new Date())).map((row) => [String(row.talentId), row.counted]));
  for (const talent of talents) {
    const shown = (await h.ok(NewRolesMatchedDocument, {}, talent)).dashboard.atAGlance.newRolesMatched;
    expect({ talent: talent.id, newRolesMatched: shown }).toEqual({
      talent: talent.id,
      newRolesMatched: counted.get(talent.id),
    });
  }
  expect([...counted.values()].some((count) => count > 0)).toBe(true);
});
