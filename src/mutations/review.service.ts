import { IsNull, type DataSource } from "typeorm";
import { Application } from "../../entities/application.entity";
import { AuditionRequest } from "../../entities/audition-request.entity";
import { ApplicationStatus, AuditionRequestStatus } from "../../entities/enums";
import { BadUserInputError, NotFoundError } from "../errors";
import type { DomainEvent } from "../live/domain-events";
import type { RelayNudge } from "../outbox/outbox-relay";
import { parseId } from "./ids";
import { createWriteThenPublish } from "./write-then-publish";

/**
 * What a casting director marks as seen: submissions they opened, tapes they
 * watched (their At a Glance counts the rest). Marking again keeps the first
 * moment. Another director's application or request, and a talent's draft, are
 * not found, exactly like missing ones.
 */
export interface ReviewService {
  markApplicationSeen(directorId: number, applicationId: string): Promise<Application>;
  markSelfTapeSeen(directorId: number, auditionRequestId: string): Promise<AuditionRequest>;
}

export function createReviewService(db: DataSource, relay: RelayNudge): ReviewService {
  const write = createWriteThenPublish(db, relay);

  return {
    markApplicationSeen(directorId, applicationId) {
      const now = new Date();
      const id = parseId("Application", applicationId);
      return write(async (manager) => {
        const application = await manager
          .createQueryBuilder(Application, "a")
          .innerJoin("a.role", "r")
          .innerJoin("r.production", "p")
          .where("a.id = :id AND p.castingDirectorId = :directorId AND a.status <> :draft", {
            id,
            directorId,
            draft: ApplicationStatus.DRAFT,
          })
          .getOne();
        if (!application) throw new NotFoundError("Application", applicationId);
        if (application.status !== ApplicationStatus.SUBMITTED) {
          throw new BadUserInputError(
            `Application '${id}' is ${application.status}: only a submitted application can be marked seen`,
            "id",
          );
        }
        if (application.seenAt !== null) return { result: application, events: [] };
        const { affected } = await manager.update(Application, { id, seenAt: IsNull() }, { seenAt: now });
        // Zero rows: another request marked it first, and its moment stands.
        if (affected !== 1) return { result: await manager.findOneByOrFail(Application, { id }), events: [] };
        application.seenAt = now;
        return { result: application, events: [directorCountsChanged(directorId)] };
      });
    },

    markSelfTapeSeen(directorId, auditionRequestId) {
      const now = new Date();
      const id = parseId("AuditionRequest", auditionRequestId);
      return write(async (manager) => {
        const request = await manager.findOneBy(AuditionRequest, { id, castingDirectorId: directorId });
        if (!request) throw new NotFoundError("AuditionRequest", auditionRequestId);
        if (request.status !== AuditionRequestStatus.SUBMITTED) {
          throw new BadUserInputError(`Audition request '${id}' has no tape yet: it cannot be marked seen`, "id");
        }
        if (request.tapeSeenAt !== null) return { result: request, events: [] };
        const { affected } = await manager.update(AuditionRequest, { id, tapeSeenAt: IsNull() }, { tapeSeenAt: now });
        if (affected !== 1) return { result: await manager.findOneByOrFail(AuditionRequest, { id }), events: [] };
        request.tapeSeenAt = now;
        return { result: request, events: [directorCountsChanged(directorId)] };
      });
    },
  };
}

/** Marking seen lowers newApplications or newSelfTapes, the first time only. */
function directorCountsChanged(directorId: number): DomainEvent {
  return { type: "DIRECTOR_COUNTS_CHANGED", castingDirectorIds: [directorId] };
}
