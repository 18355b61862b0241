import type { DataSource } from "typeorm";
import { Application } from "../../entities/application.entity";
import { AuditionRequest } from "../../entities/audition-request.entity";
import { ApplicationStatus, AuditionRequestStatus } from "../../entities/enums";
import { Invitation } from "../../entities/invitation.entity";
import { Role } from "../../entities/role.entity";
import { BadUserInputError, NotFoundError } from "../errors";
import type { RelayNudge } from "../outbox/outbox-relay";
import { holdSettlementMark, uncountRoleApplied } from "../role-matches/kept-counts";
import { isOpen } from "../domain/open";
import { parseId } from "./ids";
import { createWriteThenPublish, retryOnceOnUniqueViolation } from "./write-then-publish";

export interface DraftApplication {
  roleId: string;
  /** A string or null replaces the cover letter; absent leaves it as it is. */
  coverLetter?: string | null;
}

/**
 * A talent's own applications and self-tapes. Every lookup has the talent's
 * id in its where clause, so another talent's row is not found. Status moves
 * are conditional updates (`WHERE status = <the status we checked>`), so two
 * racing requests cannot both move the same row.
 */
export interface ApplicationsService {
  /** INVITED to DRAFT (accept, while the production is open) or DECLINED. */
  respondToInvitation(talentId: number, applicationId: string, accept: boolean): Promise<Application>;
  /** Creates the talent's DRAFT for an open role, or updates the one they have. */
  saveDraftApplication(talentId: number, data: DraftApplication): Promise<Application>;
  /** DRAFT to SUBMITTED, while the production is open. */
  submitApplication(talentId: number, applicationId: string): Promise<Application>;
  /** Answers a REQUESTED, not yet due audition request with the tape's URL. */
  submitSelfTape(talentId: number, auditionRequestId: string, url: string): Promise<AuditionRequest>;
}

