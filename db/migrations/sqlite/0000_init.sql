CREATE TABLE `access_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token` text NOT NULL,
	`label` text NOT NULL,
	`allowed_models` text,
	`expires_at` integer,
	`rpm_limit` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `access_tokens_token_unique` ON `access_tokens` (`token`);--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`failures` integer NOT NULL,
	`cooldown_until` integer,
	`disabled_reason` text,
	`last_used_at` integer,
	`created_at` integer NOT NULL,
	`model_cooldowns` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_key_unique` ON `api_keys` (`key`);--> statement-breakpoint
CREATE INDEX `api_keys_kind_status_idx` ON `api_keys` (`kind`,`status`);--> statement-breakpoint
CREATE TABLE `error_logs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`key_fingerprint` text,
	`model` text,
	`status` integer,
	`error_type` text NOT NULL,
	`message` text NOT NULL,
	`request_body` text
);
--> statement-breakpoint
CREATE INDEX `error_logs_at_idx` ON `error_logs` (`at`);--> statement-breakpoint
CREATE INDEX `error_logs_model_at_idx` ON `error_logs` (`model`,`at`);--> statement-breakpoint
CREATE INDEX `error_logs_key_at_idx` ON `error_logs` (`key_fingerprint`,`at`);--> statement-breakpoint
CREATE TABLE `files` (
	`name` text PRIMARY KEY NOT NULL,
	`display_name` text,
	`mime_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`state` text NOT NULL,
	`uri` text NOT NULL,
	`key_fingerprint` text NOT NULL,
	`owner_token` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `files_expires_at_idx` ON `files` (`expires_at`);--> statement-breakpoint
CREATE TABLE `request_logs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`token_label` text,
	`key_fingerprint` text,
	`model` text,
	`endpoint` text NOT NULL,
	`status` integer,
	`outcome` text NOT NULL,
	`latency_ms` integer NOT NULL,
	`prompt_tokens` integer,
	`completion_tokens` integer,
	`attempt` integer NOT NULL,
	`error_code` text
);
--> statement-breakpoint
CREATE INDEX `request_logs_at_idx` ON `request_logs` (`at`);--> statement-breakpoint
CREATE INDEX `request_logs_model_at_idx` ON `request_logs` (`model`,`at`);--> statement-breakpoint
CREATE INDEX `request_logs_key_at_idx` ON `request_logs` (`key_fingerprint`,`at`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
