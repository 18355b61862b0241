import type { DataSource } from "typeorm";
import { hashPassword } from "../auth/passwords";
import { generateCatalog } from "./catalog-generator";
import { DEMO_PASSWORD } from "./demo-accounts";
import { generateDemoTalentRows } from "./demo-talent";
import { IdSequences } from "./ids";
import { writeRows } from "./insert-rows";
import { createNewRolesMatchedCounter } from "./new-roles-matched";
import { generatePeople } from "./people";
import { TABLES_PARENTS_FIRST, emptyRows, type SeedCounts } from "./rows";
import { sizesFor } from "./sizes";
import { earliest } from "./time";
import { moveSettlementMark } from "../db/settlement-mark";
import { generateTalentRows } from "./talent-rows";
import type { SeedWorld } from "./world";

export type { SeedCounts, TableName } from "./rows";

export const DEFAULT_SEED = 42;

export interface SeedOptions {
  /** How many talents; casting directors, productions and everything else scale with it. */
  talents: number;
  /** The PRNG seed: the same seed, talents and `now` give identical rows. Defaults to 42. */
  seed?: number;
  /** The instant every timestamp is relative to. Defaults to the current time. */
  now?: Date;
  /** Receives progress lines. */
  log?: (line: string) => void;
}

/*
 * Talents are generated and written a thousand at a time, so 100k talents'
 * 800k messages are never all in memory at once.
 */
const TALENTS_PER_CHUNK = 1_000;
const PROGRESS_EVERY = 10_000;

/**
 * Fills an empty, migrated database with a demo data set: casting directors,
 * productions and roles, and talents with profiles, media, applications,
 * invitations, audition requests, messages and production views. The first
 * talent and the first casting director are the demo accounts (see
 * demo-accounts.ts). Returns the rows inserted per table.
 */
export async function seedDemoData(dataSource: DataSource, options: SeedOptions): Promise<SeedCounts> {
  const sizes = sizesFor(options.talents);
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`);
  const now = options.now ?? new Date();
  const log = options.log ?? (() => undefined);
  const counts = Object.fromEntries(TABLES_PARENTS_FIRST.map((table) => [table, 0])) as SeedCounts;
  const ids = new IdSequences();

  // scrypt is slow on purpose (~50 ms a hash): hashing once and sharing the hash
  // keeps 100k users at seconds instead of over an hour. Each hash still verifies.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const people = generatePeople(seed, now, sizes, passwordHash, ids);
  await writeRows(dataSource, { users: people.castingDirectors }, counts);
  log(`users: ${people.castingDirectors.length} casting directors, ${people.talents.length} talents`);

  const catalog = generateCatalog(seed, now, sizes, people.castingDirectors, ids);
  await writeRows(dataSource, { productions: catalog.productions, roles: catalog.roles }, counts);
  log(`productions: ${catalog.productions.length}, roles: ${catalog.roles.length}`);

  // The kept newRolesMatched counts are relative to the settlement mark, which must
  // not lie ahead of the gateway's clock (a seed `now` in the future, say).
  const settledThrough = earliest(now, new Date());
  await moveSettlementMark(dataSource, settledThrough);
  const countNewRolesMatched = createNewRolesMatchedCounter(catalog, settledThrough);

  const world: SeedWorld = { seed, now, castingDirectors: people.castingDirectors, catalog };
  const [demoTalent] = people.talents;
  // One chunk is generated while the one before is being written: MariaDB does the
  // writing in its own process, so the two overlap. Writes still go one after another.
  let writing: Promise<void> = Promise.resolve();
  for (let start = 0; start < people.talents.length; start += TALENTS_PER_CHUNK) {
    const rows = emptyRows();
    const talents = people.talents.slice(start, start + TALENTS_PER_CHUNK);
    for (const talent of talents) {
      if (talent === demoTalent) generateDemoTalentRows(world, talent, ids, rows);
      else generateTalentRows(world, talent, ids, rows);
    }
    // Talents are written with their own rows, once their counts are known.
    countNewRolesMatched(talents, rows);
    rows.users = talents;
    await writing;
    const done = Math.min(start + TALENTS_PER_CHUNK, people.talents.length);
    writing = writeRows(dataSource, rows, counts).then(() => {
      if (done % PROGRESS_EVERY === 0 || done === people.talents.length)
        log(`talents: ${done}/${people.talents.length}`);
    });
    // Awaited before the next write or the return; until then a failure must not count as unhandled.
    writing.catch(() => undefined);
  }
  await writing;
  return counts;
}
