import type { MigrationInterface, QueryRunner } from "typeorm";

export class MessagesConversationIndex1796183315164 implements MigrationInterface {
  name = "MessagesConversationIndex1796183315164";

  // Each index is created before the one it replaces goes: MariaDB keeps an index for the senderId foreign key.
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE INDEX `IDX_messages_conversation` ON `messages` (`senderId`, `recipientId`, `sentAt`, `id`)",
    );
    await queryRunner.query("DROP INDEX `IDX_messages_sender_recipient` ON `messages`");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE INDEX `IDX_messages_sender_recipient` ON `messages` (`senderId`, `recipientId`)");
    await queryRunner.query("DROP INDEX `IDX_messages_conversation` ON `messages`");
  }
}
