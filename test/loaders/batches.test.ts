import type DataLoader from "dataloader";
import { ApplicationStatus, MediaKind, User } from "../../entities";
import { createContext, type Services } from "../../src/context";
import { createLoaders, type Loaders } from "../../src/loaders";
import { createMemoryLogger } from "../../src/logger";
import { daysFromNow, fixtures } from "../support/fixtures";
import { createStatementCounter, type LoggedStatement } from "../support/statement-counter";
import { createTestDatabase, testEngine, type TestDatabase } from "../support/test-database";

/*
 * How each loader batches, asserted the way DataLoader's own tests do: the
 * keys asked in one tick go to the database in one statement, each distinct
 * key once, the answers come back in key order with null (or [] for a grouped
 * loader) for a key that has no row, and a second request starts with an
 * empty cache. Rows are this file's own, on the engine under test.
 */

const MISSING = 999_999;

const counter = createStatementCounter();
let database: TestDatabase;
let ids: Awaited<ReturnType<typeof seed>>;

async function seed() {
  const f = fixtures(database.dataSource);
  const [dana, omar] = [await f.director("Dana Director"), await f.director("Omar Other")];
  const [tess, theo] = [await f.talent("Tess Talent"), await f.talent("Theo Talent")];
  const tempest = await f.production(dana.user.id, { title: "The Tempest" });
  const lear = await f.production(omar.user.id, { title: "King Lear" });
  const empty = await f.production(dana.user.id, { title: "No roles yet" });
  const miranda = await f.role(tempest.id, { name: "Miranda", createdAt: daysFromNow(-6) });
  const ariel = await f.role(tempest.id, { name: "Ariel", createdAt: daysFromNow(-5) });
  const fool = await f.role(lear.id, { name: "Fool" });
  const invited = await f.application(tess.user.id, miranda.id, ApplicationStatus.INVITED);
  const invitation = await f.invitation(invited, dana.user.id, { note: "We loved your reel" });
  const submitted = await f.application(tess.user.id, ariel.id, ApplicationStatus.SUBMITTED);
  const olderRequest = await f.auditionRequest(submitted, dana.user.id, { createdAt: daysFromNow(-2) });
  const newerRequest = await f.auditionRequest(submitted, dana.user.id, { createdAt: daysFromNow(-1) });
  const draft = await f.application(theo.user.id, fool.id, ApplicationStatus.DRAFT);
  const hello = await f.message(dana.user.id, tess.user.id, { body: "Hello Tess" });
  const again = await f.message(omar.user.id, tess.user.id, { body: "Hello again" });
  await f.media(tess.user.id, MediaKind.PHOTO, { bytes: 1500 });
  return {
    dana: dana.user.id,
    omar: omar.user.id,
    tess: tess.user.id,
    theo: theo.user.id,
    tempest: tempest.id,
    lear: lear.id,
    empty: empty.id,
    miranda: miranda.id,
    ariel: ariel.id,
    fool: fool.id,
    invited: invited.id,
    submitted: submitted.id,
    draft: draft.id,
    invitation: invitation.id,
    olderRequest: olderRequest.id,
    newerRequest: newerRequest.id,
    hello: hello.id,
    again: again.id,
  };
}

beforeAll(async () => {
  database = await createTestDatabase({ logger: counter });
  ids = await seed();
});

afterAll(async () => {
  await database.drop();
});

/** Asks for every key in the same tick, through separate `load` calls, and returns the answers and what was sent. */
async function loadInOneTick<V, K = number>(
  loader: DataLoader<K, V, unknown>,
  keys: K[],
): Promise<{ values: V[]; sent: LoggedStatement[] }> {
  counter.reset();
  const values = await Promise.all(keys.map((key) => loader.load(key)));
  return { values, sent: [...counter.logged] };
}

/**
 * The keys of a batch: the items of the statement's `IN (…)` list, whether the
 * driver wrote them into the SQL (TypeORM inlines numbers) or sent them as
 * placeholders (`?` on both engines, `$n` elsewhere).
 */
function keysIn(statement: LoggedStatement): number[] {
  const list = /\bIN\s*\(([^()]*)\)/i.exec(statement.sql);
  if (!list) return [];
  let parameter = (statement.sql.slice(0, list.index).match(/\?|\$\d+/g) ?? []).length;
  return list[1]!
    .split(",")
    .map((item) => item.trim())
    .map((item) => (/^(\?|\$\d+)$/.test(item) ? Number(statement.parameters[parameter++]) : Number(item)));
}

/** The keys once each, in ascending order: what a batch holds, in whatever order the loader sends them. */
function distinctSorted(keys: number[]): number[] {
  return [...new Set(keys)].sort((a, b) => a - b);
}

