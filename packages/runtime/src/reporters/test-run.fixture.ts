/**
 * A realistic synthetic run for reporter tests: 2 iterations, folders,
 * passing/failing/skipped assertions, a script exception, a request error and
 * console output — emitted in the runner's order, `done` built by the collector.
 */
import { Writable } from 'node:stream';
import type { Cursor, ItemRef, ReceivedResponse, Reporter, RunEventName, RunEvents, SentRequest } from '../events.ts';
import { RunSummaryCollector } from './summary.ts';

export type RecordedEvent = { [K in RunEventName]: [K, RunEvents[K]] }[RunEventName];

export const START_TIME = 1_700_000_000_000;

/** A clock that moves 5 ms each time it is read. */
export function fakeClock(start = START_TIME, step = 5): () => number {
  let t = start - step;
  return () => (t += step);
}

export interface SyntheticRunOptions {
  collectionName?: string;
  /** Replaces the name of the folder "Users" (to inject markup). */
  folderName?: string;
  /** Replaces the name of the failing assertion. */
  failingAssertion?: string;
}

const ITEMS = (folder: string): ItemRef[] => [
  { id: 'health', name: 'Health', path: [] },
  { id: 'users', name: 'List users', path: [folder] },
  { id: 'broken', name: 'Broken script', path: [folder] },
  { id: 'down', name: 'Unreachable', path: [folder, 'Admin'] },
];

function sent(method: string, url: string): SentRequest {
  return { method, url, headers: [{ key: 'Accept', value: '*/*' }], bodySize: 0 };
}

function ok(responseTime: number): ReceivedResponse {
  return {
    code: 200,
    status: 'OK',
    headers: [{ key: 'Content-Type', value: 'application/json' }],
    body: Buffer.from('{"secret":"body-must-not-leak"}'),
    size: { body: 100, header: 50, total: 150 },
    responseTime,
    timings: { dns: 1, tcp: 3, firstByte: responseTime - 2, download: 2, total: responseTime },
  };
}

export function syntheticRun(options: SyntheticRunOptions = {}): RecordedEvent[] {
  const collectionName = options.collectionName ?? 'Demo API';
  const items = ITEMS(options.folderName ?? 'Users');
  const failing = options.failingAssertion ?? 'has users';
  const iterationCount = 2;
  const now = fakeClock();
  const events: RecordedEvent[] = [];
  const collector = new RunSummaryCollector({ now });
  const emit = <K extends RunEventName>(name: K, payload: RunEvents[K]) => {
    collector.on(name, payload);
    events.push([name, payload] as RecordedEvent);
  };

  emit('start', { collectionName, iterationCount, itemCount: items.length, startedAt: now() });
  for (let iteration = 0; iteration < iterationCount; iteration++) {
    emit('beforeIteration', { iteration, iterationCount });
    items.forEach((item, position) => {
      const cursor: Cursor = { iteration, iterationCount, position, length: items.length, ref: `${iteration}:${position}` };
      const base = { cursor, item };
      const time = (iteration * 3 + position + 1) * 10;
      emit('beforeItem', base);
      switch (item.id) {
        case 'health': {
          const request = sent('GET', 'http://127.0.0.1:8080/health');
          emit('beforeRequest', { ...base, request });
          emit('request', { ...base, request, response: ok(time) });
          emit('assertion', { ...base, event: 'test', assertion: 'status is 200', skipped: false });
          emit('console', { ...base, level: 'log', messages: ['checked health', { ok: true }] });
          emit('test', { ...base, event: 'test' });
          break;
        }
        case 'users': {
          emit('console', { ...base, level: 'info', messages: ['token ready'] });
          emit('prerequest', { ...base, event: 'prerequest' });
          const request = sent('GET', 'http://127.0.0.1:8080/users?page=1&size=2');
          emit('beforeRequest', { ...base, request });
          emit('request', { ...base, request, response: ok(time) });
          emit('assertion', { ...base, event: 'test', assertion: 'status is 200', skipped: false });
          emit('assertion', {
            ...base,
            event: 'test',
            assertion: failing,
            skipped: false,
            error: { name: 'AssertionError', message: 'expected 0 to be above 0' },
          });
          emit('assertion', { ...base, event: 'test', assertion: 'pagination', skipped: true });
          emit('test', { ...base, event: 'test' });
          break;
        }
        case 'broken': {
          const request = sent('POST', 'http://127.0.0.1:8080/broken');
          emit('beforeRequest', { ...base, request });
          emit('request', { ...base, request, response: ok(time) });
          const error = { name: 'TypeError', message: 'pm.foo is not a function' };
          emit('test', { ...base, event: 'test', error });
          emit('exception', { ...base, error, source: 'test' });
          break;
        }
        default: {
          const request = sent('DELETE', 'http://127.0.0.1:1/admin');
          const error = { name: 'RequestError', message: 'connect ECONNREFUSED 127.0.0.1:1', code: 'ECONNREFUSED' };
          emit('beforeRequest', { ...base, request });
          emit('request', { ...base, request, error });
          emit('exception', { ...base, error, source: 'request' });
        }
      }
      emit('item', base);
    });
    emit('iteration', { iteration, iterationCount });
  }
  emit('done', { summary: collector.summary() });
  return events;
}

export async function replay(reporter: Reporter, events: RecordedEvent[]): Promise<void> {
  for (const [name, payload] of events) reporter.on(name, payload);
  await reporter.finish?.();
}

/** A writable that keeps what was written; `isTTY` makes it look like a terminal. */
export class CaptureStream extends Writable {
  chunks: string[] = [];
  isTTY: boolean;
  columns = 100;

  constructor(tty = false) {
    super();
    this.isTTY = tty;
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.chunks.push(chunk.toString());
    callback();
  }

  get text(): string {
    return this.chunks.join('');
  }
}
