/**
 * The call log's write path: calls are queued in memory and written in batches, so answering a
 * mock request never waits for the database. Credentials and cookies are removed and bodies cut
 * at 16 KB before anything is queued.
 */
import type { MockCallRecord, MockStore, NewMockCall } from './store.ts';

export const MAX_LOGGED_BODY_BYTES = 16 * 1024;
/** Headers never logged: they carry credentials or session state. */
const REDACTED_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);
const FLUSH_DELAY_MS = 250;
const FLUSH_AT = 200;
/** While the database cannot keep up, calls past this many waiting are dropped (and counted). */
const MAX_QUEUED = 10_000;

export function loggedHeaders(headers: Iterable<[string, string]>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [name, value] of headers) if (!REDACTED_HEADERS.has(name.toLowerCase())) out.push([name, value]);
  return out;
}

/** The body as text, cut at MAX_LOGGED_BODY_BYTES of UTF-8; null when empty. */
export function loggedBody(body: string | undefined): string | null {
  if (body === undefined || body === '') return null;
  if (body.length * 3 <= MAX_LOGGED_BODY_BYTES) return body;
  const bytes = Buffer.from(body, 'utf8');
  if (bytes.length <= MAX_LOGGED_BODY_BYTES) return body;
  // A character cut in half at the end becomes U+FFFD; the log shows it was cut.
  return bytes.subarray(0, MAX_LOGGED_BODY_BYTES).toString('utf8');
}

export interface CallLog {
  record(call: NewMockCall): void;
  /** Writes everything queued so far; resolves once it is stored. */
  flush(): Promise<void>;
  readonly dropped: number;
}

export function createCallLog(store: Pick<MockStore, 'insertCalls'>, reportError: (error: unknown) => void): CallLog {
  let queue: NewMockCall[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  let dropped = 0;

  const write = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = queue;
    queue = [];
    // One batch at a time, in order; a failed batch is reported and the log goes on.
    writing = writing.then(() => (batch.length === 0 ? undefined : store.insertCalls(batch).catch(reportError)));
    return writing;
  };

  return {
    record(call) {
      if (queue.length >= MAX_QUEUED) {
        dropped += 1;
        return;
      }
      queue.push(call);
      if (queue.length >= FLUSH_AT) void write();
      else if (!timer) {
        timer = setTimeout(() => void write(), FLUSH_DELAY_MS);
        timer.unref();
      }
    },
    flush: write,
    get dropped() {
      return dropped;
    },
  };
}

export type { MockCallRecord };
