import { setTimeout as sleep } from 'node:timers/promises';
import PgBoss from 'pg-boss';
import type { DatabaseHandle, RawDatabase } from '../db/database.ts';
import type { JobHandler, JobQueue, SendOptions } from './queue.ts';
import type { JobRole } from './roles.ts';

/** pg-boss keeps its tables in this schema, apart from Postern's own (public) tables and migrations. */
export const JOB_SCHEMA = 'pgboss';

export interface PgBossQueueOptions {
  /** Default `all`. */
  role?: JobRole;
  /** Told about every failed attempt (context `job:<name>`) and about pg-boss's own errors (`jobs`). */
  reportError: (error: unknown, context: string) => void;
  /** How often an idle worker looks for work (default 2; pg-boss allows 0.5 and up). */
  pollingIntervalSeconds?: number;
  /** Wait before the first retry; it doubles (with jitter) on each further one (default 30). */
  retryDelaySeconds?: number;
  /** How long stop() waits for running handlers before failing them back to the queue (default 30 s). */
  stopTimeoutMs?: number;
}

export interface PgBossQueue extends JobQueue {
  readonly role: JobRole;
  /** The schedules stored in the database, e.g. for `postern admin` or tests. */
  schedules(): Promise<{ name: string; cron: string; tz: string }[]>;
}

