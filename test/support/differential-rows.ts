import { ApplicationStatus, MediaKind } from "../../entities";
import { daysFromNow, type Fixtures, type TestUser } from "./fixtures";

/** What the differential tests read: a talent with some of everything, and the directors who cast them. */
export interface DifferentialRows {
  talent: TestUser;
  director: TestUser;
  otherDirector: TestUser;
  /** The director's open production (three roles the talent applied to, four they did not). */
  openProductionId: number;
}

/**
 * A talent with a profile, skills, credits and media; applications in every
 * status on an open and a closed production, with an invitation and audition
 * requests; views; eight messages from two directors, some read, some about a
 * production; and open roles they have not applied to (matched roles).
 */
export async function seedDifferentialRows(f: Fixtures): Promise<DifferentialRows> {
  const talent = await f.talent("Differential Talent", { bio: "Stage and screen", location: "Leeds", heightCm: 170 });
  await f.skills(talent.user.id, ["Singing", "Stage combat"]);
  await f.credits(talent.user.id, ["Hamlet", "The Seagull"]);
  await f.media(talent.user.id, MediaKind.PHOTO, { isPrimary: true });
  await f.media(talent.user.id, MediaKind.VIDEO, { bytes: 12_345_678 });
  const director = await f.director("Differential Director");
  const otherDirector = await f.director("Another Director");
  const open = await f.production(director.user.id, { title: "Open Production", location: "Leeds" });
  const closed = await f.production(otherDirector.user.id, { title: "Closed Production", expiresAt: daysFromNow(-2) });
  for (const [index, status] of [
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.DRAFT,
    ApplicationStatus.INVITED,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.DECLINED,
  ].entries()) {
    const production = index % 2 === 0 ? open : closed;
    const role = await f.role(production.id, { name: `Role ${index}` });
    const application = await f.application(talent.user.id, role.id, status, { coverLetter: `Letter ${index}` });
    if (status === ApplicationStatus.INVITED) await f.invitation(application, production.castingDirectorId);
    if (status === ApplicationStatus.SUBMITTED) await f.auditionRequest(application, production.castingDirectorId);
    await f.view(talent.user.id, production.id, daysFromNow(-index));
  }
  for (let index = 0; index < 4; index += 1) await f.role(open.id, { name: `Open role ${index}` });
  for (let index = 0; index < 8; index += 1) {
    await f.message(index % 2 === 0 ? director.user.id : otherDirector.user.id, talent.user.id, {
      productionId: index % 3 === 0 ? open.id : null,
      body: `Message ${index}: ${"long text ".repeat(index * 3)}`,
      sentAt: daysFromNow(-index / 10),
      readAt: index % 4 === 0 ? daysFromNow(-index / 20) : null,
    });
  }
  return { talent, director, otherDirector, openProductionId: open.id };
}
