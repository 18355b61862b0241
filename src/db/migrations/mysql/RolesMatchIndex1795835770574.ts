import type { MigrationInterface, QueryRunner } from "typeorm";

export class RolesMatchIndex1795835770574 implements MigrationInterface {
  name = "RolesMatchIndex1795835770574";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `IDX_roles_created_at` ON `roles`");
    await queryRunner.query(
      "CREATE INDEX `IDX_roles_match` ON `roles` (`createdAt`, `productionId`, `gender`, `ageMin`, `ageMax`, `location`, `unionStatus`)",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `IDX_roles_match` ON `roles`");
    await queryRunner.query("CREATE INDEX `IDX_roles_created_at` ON `roles` (`createdAt`)");
  }
}
