import type { MigrationInterface, QueryRunner } from "typeorm";

export class InitialSchema1795830403692 implements MigrationInterface {
  name = "InitialSchema1795830403692";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "applications" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "talentId" integer NOT NULL, "roleId" integer NOT NULL, "status" varchar(24) NOT NULL, "coverLetter" text, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "submittedAt" datetime(3))',
    );
    await queryRunner.query('CREATE INDEX "IDX_applications_role" ON "applications" ("roleId") ');
    await queryRunner.query('CREATE INDEX "IDX_applications_talent_status" ON "applications" ("talentId", "status") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_applications_talent_updated" ON "applications" ("talentId", "updatedAt", "id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_applications_talent_role" ON "applications" ("talentId", "roleId") ',
    );
    await queryRunner.query(
      'CREATE TABLE "audition_requests" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "applicationId" integer NOT NULL, "talentId" integer NOT NULL, "castingDirectorId" integer NOT NULL, "instructions" text, "dueAt" datetime(3) NOT NULL, "status" varchar(24) NOT NULL, "tapeUrl" varchar(2048), "createdAt" datetime(3) NOT NULL, "submittedAt" datetime(3))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_audition_requests_talent_status_due" ON "audition_requests" ("talentId", "status", "dueAt") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_audition_requests_application" ON "audition_requests" ("applicationId") ',
    );
    await queryRunner.query(
      'CREATE TABLE "invitations" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "applicationId" integer NOT NULL, "talentId" integer NOT NULL, "roleId" integer NOT NULL, "castingDirectorId" integer NOT NULL, "note" text, "createdAt" datetime(3) NOT NULL, "respondedAt" datetime(3))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_invitations_talent_created" ON "invitations" ("talentId", "createdAt") ',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_invitations_application" ON "invitations" ("applicationId") ');
    await queryRunner.query(
      'CREATE TABLE "media_items" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "talentId" integer NOT NULL, "kind" varchar(24) NOT NULL, "title" varchar(200) NOT NULL, "bytes" bigint NOT NULL, "url" varchar(2048) NOT NULL, "isPrimary" boolean NOT NULL DEFAULT (0), "createdAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "IDX_media_items_talent_kind" ON "media_items" ("talentId", "kind") ');
    await queryRunner.query(
      'CREATE TABLE "messages" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "senderId" integer NOT NULL, "recipientId" integer NOT NULL, "productionId" integer, "body" text NOT NULL, "sentAt" datetime(3) NOT NULL, "readAt" datetime(3))',
    );
    await queryRunner.query('CREATE INDEX "IDX_messages_sender_recipient" ON "messages" ("senderId", "recipientId") ');
    await queryRunner.query('CREATE INDEX "IDX_messages_recipient_read" ON "messages" ("recipientId", "readAt") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_messages_recipient_sent" ON "messages" ("recipientId", "sentAt", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "production_views" ("talentId" integer NOT NULL, "productionId" integer NOT NULL, "viewedAt" datetime(3) NOT NULL, PRIMARY KEY ("talentId", "productionId"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_production_views_talent_viewed" ON "production_views" ("talentId", "viewedAt") ',
    );
    await queryRunner.query(
      'CREATE TABLE "productions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "castingDirectorId" integer NOT NULL, "title" varchar(200) NOT NULL, "location" varchar(120), "expiresAt" datetime(3) NOT NULL, "createdAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "IDX_productions_expires_at" ON "productions" ("expiresAt") ');
    await queryRunner.query('CREATE INDEX "IDX_productions_casting_director" ON "productions" ("castingDirectorId") ');
    await queryRunner.query(
      'CREATE TABLE "roles" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "productionId" integer NOT NULL, "name" varchar(200) NOT NULL, "description" text, "gender" varchar(24), "ageMin" smallint, "ageMax" smallint, "location" varchar(120), "unionStatus" varchar(24), "createdAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "IDX_roles_created_at" ON "roles" ("createdAt") ');
    await queryRunner.query('CREATE INDEX "IDX_roles_production" ON "roles" ("productionId") ');
    await queryRunner.query(
      'CREATE TABLE "talent_credits" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "talentId" integer NOT NULL, "title" varchar(200) NOT NULL, "role" varchar(120) NOT NULL, "year" smallint)',
    );
    await queryRunner.query('CREATE INDEX "IDX_talent_credits_talent" ON "talent_credits" ("talentId") ');
    await queryRunner.query(
      'CREATE TABLE "talent_profiles" ("talentId" integer PRIMARY KEY NOT NULL, "bio" text, "gender" varchar(24), "playableAgeMin" smallint, "playableAgeMax" smallint, "heightCm" smallint, "location" varchar(120), "unionStatus" varchar(24), "updatedAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query(
      'CREATE TABLE "talent_skills" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "talentId" integer NOT NULL, "name" varchar(80) NOT NULL)',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_talent_skills_talent_name" ON "talent_skills" ("talentId", "name") ',
    );
    await queryRunner.query(
      'CREATE TABLE "users" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(254) NOT NULL, "passwordHash" varchar(255) NOT NULL, "name" varchar(120) NOT NULL, "accountType" varchar(24) NOT NULL, "rolesMatchedSeenAt" datetime(3) NOT NULL, "createdAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_users_email" ON "users" ("email") ');
    await queryRunner.query('DROP INDEX "IDX_applications_role"');
    await queryRunner.query('DROP INDEX "IDX_applications_talent_status"');
    await queryRunner.query('DROP INDEX "IDX_applications_talent_updated"');
    await queryRunner.query('DROP INDEX "UQ_applications_talent_role"');
    await queryRunner.query(
      'CREATE TABLE "temporary_applications" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "talentId" integer NOT NULL, "roleId" integer NOT NULL, "status" varchar(24) NOT NULL, "coverLetter" text, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "submittedAt" datetime(3), CONSTRAINT "FK_1fda6650091c61209ddefde8cbb" FOREIGN KEY ("talentId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_6089e183bd8f0da82b133077dd3" FOREIGN KEY ("roleId") REFERENCES "roles" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_applications"("id", "talentId", "roleId", "status", "coverLetter", "createdAt", "updatedAt", "submittedAt") SELECT "id", "talentId", "roleId", "status", "coverLetter", "createdAt", "updatedAt", "submittedAt" FROM "applications"',
    );
    await queryRunner.query('DROP TABLE "applications"');
    await queryRunner.query('ALTER TABLE "temporary_applications" RENAME TO "applications"');
    await queryRunner.query('CREATE INDEX "IDX_applications_role" ON "applications" ("roleId") ');
    await queryRunner.query('CREATE INDEX "IDX_applications_talent_status" ON "applications" ("talentId", "status") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_applications_talent_updated" ON "applications" ("talentId", "updatedAt", "id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_applications_talent_role" ON "applications" ("talentId", "roleId") ',
    );
    await queryRunner.query('DROP INDEX "IDX_audition_requests_talent_status_due"');
    await queryRunner.query('DROP INDEX "IDX_audition_requests_application"');
    await queryRunner.query(
      'CREATE TABLE "temporary_audition_requests" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "applicationId" integer NOT NULL, "talentId" integer NOT NULL, "castingDirectorId" integer NOT NULL, "instructions" text, "dueAt" datetime(3) NOT NULL, "status" varchar(24) NOT NULL, "tapeUrl" varchar(2048), "createdAt" datetime(3) NOT NULL, "submittedAt" datetime(3), CONSTRAINT "FK_bdfabfd9eac394ac1aebe61242d" FOREIGN KEY ("applicationId") REFERENCES "applications" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_7b6e655da55e3a28d052a68d179" FOREIGN KEY ("talentId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_c9a773e84b816482f9d3a124c85" FOREIGN KEY ("castingDirectorId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_audition_requests"("id", "applicationId", "talentId", "castingDirectorId", "instructions", "dueAt", "status", "tapeUrl", "createdAt", "submittedAt") SELECT "id", "applicationId", "talentId", "castingDirectorId", "instructions", "dueAt", "status", "tapeUrl", "createdAt", "submittedAt" FROM "audition_requests"',
    );
    await queryRunner.query('DROP TABLE "audition_requests"');
    await queryRunner.query('ALTER TABLE "temporary_audition_requests" RENAME TO "audition_requests"');
    await queryRunner.query(
      'CREATE INDEX "IDX_audition_requests_talent_status_due" ON "audition_requests" ("talentId", "status", "dueAt") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_audition_requests_application" ON "audition_requests" ("applicationId") ',
    );
    await queryRunner.query('DROP INDEX "IDX_invitations_talent_created"');
    await queryRunner.query('DROP INDEX "UQ_invitations_application"');
    await queryRunner.query(
      'CREATE TABLE "temporary_invitations" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "applicationId" integer NOT NULL, "talentId" integer NOT NULL, "roleId" integer NOT NULL, "castingDirectorId" integer NOT NULL, "note" text, "createdAt" datetime(3) NOT NULL, "respondedAt" datetime(3), CONSTRAINT "FK_3121b1a9a84df7104c53229ea7c" FOREIGN KEY ("applicationId") REFERENCES "applications" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_032b7476071b2975252d71ed073" FOREIGN KEY ("talentId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_7f2c37e6463b81cf0f2c72d2819" FOREIGN KEY ("roleId") REFERENCES "roles" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_4c75fe1b1933cefb30cff7fab9d" FOREIGN KEY ("castingDirectorId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_invitations"("id", "applicationId", "talentId", "roleId", "castingDirectorId", "note", "createdAt", "respondedAt") SELECT "id", "applicationId", "talentId", "roleId", "castingDirectorId", "note", "createdAt", "respondedAt" FROM "invitations"',
    );
    await queryRunner.query('DROP TABLE "invitations"');
    await queryRunner.query('ALTER TABLE "temporary_invitations" RENAME TO "invitations"');
    await queryRunner.query(
      'CREATE INDEX "IDX_invitations_talent_created" ON "invitations" ("talentId", "createdAt") ',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_invitations_application" ON "invitations" ("applicationId") ');
    await queryRunner.query('DROP INDEX "IDX_media_items_talent_kind"');
    await queryRunner.query(
      'CREATE TABLE "temporary_media_items" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "talentId" integer NOT NULL, "kind" varchar(24) NOT NULL, "title" varchar(200) NOT NULL, "bytes" bigint NOT NULL, "url" varchar(2048) NOT NULL, "isPrimary" boolean NOT NULL DEFAULT (0), "createdAt" datetime(3) NOT NULL, CONSTRAINT "FK_f3d3359f60278806530e12db432" FOREIGN KEY ("talentId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_media_items"("id", "talentId", "kind", "title", "bytes", "url", "isPrimary", "createdAt") SELECT "id", "talentId", "kind", "title", "bytes", "url", "isPrimary", "createdAt" FROM "media_items"',
    );
    await queryRunner.query('DROP TABLE "media_items"');
    await queryRunner.query('ALTER TABLE "temporary_media_items" RENAME TO "media_items"');
    await queryRunner.query('CREATE INDEX "IDX_media_items_talent_kind" ON "media_items" ("talentId", "kind") ');
    await queryRunner.query('DROP INDEX "IDX_messages_sender_recipient"');
    await queryRunner.query('DROP INDEX "IDX_messages_recipient_read"');
    await queryRunner.query('DROP INDEX "IDX_messages_recipient_sent"');
    await queryRunner.query(
      'CREATE TABLE "temporary_messages" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "senderId" integer NOT NULL, "recipientId" integer NOT NULL, "productionId" integer, "body" text NOT NULL, "sentAt" datetime(3) NOT NULL, "readAt" datetime(3), CONSTRAINT "FK_2db9cf2b3ca111742793f6c37ce" FOREIGN KEY ("senderId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_f548818d46a1315d4e1d5e62da5" FOREIGN KEY ("recipientId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_68e87243f8183857ab373c04245" FOREIGN KEY ("productionId") REFERENCES "productions" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_messages"("id", "senderId", "recipientId", "productionId", "body", "sentAt", "readAt") SELECT "id", "senderId", "recipientId", "productionId", "body", "sentAt", "readAt" FROM "messages"',
    );
    await queryRunner.query('DROP TABLE "messages"');
    await queryRunner.query('ALTER TABLE "temporary_messages" RENAME TO "messages"');
    await queryRunner.query('CREATE INDEX "IDX_messages_sender_recipient" ON "messages" ("senderId", "recipientId") ');
    await queryRunner.query('CREATE INDEX "IDX_messages_recipient_read" ON "messages" ("recipientId", "readAt") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_messages_recipient_sent" ON "messages" ("recipientId", "sentAt", "id") ',
    );
    await queryRunner.query('DROP INDEX "IDX_production_views_talent_viewed"');
    await queryRunner.query(
      'CREATE TABLE "temporary_production_views" ("talentId" integer NOT NULL, "productionId" integer NOT NULL, "viewedAt" datetime(3) NOT NULL, CONSTRAINT "FK_62728b3ef872b4113a3006ce2a5" FOREIGN KEY ("talentId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_a2fc304ba5e43a85386ebe23b06" FOREIGN KEY ("productionId") REFERENCES "productions" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("talentId", "productionId"))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_production_views"("talentId", "productionId", "viewedAt") SELECT "talentId", "productionId", "viewedAt" FROM "production_views"',
    );
    await queryRunner.query('DROP TABLE "production_views"');
    await queryRunner.query('ALTER TABLE "temporary_production_views" RENAME TO "production_views"');
    await queryRunner.query(
      'CREATE INDEX "IDX_production_views_talent_viewed" ON "production_views" ("talentId", "viewedAt") ',
    );
    await queryRunner.query('DROP INDEX "IDX_productions_expires_at"');
    await queryRunner.query('DROP INDEX "IDX_productions_casting_director"');
    await queryRunner.query(
      'CREATE TABLE "temporary_productions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "castingDirectorId" integer NOT NULL, "title" varchar(200) NOT NULL, "location" varchar(120), "expiresAt" datetime(3) NOT NULL, "createdAt" datetime(3) NOT NULL, CONSTRAINT "FK_c6ab0e3b5b32dd2f1bc3494e1c6" FOREIGN KEY ("castingDirectorId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_productions"("id", "castingDirectorId", "title", "location", "expiresAt", "createdAt") SELECT "id", "castingDirectorId", "title", "location", "expiresAt", "createdAt" FROM "productions"',
    );
    await queryRunner.query('DROP TABLE "productions"');
    await queryRunner.query('ALTER TABLE "temporary_productions" RENAME TO "productions"');
    await queryRunner.query('CREATE INDEX "IDX_productions_expires_at" ON "productions" ("expiresAt") ');
    await queryRunner.query('CREATE INDEX "IDX_productions_casting_director" ON "productions" ("castingDirectorId") ');
    await queryRunner.query('DROP INDEX "IDX_roles_created_at"');
    await queryRunner.query('DROP INDEX "IDX_roles_production"');
    await queryRunner.query(
      'CREATE TABLE "temporary_roles" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "productionId" integer NOT NULL, "name" varchar(200) NOT NULL, "description" text, "gender" varchar(24), "ageMin" smallint, "ageMax" smallint, "location" varchar(120), "unionStatus" varchar(24), "createdAt" datetime(3) NOT NULL, CONSTRAINT "FK_200d4d74b3a258f5a7b301209d1" FOREIGN KEY ("productionId") REFERENCES "productions" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_roles"("id", "productionId", "name", "description", "gender", "ageMin", "ageMax", "location", "unionStatus", "createdAt") SELECT "id", "productionId", "name", "description", "gender", "ageMin", "ageMax", "location", "unionStatus", "createdAt" FROM "roles"',
    );
    await queryRunner.query('DROP TABLE "roles"');
    await queryRunner.query('ALTER TABLE "temporary_roles" RENAME TO "roles"');
    await queryRunner.query('CREATE INDEX "IDX_roles_created_at" ON "roles" ("createdAt") ');
    await queryRunner.query('CREATE INDEX "IDX_roles_production" ON "roles" ("productionId") ');
    await queryRunner.query('DROP INDEX "IDX_talent_credits_talent"');
    await queryRunner.query(
      'CREATE TABLE "temporary_talent_credits" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "talentId" integer NOT NULL, "title" varchar(200) NOT NULL, "role" varchar(120) NOT NULL, "year" smallint, CONSTRAINT "FK_8ece13ffd6caea9a57e66074e84" FOREIGN KEY ("talentId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_talent_credits"("id", "talentId", "title", "role", "year") SELECT "id", "talentId", "title", "role", "year" FROM "talent_credits"',
    );
    await queryRunner.query('DROP TABLE "talent_credits"');
    await queryRunner.query('ALTER TABLE "temporary_talent_credits" RENAME TO "talent_credits"');
    await queryRunner.query('CREATE INDEX "IDX_talent_credits_talent" ON "talent_credits" ("talentId") ');
    await queryRunner.query(
      'CREATE TABLE "temporary_talent_profiles" ("talentId" integer PRIMARY KEY NOT NULL, "bio" text, "gender" varchar(24), "playableAgeMin" smallint, "playableAgeMax" smallint, "heightCm" smallint, "location" varchar(120), "unionStatus" varchar(24), "updatedAt" datetime(3) NOT NULL, CONSTRAINT "FK_3a78d305dbe02430941c8665ea7" FOREIGN KEY ("talentId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_talent_profiles"("talentId", "bio", "gender", "playableAgeMin", "playableAgeMax", "heightCm", "location", "unionStatus", "updatedAt") SELECT "talentId", "bio", "gender", "playableAgeMin", "playableAgeMax", "heightCm", "location", "unionStatus", "updatedAt" FROM "talent_profiles"',
    );
    await queryRunner.query('DROP TABLE "talent_profiles"');
    await queryRunner.query('ALTER TABLE "temporary_talent_profiles" RENAME TO "talent_profiles"');
    await queryRunner.query('DROP INDEX "UQ_talent_skills_talent_name"');
    await queryRunner.query(
      'CREATE TABLE "temporary_talent_skills" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "talentId" integer NOT NULL, "name" varchar(80) NOT NULL, CONSTRAINT "FK_c906bbf30e3f5fc58ba720121b9" FOREIGN KEY ("talentId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_talent_skills"("id", "talentId", "name") SELECT "id", "talentId", "name" FROM "talent_skills"',
    );
    await queryRunner.query('DROP TABLE "talent_skills"');
    await queryRunner.query('ALTER TABLE "temporary_talent_skills" RENAME TO "talent_skills"');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_talent_skills_talent_name" ON "talent_skills" ("talentId", "name") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "UQ_talent_skills_talent_name"');
    await queryRunner.query('ALTER TABLE "talent_skills" RENAME TO "temporary_talent_skills"');
    await queryRunner.query(
      'CREATE TABLE "talent_skills" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "talentId" integer NOT NULL, "name" varchar(80) NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "talent_skills"("id", "talentId", "name") SELECT "id", "talentId", "name" FROM "temporary_talent_skills"',
    );
    await queryRunner.query('DROP TABLE "temporary_talent_skills"');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_talent_skills_talent_name" ON "talent_skills" ("talentId", "name") ',
    );
    await queryRunner.query('ALTER TABLE "talent_profiles" RENAME TO "temporary_talent_profiles"');
    await queryRunner.query(
      'CREATE TABLE "talent_profiles" ("talentId" integer PRIMARY KEY NOT NULL, "bio" text, "gender" varchar(24), "playableAgeMin" smallint, "playableAgeMax" smallint, "heightCm" smallint, "location" varchar(120), "unionStatus" varchar(24), "updatedAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "talent_profiles"("talentId", "bio", "gender", "playableAgeMin", "playableAgeMax", "heightCm", "location", "unionStatus", "updatedAt") SELECT "talentId", "bio", "gender", "playableAgeMin", "playableAgeMax", "heightCm", "location", "unionStatus", "updatedAt" FROM "temporary_talent_profiles"',
    );
    await queryRunner.query('DROP TABLE "temporary_talent_profiles"');
    await queryRunner.query('DROP INDEX "IDX_talent_credits_talent"');
    await queryRunner.query('ALTER TABLE "talent_credits" RENAME TO "temporary_talent_credits"');
    await queryRunner.query(
      'CREATE TABLE "talent_credits" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "talentId" integer NOT NULL, "title" varchar(200) NOT NULL, "role" varchar(120) NOT NULL, "year" smallint)',
    );
    await queryRunner.query(
      'INSERT INTO "talent_credits"("id", "talentId", "title", "role", "year") SELECT "id", "talentId", "title", "role", "year" FROM "temporary_talent_credits"',
    );
    await queryRunner.query('DROP TABLE "temporary_talent_credits"');
    await queryRunner.query('CREATE INDEX "IDX_talent_credits_talent" ON "talent_credits" ("talentId") ');
    await queryRunner.query('DROP INDEX "IDX_roles_production"');
    await queryRunner.query('DROP INDEX "IDX_roles_created_at"');
    await queryRunner.query('ALTER TABLE "roles" RENAME TO "temporary_roles"');
    await queryRunner.query(
      'CREATE TABLE "roles" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "productionId" integer NOT NULL, "name" varchar(200) NOT NULL, "description" text, "gender" varchar(24), "ageMin" smallint, "ageMax" smallint, "location" varchar(120), "unionStatus" varchar(24), "createdAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "roles"("id", "productionId", "name", "description", "gender", "ageMin", "ageMax", "location", "unionStatus", "createdAt") SELECT "id", "productionId", "name", "description", "gender", "ageMin", "ageMax", "location", "unionStatus", "createdAt" FROM "temporary_roles"',
    );
    await queryRunner.query('DROP TABLE "temporary_roles"');
    await queryRunner.query('CREATE INDEX "IDX_roles_production" ON "roles" ("productionId") ');
    await queryRunner.query('CREATE INDEX "IDX_roles_created_at" ON "roles" ("createdAt") ');
    await queryRunner.query('DROP INDEX "IDX_productions_casting_director"');
    await queryRunner.query('DROP INDEX "IDX_productions_expires_at"');
    await queryRunner.query('ALTER TABLE "productions" RENAME TO "temporary_productions"');
    await queryRunner.query(
      'CREATE TABLE "productions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "castingDirectorId" integer NOT NULL, "title" varchar(200) NOT NULL, "location" varchar(120), "expiresAt" datetime(3) NOT NULL, "createdAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "productions"("id", "castingDirectorId", "title", "location", "expiresAt", "createdAt") SELECT "id", "castingDirectorId", "title", "location", "expiresAt", "createdAt" FROM "temporary_productions"',
    );
    await queryRunner.query('DROP TABLE "temporary_productions"');
    await queryRunner.query('CREATE INDEX "IDX_productions_casting_director" ON "productions" ("castingDirectorId") ');
    await queryRunner.query('CREATE INDEX "IDX_productions_expires_at" ON "productions" ("expiresAt") ');
    await queryRunner.query('DROP INDEX "IDX_production_views_talent_viewed"');
    await queryRunner.query('ALTER TABLE "production_views" RENAME TO "temporary_production_views"');
    await queryRunner.query(
      'CREATE TABLE "production_views" ("talentId" integer NOT NULL, "productionId" integer NOT NULL, "viewedAt" datetime(3) NOT NULL, PRIMARY KEY ("talentId", "productionId"))',
    );
    await queryRunner.query(
      'INSERT INTO "production_views"("talentId", "productionId", "viewedAt") SELECT "talentId", "productionId", "viewedAt" FROM "temporary_production_views"',
    );
    await queryRunner.query('DROP TABLE "temporary_production_views"');
    await queryRunner.query(
      'CREATE INDEX "IDX_production_views_talent_viewed" ON "production_views" ("talentId", "viewedAt") ',
    );
    await queryRunner.query('DROP INDEX "IDX_messages_recipient_sent"');
    await queryRunner.query('DROP INDEX "IDX_messages_recipient_read"');
    await queryRunner.query('DROP INDEX "IDX_messages_sender_recipient"');
    await queryRunner.query('ALTER TABLE "messages" RENAME TO "temporary_messages"');
    await queryRunner.query(
      'CREATE TABLE "messages" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "senderId" integer NOT NULL, "recipientId" integer NOT NULL, "productionId" integer, "body" text NOT NULL, "sentAt" datetime(3) NOT NULL, "readAt" datetime(3))',
    );
    await queryRunner.query(
      'INSERT INTO "messages"("id", "senderId", "recipientId", "productionId", "body", "sentAt", "readAt") SELECT "id", "senderId", "recipientId", "productionId", "body", "sentAt", "readAt" FROM "temporary_messages"',
    );
    await queryRunner.query('DROP TABLE "temporary_messages"');
    await queryRunner.query(
      'CREATE INDEX "IDX_messages_recipient_sent" ON "messages" ("recipientId", "sentAt", "id") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_messages_recipient_read" ON "messages" ("recipientId", "readAt") ');
    await queryRunner.query('CREATE INDEX "IDX_messages_sender_recipient" ON "messages" ("senderId", "recipientId") ');
    await queryRunner.query('DROP INDEX "IDX_media_items_talent_kind"');
    await queryRunner.query('ALTER TABLE "media_items" RENAME TO "temporary_media_items"');
    await queryRunner.query(
      'CREATE TABLE "media_items" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "talentId" integer NOT NULL, "kind" varchar(24) NOT NULL, "title" varchar(200) NOT NULL, "bytes" bigint NOT NULL, "url" varchar(2048) NOT NULL, "isPrimary" boolean NOT NULL DEFAULT (0), "createdAt" datetime(3) NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "media_items"("id", "talentId", "kind", "title", "bytes", "url", "isPrimary", "createdAt") SELECT "id", "talentId", "kind", "title", "bytes", "url", "isPrimary", "createdAt" FROM "temporary_media_items"',
    );
    await queryRunner.query('DROP TABLE "temporary_media_items"');
    await queryRunner.query('CREATE INDEX "IDX_media_items_talent_kind" ON "media_items" ("talentId", "kind") ');
    await queryRunner.query('DROP INDEX "UQ_invitations_application"');
    await queryRunner.query('DROP INDEX "IDX_invitations_talent_created"');
    await queryRunner.query('ALTER TABLE "invitations" RENAME TO "temporary_invitations"');
    await queryRunner.query(
      'CREATE TABLE "invitations" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "applicationId" integer NOT NULL, "talentId" integer NOT NULL, "roleId" integer NOT NULL, "castingDirectorId" integer NOT NULL, "note" text, "createdAt" datetime(3) NOT NULL, "respondedAt" datetime(3))',
    );
    await queryRunner.query(
      'INSERT INTO "invitations"("id", "applicationId", "talentId", "roleId", "castingDirectorId", "note", "createdAt", "respondedAt") SELECT "id", "applicationId", "talentId", "roleId", "castingDirectorId", "note", "createdAt", "respondedAt" FROM "temporary_invitations"',
    );
    await queryRunner.query('DROP TABLE "temporary_invitations"');
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_invitations_application" ON "invitations" ("applicationId") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_invitations_talent_created" ON "invitations" ("talentId", "createdAt") ',
    );
    await queryRunner.query('DROP INDEX "IDX_audition_requests_application"');
    await queryRunner.query('DROP INDEX "IDX_audition_requests_talent_status_due"');
    await queryRunner.query('ALTER TABLE "audition_requests" RENAME TO "temporary_audition_requests"');
    await queryRunner.query(
      'CREATE TABLE "audition_requests" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "applicationId" integer NOT NULL, "talentId" integer NOT NULL, "castingDirectorId" integer NOT NULL, "instructions" text, "dueAt" datetime(3) NOT NULL, "status" varchar(24) NOT NULL, "tapeUrl" varchar(2048), "createdAt" datetime(3) NOT NULL, "submittedAt" datetime(3))',
    );
    await queryRunner.query(
      'INSERT INTO "audition_requests"("id", "applicationId", "talentId", "castingDirectorId", "instructions", "dueAt", "status", "tapeUrl", "createdAt", "submittedAt") SELECT "id", "applicationId", "talentId", "castingDirectorId", "instructions", "dueAt", "status", "tapeUrl", "createdAt", "submittedAt" FROM "temporary_audition_requests"',
    );
    await queryRunner.query('DROP TABLE "temporary_audition_requests"');
    await queryRunner.query(
      'CREATE INDEX "IDX_audition_requests_application" ON "audition_requests" ("applicationId") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_audition_requests_talent_status_due" ON "audition_requests" ("talentId", "status", "dueAt") ',
    );
    await queryRunner.query('DROP INDEX "UQ_applications_talent_role"');
    await queryRunner.query('DROP INDEX "IDX_applications_talent_updated"');
    await queryRunner.query('DROP INDEX "IDX_applications_talent_status"');
    await queryRunner.query('DROP INDEX "IDX_applications_role"');
    await queryRunner.query('ALTER TABLE "applications" RENAME TO "temporary_applications"');
    await queryRunner.query(
      'CREATE TABLE "applications" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "talentId" integer NOT NULL, "roleId" integer NOT NULL, "status" varchar(24) NOT NULL, "coverLetter" text, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "submittedAt" datetime(3))',
    );
    await queryRunner.query(
      'INSERT INTO "applications"("id", "talentId", "roleId", "status", "coverLetter", "createdAt", "updatedAt", "submittedAt") SELECT "id", "talentId", "roleId", "status", "coverLetter", "createdAt", "updatedAt", "submittedAt" FROM "temporary_applications"',
    );
    await queryRunner.query('DROP TABLE "temporary_applications"');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_applications_talent_role" ON "applications" ("talentId", "roleId") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_applications_talent_updated" ON "applications" ("talentId", "updatedAt", "id") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_applications_talent_status" ON "applications" ("talentId", "status") ');
    await queryRunner.query('CREATE INDEX "IDX_applications_role" ON "applications" ("roleId") ');
    await queryRunner.query('DROP INDEX "UQ_users_email"');
    await queryRunner.query('DROP TABLE "users"');
    await queryRunner.query('DROP INDEX "UQ_talent_skills_talent_name"');
    await queryRunner.query('DROP TABLE "talent_skills"');
    await queryRunner.query('DROP TABLE "talent_profiles"');
    await queryRunner.query('DROP INDEX "IDX_talent_credits_talent"');
    await queryRunner.query('DROP TABLE "talent_credits"');
    await queryRunner.query('DROP INDEX "IDX_roles_production"');
    await queryRunner.query('DROP INDEX "IDX_roles_created_at"');
    await queryRunner.query('DROP TABLE "roles"');
    await queryRunner.query('DROP INDEX "IDX_productions_casting_director"');
    await queryRunner.query('DROP INDEX "IDX_productions_expires_at"');
    await queryRunner.query('DROP TABLE "productions"');
    await queryRunner.query('DROP INDEX "IDX_production_views_talent_viewed"');
    await queryRunner.query('DROP TABLE "production_views"');
    await queryRunner.query('DROP INDEX "IDX_messages_recipient_sent"');
    await queryRunner.query('DROP INDEX "IDX_messages_recipient_read"');
    await queryRunner.query('DROP INDEX "IDX_messages_sender_recipient"');
    await queryRunner.query('DROP TABLE "messages"');
    await queryRunner.query('DROP INDEX "IDX_media_items_talent_kind"');
    await queryRunner.query('DROP TABLE "media_items"');
    await queryRunner.query('DROP INDEX "UQ_invitations_application"');
    await queryRunner.query('DROP INDEX "IDX_invitations_talent_created"');
    await queryRunner.query('DROP TABLE "invitations"');
    await queryRunner.query('DROP INDEX "IDX_audition_requests_application"');
    await queryRunner.query('DROP INDEX "IDX_audition_requests_talent_status_due"');
    await queryRunner.query('DROP TABLE "audition_requests"');
    await queryRunner.query('DROP INDEX "UQ_applications_talent_role"');
    await queryRunner.query('DROP INDEX "IDX_applications_talent_updated"');
    await queryRunner.query('DROP INDEX "IDX_applications_talent_status"');
    await queryRunner.query('DROP INDEX "IDX_applications_role"');
    await queryRunner.query('DROP TABLE "applications"');
  }
}
