/**
 * Sends one request for a signed-in person the way Postman's Send does: inside its collection
 * (collection variables, inherited auth, the collection's and folders' scripts), with its own
 * pre-request and test scripts, through the same runner as `postern run` and the same egress guard
 * (P18: the instance is not an open proxy into its own network). What is sent and received is
 * content of the sender (P2); nothing here is stored.
 */
import { parseCollection, VariableScope, type Collection, type RequestObject } from '@postern/collection';
import { RunConfigError, RunCookieJar, runCollection, type RunError, type RunEventName, type RunEvents, type Reporter, type ScriptHost } from '@postern/runtime';
import type { Clock } from '../../clock.ts';
import { createGuardedDispatcher } from '../../egress/dispatcher.ts';
import type { EgressGuard } from '../../egress/policy.ts';
import { AppError, badRequest } from '../../errors.ts';
import { lazyIsolatedScriptHost } from '../../scripts/lazy-script-host.ts';
import type { CurrentUser } from '../../http/env.ts';
import { findItem, isolateItem } from '../collections/item-ids.ts';
import type { CollectionService } from '../collections/service.ts';
import { renderVisualizer } from './visualizer.ts';

type JsonObject = Record<string, unknown>;

/** Response bodies beyond this are cut (and marked truncated) so one send cannot fill the server's memory. */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
export const MAX_TIMEOUT_MS = 60_000;
/** A script running longer than this is stopped (the request still answers). */
const SCRIPT_TIMEOUT_MS = 10_000;
const MAX_CONSOLE_LINES = 200;
const MAX_CONSOLE_CHARS = 4000;

export interface SendInput {
  request: RequestObject;
  /** The request's own name and scripts (a Postman item's `name` and `event`). */
  name?: string;
  events?: unknown[];
  /**
   * The collection the request belongs to, as the sender may read it, narrowed to the request's
   * place (see isolateItem): its variables, auth and scripts apply. Without it the request is sent
   * on its own.
   */
  collection?: JsonObject;
  /** Resolved like an environment: `{{key}}` in the request becomes the value. */
  variables?: Array<{ key: string; value: string }>;
  settings?: { followRedirects?: boolean; timeoutMs?: number; insecure?: boolean };
  /** Contents for the request's file bodies and form-data files, by `src` (sent from the browser). */
  files?: ReadonlyMap<string, Buffer>;
  /** Aborts the outgoing request, e.g. when the browser that asked for it goes away. */
  signal?: AbortSignal;
}

export interface SentCookie {
  key: string;
  value: string;
  domain: string | null;
  path: string | null;
  expires: string | null;
  httpOnly: boolean;
  secure: boolean;
}

export interface TestResult {
  name: string;
  passed: boolean;
  skipped: boolean;
  error?: string;
  event: 'prerequest' | 'test';
}

export interface SendOutcome {
  /** The URL of the last hop, after redirects. */
  url: string;
  status: number;
  statusText: string;
  headers: Array<{ key: string; value: string }>;
  /** The decoded body: UTF-8 text when it is valid UTF-8, otherwise base64. */
  body: string;
  bodyEncoding: 'utf8' | 'base64';
  truncated: boolean;
  size: { body: number; header: number; total: number };
  timings: { firstByte: number; download: number; total: number; tcp?: number; tls?: number };
  cookies: SentCookie[];
  /** Set when the request's auth type could not be applied and it went out unsigned. */
  warning?: string;
  /** pm.test results, in order. */
  tests: TestResult[];
  /** What the scripts wrote with console.*, cut at 200 lines. */
  console: Array<{ level: string; message: string }>;
  /** Scripts that threw or timed out (the request was still sent, as Newman does). */
  scriptErrors: Array<{ event: 'prerequest' | 'test'; message: string }>;
  /** The page pm.visualizer.set asked for, to show in a sandboxed frame. */
  visualizerHtml?: string;
}

export interface SendServiceDeps {
  guard: EgressGuard;
  clock: Clock;
  maxResponseBytes?: number;
  /** Scripts run here; the isolated-vm sandbox by default. */
  createScriptHost?: () => ScriptHost;
  /** Where a request's collection is read from, as its sender may see it (secrets redacted for viewers). */
  collections?: Pick<CollectionService, 'get'>;
}

/** Uploaded files beyond this, together, are refused before anything is sent. */
export const MAX_FILES_BYTES = 10 * 1024 * 1024;

export interface SendAsInput extends Omit<SendInput, 'collection'> {
  /** The collection and item the request comes from: its context applies. */
  collectionId?: string | undefined;
  itemId?: string | undefined;
}

export type SendService = ReturnType<typeof createSendService>;

