import type DataLoader from "dataloader";
import { ApplicationFilter, ApplicationStatus, Gender, UnionStatus } from "../../entities";
import { createLoaders, type Loaders } from "../../src/loaders";
import { createCursorCodec } from "../../src/pagination/cursor";
import { createQueries, type Queries } from "../../src/queries";
import { daysFromNow } from "../support/fixtures";
import { createStatementCounter } from "../support/statement-counter";
import { useGateway } from "../support/use-gateway";

/*
 * The list queries prime roleById, productionById and userById with the
 * parents they join. Whatever a loader holds must be what a cache miss would
 * load: the same object, field for field (requirements, timestamps and all),
 * whichever path filled the cache first.
 */

const counter = createStatementCounter();
const gateway = useGateway({ databaseLogger: counter });

const ids = { talent: 0, director: 0, production: 0, role: 0, matchedProduction: 0 };

beforeAll(async () => {
  const f = gateway.fixtures;
  const requirements = {
    gender: Gender.FEMALE,
    ageMin: 25,
    ageMax: 35,
    location: "Leeds",
    unionStatus: UnionStatus.UNION,
  };
  const talent = await f.talent("Primed Talent", {
    gender: Gender.FEMALE,
    playableAgeMin: 28,
    playableAgeMax: 32,
    location: "Leeds",
    unionStatus: UnionStatus.UNION,
  });
  const director = await f.director("Primed Director");
  const production = await f.production(director.user.id, { location: "Leeds", expiresAt: daysFromNow(20) });
  const role = await f.role(production.id, { description: "Lead", ...requirements });
  await f.application(talent.user.id, role.id, ApplicationStatus.SUBMITTED);
  await f.message(director.user.id, talent.user.id, { productionId: production.id });
  await f.view(talent.user.id, production.id, daysFromNow(-1));
  // A second production with a role the talent matches and has not applied to: the matched-roles list.
  const matchedProduction = await f.production(director.user.id, { location: "York", expiresAt: daysFromNow(40) });
  await f.role(matchedProduction.id, requirements);
  Object.assign(ids, {
    talent: talent.user.id,
    director: director.user.id,
    production: production.id,
    role: role.id,
    matchedProduction: matchedProduction.id,
  });
});

/** One operation's loaders and queries, on one clock, as a request's context builds them. */
function operation(): { loaders: Loaders; queries: Queries } {
  const now = new Date();
  const loaders = createLoaders(gateway.app.db, now);
  const cursors = createCursorCodec("primed-rows-test-secret");
  return { loaders, queries: createQueries({ db: gateway.app.db, loaders, cursors, now }) };
}

/** What the loader holds for `id` after the list ran: asserted to come from the priming, not from a statement. */
async function primedValue<V>(loader: DataLoader<number, V>, id: number): Promise<V> {
  counter.reset();
  const value = await loader.load(id);
  expect(counter.statements).toEqual([]);
  return value;
}

/** What a fresh operation's loader loads for `id`: the cache-miss path. */
async function missedValue<V>(pick: (loaders: Loaders) => DataLoader<number, V>, id: number): Promise<V> {
  counter.reset();
  const value = await pick(operation().loaders).load(id);
  expect(counter.statements).toHaveLength(1);
  return value;
}

describe("a loader primed by a list holds what a cache miss loads", () => {
  it("holds the whole role, requirements included, after the applications page", async () => {
    const { loaders, queries } = operation();
    await queries.applicationsPage({ talentId: ids.talent, filter: ApplicationFilter.ALL, first: 10 });
    const primed = await primedValue(loaders.roleById, ids.role);
    expect(primed).toMatchObject({ gender: Gender.FEMALE, ageMin: 25, ageMax: 35, location: "Leeds" });
    expect(primed).toStrictEqual(await missedValue((l) => l.roleById, ids.role));
  });

  it("holds the whole production after the applications page", async () => {
    const { loaders, queries } = operation();
    await queries.applicationsPage({ talentId: ids.talent, filter: ApplicationFilter.ALL, first: 10 });
    const primed = await primedValue(loaders.productionById, ids.production);
    expect(primed!.createdAt).toBeInstanceOf(Date);
    expect(primed).toStrictEqual(await missedValue((l) => l.productionById, ids.production));
  });

  it("holds the casting director as every path shows a user after the applications page", async () => {
    const { loaders, queries } = operation();
    await queries.applicationsPage({ talentId: ids.talent, filter: ApplicationFilter.ALL, first: 10 });
    const primed = await primedValue(loaders.userById, ids.director);
    expect(primed).toStrictEqual(await missedValue((l) => l.userById, ids.director));
    expect(Object.keys(primed!).sort()).toEqual(["accountType", "id", "name"]);
  });

  it("holds the whole production and the sender after the messages page", async () => {
    const { loaders, queries } = operation();
    await queries.messagesPage({ talentId: ids.talent, first: 5 });
    expect(await primedValue(loaders.productionById, ids.production)).toStrictEqual(
      await missedValue((l) => l.productionById, ids.production),
    );
    expect(await primedValue(loaders.userById, ids.director)).toStrictEqual(
      await missedValue((l) => l.userById, ids.director),
    );
  });

  it("holds the whole production after the recently viewed list", async () => {
    const { loaders, queries } = operation();
    await queries.recentViews(ids.talent, 5);
    expect(await primedValue(loaders.productionById, ids.production)).toStrictEqual(
      await missedValue((l) => l.productionById, ids.production),
    );
  });

  it("holds the whole production after the matched roles page", async () => {
    const { loaders, queries } = operation();
    const page = await queries.matchedRolesPage({ talentId: ids.talent, first: 10 });
    expect(page.edges.map((edge) => edge.node.productionId)).toEqual([ids.matchedProduction]);
    const primed = await primedValue(loaders.productionById, ids.matchedProduction);
    // The list's TypeORM join attaches nothing further to the production it primes.
    expect(primed).toStrictEqual(await missedValue((l) => l.productionById, ids.matchedProduction));
  });
});
