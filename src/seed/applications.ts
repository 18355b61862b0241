import { ApplicationStatus, AuditionRequestStatus } from "../../entities";
import { productionOf } from "./catalog";
import type { IdSequences } from "./ids";
import type { Random } from "./random";
import type { ApplicationRow, ProductionRow, RoleRow, RowsByTable, UserRow } from "./rows";
import { AUDITION_INSTRUCTIONS, COVER_LETTERS, DRAFT_COVER_LETTERS, INVITATION_NOTES, fill } from "./texts";
import { DAY, after, before, earliest, latest } from "./time";
import type { SeedWorld } from "./world";

const STATUS_WEIGHTS: ReadonlyArray<readonly [ApplicationStatus, number]> = [
  [ApplicationStatus.INVITED, 20],
  [ApplicationStatus.DRAFT, 20],
  [ApplicationStatus.SUBMITTED, 45],
  [ApplicationStatus.DECLINED, 15],
];

/**
 * 1-9 applications (5 on average) to distinct random roles, on open and
 * expired productions alike, with their invitations and audition requests.
 * Returns the productions applied to, which messages and views lean on.
 */
export function generateApplications(
  rng: Random,
  talent: UserRow,
  world: SeedWorld,
  ids: IdSequences,
  out: RowsByTable,
): ProductionRow[] {
  const { catalog, now } = world;
  const count = rng.int(1, 9);
  const roleIds = new Set<number>();
  const applied: ProductionRow[] = [];
  for (let attempt = 0; roleIds.size < count && attempt < count * 4; attempt++) {
    const role = rng.pick(catalog.roles);
    const production = productionOf(catalog, role);
    const opensAt = latest(role.createdAt, talent.createdAt);
    const closesAt = earliest(production.expiresAt, now);
    // Skip roles already taken and casting calls that closed before the talent signed up.
    if (roleIds.has(role.id) || opensAt >= closesAt) continue;
    roleIds.add(role.id);
    applied.push(production);
    addApplication(rng, { talent, role, production, opensAt, closesAt, now }, ids, out);
  }
  return applied;
}

interface Window {
  talent: UserRow;
  role: RoleRow;
  production: ProductionRow;
  /** The application and everything on it happen between these two instants. */
  opensAt: Date;
  closesAt: Date;
  now: Date;
}

/*
 * INVITED and DECLINED applications always come from an invitation (declining
 * is the answer to one); some drafts and submissions began as accepted invitations.
 */
function addApplication(rng: Random, window: Window, ids: IdSequences, out: RowsByTable): void {
  const { talent, role, production, opensAt, closesAt } = window;
  const status = rng.weighted(STATUS_WEIGHTS);
  const createdAt = rng.dateBetween(opensAt, closesAt);
  const invited =
    status === ApplicationStatus.INVITED ||
    status === ApplicationStatus.DECLINED ||
    rng.chance(status === ApplicationStatus.DRAFT ? 0.4 : 0.2);
  const respondedAt = invited && status !== ApplicationStatus.INVITED ? rng.dateBetween(createdAt, closesAt) : null;
  const startedAt = respondedAt ?? createdAt;
  const submittedAt = status === ApplicationStatus.SUBMITTED ? rng.dateBetween(startedAt, closesAt) : null;
  const values = { role: role.name, production: production.title, city: production.location ?? "your area" };

  const application: ApplicationRow = {
    id: ids.next("applications"),
    talentId: talent.id,
    roleId: role.id,
    status,
    coverLetter:
      status === ApplicationStatus.SUBMITTED
        ? fill(rng.pick(COVER_LETTERS), values)
        : status === ApplicationStatus.DRAFT && rng.chance(0.5)
          ? fill(rng.pick(DRAFT_COVER_LETTERS), values)
          : null,
    createdAt,
    updatedAt: submittedAt ?? (status === ApplicationStatus.DRAFT ? rng.dateBetween(startedAt, closesAt) : startedAt),
    submittedAt,
    // No random draw (the rest of the world stays as it was): directors opened what came in over 3 days ago.
    seenAt: submittedAt && submittedAt < before(window.now, 3 * DAY) ? after(submittedAt, DAY) : null,
  };
  out.applications.push(application);

  if (invited) {
    out.invitations.push({
      id: ids.next("invitations"),
      applicationId: application.id,
      talentId: talent.id,
      roleId: role.id,
      castingDirectorId: production.castingDirectorId,
      note: rng.chance(0.7) ? fill(rng.pick(INVITATION_NOTES), values) : null,
      createdAt,
      respondedAt,
    });
  }
  if (submittedAt && rng.chance(0.35)) addAuditionRequest(rng, window, application, submittedAt, ids, out);
}

/** Requested within a month of the submission; due 2-10 days later; taped, still due, or missed. */
function addAuditionRequest(
  rng: Random,
  window: Window,
  application: ApplicationRow,
  submittedAt: Date,
  ids: IdSequences,
  out: RowsByTable,
): void {
  const { now, talent, production } = window;
  const id = ids.next("audition_requests");
  const createdAt = rng.dateBetween(submittedAt, earliest(now, after(submittedAt, 30 * DAY)));
  const dueAt = after(createdAt, rng.int(2, 10) * DAY);
  const taped = dueAt > now ? rng.chance(0.4) : rng.chance(0.7);
  const tapedAt = taped ? rng.dateBetween(createdAt, earliest(now, dueAt)) : null;
  out.audition_requests.push({
    id,
    applicationId: application.id,
    talentId: talent.id,
    castingDirectorId: production.castingDirectorId,
    instructions: rng.chance(0.8) ? rng.pick(AUDITION_INSTRUCTIONS) : null,
    dueAt,
    status: tapedAt ? AuditionRequestStatus.SUBMITTED : AuditionRequestStatus.REQUESTED,
    tapeUrl: tapedAt ? selfTapeUrl(talent.id, id) : null,
    // As for applications: tapes over two days old were watched the day after.
    tapeSeenAt: tapedAt && tapedAt < before(now, 2 * DAY) ? after(tapedAt, DAY) : null,
    createdAt,
    submittedAt: tapedAt,
  });
}

export function selfTapeUrl(talentId: number, auditionRequestId: number): string {
  return `https://media.example.test/self-tapes/${talentId}/${auditionRequestId}.mp4`;
}
