import type { MigrationInterface, QueryRunner } from "typeorm";

/*
 * The transactional outbox (src/outbox/); see the MariaDB migration of the same
 * name. SQLite's INTEGER PRIMARY KEY is already 64-bit. The same indexes on both
 * engines, though SQLite would scan the unique one in id order by itself.
 */
export class TransactionalOutbox1796177083857 implements MigrationInterface {
  name = "TransactionalOutbox1796177083857";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "outbox_events" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "type" varchar(40) NOT NULL, "payload" text NOT NULL, "createdAt" datetime(3) NOT NULL, "relaySequence" bigint, "relayedAt" datetime(3))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_outbox_events_relay_sequence" ON "outbox_events" ("relaySequence") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_outbox_events_unrelayed" ON "outbox_events" ("relaySequence", "id") ');
    await queryRunner.query('CREATE INDEX "IDX_outbox_events_relayed_at" ON "outbox_events" ("relayedAt") ');
    await queryRunner.query(
      'CREATE TABLE "outbox_relay_state" ("id" integer PRIMARY KEY NOT NULL, "lastRelaySequence" bigint NOT NULL)',
    );
    await queryRunner.query('INSERT INTO "outbox_relay_state" ("id", "lastRelaySequence") VALUES (1, 0)');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "outbox_relay_state"');
    await queryRunner.query('DROP INDEX "IDX_outbox_events_relayed_at"');
    await queryRunner.query('DROP INDEX "IDX_outbox_events_unrelayed"');
    await queryRunner.query('DROP INDEX "UQ_outbox_events_relay_sequence"');
    await queryRunner.query('DROP TABLE "outbox_events"');
  }
}
