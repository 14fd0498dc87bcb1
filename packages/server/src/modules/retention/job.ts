/**
 * The daily retention run (P19): one `retention.run` job a day at 03:17 UTC, a quiet hour, once per
 * instance however many processes share the database (pg-boss schedules).
 */
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/database.ts';
import { DATA_MAP } from '../../db/datamap/index.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { AuditService } from '../audit/service.ts';
import { createRetentionService, retentionFailures } from './service.ts';
import type { EraseDue, RetentionService } from './service.ts';
import { createRetentionStore } from './store.ts';
import { createRetentionTasks } from './tasks.ts';

export const RETENTION_JOB = 'retention.run';
export const RETENTION_CRON = '17 3 * * *';

/** The retention service over the whole data map. */
export function createRetention(deps: {
  db: Database;
  audit: Pick<AuditService, 'record'>;
  clock: Clock;
  eraseDue: EraseDue;
  map?: readonly TableDeclaration[];
}): RetentionService {
  const store = createRetentionStore(deps.db);
  return createRetentionService({
    store,
    tasks: createRetentionTasks({ store, clock: deps.clock }),
    audit: deps.audit,
    eraseDue: deps.eraseDue,
    map: deps.map ?? DATA_MAP,
  });
}

/**
 * Registers the job and its daily schedule. A table that fails fails the job (so it is retried and
 * shows in the queue); the other tables were purged and audited all the same.
 */
export function scheduleRetention(jobs: JobQueue, retention: RetentionService, clock: Clock, reportError: (error: unknown) => void): void {
  jobs.work(RETENTION_JOB, async () => {
    const failure = retentionFailures(await retention.applyRetention(clock()));
    if (failure) throw new Error(failure);
  });
  jobs.schedule(RETENTION_JOB, RETENTION_CRON, {}, { tz: 'UTC' }).catch(reportError);
}
