-- Edited by hand after drizzle-kit generate, like 0000 and 0001: it may run again after a start
-- that died half-way (MySQL cannot roll back DDL, and MySQL 8 has no ADD COLUMN IF NOT EXISTS).
SET @gb_ddl = IF((SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'request_logs' AND COLUMN_NAME = 'finish_reason') = 0, 'ALTER TABLE `request_logs` ADD `finish_reason` varchar(48)', 'DO 0');
--> statement-breakpoint
PREPARE gb_ddl FROM @gb_ddl;
--> statement-breakpoint
EXECUTE gb_ddl;
--> statement-breakpoint
DEALLOCATE PREPARE gb_ddl;
