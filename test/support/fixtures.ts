import type { DataSource } from "typeorm";
import {
  AccountType,
  Application,
  ApplicationStatus,
  AuditionRequest,
  AuditionRequestStatus,
  Invitation,
  MediaItem,
  MediaKind,
  Message,
  Production,
  ProductionView,
  Role,
  TalentCredit,
  TalentProfile,
  TalentSkill,
  User,
} from "../../entities";
import { createTokenService } from "../../src/auth/tokens";
import { transaction } from "../../src/db/transaction";
import { recountAllTalents } from "../../src/role-matches/kept-counts";
import { TEST_JWT_SECRET } from "./test-app";

/*
 * Rows for tests, inserted straight through TypeORM so that a test can build
 * any state (an expired production, a past-due request) in milliseconds.
 * Passwords are not hashed: these users sign in with tokens issued here.
 * Rows that change newRolesMatched (talents, roles, applications) are followed
 * by a recount of the kept counts, as the services would keep them.
 */

const DAY = 24 * 3600 * 1000;
const tokens = createTokenService({ secret: TEST_JWT_SECRET, ttlSeconds: 3600, sessionMaxAgeSeconds: 3600 });

/** A moment relative to now: `daysFromNow(-2)` is two days ago. */
export function daysFromNow(days: number): Date {
  return new Date(Date.now() + days * DAY);
}

export interface TestUser {
  user: User;
  token: string;
}

export function fixtures(db: DataSource) {
  let sequence = 0;
  const next = () => ++sequence;
  const recounted = async <T>(row: T): Promise<T> => {
    await transaction(db, (manager) => recountAllTalents(manager));
    return row;
  };

  async function user(accountType: AccountType, name: string): Promise<TestUser> {
    const n = next();
    const saved = await db.getRepository(User).save({
      email: `${accountType.toLowerCase()}${n}-${Date.now()}@fixtures.test`,
      passwordHash: "not-a-real-hash",
      name,
      accountType,
      rolesMatchedSeenAt: daysFromNow(-30),
      createdAt: daysFromNow(-60),
    });
    return { user: saved, token: tokens.issue(saved).token };
  }

  return {
    async talent(name = "Talent", profile: Partial<TalentProfile> = {}, options: { rolesMatchedSeenAt?: Date } = {}) {
      const created = await user(AccountType.TALENT, name);
      if (options.rolesMatchedSeenAt) {
        await db.getRepository(User).update(created.user.id, { rolesMatchedSeenAt: options.rolesMatchedSeenAt });
      }
      await db.getRepository(TalentProfile).insert({ talentId: created.user.id, updatedAt: new Date(), ...profile });
      return recounted(created);
    },

    director(name = "Casting Director") {
      return user(AccountType.CASTING_DIRECTOR, name);
    },

    production(castingDirectorId: number, values: Partial<Production> = {}) {
      return db.getRepository(Production).save({
        castingDirectorId,
        title: `Production ${next()}`,
        location: null,
        expiresAt: daysFromNow(30),
        createdAt: daysFromNow(-10),
        ...values,
      });
    },

    async role(productionId: number, values: Partial<Role> = {}) {
      const role = await db.getRepository(Role).save({
        productionId,
        name: `Role ${next()}`,
        description: null,
        gender: null,
        ageMin: null,
        ageMax: null,
        location: null,
        unionStatus: null,
        createdAt: daysFromNow(-5),
        ...values,
      });
      return recounted(role);
    },

    async application(talentId: number, roleId: number, status: ApplicationStatus, values: Partial<Application> = {}) {
      const application = await db.getRepository(Application).save({
        talentId,
        roleId,
        status,
        coverLetter: null,
        createdAt: daysFromNow(-20),
        updatedAt: daysFromNow(-(next() % 19)),
        submittedAt: status === ApplicationStatus.SUBMITTED ? daysFromNow(-1) : null,
        ...values,
      });
      return recounted(application);
    },

    invitation(application: Application, castingDirectorId: number, values: Partial<Invitation> = {}) {
      return db.getRepository(Invitation).save({
        applicationId: application.id,
        talentId: application.talentId,
        roleId: application.roleId,
        castingDirectorId,
        note: null,
        createdAt: daysFromNow(-3),
        respondedAt: null,
        ...values,
      });
    },

    auditionRequest(application: Application, castingDirectorId: number, values: Partial<AuditionRequest> = {}) {
      return db.getRepository(AuditionRequest).save({
        applicationId: application.id,
        talentId: application.talentId,
        castingDirectorId,
        instructions: null,
        dueAt: daysFromNow(3),
        status: AuditionRequestStatus.REQUESTED,
        tapeUrl: null,
        createdAt: daysFromNow(-1),
        submittedAt: null,
        ...values,
      });
    },

    message(senderId: number, recipientId: number, values: Partial<Message> = {}) {
      return db.getRepository(Message).save({
        senderId,
        recipientId,
        productionId: null,
        body: `Message ${next()}`,
        sentAt: daysFromNow(-(next() % 30) / 24),
        readAt: null,
        ...values,
      });
    },

    media(talentId: number, kind: MediaKind, values: Partial<MediaItem> = {}) {
      return db.getRepository(MediaItem).save({
        talentId,
        kind,
        title: `${kind} ${next()}`,
        bytes: 1000,
        url: `https://media.example.test/${next()}`,
        isPrimary: false,
        createdAt: daysFromNow(-2),
        ...values,
      });
    },

    async skills(talentId: number, names: string[]) {
      await db.getRepository(TalentSkill).insert(names.map((name) => ({ talentId, name })));
    },

    async credits(talentId: number, titles: string[]) {
      await db
        .getRepository(TalentCredit)
        .insert(titles.map((title) => ({ talentId, title, role: "Lead", year: 2020 })));
    },

    view(talentId: number, productionId: number, viewedAt: Date) {
      return db.getRepository(ProductionView).save({ talentId, productionId, viewedAt });
    },
  };
}

export type Fixtures = ReturnType<typeof fixtures>;
