import type { DataSource, EntityManager } from "typeorm";
import { Application } from "../../entities/application.entity";
import { AuditionRequest } from "../../entities/audition-request.entity";
import {
  AccountType,
  ApplicationStatus,
  AuditionRequestStatus,
  type Gender,
  type UnionStatus,
} from "../../entities/enums";
import { Invitation } from "../../entities/invitation.entity";
import { Production } from "../../entities/production.entity";
import { Role } from "../../entities/role.entity";
import { User } from "../../entities/user.entity";
import { isUniqueViolation } from "../db/unique-violation";
import { BadUserInputError, NotFoundError } from "../errors";
import type { RelayNudge } from "../outbox/outbox-relay";
import type { FanOutNudge } from "../role-matches/fan-out-schedule";
import { holdSettlementMark, uncountRoleApplied } from "../role-matches/kept-counts";
import { requireFutureWithin, requireOrderedRange } from "./checks";
import { isOpen } from "../domain/open";
import { parseId } from "./ids";
import { createWriteThenPublish } from "./write-then-publish";

export interface NewProduction {
  title: string;
  location?: string | null;
  expiresAt: Date;
}

export interface RoleRequirements {
  gender?: Gender | null;
  ageMin?: number | null;
  ageMax?: number | null;
  location?: string | null;
  unionStatus?: UnionStatus | null;
}

export interface NewRole {
  productionId: string;
  name: string;
  description?: string | null;
  requirements?: RoleRequirements | null;
}

export interface NewInvitation {
  roleId: string;
  talentId: string;
  note?: string | null;
}

export interface NewAuditionRequest {
  applicationId: string;
  instructions?: string | null;
  dueAt: Date;
}

/**
 * What casting directors write. Each method takes the director's id from the
 * token and input already checked by the API's rules (trimmed, lengths); it
 * adds the rules that need the clock or the database. A production, role or
 * application of another director is looked up with the director's id in the
 * query, so it is not found, exactly like a missing one.
 */
export interface CastingService {
  createProduction(directorId: number, data: NewProduction): Promise<Production>;
  /**
   * Adds a role to one of the director's open productions; publishes ROLE_ADDED.
   * Writes the role and its event only: the matching talents' kept counts are
   * raised in the background (src/role-matches/fan-out-chunk.ts), and readers
   * count the role meanwhile, so the cost is the same at any platform size.
   */
  addRole(directorId: number, data: NewRole): Promise<Role>;
  /** Creates the talent's application in INVITED and its invitation, together. */
  inviteToApply(directorId: number, data: NewInvitation): Promise<Invitation>;
  /** Asks for a self-tape on an application to one of the director's roles (any status but DECLINED). */
  requestAudition(directorId: number, data: NewAuditionRequest): Promise<AuditionRequest>;
}

const PRODUCTION_MAX_YEARS_AHEAD = 2;
const AUDITION_MAX_YEARS_AHEAD = 1;