export function createApplicationsService(db: DataSource, relay: RelayNudge): ApplicationsService {
  const write = createWriteThenPublish(db, relay);
  const countsChanged = (talentId: number) => [{ type: "COUNTS_CHANGED" as const, talentIds: [talentId] }];

  return {
    async respondToInvitation(talentId, applicationId, accept) {
      const now = new Date();
      const id = parseId("Application", applicationId);
      const notAnOpenInvitation = (status: ApplicationStatus) =>
        new BadUserInputError(`Application '${id}' is not an unanswered invitation: it is ${status}`, "applicationId");
      return write(async (manager) => {
        const application = await manager.findOne(Application, {
          where: { id, talentId },
          relations: { role: { production: true } },
        });
        if (!application) throw new NotFoundError("Application", applicationId);
        if (application.status !== ApplicationStatus.INVITED) throw notAnOpenInvitation(application.status);
        if (accept && !isOpen(application.role!.production!, now)) {
          throw new BadUserInputError(
            `The casting call for application '${id}' has expired: the invitation can only be declined`,
            "applicationId",
          );
        }
        const changes = { status: accept ? ApplicationStatus.DRAFT : ApplicationStatus.DECLINED, updatedAt: now };
        const { affected } = await manager.update(Application, { id, status: ApplicationStatus.INVITED }, changes);
        if (affected !== 1) throw notAnOpenInvitation((await manager.findOneByOrFail(Application, { id })).status);
        await manager.update(Invitation, { applicationId: id }, { respondedAt: now });
        return { result: Object.assign(application, changes), events: countsChanged(talentId) };
      });
    },

    async saveDraftApplication(talentId, data) {
      const roleId = parseId("Role", data.roleId);
      // Two first saves racing: the unique (talentId, roleId) index lets one insert; the other updates it.
      return retryOnceOnUniqueViolation(() => {
        const now = new Date();
        return write(async (manager) => {
          // First: a new application changes the talent's kept newRolesMatched.
          const settledThrough = await holdSettlementMark(manager);
          const role = await manager.findOne(Role, { where: { id: roleId }, relations: { production: true } });
          if (!role) throw new NotFoundError("Role", data.roleId);
          if (!isOpen(role.production!, now))
            throw new BadUserInputError(`The casting call for role '${roleId}' has expired`, "roleId");

          const existing = await manager.findOneBy(Application, { talentId, roleId });
          if (!existing) {
            await uncountRoleApplied(manager, settledThrough, talentId, roleId);
            const application = await manager.save(
              manager.create(Application, {
                talentId,
                roleId,
                status: ApplicationStatus.DRAFT,
                coverLetter: data.coverLetter ?? null,
                createdAt: now,
                updatedAt: now,
                submittedAt: null,
              }),
            );
            return { result: application, events: countsChanged(talentId) };
          }

          if (existing.status !== ApplicationStatus.DRAFT) throw cannotDraft(roleId, existing.status);
          const changes =
            data.coverLetter === undefined ? { updatedAt: now } : { coverLetter: data.coverLetter, updatedAt: now };
          const { affected } = await manager.update(
            Application,
            { id: existing.id, status: ApplicationStatus.DRAFT },
            changes,
          );
          if (affected !== 1)
            throw cannotDraft(roleId, (await manager.findOneByOrFail(Application, { id: existing.id })).status);
          // Editing a draft changes no count.
          return { result: Object.assign(existing, changes), events: [] };
        });
      });
    },

    async submitApplication(talentId, applicationId) {
      const now = new Date();
      const id = parseId("Application", applicationId);
      const notADraft = (status: ApplicationStatus) =>
        new BadUserInputError(`Application '${id}' is not a draft: it is ${status}`, "id");
      return write(async (manager) => {
        const application = await manager.findOne(Application, {
          where: { id, talentId },
          relations: { role: { production: true } },
        });
        if (!application) throw new NotFoundError("Application", applicationId);
        if (application.status !== ApplicationStatus.DRAFT) throw notADraft(application.status);
        if (!isOpen(application.role!.production!, now)) {
          throw new BadUserInputError(`The casting call for application '${id}' has expired`, "id");
        }
        const changes = { status: ApplicationStatus.SUBMITTED, submittedAt: now, updatedAt: now };
        const { affected } = await manager.update(Application, { id, status: ApplicationStatus.DRAFT }, changes);
        if (affected !== 1) throw notADraft((await manager.findOneByOrFail(Application, { id })).status);
        const castingDirectorId = application.role!.production!.castingDirectorId;
        return {
          result: Object.assign(application, changes),
          events: [
            ...countsChanged(talentId),
            { type: "APPLICATION_SUBMITTED", applicationId: id, castingDirectorId },
            { type: "DIRECTOR_COUNTS_CHANGED", castingDirectorIds: [castingDirectorId] },
          ],
        };
      });
    },

    async submitSelfTape(talentId, auditionRequestId, url) {
      const now = new Date();
      const id = parseId("AuditionRequest", auditionRequestId);
      const alreadySubmitted = () =>
        new BadUserInputError(`Audition request '${id}' already has a self-tape`, "auditionRequestId");
      return write(async (manager) => {
        const request = await manager.findOneBy(AuditionRequest, { id, talentId });
        if (!request) throw new NotFoundError("AuditionRequest", auditionRequestId);
        if (request.status !== AuditionRequestStatus.REQUESTED) throw alreadySubmitted();
        if (request.dueAt.getTime() <= now.getTime()) {
          throw new BadUserInputError(
            `Audition request '${id}' was due at ${request.dueAt.toISOString()}`,
            "auditionRequestId",
          );
        }
        const changes = { status: AuditionRequestStatus.SUBMITTED, tapeUrl: url, submittedAt: now };
        const { affected } = await manager.update(
          AuditionRequest,
          { id, status: AuditionRequestStatus.REQUESTED },
          changes,
        );
        if (affected !== 1) throw alreadySubmitted();
        const { castingDirectorId } = request;
        return {
          result: Object.assign(request, changes),
          events: [
            ...countsChanged(talentId),
            { type: "SELF_TAPE_SUBMITTED", auditionRequestId: id, castingDirectorId },
            { type: "DIRECTOR_COUNTS_CHANGED", castingDirectorIds: [castingDirectorId] },
          ],
        };
      });
    },
  };
}

function cannotDraft(roleId: number, status: ApplicationStatus): BadUserInputError {
  const why: Record<ApplicationStatus, string> = {
    [ApplicationStatus.INVITED]: `You were invited to role '${roleId}': respond to the invitation first`,
    [ApplicationStatus.DRAFT]: `Your application to role '${roleId}' is a draft`,
    [ApplicationStatus.SUBMITTED]: `Your application to role '${roleId}' has already been submitted`,
    [ApplicationStatus.DECLINED]: `You declined the invitation to role '${roleId}'`,
  };
  return new BadUserInputError(why[status], "roleId");
}
