import { byAccount, createdAt, personal, rowId, system } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { monitorRecipients, monitorRuns, monitors } from './schema.ts';

/** How long a monitor's run history is kept (P19). */
export const MONITOR_RUN_RETENTION_DAYS = 90;

export const declarations: TableDeclaration[] = [
  {
    table: monitors,
    description: 'A monitor: a collection of a workspace run on a cron schedule, with its options and notification settings.',
    // The monitor belongs to its workspace; the person it runs as is only who vouched for it last.
    subjects: [byAccount('run_as', 'runner', 'reattribute')],
    retention: { kind: 'content', describe: 'until an editor deletes it, or with its collection or workspace' },
    columns: {
      id: rowId('monitor'),
      workspace_id: system('The workspace.', 'system.reference'),
      collection_id: system('The collection run.', 'system.reference'),
      environment_id: system('The environment used.', 'system.reference'),
      name: system('The monitor’s name, as its editors wrote it.', 'system.configuration'),
      cron: system('The schedule (cron fields).', 'system.configuration'),
      timezone: system('The time zone of the schedule.', 'system.configuration'),
      enabled: system('Whether it runs on schedule.', 'system.configuration'),
      options: system('Run options (redirects, delays, timeouts, TLS, retries).', 'system.configuration'),
      notifications: system('When to notify and the webhook URL.', 'system.configuration'),
      run_as: personal('user.unique_id', 'The editor whose access the monitor runs with (its creator or last editor).', ['provide_service'], 'contract'),
      next_run_at: system('When it runs next.', 'system.timestamp'),
      failing: system('Whether its last runs failed.', 'system.operations'),
      streak_notices: system('Notifications sent in the current failing streak.', 'system.operations'),
      created_at: createdAt('monitor'),
      updated_at: system('When it was last changed.', 'system.timestamp'),
    },
  },
  {
    table: monitorRecipients,
    description: 'A member of the workspace emailed when a monitor fails.',
    subjects: [byAccount('user_id', 'recipient', 'delete')],
    retention: { kind: 'content', describe: 'as long as the monitor, until removed from its list, or with the account' },
    columns: {
      monitor_id: system('The monitor.', 'system.reference'),
      user_id: personal('user.unique_id', 'Who is notified.', ['provide_service'], 'contract'),
    },
  },
  {
    table: monitorRuns,
    description: 'One run of a monitor with its counts and per-request results (no bodies or headers).',
    subjects: [],
    retention: {
      kind: 'age',
      column: 'created_at',
      days: MONITOR_RUN_RETENTION_DAYS,
      describe: `${MONITOR_RUN_RETENTION_DAYS} days (the monitor’s run history), or with the monitor`,
    },
    columns: {
      id: rowId('monitor run'),
      monitor_id: system('The monitor.', 'system.reference'),
      trigger: system('Scheduled or started by hand.'),
      scheduled_for: system('The schedule tick (or the time it was started by hand).', 'system.timestamp'),
      status: system('Queued, running, passed, failed or error.'),
      attempts: system('How many attempts the run took (retries).'),
      counts: system('Requests, passed and failed tests, errors.'),
      results: system('Each request’s outcome: name, URL, status, time, size, test results.'),
      duration_ms: system('How long the run took.'),
      avg_response_ms: system('The mean response time.'),
      max_response_ms: system('The longest response time.'),
      error: system('Why the run as a whole failed.'),
      created_at: createdAt('monitor run'),
      started_at: system('When it began.', 'system.timestamp'),
      finished_at: system('When it ended.', 'system.timestamp'),
    },
  },
];