export function createCastingService(db: DataSource, relay: RelayNudge, fanOut: FanOutNudge): CastingService {
  const write = createWriteThenPublish(db, relay);

  return {
    async createProduction(directorId, data) {
      const now = new Date();
      requireFutureWithin(data.expiresAt, now, PRODUCTION_MAX_YEARS_AHEAD, "expiresAt");
      return write(async (manager) => {
        const production = await manager.save(
          manager.create(Production, {
            castingDirectorId: directorId,
            title: data.title,
            location: data.location ?? null,
            expiresAt: data.expiresAt,
            createdAt: now,
          }),
        );
        return { result: production, events: [] };
      });
    },

    async addRole(directorId, data) {
      const now = new Date();
      const productionId = parseId("Production", data.productionId);
      const requirements = data.requirements ?? {};
      requireOrderedRange(requirements.ageMin, requirements.ageMax, "requirements.ageMax", "ageMin");
      const role = await write(async (manager) => {
        const production = await manager.findOneBy(Production, { id: productionId, castingDirectorId: directorId });
        if (!production) throw new NotFoundError("Production", data.productionId);
        if (!isOpen(production, now)) {
          throw new BadUserInputError(
            `Production '${productionId}' has expired: roles can only be added to open productions`,
            "productionId",
          );
        }
        const added = await manager.save(
          manager.create(Role, {
            productionId,
            name: data.name,
            description: data.description ?? null,
            gender: requirements.gender ?? null,
            ageMin: requirements.ageMin ?? null,
            ageMax: requirements.ageMax ?? null,
            location: requirements.location ?? null,
            unionStatus: requirements.unionStatus ?? null,
            createdAt: now,
            // Fanned out to no talent yet: readers count it until the fan-out reaches them.
            countedThroughTalentId: 0,
          }),
        );
        return { result: added, events: [{ type: "ROLE_ADDED", roleId: added.id }] };
      });
      fanOut.nudge();
      return role;
    },

    async inviteToApply(directorId, data) {
      const now = new Date();
      const roleId = parseId("Role", data.roleId);
      const talentId = parseId("User", data.talentId);
      const alreadyThere = () =>
        new BadUserInputError(
          `Talent '${talentId}' has already applied or been invited to role '${roleId}'`,
          "talentId",
        );
      return write(async (manager) => {
        // First: the invitation's application changes the talent's kept newRolesMatched.
        const settledThrough = await holdSettlementMark(manager);
        const role = await findOwnRole(manager, roleId, directorId);
        if (!role) throw new NotFoundError("Role", data.roleId);
        if (!isOpen(role.production!, now)) {
          throw new BadUserInputError(`The casting call for role '${roleId}' has expired`, "roleId");
        }
        if (!(await manager.existsBy(User, { id: talentId, accountType: AccountType.TALENT }))) {
          throw new NotFoundError("User", data.talentId);
        }
        if (await manager.existsBy(Application, { talentId, roleId })) throw alreadyThere();
        await uncountRoleApplied(manager, settledThrough, talentId, roleId);
        const application = await manager.save(
          manager.create(Application, {
            talentId,
            roleId,
            status: ApplicationStatus.INVITED,
            coverLetter: null,
            createdAt: now,
            updatedAt: now,
            submittedAt: null,
          }),
        );
        const invitation = await manager.save(
          manager.create(Invitation, {
            applicationId: application.id,
            talentId,
            roleId,
            castingDirectorId: directorId,
            note: data.note ?? null,
            createdAt: now,
            respondedAt: null,
          }),
        );
        return {
          result: invitation,
          events: [
            { type: "INVITATION_CREATED", invitationId: invitation.id, talentId },
            { type: "COUNTS_CHANGED", talentIds: [talentId] },
          ],
        };
      }).catch((error: unknown) => {
        // The talent applied between our check and our insert: the unique index decided.
        throw isUniqueViolation(error) ? alreadyThere() : error;
      });
    },

    async requestAudition(directorId, data) {
      const now = new Date();
      const applicationId = parseId("Application", data.applicationId);
      requireFutureWithin(data.dueAt, now, AUDITION_MAX_YEARS_AHEAD, "dueAt");
      return write(async (manager) => {
        const application = await manager
          .createQueryBuilder(Application, "a")
          .innerJoin("a.role", "r")
          .innerJoin("r.production", "p")
          // A draft the talent started is theirs alone until submitted: to the director it does not exist.
          // One that began as this director's invitation (accepted, being written) they know of.
          .where("a.id = :applicationId AND p.castingDirectorId = :directorId", { applicationId, directorId })
          .andWhere("(a.status <> :draft OR EXISTS (SELECT 1 FROM invitations i WHERE i.applicationId = a.id))", {
            draft: ApplicationStatus.DRAFT,
          })
          .getOne();
        if (!application) throw new NotFoundError("Application", data.applicationId);
        if (application.status === ApplicationStatus.DECLINED) {
          throw new BadUserInputError(`Application '${applicationId}' was declined by the talent`, "applicationId");
        }
        const request = await manager.save(
          manager.create(AuditionRequest, {
            applicationId,
            talentId: application.talentId,
            castingDirectorId: directorId,
            instructions: data.instructions ?? null,
            dueAt: data.dueAt,
            status: AuditionRequestStatus.REQUESTED,
            tapeUrl: null,
            createdAt: now,
            submittedAt: null,
          }),
        );
        return {
          result: request,
          events: [
            { type: "AUDITION_REQUESTED", auditionRequestId: request.id, talentId: application.talentId },
            { type: "COUNTS_CHANGED", talentIds: [application.talentId] },
          ],
        };
      });
    },
  };
}

/** The role with its production, when that production is the director's. */
function findOwnRole(manager: EntityManager, roleId: number, directorId: number): Promise<Role | null> {
  return manager
    .createQueryBuilder(Role, "r")
    .innerJoinAndSelect("r.production", "p")
    .where("r.id = :roleId AND p.castingDirectorId = :directorId", { roleId, directorId })
    .getOne();
}
