/**
 * Run events: the only way results leave the runner. Reporters subscribe;
 * the runner keeps nothing per request once an event is emitted.
 * Names and order follow Newman's so its reporters' logic maps one to one.
 */
import type { VariableList } from '@postern/collection';

export interface ItemRef {
  id: string;
  name: string;
  /** Names of the folders containing the item, outermost first. */
  path: string[];
}

export interface Cursor {
  /** 0-based iteration index. */
  iteration: number;
  iterationCount: number;
  /** 0-based position of the item within the iteration. */
  position: number;
  length: number;
  /** Unique id of this execution (iteration + position). */
  ref: string;
}

export interface SentRequest {
  method: string;
  url: string;
  headers: Array<{ key: string; value: string }>;
  /** Size in bytes of the body sent. */
  bodySize: number;
  /** Text of the body sent when it is text and small; reporters must not keep it unbounded. */
  bodyText?: string;
}

export interface Timings {
  /** Milliseconds per phase; connection phases are undefined when a kept-alive connection was reused. */
  wait?: number;
  dns?: number;
  /** Opening a new http connection. */
  tcp?: number;
  /** Opening a new https connection (TCP and the TLS handshake). */
  tls?: number;
  firstByte: number;
  download: number;
  total: number;
}

export interface ReceivedResponse {
  code: number;
  status: string;
  headers: Array<{ key: string; value: string }>;
  /** Decoded body. Reporters must not keep a reference. */
  body: Buffer;
  size: { body: number; header: number; total: number };
  /** Milliseconds, request start to last byte. */
  responseTime: number;
  timings: Timings;
  /** Set when the body was cut at SendOptions.maxBodyBytes. */
  truncated?: boolean;
}

export interface RunError {
  name: string;
  message: string;
  code?: string;
  stack?: string;
}

export interface ScriptExecutionResult {
  error?: RunError;
}

export interface ItemEventBase {
  cursor: Cursor;
  item: ItemRef;
}

export interface AssertionEvent extends ItemEventBase {
  assertion: string;
  skipped: boolean;
  error?: RunError;
  /** Which script produced it. */
  event: 'prerequest' | 'test';
}

export interface ConsoleEvent extends ItemEventBase {
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  messages: unknown[];
}

export interface ScriptEvent extends ItemEventBase {
  event: 'prerequest' | 'test';
  /** Set when a script threw or timed out. */
  error?: RunError;
  /** Present when the script called pm.visualizer.set. */
  visualizer?: { template: string; data: unknown; options?: unknown };
}

export interface RequestEvent extends ItemEventBase {
  request: SentRequest;
  response?: ReceivedResponse;
  error?: RunError;
  /** The request's auth could not be applied and it went out without it (also logged as a console warning). */
  authWarning?: string;
}

export interface RunStartEvent {
  collectionName: string;
  iterationCount: number;
  itemCount: number;
  startedAt: number;
}

export interface RunDoneEvent {
  summary: RunSummary;
  error?: RunError;
  /** Final state of the environment and globals, for reports that export them (Newman's JSON does). */
  environment?: VariableList;
  globals?: VariableList;
}

export interface RunEvents {
  start: RunStartEvent;
  beforeIteration: { iteration: number; iterationCount: number };
  beforeItem: ItemEventBase;
  prerequest: ScriptEvent;
  beforeRequest: ItemEventBase & { request: SentRequest };
  request: RequestEvent;
  test: ScriptEvent;
  assertion: AssertionEvent;
  console: ConsoleEvent;
  /** An error that is not a failed assertion: script error, request error, bad data. */
  exception: ItemEventBase & { error: RunError; source: 'prerequest' | 'test' | 'request' | 'runner' };
  item: ItemEventBase;
  iteration: { iteration: number; iterationCount: number };
  done: RunDoneEvent;
}

export type RunEventName = keyof RunEvents;

export interface StatCounter {
  total: number;
  pending: number;
  failed: number;
}

/** Newman's `run.stats`, `run.timings` and `run.failures`. */
export interface RunSummary {
  collectionName: string;
  stats: {
    iterations: StatCounter;
    items: StatCounter;
    scripts: StatCounter;
    prerequests: StatCounter;
    requests: StatCounter;
    tests: StatCounter;
    assertions: StatCounter;
    testScripts: StatCounter;
    prerequestScripts: StatCounter;
  };
  timings: {
    responseAverage: number;
    responseMin: number;
    responseMax: number;
    responseSd: number;
    started: number;
    completed: number;
  };
  transfers: { responseTotal: number };
  failures: RunFailure[];
  /** True when the run stopped early (bail, abort). */
  aborted: boolean;
}

export interface RunFailure {
  error: RunError & { test?: string };
  at: string;
  source: ItemRef | { name: string; id: string; path: string[] };
  cursor?: Cursor;
}

/** A reporter sees every event; it decides what to keep. */
export interface Reporter {
  readonly name: string;
  on<K extends RunEventName>(event: K, payload: RunEvents[K]): void;
  /** Called after `done`; write files here. */
  finish?(): Promise<void> | void;
}
