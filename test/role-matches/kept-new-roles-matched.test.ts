import { settleExpiredProductions } from "../../src/role-matches/settle-expired-productions";
import {
  MarkRolesMatchedSeenDocument,
  NewRolesMatchedDocument,
  UpdateProfileDocument,
  type UpdateProfileInput,
} from "../generated/operations";
import { expectKeptCountsExact, keptAndCounted, settlementMark } from "../support/new-roles-matched-oracle";
import { testEngine } from "../support/test-database";
import { useHarness, type Actor } from "../mutations/harness";

/*
 * newRolesMatched is kept on the user row by the writes that change it, so the
 * dashboard reads it instead of counting. After every step these tests compare
 * the kept numbers with the contract's definition counted from scratch, and
 * the dashboard's answer with the definition as of now.
 */

const h = useHarness();
let director: Actor;
let anna: Actor;
let ben: Actor;
let cleo: Actor;
let productionId: string;

async function newRolesMatched(talent: Actor): Promise<number> {
  return (await h.ok(NewRolesMatchedDocument, {}, talent)).dashboard.atAGlance.newRolesMatched;
}

async function shown(): Promise<Record<string, number>> {
  return { anna: await newRolesMatched(anna), ben: await newRolesMatched(ben), cleo: await newRolesMatched(cleo) };
}

async function expectDashboardsMatchDefinition(): Promise<void> {
  const counted = new Map((await keptAndCounted(h.db, new Date())).map((row) => [String(row.talentId), row.counted]));
  for (const talent of [anna, ben, cleo]) expect(await newRolesMatched(talent)).toBe(counted.get(talent.id));
}

beforeAll(async () => {
  director = await h.signUp("CASTING_DIRECTOR", "Director");
  anna = await h.signUp("TALENT", "Anna");
  ben = await h.signUp("TALENT", "Ben");
  cleo = await h.signUp("TALENT", "Cleo");
  const profile: UpdateProfileInput = {
    playableAgeMin: 30,
    playableAgeMax: 40,
    location: "London",
    unionStatus: "UNION",
  };
  await h.ok(UpdateProfileDocument, { input: { ...profile, gender: "FEMALE" } }, anna);
  await h.ok(
    UpdateProfileDocument,
    { input: { gender: "MALE", playableAgeMin: 20, playableAgeMax: 25, location: "Leeds" } },
    ben,
  );
  productionId = await h.createProduction(director, { title: "Kept Counts" });
});

describe(`newRolesMatched kept on ${testEngine}`, () => {
  it("counts a new role for every talent it matches, and for no other", async () => {
    await h.addRole(director, productionId, { name: "Anyone" });
    await h.addRole(director, productionId, { name: "A woman", requirements: { gender: "FEMALE" } });
    await h.addRole(director, productionId, { name: "In London", requirements: { location: "london" } });
    await h.addRole(director, productionId, { name: "Twenties", requirements: { ageMin: 21, ageMax: 29 } });

    expect(await shown()).toEqual({ anna: 3, ben: 2, cleo: 1 });
    await expectKeptCountsExact(h.db);
    await expectDashboardsMatchDefinition();
  });

  it("takes a role out when the talent drafts an application for it or is invited to it", async () => {
    const role = await h.addRole(director, productionId, { name: "Understudy" });
    const unmatched = await h.addRole(director, productionId, { name: "A man", requirements: { gender: "MALE" } });
    expect(await shown()).toEqual({ anna: 4, ben: 4, cleo: 2 });

    await h.saveDraft(anna, role, "First go");
    await h.saveDraft(anna, role, "Second go"); // editing the draft changes nothing
    await h.saveDraft(anna, unmatched); // a role Anna never counted
    await h.invite(director, role, ben);

    expect(await shown()).toEqual({ anna: 3, ben: 3, cleo: 2 });
    await expectKeptCountsExact(h.db);
  });

  it("counts again when the profile changes which roles match, and not for a bio", async () => {
    await h.ok(UpdateProfileDocument, { input: { bio: "Stage and screen" } }, ben);
    expect(await newRolesMatched(ben)).toBe(3);

    await h.ok(UpdateProfileDocument, { input: { gender: "FEMALE", location: "London" } }, ben);

    // Ben now matches "A woman" and "In London", and no longer "A man".
    expect(await newRolesMatched(ben)).toBe(4);
    await expectKeptCountsExact(h.db);
    await expectDashboardsMatchDefinition();
  });

  it("starts from zero when the talent looks, and counts the roles posted after", async () => {
    expect((await h.ok(MarkRolesMatchedSeenDocument, {}, cleo)).markRolesMatchedSeen.newRolesMatched).toBe(0);
    await h.addRole(director, productionId, { name: "After the look" });

    expect(await shown()).toEqual({ anna: 4, ben: 5, cleo: 1 });
    await expectKeptCountsExact(h.db);
  });

  it("leaves out a production's roles once it expires, before and after settlement", async () => {
    const before = await shown();
    const closing = await h.fixtures.production(Number(director.id), { expiresAt: new Date(Date.now() + 1500) });
    await h.fixtures.role(closing.id, { createdAt: new Date() });
    expect(await shown()).toEqual({ anna: before.anna + 1, ben: before.ben + 1, cleo: before.cleo + 1 });

    await new Promise((resolve) => setTimeout(resolve, 1600));
    // Expired after the settlement mark: the kept counts still hold it, the dashboard subtracts it.
    expect(await shown()).toEqual(before);

    const settlement = await settleExpiredProductions(h.db, new Date());
    expect(settlement.to.getTime()).toBeGreaterThanOrEqual(closing.expiresAt.getTime());
    expect((await settlementMark(h.db)).getTime()).toBe(settlement.to.getTime());
    expect(await shown()).toEqual(before);
    await expectKeptCountsExact(h.db);

    const again = await settleExpiredProductions(h.db, new Date());
    expect(again.expiredProductions).toBe(0);
    expect(await shown()).toEqual(before);
  });

  it("stays exact when roles, applications and profile changes race", async () => {
    const roles = await Promise.all(
      ["Racer 1", "Racer 2", "Racer 3"].map((name) => h.addRole(director, productionId, { name })),
    );
    await Promise.all([
      h.addRole(director, productionId, { name: "Racer 4" }),
      h.addRole(director, productionId, { name: "Racer 5", requirements: { gender: "FEMALE" } }),
      h.saveDraft(anna, roles[0]),
      h.saveDraft(ben, roles[1]),
      h.invite(director, roles[2], cleo),
      h.ok(UpdateProfileDocument, { input: { gender: "MALE" } }, anna),
      h.ok(UpdateProfileDocument, { input: { location: "Leeds" } }, ben),
      h.ok(MarkRolesMatchedSeenDocument, {}, cleo),
      settleExpiredProductions(h.db, new Date()),
    ]);

    await expectKeptCountsExact(h.db);
    await expectDashboardsMatchDefinition();
  });

  it("keeps a talent who signs up after roles were posted at zero", async () => {
    const dora = await h.signUp("TALENT", "Dora");
    expect(await newRolesMatched(dora)).toBe(0);
    await expectKeptCountsExact(h.db);
  });
});
