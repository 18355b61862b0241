import { Gender, UnionStatus } from "../../entities";
import type { IdSequences } from "./ids";
import type { ProfilePlan } from "./profile-plan";
import { productionTitle } from "./production-title";
import type { Random } from "./random";
import type { RowsByTable, UserRow } from "./rows";
import { BIOS, fill } from "./texts";
import { CITIES, CREDIT_PARTS, SKILLS } from "./words";

/** The talent's profile row (every talent has one from sign-up), skills and credits, as the plan says. */
export function generateProfile(
  rng: Random,
  talent: UserRow,
  plan: ProfilePlan,
  now: Date,
  ids: IdSequences,
  out: RowsByTable,
): void {
  const city = rng.pick(CITIES);
  const playableAgeMin = rng.int(18, 60);
  // Without full physical details a talent may still have set some of them: the height stays missing.
  const partly = () => plan.physicalDetails || rng.chance(plan.completeness * 0.6);
  const gender = partly()
    ? rng.weighted([
        [Gender.FEMALE, 48],
        [Gender.MALE, 48],
        [Gender.NON_BINARY, 4],
      ])
    : null;
  const hasAges = partly();
  const details = {
    bio: plan.bio ? fill(rng.pick(BIOS), { city }) : null,
    gender,
    playableAgeMin: hasAges ? playableAgeMin : null,
    playableAgeMax: hasAges ? playableAgeMin + rng.int(5, 12) : null,
    heightCm: plan.physicalDetails ? rng.int(150, 195) : null,
    location: plan.location ? city : null,
    unionStatus: rng.chance(plan.completeness) ? rng.pick([UnionStatus.UNION, UnionStatus.NON_UNION]) : null,
  };
  // An untouched profile still carries its sign-up time.
  const touched = Object.values(details).some((value) => value !== null);
  const updatedAt = touched ? rng.dateBetween(talent.createdAt, now) : talent.createdAt;
  out.talent_profiles.push({ talentId: talent.id, ...details, updatedAt });

  if (plan.skills) {
    for (const name of rng.sample(SKILLS, rng.int(1, 6)))
      out.talent_skills.push({ id: ids.next("talent_skills"), talentId: talent.id, name });
  }
  if (plan.credits) {
    const count = rng.int(1, 5);
    for (let i = 0; i < count; i++) {
      out.talent_credits.push({
        id: ids.next("talent_credits"),
        talentId: talent.id,
        title: productionTitle(rng),
        role: rng.pick(CREDIT_PARTS),
        year: rng.chance(0.85) ? now.getUTCFullYear() - rng.int(0, 12) : null,
      });
    }
  }
}
