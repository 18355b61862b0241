import { Gender, UnionStatus } from "../../entities";
import { buildCatalog, type Catalog } from "./catalog";
import { generateDemoProductions } from "./demo-productions";
import type { IdSequences } from "./ids";
import { Random } from "./random";
import type { ProductionRow, RoleRow, UserRow } from "./rows";
import type { SeedSizes } from "./sizes";
import { DAY, HOUR, MINUTE, after, before, earliest } from "./time";
import { productionTitle } from "./production-title";
import { CITIES, ROLE_PARTS } from "./words";

const EXPIRED_SHARE = 0.25;

/** The demo director's hand-made productions, then random ones from random directors, 2-4 roles each. */
export function generateCatalog(
  seed: number,
  now: Date,
  sizes: SeedSizes,
  castingDirectors: readonly UserRow[],
  ids: IdSequences,
): Catalog {
  const demo = generateDemoProductions(now, castingDirectors[0].id, ids);
  const productions = [...demo.productions];
  const roles = [...demo.roles];
  while (productions.length < sizes.productions) {
    const id = ids.next("productions");
    const rng = Random.derive(seed, "production", id);
    const production = randomProduction(rng, id, now, rng.pick(castingDirectors).id);
    productions.push(production);
    const roleCount = rng.int(2, 4);
    for (let i = 0; i < roleCount; i++) roles.push(randomRole(rng, ids.next("roles"), production, now));
  }
  return buildCatalog(demo, productions, roles);
}

/** A quarter expired (posted 1-12 months ago), the rest open and posted within the last two months. */
function randomProduction(rng: Random, id: number, now: Date, castingDirectorId: number): ProductionRow {
  const expired = rng.chance(EXPIRED_SHARE);
  const createdAt = expired
    ? before(now, rng.int(30, 365) * DAY + rng.int(0, 23) * HOUR)
    : before(now, rng.int(0, 59) * DAY + rng.int(1, 23) * HOUR);
  const expiresAt = expired
    ? rng.dateBetween(after(createdAt, 14 * DAY), before(now, HOUR))
    : after(now, rng.int(3, 90) * DAY);
  return {
    id,
    castingDirectorId,
    title: productionTitle(rng),
    location: rng.chance(0.85) ? rng.pick(CITIES) : null,
    expiresAt,
    createdAt,
  };
}

type Requirement = "gender" | "age" | "location" | "unionStatus";
const REQUIREMENTS: readonly Requirement[] = ["gender", "age", "location", "unionStatus"];

/** Roles are posted within three days of their production; about a third have no requirements. */
function randomRole(rng: Random, id: number, production: ProductionRow, now: Date): RoleRow {
  const [name, description] = rng.pick(ROLE_PARTS);
  const required = new Set(
    rng.sample(
      REQUIREMENTS,
      rng.weighted<number>([
        [0, 30],
        [1, 35],
        [2, 20],
        [3, 10],
        [4, 5],
      ]),
    ),
  );
  const ageMin = rng.int(18, 60);
  return {
    id,
    productionId: production.id,
    name,
    description: rng.chance(0.9) ? description : null,
    gender: required.has("gender") ? rng.pick([Gender.FEMALE, Gender.MALE, Gender.NON_BINARY]) : null,
    ageMin: required.has("age") ? ageMin : null,
    ageMax: required.has("age") ? ageMin + rng.int(4, 15) : null,
    location: required.has("location") ? (production.location ?? rng.pick(CITIES)) : null,
    unionStatus: required.has("unionStatus") ? rng.pick([UnionStatus.UNION, UnionStatus.NON_UNION]) : null,
    createdAt: rng.dateBetween(
      production.createdAt,
      earliest(after(production.createdAt, 3 * DAY), before(now, MINUTE), production.expiresAt),
    ),
  };
}