export function createSendService(deps: SendServiceDeps) {
  const maxBodyBytes = deps.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const createScriptHost = deps.createScriptHost ?? lazyIsolatedScriptHost;

  async function send(input: SendInput): Promise<SendOutcome> {
    const collection = collectionFor(input);
    const capture = new SendCapture();
    const jar = new RunCookieJar();
    const http = createGuardedDispatcher(deps.guard, { insecure: input.settings?.insecure ?? false });
    const scriptHost = createScriptHost();
    const now = () => deps.clock().getTime();
    try {
      await runCollection({
        collection,
        environment: new VariableScope(input.variables ?? [], 'environment'),
        timeoutRequest: Math.min(input.settings?.timeoutMs ?? MAX_TIMEOUT_MS, MAX_TIMEOUT_MS),
        timeoutScript: SCRIPT_TIMEOUT_MS,
        ...(input.settings?.followRedirects === false && { ignoreRedirects: true }),
        maxBodyBytes,
        // No working dir: file bodies would read the server's own disk. Only what the sender uploaded.
        workingDir: null,
        ...(input.files && { files: (src: string) => input.files?.get(src) }),
        // One dispatcher per send: its connections close with it, so a cancelled send leaves nothing open.
        dispatcher: http,
        cookieJar: jar,
        scriptHost,
        reporters: [capture],
        ...(input.signal && { signal: input.signal }),
        env: {},
        now,
      });
    } catch (error) {
      if (error instanceof RunConfigError) throw badRequest(`The request cannot be sent: ${error.message}.`, { code: 'INVALID_REQUEST' });
      throw error;
    } finally {
      scriptHost.dispose();
      await http.close().catch(() => undefined);
    }
    if (input.signal?.aborted) throw new AppError(400, 'SEND_CANCELLED', 'The request was cancelled before it finished.');
    return capture.outcome(jar);
  }

  /**
   * A send from the request editor: inside its collection when it names one, read with the
   * sender's own rights (COLLECTION_NOT_FOUND when they may not read it).
   */
  async function sendAs(actor: CurrentUser, input: SendAsInput): Promise<SendOutcome> {
    const { collectionId, itemId, ...rest } = input;
    let bytes = 0;
    for (const content of input.files?.values() ?? []) bytes += content.length;
    if (bytes > MAX_FILES_BYTES) {
      throw new AppError(413, 'FILES_TOO_LARGE', `The files sent with a request may add up to ${MAX_FILES_BYTES / 1024 / 1024} MiB; these come to ${(bytes / 1024 / 1024).toFixed(1)} MiB.`);
    }
    if (!collectionId || !deps.collections) return send(rest);
    const { record, document } = await deps.collections.get(actor, collectionId);
    // An item not (or no longer) in the collection is sent at its root: collection settings still apply.
    const path = (itemId && findItem(record.itemIds, itemId)) || [];
    return send({ ...rest, collection: isolateItem(document, path, {}) });
  }

  return { send, sendAs };
}

