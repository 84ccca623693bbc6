-- Collation set by hand: keys and tokens are case-sensitive secrets (utf8mb4_bin); logs stay
-- case-insensitive for search (utf8mb4_unicode_ci).
CREATE TABLE `access_tokens` (
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
CREATE TABLE `api_keys` (
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
	CONSTRAINT `api_keys_key_unique` UNIQUE(`key`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
--> statement-breakpoint
CREATE TABLE `error_logs` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`at` bigint NOT NULL,
	`key_fingerprint` varchar(32),
	`model` varchar(255),
	`status` int,
	`error_type` varchar(64) NOT NULL,
	`message` longtext NOT NULL,
	`request_body` longtext,
	CONSTRAINT `error_logs_id` PRIMARY KEY(`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement-breakpoint
CREATE TABLE `files` (
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
	CONSTRAINT `files_name` PRIMARY KEY(`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
--> statement-breakpoint
CREATE TABLE `request_logs` (
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
	CONSTRAINT `request_logs_id` PRIMARY KEY(`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` varchar(100) NOT NULL,
	`value` longtext NOT NULL,
	`updated_at` bigint NOT NULL,
	CONSTRAINT `settings_key` PRIMARY KEY(`key`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
--> statement-breakpoint
CREATE INDEX `api_keys_kind_status_idx` ON `api_keys` (`kind`,`status`);--> statement-breakpoint
CREATE INDEX `error_logs_at_idx` ON `error_logs` (`at`);--> statement-breakpoint
CREATE INDEX `error_logs_model_at_idx` ON `error_logs` (`model`,`at`);--> statement-breakpoint
CREATE INDEX `error_logs_key_at_idx` ON `error_logs` (`key_fingerprint`,`at`);--> statement-breakpoint
CREATE INDEX `files_expires_at_idx` ON `files` (`expires_at`);--> statement-breakpoint
CREATE INDEX `request_logs_at_idx` ON `request_logs` (`at`);--> statement-breakpoint
CREATE INDEX `request_logs_model_at_idx` ON `request_logs` (`model`,`at`);--> statement-breakpoint
CREATE INDEX `request_logs_key_at_idx` ON `request_logs` (`key_fingerprint`,`at`);