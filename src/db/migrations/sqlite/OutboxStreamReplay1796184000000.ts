import type { MigrationInterface, QueryRunner } from "typeorm";

/* Resume cursors' replay from the outbox; see the MariaDB migration of the same name. */
export class OutboxStreamReplay1796184000000 implements MigrationInterface {
  name = "OutboxStreamReplay1796184000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "outbox_events" ADD COLUMN "audienceId" integer');
    await queryRunner.query(
      'CREATE INDEX "IDX_outbox_events_stream" ON "outbox_events" ("audienceId", "type", "relaySequence") ',
    );
    await queryRunner.query(
      'ALTER TABLE "outbox_relay_state" ADD COLUMN "prunedThroughSequence" bigint NOT NULL DEFAULT 0',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "outbox_relay_state" DROP COLUMN "prunedThroughSequence"');
    await queryRunner.query('DROP INDEX "IDX_outbox_events_stream"');
    await queryRunner.query('ALTER TABLE "outbox_events" DROP COLUMN "audienceId"');
  }
}
