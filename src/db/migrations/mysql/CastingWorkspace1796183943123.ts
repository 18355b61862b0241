import type { MigrationInterface, QueryRunner } from "typeorm";

/* Each index is created before the one it replaces goes: MariaDB keeps an index for each foreign key. */
export class CastingWorkspace1796183943123 implements MigrationInterface {
  name = "CastingWorkspace1796183943123";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `applications` ADD `seenAt` datetime(3) NULL");
    await queryRunner.query("ALTER TABLE `audition_requests` ADD `tapeSeenAt` datetime(3) NULL");
    await queryRunner.query(
      "CREATE INDEX `IDX_applications_role_updated` ON `applications` (`roleId`, `updatedAt`, `id`)",
    );
    await queryRunner.query(
      "CREATE INDEX `IDX_applications_role_unseen` ON `applications` (`roleId`, `status`, `seenAt`)",
    );
    await queryRunner.query("DROP INDEX `IDX_applications_role` ON `applications`");
    await queryRunner.query(
      "CREATE INDEX `IDX_audition_requests_director_unseen` ON `audition_requests` (`castingDirectorId`, `status`, `tapeSeenAt`)",
    );
    await queryRunner.query(
      "CREATE INDEX `IDX_productions_casting_director_created` ON `productions` (`castingDirectorId`, `createdAt`, `id`)",
    );
    await queryRunner.query("DROP INDEX `IDX_productions_casting_director` ON `productions`");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE INDEX `IDX_productions_casting_director` ON `productions` (`castingDirectorId`)");
    await queryRunner.query("DROP INDEX `IDX_productions_casting_director_created` ON `productions`");
    // The new index had replaced the one InnoDB made for the castingDirectorId foreign key: put that back first.
    await queryRunner.query(
      "CREATE INDEX `FK_c9a773e84b816482f9d3a124c85` ON `audition_requests` (`castingDirectorId`)",
    );
    await queryRunner.query("DROP INDEX `IDX_audition_requests_director_unseen` ON `audition_requests`");
    await queryRunner.query("CREATE INDEX `IDX_applications_role` ON `applications` (`roleId`)");
    await queryRunner.query("DROP INDEX `IDX_applications_role_unseen` ON `applications`");
    await queryRunner.query("DROP INDEX `IDX_applications_role_updated` ON `applications`");
    await queryRunner.query("ALTER TABLE `audition_requests` DROP COLUMN `tapeSeenAt`");
    await queryRunner.query("ALTER TABLE `applications` DROP COLUMN `seenAt`");
  }
}
