/**
 * The job queue the modules see (exports, erasure, retention, emails; later monitors). In
 * `postern serve` it is pg-boss on the same database (jobs/pg-boss-queue.ts); in tests and in
 * `createApp` without one, the inline queue below runs jobs in this process.
 */
export type JobHandler<T> = (data: T) => Promise<void>;

export interface SendOptions {
  /** At most one queued or active job with this key per name (e.g. one export per person). */
  singletonKey?: string;
  /** Run no earlier than this. */
  startAfter?: Date;
  /** Attempts after the first failure (default 2). */
  retryLimit?: number;
}

export interface JobQueue {
  /** Registers what runs for `name`. Call before `start()`; processes of the web-only role never run handlers. */
  work<T extends object>(name: string, handler: JobHandler<T>): void;
  /** Queues one job; answers its id, or null when a singleton with the same key is already queued. */
  send<T extends object>(name: string, data: T, options?: SendOptions): Promise<string | null>;
  /** Runs `name` on a cron schedule (5 fields) in `tz`; with several processes, each tick runs once. */
  schedule(name: string, cron: string, data?: object, options?: { tz?: string }): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs each job soon after it is sent, in this process, one at a time, with no schedule (tests
 * trigger scheduled work by calling the service). `drain()` waits until nothing is left.
 */
export function createInlineJobQueue(onError: (name: string, error: unknown) => void = () => {}) {
  const handlers = new Map<string, JobHandler<object>>();
  const keys = new Set<string>();
  let tail: Promise<void> = Promise.resolve();
  let counter = 0;
  const queue: JobQueue & { drain(): Promise<void>; scheduled: { name: string; cron: string; tz?: string }[] } = {
    scheduled: [],
    work(name, handler) {
      handlers.set(name, handler as JobHandler<object>);
    },
    async send(name, data, options = {}) {
      const key = options.singletonKey ? `${name}:${options.singletonKey}` : undefined;
      if (key && keys.has(key)) return null;
      if (key) keys.add(key);
      const id = `inline-${++counter}`;
      tail = tail.then(async () => {
        try {
          const handler = handlers.get(name);
          if (!handler) throw new Error(`no handler registered for job ${name}`);
          await handler(data);
        } catch (error) {
          onError(name, error);
        } finally {
          if (key) keys.delete(key);
        }
      });
      return id;
    },
    async schedule(name, cron, _data, options) {
      queue.scheduled.push({ name, cron, ...(options?.tz && { tz: options.tz }) });
    },
    async start() {},
    async stop() {
      await tail;
    },
    drain: async () => {
      // Jobs may send further jobs; wait until the chain stops growing.
      let seen: Promise<void>;
      do {
        seen = tail;
        await seen;
      } while (seen !== tail);
    },
  };
  return queue;
}

export type InlineJobQueue = ReturnType<typeof createInlineJobQueue>;