/** The loader's name, its table, and the keys asked: rows of this file's seed, MISSING, a repeat. */
type ByIdCase = [keyof Loaders, string, () => number[]];

const byId: ByIdCase[] = [
  ["userById", "users", () => [ids.theo, MISSING, ids.dana, ids.theo]],
  ["roleById", "roles", () => [ids.fool, MISSING, ids.miranda, ids.fool]],
  ["productionById", "productions", () => [ids.lear, ids.tempest, MISSING, ids.lear]],
  ["applicationById", "applications", () => [ids.draft, MISSING, ids.invited, ids.draft]],
  ["messageById", "messages", () => [ids.again, ids.hello, MISSING, ids.hello]],
  ["invitationById", "invitations", () => [MISSING, ids.invitation, ids.invitation]],
  ["auditionRequestById", "audition_requests", () => [ids.newerRequest, MISSING, ids.olderRequest, ids.newerRequest]],
];

describe(`loaders by id, on ${testEngine}`, () => {
  it.each(byId)(
    "%s answers in key order with null for a missing key, from one statement on %s asking each key once",
    async (name, table, keysAsked) => {
      const keys = keysAsked();
      const loader = createLoaders(database.dataSource, new Date())[name] as DataLoader<number, { id: number } | null>;
      const { values, sent } = await loadInOneTick(loader, keys);

      expect(values.map((row) => row && row.id)).toEqual(keys.map((key) => (key === MISSING ? null : key)));
      expect(sent).toHaveLength(1);
      expect(sent[0]!.sql).toMatch(new RegExp(`FROM [\`"']?${table}[\`"']?`, "i"));
      expect(sent[0]!.sql).toMatch(/\bIN\s*\(/i);
      expect(keysIn(sent[0]!).sort((a, b) => a - b)).toEqual(distinctSorted(keys));
    },
  );

  it("userById answers with each user's name and account type", async () => {
    const { values } = await loadInOneTick(createLoaders(database.dataSource, new Date()).userById, [
      ids.tess,
      ids.omar,
    ]);
    expect(values.map((user) => user && { id: user.id, name: user.name, accountType: user.accountType })).toEqual([
      { id: ids.tess, name: "Tess Talent", accountType: "TALENT" },
      { id: ids.omar, name: "Omar Other", accountType: "CASTING_DIRECTOR" },
    ]);
  });
});

describe(`loaders by parent, on ${testEngine}`, () => {
  it("invitationByApplicationId answers each application's invitation, null for one the talent started or a missing one", async () => {
    const loader = createLoaders(database.dataSource, new Date()).invitationByApplicationId;
    const { values, sent } = await loadInOneTick(loader, [ids.draft, ids.invited, MISSING, ids.invited]);

    expect(values.map((invitation) => invitation && { id: invitation.id, note: invitation.note })).toEqual([
      null,
      { id: ids.invitation, note: "We loved your reel" },
      null,
      { id: ids.invitation, note: "We loved your reel" },
    ]);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.sql).toMatch(/FROM [`"']?invitations[`"']?/i);
    expect(keysIn(sent[0]!).sort((a, b) => a - b)).toEqual(distinctSorted([ids.invited, ids.draft, MISSING]));
  });

  it("auditionRequestsByApplicationId answers each application's requests newest first, [] for none or a missing one", async () => {
    const loader = createLoaders(database.dataSource, new Date()).auditionRequestsByApplicationId;
    const { values, sent } = await loadInOneTick(loader, [ids.submitted, MISSING, ids.draft, ids.submitted]);

    expect(values.map((requests) => requests.map((request) => request.id))).toEqual([
      [ids.newerRequest, ids.olderRequest],
      [],
      [],
      [ids.newerRequest, ids.olderRequest],
    ]);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.sql).toMatch(/FROM [`"']?audition_requests[`"']?/i);
    expect(keysIn(sent[0]!).sort((a, b) => a - b)).toEqual(distinctSorted([ids.submitted, ids.draft, MISSING]));
  });

  it("rolesByProductionId answers each production's roles oldest first, [] for none or a missing one", async () => {
    const loader = createLoaders(database.dataSource, new Date()).rolesByProductionId;
    const { values, sent } = await loadInOneTick(loader, [ids.tempest, ids.empty, MISSING, ids.lear, ids.tempest]);

    expect(values.map((roles) => roles.map((role) => role.name))).toEqual([
      ["Miranda", "Ariel"],
      [],
      [],
      ["Fool"],
      ["Miranda", "Ariel"],
    ]);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.sql).toMatch(/FROM [`"']?roles[`"']?/i);
    expect(keysIn(sent[0]!).sort((a, b) => a - b)).toEqual(distinctSorted([ids.tempest, ids.empty, MISSING, ids.lear]));
  });
});

describe(`the dashboard summary loader, on ${testEngine}`, () => {
  it("answers each talent's counts in key order and null for a missing user, asking each talent once", async () => {
    const loader = createLoaders(database.dataSource, new Date()).dashboardSummaryByTalentId;
    const { values, sent } = await loadInOneTick(loader, [ids.theo, MISSING, ids.tess, ids.theo]);

    const shown = values.map(
      (summary) =>
        summary && {
          newMessages: summary.atAGlance.newMessages,
          newInvitations: summary.atAGlance.newInvitations,
          auditionRequests: summary.atAGlance.auditionRequests,
          draftApplications: summary.atAGlance.draftApplications,
          all: summary.applicationCounts.all,
          photos: summary.media.photos,
          bytesUsed: summary.media.bytesUsed,
        },
    );
    const theo = {
      newMessages: 0,
      newInvitations: 0,
      auditionRequests: 0,
      draftApplications: 1,
      all: 1,
      photos: 0,
      bytesUsed: 0,
    };
    const tess = {
      newMessages: 2,
      newInvitations: 1,
      auditionRequests: 2,
      draftApplications: 0,
      all: 2,
      photos: 1,
      bytesUsed: 1500,
    };
    expect(shown).toEqual([theo, null, tess, theo]);
    // One statement per distinct talent, the repeated one asked once: a request has one viewer, whose
    // whole dashboard's counts it reads at once, never one statement per field.
    expect(sent).toHaveLength(3);
  });
});

describe(`loaders per request, on ${testEngine}`, () => {
  /** createContext reads nothing of the services but the data source to build its loaders. */
  const newRequest = () =>
    createContext({ db: database.dataSource } as Services, null, {
      requestId: "batches",
      logger: createMemoryLogger(),
    });

  /** A key of this file's seed for each loader, so every one is exercised. */
  const keyFor = (): Record<keyof Loaders, unknown> => ({
    userById: ids.tess,
    roleById: ids.miranda,
    productionById: ids.tempest,
    applicationById: ids.invited,
    messageById: ids.hello,
    invitationById: ids.invitation,
    auditionRequestById: ids.olderRequest,
    invitationByApplicationId: ids.invited,
    auditionRequestsByApplicationId: ids.submitted,
    rolesByProductionId: ids.tempest,
    // A fresh object each time: these loaders cache by the key's values.
    applicationByTalentAndRole: { talentId: ids.tess, roleId: ids.miranda },
    roleMatchesTalent: { talentId: ids.tess, roleId: ids.miranda },
    talentPublicProfileByTalentId: ids.tess,
    headshotByTalentId: ids.tess,
    skillsByTalentId: ids.tess,
    creditsByTalentId: ids.tess,
    dashboardSummaryByTalentId: ids.tess,
  });

  it("covers every loader createLoaders builds", () => {
    expect(Object.keys(createLoaders(database.dataSource, new Date())).sort()).toEqual([...everyLoader].sort());
  });

  const everyLoader: Array<keyof Loaders> = [
    "userById",
    "roleById",
    "productionById",
    "applicationById",
    "messageById",
    "invitationById",
    "auditionRequestById",
    "invitationByApplicationId",
    "auditionRequestsByApplicationId",
    "rolesByProductionId",
    "applicationByTalentAndRole",
    "roleMatchesTalent",
    "talentPublicProfileByTalentId",
    "headshotByTalentId",
    "skillsByTalentId",
    "creditsByTalentId",
    "dashboardSummaryByTalentId",
  ];

  it.each(everyLoader)(
    "%s: a request answers a key again from its cache, a second request asks the database afresh",
    async (name) => {
      const key = keyFor()[name];
      const first = newRequest().loaders[name] as DataLoader<unknown, unknown, unknown>;
      const second = newRequest().loaders[name] as DataLoader<unknown, unknown, unknown>;

      const asked = await loadInOneTick(first, [key]);
      expect(asked.sent).toHaveLength(1);
      const cached = await loadInOneTick(first, [key]);
      expect(cached.sent).toEqual([]);
      expect(cached.values).toEqual(asked.values);
      const afresh = await loadInOneTick(second, [key]);
      expect(afresh.sent).toHaveLength(1);
      expect(afresh.values).toEqual(asked.values);
    },
  );

  it("a second request sees a row changed after the first one read it; the first keeps its answer", async () => {
    const first = newRequest();
    expect((await first.loaders.userById.load(ids.omar))!.name).toBe("Omar Other");
    await database.dataSource.getRepository(User).update(ids.omar, { name: "Omar Renamed" });
    try {
      expect((await first.loaders.userById.load(ids.omar))!.name).toBe("Omar Other");
      expect((await newRequest().loaders.userById.load(ids.omar))!.name).toBe("Omar Renamed");
    } finally {
      await database.dataSource.getRepository(User).update(ids.omar, { name: "Omar Other" });
    }
  });
});
