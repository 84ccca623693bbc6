-- request_stats is filled from the rows already logged, then kept in step by every write and
-- delete (db/logs/rollup.ts); the bucket expressions must stay equal to the ones there.
CREATE TABLE `request_stats` (
	`dimension` text NOT NULL,
	`grain` text NOT NULL,
	`bucket` integer NOT NULL,
	`value` text NOT NULL,
	`calls` integer NOT NULL,
	`failures` integer NOT NULL,
	`prompt_tokens` integer NOT NULL,
	`completion_tokens` integer NOT NULL,
	PRIMARY KEY(`dimension`, `grain`, `bucket`, `value`)
);
--> statement-breakpoint
CREATE INDEX `error_logs_status_at_idx` ON `error_logs` (`status`,`at`);--> statement-breakpoint
CREATE INDEX `request_logs_status_at_idx` ON `request_logs` (`status`,`at`);--> statement-breakpoint
CREATE INDEX `request_logs_outcome_at_idx` ON `request_logs` (`outcome`,`at`);--> statement-breakpoint
INSERT INTO `request_stats` (`dimension`, `grain`, `bucket`, `value`, `calls`, `failures`, `prompt_tokens`, `completion_tokens`)
SELECT 'total', 'minute', `at` / 60000 * 60000, '', COUNT(*), SUM(CASE WHEN `outcome` <> 'ok' THEN 1 ELSE 0 END), COALESCE(SUM(`prompt_tokens`), 0), COALESCE(SUM(`completion_tokens`), 0)
FROM `request_logs` GROUP BY `at` / 60000 * 60000;
--> statement-breakpoint
INSERT INTO `request_stats` (`dimension`, `grain`, `bucket`, `value`, `calls`, `failures`, `prompt_tokens`, `completion_tokens`)
SELECT 'total', 'hour', `at` / 3600000 * 3600000, '', COUNT(*), SUM(CASE WHEN `outcome` <> 'ok' THEN 1 ELSE 0 END), COALESCE(SUM(`prompt_tokens`), 0), COALESCE(SUM(`completion_tokens`), 0)
FROM `request_logs` GROUP BY `at` / 3600000 * 3600000;
--> statement-breakpoint
INSERT INTO `request_stats` (`dimension`, `grain`, `bucket`, `value`, `calls`, `failures`, `prompt_tokens`, `completion_tokens`)
SELECT 'key', 'day', `at` / 86400000 * 86400000, COALESCE(`key_fingerprint`, ''), COUNT(*), SUM(CASE WHEN `outcome` <> 'ok' THEN 1 ELSE 0 END), COALESCE(SUM(`prompt_tokens`), 0), COALESCE(SUM(`completion_tokens`), 0)
FROM `request_logs` GROUP BY `at` / 86400000 * 86400000, COALESCE(`key_fingerprint`, '');
--> statement-breakpoint
INSERT INTO `request_stats` (`dimension`, `grain`, `bucket`, `value`, `calls`, `failures`, `prompt_tokens`, `completion_tokens`)
SELECT 'model', 'hour', `at` / 3600000 * 3600000, COALESCE(`model`, ''), COUNT(*), SUM(CASE WHEN `outcome` <> 'ok' THEN 1 ELSE 0 END), COALESCE(SUM(`prompt_tokens`), 0), COALESCE(SUM(`completion_tokens`), 0)
FROM `request_logs` GROUP BY `at` / 3600000 * 3600000, COALESCE(`model`, '');
--> statement-breakpoint
INSERT INTO `request_stats` (`dimension`, `grain`, `bucket`, `value`, `calls`, `failures`, `prompt_tokens`, `completion_tokens`)
SELECT 'model', 'day', `at` / 86400000 * 86400000, COALESCE(`model`, ''), COUNT(*), SUM(CASE WHEN `outcome` <> 'ok' THEN 1 ELSE 0 END), COALESCE(SUM(`prompt_tokens`), 0), COALESCE(SUM(`completion_tokens`), 0)
FROM `request_logs` GROUP BY `at` / 86400000 * 86400000, COALESCE(`model`, '');
