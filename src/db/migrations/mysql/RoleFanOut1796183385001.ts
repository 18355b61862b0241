import type { MigrationInterface, QueryRunner } from "typeorm";

/*
 * A new role's fan-out mark (src/role-matches/fan-out-chunk.ts): talents with
 * an id at most roles.countedThroughTalentId have the role in their kept
 * newRolesMatchedCount. Every existing role is already counted for everyone,
 * which the default (INT's largest value, "fanned out") says; addRole writes 0.
 * IDX_roles_fan_out finds the few unfinished roles, and the ones a reader must
 * count itself (a mark below its id), without reading the finished ones.
 */
export class RoleFanOut1796183385001 implements MigrationInterface {
  name = "RoleFanOut1796183385001";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `roles` ADD `countedThroughTalentId` int NOT NULL DEFAULT '2147483647'");
    await queryRunner.query("CREATE INDEX `IDX_roles_fan_out` ON `roles` (`countedThroughTalentId`)");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `IDX_roles_fan_out` ON `roles`");
    await queryRunner.query("ALTER TABLE `roles` DROP COLUMN `countedThroughTalentId`");
  }
}
