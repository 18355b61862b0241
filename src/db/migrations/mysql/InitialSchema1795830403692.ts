import type { MigrationInterface, QueryRunner } from "typeorm";

export class InitialSchema1795830403692 implements MigrationInterface {
  name = "InitialSchema1795830403692";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `applications` (`id` int NOT NULL AUTO_INCREMENT, `talentId` int NOT NULL, `roleId` int NOT NULL, `status` varchar(24) NOT NULL, `coverLetter` text NULL, `createdAt` datetime(3) NOT NULL, `updatedAt` datetime(3) NOT NULL, `submittedAt` datetime(3) NULL, INDEX `IDX_applications_role` (`roleId`), INDEX `IDX_applications_talent_status` (`talentId`, `status`), INDEX `IDX_applications_talent_updated` (`talentId`, `updatedAt`, `id`), UNIQUE INDEX `UQ_applications_talent_role` (`talentId`, `roleId`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `audition_requests` (`id` int NOT NULL AUTO_INCREMENT, `applicationId` int NOT NULL, `talentId` int NOT NULL, `castingDirectorId` int NOT NULL, `instructions` text NULL, `dueAt` datetime(3) NOT NULL, `status` varchar(24) NOT NULL, `tapeUrl` varchar(2048) NULL, `createdAt` datetime(3) NOT NULL, `submittedAt` datetime(3) NULL, INDEX `IDX_audition_requests_talent_status_due` (`talentId`, `status`, `dueAt`), INDEX `IDX_audition_requests_application` (`applicationId`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `invitations` (`id` int NOT NULL AUTO_INCREMENT, `applicationId` int NOT NULL, `talentId` int NOT NULL, `roleId` int NOT NULL, `castingDirectorId` int NOT NULL, `note` text NULL, `createdAt` datetime(3) NOT NULL, `respondedAt` datetime(3) NULL, INDEX `IDX_invitations_talent_created` (`talentId`, `createdAt`), UNIQUE INDEX `UQ_invitations_application` (`applicationId`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `media_items` (`id` int NOT NULL AUTO_INCREMENT, `talentId` int NOT NULL, `kind` varchar(24) NOT NULL, `title` varchar(200) NOT NULL, `bytes` bigint NOT NULL, `url` varchar(2048) NOT NULL, `isPrimary` tinyint NOT NULL DEFAULT 0, `createdAt` datetime(3) NOT NULL, INDEX `IDX_media_items_talent_kind` (`talentId`, `kind`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `messages` (`id` int NOT NULL AUTO_INCREMENT, `senderId` int NOT NULL, `recipientId` int NOT NULL, `productionId` int NULL, `body` text NOT NULL, `sentAt` datetime(3) NOT NULL, `readAt` datetime(3) NULL, INDEX `IDX_messages_sender_recipient` (`senderId`, `recipientId`), INDEX `IDX_messages_recipient_read` (`recipientId`, `readAt`), INDEX `IDX_messages_recipient_sent` (`recipientId`, `sentAt`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `production_views` (`talentId` int NOT NULL, `productionId` int NOT NULL, `viewedAt` datetime(3) NOT NULL, INDEX `IDX_production_views_talent_viewed` (`talentId`, `viewedAt`), PRIMARY KEY (`talentId`, `productionId`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `productions` (`id` int NOT NULL AUTO_INCREMENT, `castingDirectorId` int NOT NULL, `title` varchar(200) NOT NULL, `location` varchar(120) NULL, `expiresAt` datetime(3) NOT NULL, `createdAt` datetime(3) NOT NULL, INDEX `IDX_productions_expires_at` (`expiresAt`), INDEX `IDX_productions_casting_director` (`castingDirectorId`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `roles` (`id` int NOT NULL AUTO_INCREMENT, `productionId` int NOT NULL, `name` varchar(200) NOT NULL, `description` text NULL, `gender` varchar(24) NULL, `ageMin` smallint NULL, `ageMax` smallint NULL, `location` varchar(120) NULL, `unionStatus` varchar(24) NULL, `createdAt` datetime(3) NOT NULL, INDEX `IDX_roles_created_at` (`createdAt`), INDEX `IDX_roles_production` (`productionId`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `talent_credits` (`id` int NOT NULL AUTO_INCREMENT, `talentId` int NOT NULL, `title` varchar(200) NOT NULL, `role` varchar(120) NOT NULL, `year` smallint NULL, INDEX `IDX_talent_credits_talent` (`talentId`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `talent_profiles` (`talentId` int NOT NULL, `bio` text NULL, `gender` varchar(24) NULL, `playableAgeMin` smallint NULL, `playableAgeMax` smallint NULL, `heightCm` smallint NULL, `location` varchar(120) NULL, `unionStatus` varchar(24) NULL, `updatedAt` datetime(3) NOT NULL, PRIMARY KEY (`talentId`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `talent_skills` (`id` int NOT NULL AUTO_INCREMENT, `talentId` int NOT NULL, `name` varchar(80) NOT NULL, UNIQUE INDEX `UQ_talent_skills_talent_name` (`talentId`, `name`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `users` (`id` int NOT NULL AUTO_INCREMENT, `email` varchar(254) NOT NULL, `passwordHash` varchar(255) NOT NULL, `name` varchar(120) NOT NULL, `accountType` varchar(24) NOT NULL, `rolesMatchedSeenAt` datetime(3) NOT NULL, `createdAt` datetime(3) NOT NULL, UNIQUE INDEX `UQ_users_email` (`email`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "ALTER TABLE `applications` ADD CONSTRAINT `FK_1fda6650091c61209ddefde8cbb` FOREIGN KEY (`talentId`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION",
    );
    await queryRunner.query(
      "ALTER TABLE `applications` ADD CONSTRAINT `FK_6089e183bd8f0da82b133077dd3` FOREIGN KEY (`roleId`) REFERENCES `roles`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION",
    );
    await queryRunner.query(
      "ALTER TABLE `audition_requests` ADD CONSTRAINT `FK_bdfabfd9eac394ac1aebe61242d` FOREIGN KEY (`applicationId`) REFERENCES `applications`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION",
    );
    await queryRunner.query(
      "ALTER TABLE `audition_requests` ADD CONSTRAINT `FK_7b6e655da55e3a28d052a68d179` FOREIGN KEY (`talentId`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION",
    );
    await queryRunner.query(
      "ALTER TABLE `audition_requests` ADD CONSTRAINT `FK_c9a773e84b816482f9d3a124c85` FOREIGN KEY (`castingDirectorId`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION",
    );
    await queryRunner.query(
      "ALTER TABLE `invitations` ADD CONSTRAINT `FK_3121b1a9a84df7104c53229ea7c` FOREIGN KEY (`applicationId`) REFERENCES `applications`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION",
    );
    await queryRunner.query(
      "ALTER TABLE `invitations` ADD CONSTRAINT `FK_032b7476071b2975252d71ed073` FOREIGN KEY (`talentId`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION",
    );
    await queryRunner.query(
      "ALTER TABLE `invitations` ADD CONSTRAINT `FK_7f2c37e6463b81cf0f2c72d2819` FOREIGN KEY (`roleId`) REFERENCES `roles`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION",
    );
    await queryRunner.query(
      "ALTER TABLE `invitations` ADD CONSTRAINT `FK_4c75fe1b1933cefb30cff7fab9d` FOREIGN KEY (`castingDirectorId`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION",
    );
    await queryRunner.query(
      "ALTER TABLE `media_items` ADD CONSTRAINT `FK_f3d3359f60278806530e12db432` FOREIGN KEY (`talentId`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION",
    );
    await queryRunner.query(
      "ALTER TABLE `messages` ADD CONSTRAINT `FK_2db9cf2b3ca111742793f6c37ce` FOREIGN KEY (`senderId`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION",
    );
    await queryRunner.query(
      "ALTER TABLE `messages` ADD CONSTRAINT `FK_f548818d46a1315d4e1d5e62da5` FOREIGN KEY (`recipientId`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION",
    );
    await queryRunner.query(
      "ALTER TABLE `messages` ADD CONSTRAINT `FK_68e87243f8183857ab373c04245` FOREIGN KEY (`productionId`) REFERENCES `productions`(`id`) ON DELETE SET NULL ON UPDATE NO ACTION",
    );
    await queryRunner.query(
      "ALTER TABLE `production_views` ADD CONSTRAINT `FK_62728b3ef872b4113a3006ce2a5` FOREIGN KEY (`talentId`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION",
    );
    await queryRunner.query(
      "ALTER TABLE `production_views` ADD CONSTRAINT `FK_a2fc304ba5e43a85386ebe23b06` FOREIGN KEY (`productionId`) REFERENCES `productions`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION",
    );
    await queryRunner.query(
      "ALTER TABLE `productions` ADD CONSTRAINT `FK_c6ab0e3b5b32dd2f1bc3494e1c6` FOREIGN KEY (`castingDirectorId`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION",
    );
    await queryRunner.query(
      "ALTER TABLE `roles` ADD CONSTRAINT `FK_200d4d74b3a258f5a7b301209d1` FOREIGN KEY (`productionId`) REFERENCES `productions`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION",
    );
    await queryRunner.query(
      "ALTER TABLE `talent_credits` ADD CONSTRAINT `FK_8ece13ffd6caea9a57e66074e84` FOREIGN KEY (`talentId`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION",
    );
    await queryRunner.query(
      "ALTER TABLE `talent_profiles` ADD CONSTRAINT `FK_3a78d305dbe02430941c8665ea7` FOREIGN KEY (`talentId`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION",
    );
    await queryRunner.query(
      "ALTER TABLE `talent_skills` ADD CONSTRAINT `FK_c906bbf30e3f5fc58ba720121b9` FOREIGN KEY (`talentId`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `talent_skills` DROP FOREIGN KEY `FK_c906bbf30e3f5fc58ba720121b9`");
    await queryRunner.query("ALTER TABLE `talent_profiles` DROP FOREIGN KEY `FK_3a78d305dbe02430941c8665ea7`");
    await queryRunner.query("ALTER TABLE `talent_credits` DROP FOREIGN KEY `FK_8ece13ffd6caea9a57e66074e84`");
    await queryRunner.query("ALTER TABLE `roles` DROP FOREIGN KEY `FK_200d4d74b3a258f5a7b301209d1`");
    await queryRunner.query("ALTER TABLE `productions` DROP FOREIGN KEY `FK_c6ab0e3b5b32dd2f1bc3494e1c6`");
    await queryRunner.query("ALTER TABLE `production_views` DROP FOREIGN KEY `FK_a2fc304ba5e43a85386ebe23b06`");
    await queryRunner.query("ALTER TABLE `production_views` DROP FOREIGN KEY `FK_62728b3ef872b4113a3006ce2a5`");
    await queryRunner.query("ALTER TABLE `messages` DROP FOREIGN KEY `FK_68e87243f8183857ab373c04245`");
    await queryRunner.query("ALTER TABLE `messages` DROP FOREIGN KEY `FK_f548818d46a1315d4e1d5e62da5`");
    await queryRunner.query("ALTER TABLE `messages` DROP FOREIGN KEY `FK_2db9cf2b3ca111742793f6c37ce`");
    await queryRunner.query("ALTER TABLE `media_items` DROP FOREIGN KEY `FK_f3d3359f60278806530e12db432`");
    await queryRunner.query("ALTER TABLE `invitations` DROP FOREIGN KEY `FK_4c75fe1b1933cefb30cff7fab9d`");
    await queryRunner.query("ALTER TABLE `invitations` DROP FOREIGN KEY `FK_7f2c37e6463b81cf0f2c72d2819`");
    await queryRunner.query("ALTER TABLE `invitations` DROP FOREIGN KEY `FK_032b7476071b2975252d71ed073`");
    await queryRunner.query("ALTER TABLE `invitations` DROP FOREIGN KEY `FK_3121b1a9a84df7104c53229ea7c`");
    await queryRunner.query("ALTER TABLE `audition_requests` DROP FOREIGN KEY `FK_c9a773e84b816482f9d3a124c85`");
    await queryRunner.query("ALTER TABLE `audition_requests` DROP FOREIGN KEY `FK_7b6e655da55e3a28d052a68d179`");
    await queryRunner.query("ALTER TABLE `audition_requests` DROP FOREIGN KEY `FK_bdfabfd9eac394ac1aebe61242d`");
    await queryRunner.query("ALTER TABLE `applications` DROP FOREIGN KEY `FK_6089e183bd8f0da82b133077dd3`");
    await queryRunner.query("ALTER TABLE `applications` DROP FOREIGN KEY `FK_1fda6650091c61209ddefde8cbb`");
    await queryRunner.query("DROP INDEX `UQ_users_email` ON `users`");
    await queryRunner.query("DROP TABLE `users`");
    await queryRunner.query("DROP INDEX `UQ_talent_skills_talent_name` ON `talent_skills`");
    await queryRunner.query("DROP TABLE `talent_skills`");
    await queryRunner.query("DROP TABLE `talent_profiles`");
    await queryRunner.query("DROP INDEX `IDX_talent_credits_talent` ON `talent_credits`");
    await queryRunner.query("DROP TABLE `talent_credits`");
    await queryRunner.query("DROP INDEX `IDX_roles_production` ON `roles`");
    await queryRunner.query("DROP INDEX `IDX_roles_created_at` ON `roles`");
    await queryRunner.query("DROP TABLE `roles`");
    await queryRunner.query("DROP INDEX `IDX_productions_casting_director` ON `productions`");
    await queryRunner.query("DROP INDEX `IDX_productions_expires_at` ON `productions`");
    await queryRunner.query("DROP TABLE `productions`");
    await queryRunner.query("DROP INDEX `IDX_production_views_talent_viewed` ON `production_views`");
    await queryRunner.query("DROP TABLE `production_views`");
    await queryRunner.query("DROP INDEX `IDX_messages_recipient_sent` ON `messages`");
    await queryRunner.query("DROP INDEX `IDX_messages_recipient_read` ON `messages`");
    await queryRunner.query("DROP INDEX `IDX_messages_sender_recipient` ON `messages`");
    await queryRunner.query("DROP TABLE `messages`");
    await queryRunner.query("DROP INDEX `IDX_media_items_talent_kind` ON `media_items`");
    await queryRunner.query("DROP TABLE `media_items`");
    await queryRunner.query("DROP INDEX `UQ_invitations_application` ON `invitations`");
    await queryRunner.query("DROP INDEX `IDX_invitations_talent_created` ON `invitations`");
    await queryRunner.query("DROP TABLE `invitations`");
    await queryRunner.query("DROP INDEX `IDX_audition_requests_application` ON `audition_requests`");
    await queryRunner.query("DROP INDEX `IDX_audition_requests_talent_status_due` ON `audition_requests`");
    await queryRunner.query("DROP TABLE `audition_requests`");
    await queryRunner.query("DROP INDEX `UQ_applications_talent_role` ON `applications`");
    await queryRunner.query("DROP INDEX `IDX_applications_talent_updated` ON `applications`");
    await queryRunner.query("DROP INDEX `IDX_applications_talent_status` ON `applications`");
    await queryRunner.query("DROP INDEX `IDX_applications_role` ON `applications`");
    await queryRunner.query("DROP TABLE `applications`");
  }
}
