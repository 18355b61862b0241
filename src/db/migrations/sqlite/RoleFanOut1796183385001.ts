import type { MigrationInterface, QueryRunner } from "typeorm";

/*
 * A new role's fan-out mark; see the MariaDB migration of the same name. In
 * place, like KeptNewRolesMatched: a rebuild of "roles" would leave other
 * tables' foreign keys naming the temporary table on the way down.
 */
export class RoleFanOut1796183385001 implements MigrationInterface {
  name = "RoleFanOut1796183385001";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "roles" ADD COLUMN "countedThroughTalentId" integer NOT NULL DEFAULT (2147483647)',
    );
    await queryRunner.query('CREATE INDEX "IDX_roles_fan_out" ON "roles" ("countedThroughTalentId") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_roles_fan_out"');
    await queryRunner.query('ALTER TABLE "roles" DROP COLUMN "countedThroughTalentId"');
  }
}
