import type { MigrationInterface, QueryRunner } from "typeorm";

/*
 * Resume cursors replay a talent's item stream from the outbox (src/outbox/replay-events.ts).
 * `audienceId` is the talent whose stream an event is on (NULL for the other events), and
 * IDX_outbox_events_stream reads one talent's events of one type in relay order.
 * `prunedThroughSequence` is how far pruning has deleted (a prefix in relay order): a cursor
 * below it would replay with a gap, so it is refused.
 */
export class OutboxStreamReplay1796184000000 implements MigrationInterface {
  name = "OutboxStreamReplay1796184000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE `outbox_events` ADD `audienceId` int NULL, ADD INDEX `IDX_outbox_events_stream` (`audienceId`, `type`, `relaySequence`)",
    );
    await queryRunner.query("ALTER TABLE `outbox_relay_state` ADD `prunedThroughSequence` bigint NOT NULL DEFAULT 0");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `outbox_relay_state` DROP COLUMN `prunedThroughSequence`");
    await queryRunner.query(
      "ALTER TABLE `outbox_events` DROP INDEX `IDX_outbox_events_stream`, DROP COLUMN `audienceId`",
    );
  }
}