/** The collection the runner gets: the request (with its scripts) in its context, or alone. */
function collectionFor(input: SendInput): Collection {
  const item = { name: input.name ?? 'Request', request: input.request, ...(input.events?.length ? { event: input.events } : {}) };
  const context = input.collection ?? { info: { name: 'Send', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [] };
  const document = replaceOnlyRequest(context, item);
  try {
    return parseCollection(document);
  } catch (error) {
    throw badRequest(`The request cannot be built: ${(error as Error).message}.`, { code: 'INVALID_REQUEST' });
  }
}

/** Puts `item` where the narrowed document's single request is (or at its root when it has none). */
function replaceOnlyRequest(document: JsonObject, item: JsonObject): JsonObject {
  const list = Array.isArray(document.item) ? (document.item as unknown[]) : [];
  const first = list[0] as JsonObject | undefined;
  if (first && Array.isArray(first.item)) return { ...document, item: [replaceOnlyRequest(first, item)] };
  return { ...document, item: [item] };
}

/** Collects what one send produced: the last response, test results, console lines, the visualizer. */
class SendCapture implements Reporter {
  readonly name = 'send';
  private request: RunEvents['request'] | undefined;
  private readonly tests: TestResult[] = [];
  private readonly consoleLines: Array<{ level: string; message: string }> = [];
  private readonly scriptErrors: SendOutcome['scriptErrors'] = [];
  private visualizer: { template: string; data: unknown } | undefined;

  on<K extends RunEventName>(name: K, payload: RunEvents[K]): void {
    if (name === 'request') {
      this.request = payload as RunEvents['request'];
    } else if (name === 'assertion') {
      const a = payload as RunEvents['assertion'];
      this.tests.push({ name: a.assertion, passed: !a.error && !a.skipped, skipped: a.skipped, event: a.event, ...(a.error && { error: a.error.message }) });
    } else if (name === 'console') {
      const c = payload as RunEvents['console'];
      const message = c.messages.map(show).join(' ').slice(0, MAX_CONSOLE_CHARS);
      if (this.consoleLines.length < MAX_CONSOLE_LINES) this.consoleLines.push({ level: c.level, message });
    } else if (name === 'exception') {
      const e = payload as RunEvents['exception'];
      if (e.source === 'prerequest' || e.source === 'test') this.scriptErrors.push({ event: e.source, message: e.error.message });
    } else if (name === 'test') {
      const t = payload as RunEvents['test'];
      if (t.visualizer) this.visualizer = t.visualizer;
    }
  }

  outcome(jar: RunCookieJar): SendOutcome {
    const event = this.request;
    // The runner sends even after a pre-request script threw (as Newman does): only a skip stops it.
    if (!event) throw new AppError(422, 'REQUEST_SKIPPED', 'The pre-request script skipped the request (pm.execution.skipRequest), so nothing was sent.');
    if (event.error || !event.response) throw toSendError(event.error, event.request.url);
    const { response } = event;
    const text = utf8(response.body, Boolean(response.truncated));
    const visual = this.visualizer && renderVisualizer(this.visualizer.template, this.visualizer.data);
    if (visual && 'error' in visual) this.scriptErrors.push({ event: 'test', message: visual.error });
    const { firstByte, download, total, tcp, tls } = response.timings;
    return {
      url: event.request.url,
      status: response.code,
      statusText: response.status,
      headers: response.headers,
      body: text ?? response.body.toString('base64'),
      bodyEncoding: text === undefined ? 'base64' : 'utf8',
      truncated: Boolean(response.truncated),
      size: response.size,
      timings: { firstByte, download, total, ...(tcp !== undefined && { tcp }), ...(tls !== undefined && { tls }) },
      cookies: cookiesOf(jar),
      ...(event.authWarning && { warning: event.authWarning }),
      tests: this.tests,
      // The auth warning is shown once, not again as a console line.
      console: this.consoleLines.filter((l) => !(l.level === 'warn' && l.message === event.authWarning)),
      scriptErrors: this.scriptErrors,
      ...(visual && 'html' in visual && { visualizerHtml: visual.html }),
    };
  }
}

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function toSendError(error: RunError | undefined, url: string): AppError {
  const message = error?.message ?? 'no response';
  const protocol = url ? protocolOf(url) : undefined;
  if (protocol && protocol !== 'http:' && protocol !== 'https:') {
    return badRequest(`Only http:// and https:// URLs can be sent, not ${protocol}//.`, { code: 'INVALID_REQUEST' });
  }
  switch (error?.code) {
    case 'EGRESS_REFUSED':
      return new AppError(403, 'EGRESS_REFUSED', `Refused: ${message}`);
    case 'ETIMEDOUT':
      return new AppError(504, 'UPSTREAM_TIMEOUT', `No answer in time: the ${message}.`);
    case 'ABORTED':
      return new AppError(400, 'SEND_CANCELLED', 'The request was cancelled before it finished.');
    case 'BODY_FILE':
      return badRequest(`The request cannot be built: ${message}.`, { code: 'BODY_FILE' });
    case 'INVALID_REQUEST':
      return badRequest(`The request cannot be built: ${message}.`, { code: 'INVALID_REQUEST' });
    default:
      return new AppError(502, 'UPSTREAM_FAILED', `The request could not be completed: ${message}.`);
  }
}

function protocolOf(url: string): string | undefined {
  try {
    return new URL(url).protocol;
  } catch {
    return undefined;
  }
}

/** The body as text when it is UTF-8; a body cut mid-character still counts. */
function utf8(body: Buffer, truncated: boolean): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body, { stream: truncated });
  } catch {
    return undefined;
  }
}

function cookiesOf(jar: RunCookieJar): SentCookie[] {
  const serialized = jar.toJSON() as { cookies?: Array<Record<string, unknown>> };
  return (serialized.cookies ?? []).map((c) => ({
    key: String(c.key ?? ''),
    value: String(c.value ?? ''),
    domain: typeof c.domain === 'string' ? c.domain : null,
    path: typeof c.path === 'string' ? c.path : null,
    expires: typeof c.expires === 'string' && c.expires !== 'Infinity' ? c.expires : null,
    httpOnly: c.httpOnly === true,
    secure: c.secure === true,
  }));
}
