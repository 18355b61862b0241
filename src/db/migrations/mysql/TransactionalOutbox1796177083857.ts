import type { MigrationInterface, QueryRunner } from "typeorm";

/*
 * The transactional outbox (src/outbox/): mutations insert their domain events
 * here in their own transaction, and a relay on every instance publishes them
 * in order. Plain tables, not entities: the ids are BIGINT (an append-only
 * table outgrows INT's 2.1 billion), which no entity column type gives both
 * engines (SQLite's AUTOINCREMENT needs exactly INTEGER, 64-bit there already).
 * IDX_outbox_events_unrelayed is the relay's scan: its NULL entries, in id
 * order, are the events not yet relayed. (InnoDB appends the id to the unique
 * index too, but MariaDB then sorts every unrelayed row for each batch, or
 * walks the primary key through all the relayed ones.)
 */
export class TransactionalOutbox1796177083857 implements MigrationInterface {
  name = "TransactionalOutbox1796177083857";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `outbox_events` (`id` bigint NOT NULL AUTO_INCREMENT, `type` varchar(40) NOT NULL, `payload` text NOT NULL, `createdAt` datetime(3) NOT NULL, `relaySequence` bigint NULL, `relayedAt` datetime(3) NULL, UNIQUE INDEX `UQ_outbox_events_relay_sequence` (`relaySequence`), INDEX `IDX_outbox_events_unrelayed` (`relaySequence`, `id`), INDEX `IDX_outbox_events_relayed_at` (`relayedAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `outbox_relay_state` (`id` int NOT NULL, `lastRelaySequence` bigint NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query("INSERT INTO `outbox_relay_state` (`id`, `lastRelaySequence`) VALUES (1, 0)");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE `outbox_relay_state`");
    await queryRunner.query("DROP TABLE `outbox_events`");
  }
}