/** pg-boss's connection interface: one SQL text with optional `$n` values, answering `{ rows }`. */
interface SqlRunner {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

const DEFAULT_RETRY_LIMIT = 2;

/**
 * The job queue of `postern serve`: pg-boss on the server's own database (PGlite or PostgreSQL),
 * through an adapter over the connection the server already has. Several processes on one
 * PostgreSQL share the queue; each job runs in one of them, each schedule tick once.
 */
export function createPgBossQueue(database: DatabaseHandle, options: PgBossQueueOptions): PgBossQueue {
  if (!database.raw) throw new Error('the pg-boss job queue needs a database opened by openDatabase()');
  const raw = database.raw;
  const role = options.role ?? 'all';
  const runsHandlers = role !== 'web';
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  const retryDelay = options.retryDelaySeconds ?? 30;
  const report = options.reportError;

  // Counts what is still going on, so stop() can wait for it before the database closes.
  let inFlight = 0;
  let running = 0;
  const counted = (runner: SqlRunner): SqlRunner => ({
    async executeSql(text, values) {
      inFlight++;
      try {
        return await runner.executeSql(text, values);
      } finally {
        inFlight--;
      }
    },
  });

  const boss = new PgBoss({
    db: counted(sqlRunner(raw)) as PgBoss.Db,
    schema: JOB_SCHEMA,
    // Maintenance (expiring, archiving) and the cron clock belong to processes that run jobs.
    supervise: runsHandlers,
    schedule: runsHandlers,
    retryLimit: DEFAULT_RETRY_LIMIT,
    retryDelay,
    retryBackoff: true,
  });
  boss.on('error', (error) => report(error, 'jobs'));

  const handlers = new Map<string, JobHandler<object>>();
  const pendingSchedules: { name: string; cron: string; data: object; tz: string }[] = [];
  const queues = new Map<string, Promise<void>>();
  let started: Promise<void> | undefined;

  // Creating a queue adds a partition to pg-boss's job table; two processes doing it at once
  // deadlock, so installing and creating queues take the instance-wide lock (see DatabaseHandle).
  const serialized = (fn: () => Promise<unknown>): Promise<void> => database.exclusive(async () => void (await fn()));

  // pg-boss 10 drops jobs sent to a queue that was never created, so every name is created first.
  const ensureQueue = (name: string): Promise<void> => {
    let created = queues.get(name);
    if (!created) {
      created = serialized(() => boss.createQueue(name));
      created.catch(() => queues.delete(name));
      queues.set(name, created);
    }
    return created;
  };

  const startWorker = async (name: string, handler: JobHandler<object>) => {
    await ensureQueue(name);
    // Filled in once work() answers; a job finishing before that just waits for the next poll.
    const worker: { id?: string } = {};
    worker.id = await boss.work<object>(name, { pollingIntervalSeconds, batchSize: 1 }, async (jobs) => {
      try {
        for (const job of jobs) {
          running++;
          try {
            await handler(job.data);
          } catch (error) {
            report(error, `job:${name}`);
            throw error; // pg-boss marks the attempt failed and retries it
          } finally {
            running--;
          }
        }
      } finally {
        // After a job, look for the next one at once: the polling pause is for an empty queue.
        if (worker.id) boss.notifyWorker(worker.id);
      }
    });
  };

  const applySchedule = async (s: { name: string; cron: string; data: object; tz: string }) => {
    await ensureQueue(s.name);
    await boss.schedule(s.name, s.cron, s.data, { tz: s.tz, retryLimit: DEFAULT_RETRY_LIMIT, retryDelay, retryBackoff: true });
  };

  const whenStarted = async () => {
    if (!started) throw new Error('the job queue is not started');
    await started;
  };

  // "At most one queued or active job per key": pg-boss's standard policy does not dedupe by key
  // alone, so the check and the insert run in one transaction under a lock on (name, key).
  const sendSingleton = (name: string, data: object, sendOptions: PgBoss.SendOptions, key: string) =>
    inTransaction(raw, async (tx) => {
      await tx.executeSql('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`postern-job:${name}:${key}`]);
      const { rows } = await tx.executeSql(
        `select 1 from ${JOB_SCHEMA}.job where name = $1 and singleton_key = $2 and state < 'completed' limit 1`,
        [name, key],
      );
      if (rows.length > 0) return null;
      return boss.send(name, data, { ...sendOptions, singletonKey: key, db: tx as PgBoss.Db });
    });

  return {
    role,
    work(name, handler) {
      handlers.set(name, handler as JobHandler<object>);
      // Registered after start (not the usual order): start its worker as soon as the queue runs.
      if (started && runsHandlers) void started.then(() => startWorker(name, handler as JobHandler<object>)).catch((e) => report(e, `job:${name}`));
    },
    async send(name, data, sendOptions: SendOptions = {}) {
      await whenStarted();
      await ensureQueue(name);
      const bossOptions: PgBoss.SendOptions = {
        retryLimit: sendOptions.retryLimit ?? DEFAULT_RETRY_LIMIT,
        retryDelay,
        retryBackoff: true,
        ...(sendOptions.startAfter && { startAfter: sendOptions.startAfter }),
      };
      if (sendOptions.singletonKey) return sendSingleton(name, data, bossOptions, sendOptions.singletonKey);
      return boss.send(name, data, bossOptions);
    },
    async schedule(name, cron, data = {}, scheduleOptions = {}) {
      const entry = { name, cron, data, tz: scheduleOptions.tz ?? 'UTC' };
      // createApp registers schedules while composing, before anything is started.
      if (!started) {
        pendingSchedules.push(entry);
        return;
      }
      await started;
      await applySchedule(entry);
    },
    async schedules() {
      await whenStarted();
      const rows = (await boss.getSchedules()) as unknown as { name: string; cron: string; timezone: string }[];
      return rows.map((r) => ({ name: r.name, cron: r.cron, tz: r.timezone }));
    },
    start() {
      started ??= (async () => {
        await serialized(() => boss.start());
        for (const entry of pendingSchedules.splice(0)) await applySchedule(entry);
        for (const name of handlers.keys()) await ensureQueue(name);
        if (runsHandlers) for (const [name, handler] of handlers) await startWorker(name, handler);
      })();
      // A failed start may be tried again.
      started.catch(() => (started = undefined));
      return started;
    },
    async stop() {
      if (!started) return;
      await started.catch(() => {});
      await boss.stop({ graceful: true, close: false, timeout: options.stopTimeoutMs ?? 30_000 });
      // A worker may be between fetching and finishing a job when stop() returns; let it settle
      // so nothing touches the database after the caller closes it.
      await settle(() => inFlight === 0 && running === 0);
      started = undefined;
      queues.clear();
    },
  };
}

/** pg-boss SQL over the server's driver. */
function sqlRunner(raw: RawDatabase): SqlRunner {
  if (raw.kind === 'postgres') {
    const pool = raw.pool;
    return {
      async executeSql(text, values) {
        if (values && values.length > 0) return pool.query(text, values);
        // A failing BEGIN…COMMIT script (e.g. two processes installing pg-boss at once) would go
        // back to the pool inside an aborted transaction; end it on the same connection.
        const client = await pool.connect();
        try {
          return await client.query(text);
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw error;
        } finally {
          client.release();
        }
      },
    };
  }
  const client = raw.client;
  return {
    async executeSql(text, values) {
      // PGlite's query() uses the extended protocol, which allows one statement; pg-boss sends its
      // locked, multi-statement commands without values, and exec() runs those as a script.
      if (!values || values.length === 0) {
        let results;
        try {
          results = await client.exec(text);
        } catch (error) {
          // A failed script leaves its BEGIN open on PGlite's only session: close it.
          if (/\bBEGIN\b/i.test(text)) await client.exec('ROLLBACK').catch(() => {});
          throw error;
        }
        const withRows = results.filter((r) => r.fields.length > 0);
        return { rows: (withRows.at(-1) ?? results.at(-1))?.rows ?? [] };
      }
      const result = await client.query(text, values.map((v) => (v === undefined ? null : v)));
      return { rows: result.rows };
    },
  };
}

/** Runs `fn` in one transaction on one connection. */
async function inTransaction<T>(raw: RawDatabase, fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
  if (raw.kind === 'pglite') {
    return raw.client.transaction((tx) =>
      fn({
        async executeSql(text, values) {
          const result = await tx.query(text, (values ?? []).map((v) => (v === undefined ? null : v)));
          return { rows: result.rows };
        },
      }),
    );
  }
  const client = await raw.pool.connect();
  try {
    await client.query('begin');
    try {
      const result = await fn({ executeSql: (text, values) => client.query(text, values) });
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    }
  } finally {
    client.release();
  }
}

/** Resolves once `idle()` has held on two checks a few milliseconds apart (or after 30 s). */
async function settle(idle: () => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  let quiet = 0;
  while (quiet < 2 && Date.now() < deadline) {
    await sleep(10);
    quiet = idle() ? quiet + 1 : 0;
  }
}
