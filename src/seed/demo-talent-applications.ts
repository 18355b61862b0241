import { ApplicationStatus, AuditionRequestStatus } from "../../entities";
import { selfTapeUrl } from "./applications";
import type { IdSequences } from "./ids";
import type { ApplicationRow, RoleRow, RowsByTable, UserRow } from "./rows";
import { DAY, HOUR, after, before } from "./time";
import type { SeedWorld } from "./world";

/*
 * Seven applications on the demo director's productions, so every filter and
 * count has something in it:
 *   ALL 7; INVITES 2 (one open and unanswered: newInvitations 1); DRAFTS 1 (draftApplications 1);
 *   ACTIVE 2; AUDITIONS 3 (one still due: auditionRequests 1, one taped, one missed);
 *   ARCHIVED 2 (both on the expired Sunny Oat Milk campaign).
 */
export function generateDemoTalentApplications(
  talent: UserRow,
  world: SeedWorld,
  ids: IdSequences,
  out: RowsByTable,
): void {
  const { now, catalog } = world;
  const castingDirectorId = world.castingDirectors[0].id;
  const ago = (ms: number) => before(now, ms);

  const apply = (
    role: RoleRow,
    status: ApplicationStatus,
    createdAt: Date,
    changes: Partial<ApplicationRow> = {},
  ): ApplicationRow => {
    const row: ApplicationRow = {
      id: ids.next("applications"),
      talentId: talent.id,
      roleId: role.id,
      status,
      coverLetter: null,
      createdAt,
      updatedAt: createdAt,
      submittedAt: null,
      seenAt: null,
      ...changes,
    };
    out.applications.push(row);
    return row;
  };
  const invite = (application: ApplicationRow, note: string | null, respondedAt: Date | null) =>
    out.invitations.push({
      id: ids.next("invitations"),
      applicationId: application.id,
      talentId: talent.id,
      roleId: application.roleId,
      castingDirectorId,
      note,
      createdAt: application.createdAt,
      respondedAt,
    });
  const requestTape = (application: ApplicationRow, createdAt: Date, dueAt: Date, tapedAt: Date | null) => {
    const id = ids.next("audition_requests");
    out.audition_requests.push({
      id,
      applicationId: application.id,
      talentId: talent.id,
      castingDirectorId,
      instructions: "Please tape both scenes from the sides. Slate with your name, height and location.",
      dueAt,
      status: tapedAt ? AuditionRequestStatus.SUBMITTED : AuditionRequestStatus.REQUESTED,
      tapeUrl: tapedAt ? selfTapeUrl(talent.id, id) : null,
      createdAt,
      submittedAt: tapedAt,
      tapeSeenAt: null,
    });
  };

  const { harborLights, longWinter, sunnyOatMilk } = catalog.demo;
  const coverLetter =
    "I'd love to be considered. I've played similar parts on stage and I'm available for the full shoot.";

  const detective = apply(harborLights.detective, ApplicationStatus.SUBMITTED, ago(18 * DAY), {
    coverLetter,
    submittedAt: ago(17 * DAY),
    updatedAt: ago(17 * DAY),
  });
  requestTape(detective, ago(1 * DAY), after(now, 4 * DAY), null);

  const dockWorker = apply(harborLights.dockWorker, ApplicationStatus.INVITED, ago(6 * HOUR));
  invite(dockWorker, "We think you'd be great for Dock Worker. Please apply if you're available.", null);

  const olderSister = apply(longWinter.olderSister, ApplicationStatus.DRAFT, ago(9 * DAY), {
    coverLetter: "Hi, I'd like to be considered for",
    updatedAt: ago(2 * DAY),
  });
  invite(olderSister, "Your profile caught our eye for Older Sister.", ago(8 * DAY));

  const barista = apply(longWinter.barista, ApplicationStatus.SUBMITTED, ago(9 * DAY), {
    coverLetter,
    submittedAt: ago(8 * DAY),
    updatedAt: ago(8 * DAY),
  });
  requestTape(barista, ago(7 * DAY), ago(2 * DAY), ago(4 * DAY));

  const neighbour = apply(longWinter.neighbour, ApplicationStatus.DECLINED, ago(7 * DAY), { updatedAt: ago(6 * DAY) });
  invite(neighbour, null, ago(6 * DAY));

  const jogger = apply(sunnyOatMilk.jogger, ApplicationStatus.SUBMITTED, ago(50 * DAY), {
    coverLetter,
    submittedAt: ago(49 * DAY),
    updatedAt: ago(49 * DAY),
  });
  requestTape(jogger, ago(20 * DAY), ago(13 * DAY), null);

  const youngParent = apply(sunnyOatMilk.youngParent, ApplicationStatus.INVITED, ago(40 * DAY));
  invite(youngParent, "We'd love to see you for this one.", null);
}
