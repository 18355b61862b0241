import { AccountType } from "../../entities";
import { shapeDemoCastingDirectorUser, shapeDemoTalentUser } from "./demo-users";
import type { IdSequences } from "./ids";
import { Random } from "./random";
import type { UserRow } from "./rows";
import type { SeedSizes } from "./sizes";
import { DAY, HOUR, before, latest } from "./time";
import { FIRST_NAMES, LAST_NAMES } from "./words";

export interface People {
  /** The demo casting director comes first. */
  castingDirectors: UserRow[];
  /** The demo talent comes first. */
  talents: UserRow[];
}

/** Every user: casting directors first (ids 1..n), then talents. */
export function generatePeople(
  seed: number,
  now: Date,
  sizes: SeedSizes,
  passwordHash: string,
  ids: IdSequences,
): People {
  const castingDirectors: UserRow[] = [];
  for (let i = 0; i < sizes.castingDirectors; i++) {
    const director = randomCastingDirector(ids.next("users"), seed, now, passwordHash);
    castingDirectors.push(i === 0 ? shapeDemoCastingDirectorUser(director) : director);
  }
  const talents: UserRow[] = [];
  for (let i = 0; i < sizes.talents; i++) {
    const talent = randomTalent(ids.next("users"), seed, now, passwordHash);
    talents.push(i === 0 ? shapeDemoTalentUser(talent, now) : talent);
  }
  return { castingDirectors, talents };
}

/** Casting directors signed up 2-3 years ago, before every production and talent, so nothing they did predates their account. */
function randomCastingDirector(id: number, seed: number, now: Date, passwordHash: string): UserRow {
  const rng = Random.derive(seed, "user", id);
  const createdAt = before(now, rng.int(750, 1095) * DAY + rng.int(0, 23) * HOUR);
  return {
    ...randomPerson(rng, id, "casting.example.test"),
    passwordHash,
    accountType: AccountType.CASTING_DIRECTOR,
    rolesMatchedSeenAt: createdAt,
    newRolesMatchedCount: 0,
    createdAt,
  };
}

function randomTalent(id: number, seed: number, now: Date, passwordHash: string): UserRow {
  const rng = Random.derive(seed, "user", id);
  const createdAt = before(now, rng.int(14, 730) * DAY + rng.int(0, 23) * HOUR);
  return {
    ...randomPerson(rng, id, "example.test"),
    passwordHash,
    accountType: AccountType.TALENT,
    // Most talents looked at their matched roles within the last three weeks, so roles posted since are "new".
    rolesMatchedSeenAt: latest(createdAt, before(now, rng.int(1, 21) * DAY + rng.int(0, 23) * HOUR)),
    // Counted once the talent's profile and applications exist (new-roles-matched.ts).
    newRolesMatchedCount: 0,
    createdAt,
  };
}

function randomPerson(rng: Random, id: number, domain: string): Pick<UserRow, "id" | "email" | "name"> {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  // The id keeps emails unique however often a name repeats.
  const local = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, "");
  return { id, email: `${local}.${id}@${domain}`, name: `${first} ${last}` };
}
