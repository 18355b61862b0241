import { generateDemoTalentApplications } from "./demo-talent-applications";
import { generateDemoTalentMessages } from "./demo-talent-messages";
import { generateDemoTalentProfile } from "./demo-talent-profile";
import type { IdSequences } from "./ids";
import { Random } from "./random";
import type { RowsByTable, UserRow } from "./rows";
import { DAY, HOUR, before, latest } from "./time";
import type { SeedWorld } from "./world";

/**
 * The demo talent's rows, shaped by hand so that every At a Glance count,
 * every application filter, the profile score, the media locker and the
 * recently viewed list all have something to show.
 */
export function generateDemoTalentRows(world: SeedWorld, talent: UserRow, ids: IdSequences, out: RowsByTable): void {
  const rng = Random.derive(world.seed, "demo-talent");
  generateDemoTalentProfile(rng, talent, world.now, ids, out);
  generateDemoTalentApplications(talent, world, ids, out);
  generateDemoTalentMessages(talent, world, ids, out);

  const { catalog, now } = world;
  const views = [
    [catalog.demo.nightShift.production, 1 * HOUR],
    [catalog.demo.harborLights.production, 5 * HOUR],
    [catalog.demo.longWinter.production, 1 * DAY],
    // The first randomly generated production, so the list is not only the demo director's.
    [catalog.productions[catalog.demo.productions.length], 2 * DAY],
    [catalog.demo.sunnyOatMilk.production, 6 * DAY],
  ] as const;
  for (const [production, ago] of views) {
    out.production_views.push({
      talentId: talent.id,
      productionId: production.id,
      viewedAt: latest(production.createdAt, before(now, ago)),
    });
  }
}
