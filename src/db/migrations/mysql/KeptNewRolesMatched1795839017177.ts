import type { MigrationInterface, QueryRunner } from "typeorm";

/*
 * Every talent's kept count starts from scratch, relative to a mark set to now
 * (the rule as of this migration: src/db/sql/role-match.sql.ts). A count
 * per talent: on a large database this takes minutes, in batches that each stay
 * under the statement timeout.
 */
const RECOUNT_TALENTS = `UPDATE users AS viewer SET newRolesMatchedCount = (
    SELECT COUNT(*) FROM talent_profiles tp
    JOIN roles r ON r.createdAt > viewer.rolesMatchedSeenAt
    STRAIGHT_JOIN productions p ON p.id = r.productionId
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
  WHERE viewer.accountType = 'TALENT' AND viewer.id BETWEEN ? AND ?`;
const TALENTS_PER_BATCH = 500;

export class KeptNewRolesMatched1795839017177 implements MigrationInterface {
  name = "KeptNewRolesMatched1795839017177";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `role_match_settlement` (`id` int NOT NULL, `settledThrough` datetime(3) NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query("ALTER TABLE `users` ADD `newRolesMatchedCount` int NOT NULL DEFAULT '0'");
    await queryRunner.query(
      "INSERT INTO `role_match_settlement` (`id`, `settledThrough`) VALUES (1, UTC_TIMESTAMP(3))",
    );
    const [{ first, last }] = await queryRunner.query(
      "SELECT MIN(id) AS first, MAX(id) AS last FROM users WHERE accountType = 'TALENT'",
    );
    for (let from = Number(first); first !== null && from <= Number(last); from += TALENTS_PER_BATCH) {
      await queryRunner.query(RECOUNT_TALENTS, [from, from + TALENTS_PER_BATCH - 1]);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `users` DROP COLUMN `newRolesMatchedCount`");
    await queryRunner.query("DROP TABLE `role_match_settlement`");
  }
}
