export { loadConfig, ConfigError, configVariables } from './config.ts';
export type { Config, ConfigIssue } from './config.ts';
export {
  AppError,
  isAppError,
  badRequest,
  unauthorized,
  forbidden,
  notFound,
  conflict,
  tooLarge,
  rateLimited,
  internal,
} from './errors.ts';
export type { FieldError, AppErrorOptions } from './errors.ts';
export { openDatabase, queryRows, migrate, countAppliedMigrations, MIGRATIONS_FOLDER, PGLITE_SUBDIR, schema, DataDirInUseError } from './db/index.ts';
export type { Database, DatabaseHandle, DatabaseKind, MigrationResult } from './db/index.ts';
export { DATA_MAP, tableName, dataMapDocument, retentionLabel, retentionSentence } from './db/index.ts';
export type { DataMapDocument, DataMapTable, DataMapColumn } from './db/index.ts';
export { createApp, API_INFO, DEFAULT_BODY_LIMIT_BYTES } from './app.ts';
export type { AppDeps } from './app.ts';
export { startServer } from './server.ts';
export type { RunningServer, StartOptions } from './server.ts';
export { createRouter } from './http/router.ts';
export { CORRELATION_ID_HEADER } from './http/env.ts';
export type { AppEnv } from './http/env.ts';
export { PROBLEM_CONTENT_TYPE, problemOf, toAppError } from './http/problem.ts';
export type { Problem, ErrorReporter } from './http/problem.ts';
export type { CurrentUser, CurrentSession, CurrentApiKey, ApiKeyScope, AuthVariables } from './http/env.ts';
export { requireUser, requireSession } from './http/auth.ts';
export { systemClock } from './clock.ts';
export type { Clock } from './clock.ts';
export { SESSION_COOKIE, CSRF_COOKIE, CSRF_HEADER } from './modules/sessions/cookies.ts';
export { MINIMUM_AGE_BY_COUNTRY, DEFAULT_MINIMUM_AGE, minimumAgeFor } from './modules/accounts/minimum-age.ts';
export type { PasswordHashingOptions } from './modules/accounts/passwords.ts';
export type { Mailer, MailMessage } from './mail/mailer.ts';
export { createSmtpMailer, DEFAULT_MAIL_FROM } from './mail/smtp-mailer.ts';
export { createOutboxMailer } from './mail/outbox-mailer.ts';
export { createOutboxService, OUTBOX_RETENTION_DAYS } from './modules/outbox/service.ts';
export type { OutboxService } from './modules/outbox/service.ts';
export { createOutboxStore } from './modules/outbox/store.ts';
export type { OutboxRecord } from './modules/outbox/store.ts';
export { DEFAULT_RATE_LIMITS } from './http/rate-limit.ts';
export type { RateLimit, RateLimits } from './http/rate-limit.ts';
export { loadOrCreateSecretKey } from './crypto/secret-key.ts';
export { writeBackup } from './modules/backups/backup.ts';
export type { BackupSummary, ProgressListener } from './modules/backups/backup.ts';
export { readBackupHeader, checkRestorable, restoreBackup } from './modules/backups/restore.ts';
export type { RestoreSummary } from './modules/backups/restore.ts';
export { BackupError, describeLevel } from './modules/backups/format.ts';
export type { BackupHeader } from './modules/backups/format.ts';
export { createDeletionLedger, LedgerKeyMismatchError, LEDGER_RETENTION_DAYS } from './modules/deletion-ledger/service.ts';
export type { DeletionLedger } from './modules/deletion-ledger/service.ts';
export { openRetention } from './modules/retention/standalone.ts';
export type { OpenRetentionOptions } from './modules/retention/standalone.ts';
export { ruleInWords as retentionRuleInWords } from './modules/retention/rules.ts';
export { RETENTION_JOB, RETENTION_CRON } from './modules/retention/job.ts';
export type { RetentionCount, RetentionService } from './modules/retention/service.ts';
