import type { MigrationInterface, QueryRunner } from "typeorm";

/*
 * Written by hand: TypeORM's generator rebuilds both tables through temporary
 * copies to add a nullable column, which SQLite's ALTER TABLE does in place.
 */
export class CastingWorkspace1796183943123 implements MigrationInterface {
  name = "CastingWorkspace1796183943123";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "applications" ADD COLUMN "seenAt" datetime(3)');
    await queryRunner.query('ALTER TABLE "audition_requests" ADD COLUMN "tapeSeenAt" datetime(3)');
    await queryRunner.query(
      'CREATE INDEX "IDX_applications_role_updated" ON "applications" ("roleId", "updatedAt", "id")',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_applications_role_unseen" ON "applications" ("roleId", "status", "seenAt")',
    );
    await queryRunner.query('DROP INDEX "IDX_applications_role"');
    await queryRunner.query(
      'CREATE INDEX "IDX_audition_requests_director_unseen" ON "audition_requests" ("castingDirectorId", "status", "tapeSeenAt")',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_productions_casting_director_created" ON "productions" ("castingDirectorId", "createdAt", "id")',
    );
    await queryRunner.query('DROP INDEX "IDX_productions_casting_director"');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX "IDX_productions_casting_director" ON "productions" ("castingDirectorId")');
    await queryRunner.query('DROP INDEX "IDX_productions_casting_director_created"');
    await queryRunner.query('DROP INDEX "IDX_audition_requests_director_unseen"');
    await queryRunner.query('CREATE INDEX "IDX_applications_role" ON "applications" ("roleId")');
    await queryRunner.query('DROP INDEX "IDX_applications_role_unseen"');
    await queryRunner.query('DROP INDEX "IDX_applications_role_updated"');
    await queryRunner.query('ALTER TABLE "audition_requests" DROP COLUMN "tapeSeenAt"');
    await queryRunner.query('ALTER TABLE "applications" DROP COLUMN "seenAt"');
  }
}
