import { generateApplications } from "./applications";
import type { IdSequences } from "./ids";
import { generateMedia } from "./media";
import { generateMessages } from "./messages";
import { generateProductionViews } from "./production-views";
import { planProfile } from "./profile-plan";
import { Random } from "./random";
import type { RowsByTable, UserRow } from "./rows";
import { generateProfile } from "./talent-profile";
import type { SeedWorld } from "./world";

/** Everything one randomly generated talent owns or receives, appended to `out`. */
export function generateTalentRows(world: SeedWorld, talent: UserRow, ids: IdSequences, out: RowsByTable): void {
  const rng = Random.derive(world.seed, "talent", talent.id);
  const plan = planProfile(rng);
  generateProfile(rng, talent, plan, world.now, ids, out);
  generateMedia(rng, talent, plan, world.now, ids, out);
  const applied = generateApplications(rng, talent, world, ids, out);
  generateMessages(rng, talent, world, applied, ids, out);
  generateProductionViews(rng, talent, world, applied, out);
}
