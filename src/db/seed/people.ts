import { AccountType } from "../../../entities";
import { DEMO_CASTING_DIRECTOR } from "./demo-accounts";
import { shapeDemoTalentUser } from "./demo-talent-user";
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

/**
 * Every user. Casting directors signed up 2-3 years ago, before any production
 * or talent, so nothing they did predates their account.
 */
export function generatePeople(seed: number, now: Date, sizes: SeedSizes, passwordHash: string, ids: IdSequences): People {
  const castingDirectors: UserRow[] = [];
  for (let i = 0; i < sizes.castingDirectors; i++) {
    const id = ids.next("users");
    const rng = Random.derive(seed, "user", id);
    const createdAt = before(now, rng.int(750, 1095) * DAY + rng.int(0, 23) * HOUR);
    const person = i === 0 ? DEMO_CASTING_DIRECTOR : randomPerson(rng, id, "casting.example.test");
    castingDirectors.push({
      id,
      email: person.email,
      name: person.name,
      passwordHash,
      accountType: AccountType.CASTING_DIRECTOR,
      rolesMatchedSeenAt: createdAt,
      createdAt,
    });
  }

  const talents: UserRow[] = [];
  for (let i = 0; i < sizes.talents; i++) {
    const id = ids.next("users");
    const rng = Random.derive(seed, "user", id);
    const createdAt = before(now, rng.int(14, 730) * DAY + rng.int(0, 23) * HOUR);
    const person = randomPerson(rng, id, "example.test");
    const talent: UserRow = {
      id,
      email: person.email,
      name: person.name,
      passwordHash,
      accountType: AccountType.TALENT,
      // Most talents looked at their matched roles within the last three weeks, so roles posted since are "new".
      rolesMatchedSeenAt: latest(createdAt, before(now, rng.int(1, 21) * DAY + rng.int(0, 23) * HOUR)),
      createdAt,
    };
    talents.push(i === 0 ? shapeDemoTalentUser(talent, now) : talent);
  }
  return { castingDirectors, talents };
}

function randomPerson(rng: Random, id: number, domain: string): { email: string; name: string } {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  // The id keeps emails unique however often a name repeats.
  const local = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, "");
  return { email: `${local}.${id}@${domain}`, name: `${first} ${last}` };
}
