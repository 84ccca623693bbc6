-- Edited by hand after drizzle-kit generate, for MySQL/MariaDB:
-- * IF NOT EXISTS, with the indexes inside CREATE TABLE: MySQL cannot roll back DDL, so a start
--   that died half-way through must be able to run this file again.
-- * Collation: keys, tokens and settings are case-sensitive (utf8mb4_bin); logs stay
--   case-insensitive for search (utf8mb4_unicode_ci).
CREATE TABLE IF NOT EXISTS `access_tokens` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`token` varchar(255) NOT NULL,
	`label` varchar(100) NOT NULL,
	`allowed_models` longtext,
	`expires_at` bigint,
	`rpm_limit` int,
	`created_at` bigint NOT NULL,
	CONSTRAINT `access_tokens_id` PRIMARY KEY(`id`),
	CONSTRAINT `access_tokens_token_unique` UNIQUE(`token`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `api_keys` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`key` varchar(255) NOT NULL,
	`kind` varchar(16) NOT NULL,
	`status` varchar(16) NOT NULL,
	`failures` int NOT NULL,
	`cooldown_until` bigint,
	`disabled_reason` longtext,
	`last_used_at` bigint,
	`created_at` bigint NOT NULL,
	`model_cooldowns` longtext NOT NULL,
	CONSTRAINT `api_keys_id` PRIMARY KEY(`id`),
	CONSTRAINT `api_keys_key_unique` UNIQUE(`key`),
	INDEX `api_keys_kind_status_idx` (`kind`,`status`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `error_logs` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`at` bigint NOT NULL,
	`key_fingerprint` varchar(32),
	`model` varchar(255),
	`status` int,
	`error_type` varchar(64) NOT NULL,
	`message` longtext NOT NULL,
	`request_body` longtext,
	CONSTRAINT `error_logs_id` PRIMARY KEY(`id`),
	INDEX `error_logs_at_idx` (`at`),
	INDEX `error_logs_model_at_idx` (`model`,`at`),
	INDEX `error_logs_key_at_idx` (`key_fingerprint`,`at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `files` (
	`name` varchar(255) NOT NULL,
	`display_name` varchar(512),
	`mime_type` varchar(255) NOT NULL,
	`size_bytes` bigint NOT NULL,
	`state` varchar(16) NOT NULL,
	`uri` longtext NOT NULL,
	`key_fingerprint` varchar(32) NOT NULL,
	`owner_token` varchar(64),
	`created_at` bigint NOT NULL,
	`expires_at` bigint NOT NULL,
	CONSTRAINT `files_name` PRIMARY KEY(`name`),
	INDEX `files_expires_at_idx` (`expires_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `request_logs` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`at` bigint NOT NULL,
	`token_label` varchar(100),
	`key_fingerprint` varchar(32),
	`model` varchar(255),
	`endpoint` varchar(100) NOT NULL,
	`status` int,
	`outcome` varchar(32) NOT NULL,
	`latency_ms` int NOT NULL,
	`prompt_tokens` int,
	`completion_tokens` int,
	`attempt` int NOT NULL,
	`error_code` varchar(64),
	CONSTRAINT `request_logs_id` PRIMARY KEY(`id`),
	INDEX `request_logs_at_idx` (`at`),
	INDEX `request_logs_model_at_idx` (`model`,`at`),
	INDEX `request_logs_key_at_idx` (`key_fingerprint`,`at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `settings` (
	`key` varchar(100) NOT NULL,
	`value` longtext NOT NULL,
	`updated_at` bigint NOT NULL,
	CONSTRAINT `settings_key` PRIMARY KEY(`key`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
