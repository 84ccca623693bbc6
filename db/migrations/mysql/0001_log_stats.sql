-- Edited by hand after drizzle-kit generate, like 0000_init.sql: every statement may run again after
-- a start that died half-way (MySQL cannot roll back DDL).
-- * MySQL 8 has no CREATE INDEX IF NOT EXISTS: each index is created by a statement that looks first.
-- * request_stats compares case-sensitively (utf8mb4_bin), like every table that is not a log.
-- * The backfill sets (not adds) on a duplicate, so running it twice gives the same totals. Its
--   bucket expressions must stay equal to db/logs/rollup.ts, which keeps the table in step afterwards.
CREATE TABLE IF NOT EXISTS `request_stats` (
	`dimension` varchar(8) NOT NULL,
	`grain` varchar(8) NOT NULL,
	`bucket` bigint NOT NULL,
	`value` varchar(255) NOT NULL,
	`calls` bigint NOT NULL,
	`failures` bigint NOT NULL,
	`prompt_tokens` bigint NOT NULL,
	`completion_tokens` bigint NOT NULL,
	CONSTRAINT `request_stats_dimension_grain_bucket_value_pk` PRIMARY KEY(`dimension`,`grain`,`bucket`,`value`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
--> statement-breakpoint
SET @gb_ddl = IF((SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'error_logs' AND INDEX_NAME = 'error_logs_status_at_idx') = 0, 'CREATE INDEX `error_logs_status_at_idx` ON `error_logs` (`status`,`at`)', 'DO 0');
--> statement-breakpoint
PREPARE gb_ddl FROM @gb_ddl;
--> statement-breakpoint
EXECUTE gb_ddl;
--> statement-breakpoint
DEALLOCATE PREPARE gb_ddl;
--> statement-breakpoint
SET @gb_ddl = IF((SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'request_logs' AND INDEX_NAME = 'request_logs_status_at_idx') = 0, 'CREATE INDEX `request_logs_status_at_idx` ON `request_logs` (`status`,`at`)', 'DO 0');
--> statement-breakpoint
PREPARE gb_ddl FROM @gb_ddl;
--> statement-breakpoint
EXECUTE gb_ddl;
--> statement-breakpoint
DEALLOCATE PREPARE gb_ddl;
--> statement-breakpoint
SET @gb_ddl = IF((SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'request_logs' AND INDEX_NAME = 'request_logs_outcome_at_idx') = 0, 'CREATE INDEX `request_logs_outcome_at_idx` ON `request_logs` (`outcome`,`at`)', 'DO 0');
--> statement-breakpoint
PREPARE gb_ddl FROM @gb_ddl;
--> statement-breakpoint
EXECUTE gb_ddl;
--> statement-breakpoint
DEALLOCATE PREPARE gb_ddl;
--> statement-breakpoint
INSERT INTO `request_stats` (`dimension`, `grain`, `bucket`, `value`, `calls`, `failures`, `prompt_tokens`, `completion_tokens`)
SELECT 'total', 'minute', `at` DIV 60000 * 60000, '', COUNT(*), SUM(CASE WHEN `outcome` <> 'ok' THEN 1 ELSE 0 END), COALESCE(SUM(`prompt_tokens`), 0), COALESCE(SUM(`completion_tokens`), 0)
FROM `request_logs` GROUP BY `at` DIV 60000 * 60000
ON DUPLICATE KEY UPDATE `calls` = VALUES(`calls`), `failures` = VALUES(`failures`), `prompt_tokens` = VALUES(`prompt_tokens`), `completion_tokens` = VALUES(`completion_tokens`);
--> statement-breakpoint
INSERT INTO `request_stats` (`dimension`, `grain`, `bucket`, `value`, `calls`, `failures`, `prompt_tokens`, `completion_tokens`)
SELECT 'total', 'hour', `at` DIV 3600000 * 3600000, '', COUNT(*), SUM(CASE WHEN `outcome` <> 'ok' THEN 1 ELSE 0 END), COALESCE(SUM(`prompt_tokens`), 0), COALESCE(SUM(`completion_tokens`), 0)
FROM `request_logs` GROUP BY `at` DIV 3600000 * 3600000
ON DUPLICATE KEY UPDATE `calls` = VALUES(`calls`), `failures` = VALUES(`failures`), `prompt_tokens` = VALUES(`prompt_tokens`), `completion_tokens` = VALUES(`completion_tokens`);
--> statement-breakpoint
INSERT INTO `request_stats` (`dimension`, `grain`, `bucket`, `value`, `calls`, `failures`, `prompt_tokens`, `completion_tokens`)
SELECT 'key', 'day', `at` DIV 86400000 * 86400000, COALESCE(`key_fingerprint`, ''), COUNT(*), SUM(CASE WHEN `outcome` <> 'ok' THEN 1 ELSE 0 END), COALESCE(SUM(`prompt_tokens`), 0), COALESCE(SUM(`completion_tokens`), 0)
FROM `request_logs` GROUP BY `at` DIV 86400000 * 86400000, COALESCE(`key_fingerprint`, '')
ON DUPLICATE KEY UPDATE `calls` = VALUES(`calls`), `failures` = VALUES(`failures`), `prompt_tokens` = VALUES(`prompt_tokens`), `completion_tokens` = VALUES(`completion_tokens`);
--> statement-breakpoint
INSERT INTO `request_stats` (`dimension`, `grain`, `bucket`, `value`, `calls`, `failures`, `prompt_tokens`, `completion_tokens`)
SELECT 'model', 'hour', `at` DIV 3600000 * 3600000, COALESCE(`model`, '') COLLATE utf8mb4_bin, COUNT(*), SUM(CASE WHEN `outcome` <> 'ok' THEN 1 ELSE 0 END), COALESCE(SUM(`prompt_tokens`), 0), COALESCE(SUM(`completion_tokens`), 0)
FROM `request_logs` GROUP BY `at` DIV 3600000 * 3600000, COALESCE(`model`, '') COLLATE utf8mb4_bin
ON DUPLICATE KEY UPDATE `calls` = VALUES(`calls`), `failures` = VALUES(`failures`), `prompt_tokens` = VALUES(`prompt_tokens`), `completion_tokens` = VALUES(`completion_tokens`);
--> statement-breakpoint
INSERT INTO `request_stats` (`dimension`, `grain`, `bucket`, `value`, `calls`, `failures`, `prompt_tokens`, `completion_tokens`)
SELECT 'model', 'day', `at` DIV 86400000 * 86400000, COALESCE(`model`, '') COLLATE utf8mb4_bin, COUNT(*), SUM(CASE WHEN `outcome` <> 'ok' THEN 1 ELSE 0 END), COALESCE(SUM(`prompt_tokens`), 0), COALESCE(SUM(`completion_tokens`), 0)
FROM `request_logs` GROUP BY `at` DIV 86400000 * 86400000, COALESCE(`model`, '') COLLATE utf8mb4_bin
ON DUPLICATE KEY UPDATE `calls` = VALUES(`calls`), `failures` = VALUES(`failures`), `prompt_tokens` = VALUES(`prompt_tokens`), `completion_tokens` = VALUES(`completion_tokens`);
