import type { MigrationInterface, QueryRunner } from "typeorm";

/*
 * Every talent's kept count starts from scratch, relative to a mark set to now
 * (the rule as of this migration: src/db/sql/role-match.sql.ts). A count
 * per talent: on a large database this takes minutes.
 */
const RECOUNT_TALENTS = `UPDATE users AS viewer SET newRolesMatchedCount = (
    SELECT COUNT(*) FROM talent_profiles tp
    JOIN roles r ON r.createdAt > viewer.rolesMatchedSeenAt
    JOIN productions p ON p.id = r.productionId
    WHERE tp.talentId = viewer.id
      AND p.expiresAt > (SELECT s.settledThrough FROM role_match_settlement s WHERE s.id = 1)
      AND (r.gender IS NULL OR r.gender = tp.gender)
      AND ((r.ageMin IS NULL AND r.ageMax IS NULL)
        OR (tp.playableAgeMin IS NOT NULL AND tp.playableAgeMax IS NOT NULL
          AND (r.ageMax IS NULL OR tp.playableAgeMin <= r.ageMax)
          AND (r.ageMin IS NULL OR tp.playableAgeMax >= r.ageMin)))
      AND (r.location IS NULL OR LOWER(r.location) = LOWER(tp.location))
      AND (r.unionStatus IS NULL OR r.unionStatus = tp.unionStatus)
      AND NOT EXISTS (SELECT 1 FROM applications own WHERE own.talentId = viewer.id AND own.roleId = r.id))
  WHERE viewer.accountType = 'TALENT'`;

export class KeptNewRolesMatched1795839017177 implements MigrationInterface {
  name = "KeptNewRolesMatched1795839017177";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "role_match_settlement" ("id" integer PRIMARY KEY NOT NULL, "settledThrough" datetime(3) NOT NULL)',
    );
    // In place: the rebuild TypeORM generates for "users" would, on the way down, leave
    // other tables' foreign keys naming the temporary table (SQLite renames references).
    await queryRunner.query('ALTER TABLE "users" ADD COLUMN "newRolesMatchedCount" integer NOT NULL DEFAULT (0)');
    // The UTC text TypeORM writes for a datetime(3) column.
    await queryRunner.query(
      'INSERT INTO "role_match_settlement" ("id", "settledThrough") VALUES (1, strftime(\'%Y-%m-%d %H:%M:%f\', \'now\'))',
    );
    await queryRunner.query(RECOUNT_TALENTS);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "newRolesMatchedCount"');
    await queryRunner.query('DROP TABLE "role_match_settlement"');
  }
}
