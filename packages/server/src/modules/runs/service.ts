/**
 * Collection runs on the server (issue #5): the runtime's runner, with the egress-guarded
 * dispatcher (P18) and the isolated-vm script sandbox, as a background task in this process.
 * There is no job queue: a run that a restart interrupts is marked failed when next read.
 *
 * Who: starting a run needs the editor role (the run sees secrets in clear, and a viewer could
 * otherwise send them anywhere from a script). Reading a run: the person who started it and the
 * workspace's editors; anyone else gets 404.
 */
import { parseCollection, parseVariableList, VariableScope, type Collection } from '@postern/collection';
import {
  DataFileError,
  HtmlReportBuilder,
  JsonReportBuilder,
  JunitReportBuilder,
  RunConfigError,
  parseDataFile,
  type DataRow,
  type Reporter,
  type RunEventName,
  type RunEvents,
  type ScriptHost,
} from '@postern/runtime';
import type { Clock } from '../../clock.ts';
import type { EgressGuard } from '../../egress/policy.ts';
import { AppError, badRequest, notFound, rateLimited } from '../../errors.ts';
import type { CurrentUser } from '../../http/env.ts';
import { decodeCursor, pageOf, type Page, type PageQuery } from '../../http/pagination.ts';
import { roleAtLeast } from '../../policies/workspaces.ts';
import type { CollectionService } from '../collections/service.ts';
import { childItems, findItem, isolateItem, parentListOf } from '../collections/item-ids.ts';
import type { EnvironmentService } from '../environments/service.ts';
import { lazyIsolatedScriptHost } from '../../scripts/lazy-script-host.ts';
import { MAX_STORED_RESULTS, ResultCollector, emptySummary, runCollectionOnServer, runFailureMessage } from './execute.ts';
import type { RunReports, RunStatus } from './schema.ts';
import type { RunListRecord, RunRecord, RunStore } from './store.ts';

export { MAX_STORED_RESULTS };
export const MAX_ITERATIONS = 1000;
export const MAX_DATA_BYTES = 1024 * 1024;
/** A report larger than this is not kept (the results still are). */
const MAX_REPORT_CHARS = 16 * 1024 * 1024;
const MAX_TIMEOUT_MS = 60_000;
/** How often progress is written while a run goes on. */
const SAVE_EVERY_MS = 400;

export interface RunLimits {
  perPerson: number;
  perInstance: number;
}
export const DEFAULT_RUN_LIMITS: RunLimits = { perPerson: 2, perInstance: 4 };

export interface StartRunInput {
  folderId?: string | undefined;
  environmentId?: string | undefined;
  iterations?: number | undefined;
  data?: string | undefined;
  delayMs?: number | undefined;
  timeoutRequestMs?: number | undefined;
  followRedirects?: boolean | undefined;
  insecure?: boolean | undefined;
}

export interface RunServiceDeps {
  store: RunStore;
  collections: CollectionService;
  environments: EnvironmentService;
  guard: EgressGuard;
  clock: Clock;
  limits?: RunLimits;
  /** Scripts run here; the isolated-vm sandbox by default. */
  createScriptHost?: () => ScriptHost;
  reportError?: (error: unknown) => void;
}

export const runNotFound = () => notFound('No such run.', { code: 'RUN_NOT_FOUND' });

/** Feeds events to the three report builders the CLI uses for `-r json,junit,html`. */
class ReportCollector implements Reporter {
  readonly name = 'reports';
  private readonly json = new JsonReportBuilder();
  private readonly junit: JunitReportBuilder;
  private readonly html = new HtmlReportBuilder();

  constructor(now: () => number) {
    this.junit = new JunitReportBuilder(now);
  }

  on<K extends RunEventName>(name: K, payload: RunEvents[K]): void {
    this.json.on(name, payload);
    this.junit.on(name, payload);
    this.html.on(name, payload);
  }

  reports(): RunReports {
    const keep = (text: string | undefined) => (text !== undefined && text.length <= MAX_REPORT_CHARS ? text : undefined);
    const json = this.json.result();
    return {
      ...(json && { json: keep(`${JSON.stringify(json, null, 2)}\n`) }),
      ...(this.junit.result() !== undefined && { junit: keep(this.junit.result()) }),
      ...(this.html.result() !== undefined && { html: keep(this.html.result()) }),
    };
  }
}

type JsonObject = Record<string, unknown>;

export function createRunService(deps: RunServiceDeps) {
  const { store, collections, environments, guard, clock } = deps;
  const limits = deps.limits ?? DEFAULT_RUN_LIMITS;
  const createScriptHost = deps.createScriptHost ?? lazyIsolatedScriptHost;
  /** Runs going on in this process: id → owner and its abort controller. */
  const active = new Map<string, { userId: string; abort: AbortController; done: Promise<void> }>();

  const activeOf = (userId: string) => [...active.values()].filter((r) => r.userId === userId).length;

  function parseData(text: string): DataRow[] {
    if (Buffer.byteLength(text) > MAX_DATA_BYTES) {
      throw badRequest(`The data file is larger than ${MAX_DATA_BYTES / 1024} KiB.`, { code: 'INVALID_DATA_FILE', errors: [{ path: 'body.data', message: 'too large' }] });
    }
    try {
      return parseDataFile(text, 'data');
    } catch (error) {
      if (error instanceof DataFileError) {
        throw badRequest(`The data file cannot be read: ${error.message}.`, { code: 'INVALID_DATA_FILE', errors: [{ path: 'body.data', message: error.message }] });
      }
      throw error;
    }
  }

  /** The document narrowed to one folder (kept inside its collection, so inherited auth and scripts apply). */
  function narrowToFolder(document: JsonObject, ids: Parameters<typeof findItem>[0], folderId: string): JsonObject {
    const path = findItem(ids, folderId);
    const folderError = () => badRequest('folderId must be the id of a folder of this collection.', { code: 'FOLDER_NOT_FOUND', errors: [{ path: 'body.folderId', message: 'no such folder' }] });
    if (!path) throw folderError();
    const { items, index } = parentListOf(document, ids as never, path);
    if (!childItems(items[index])) throw folderError();
    return isolateItem(document, path, items[index]);
  }

  async function prepare(actor: CurrentUser, collectionId: string, input: StartRunInput) {
    const { record, role } = await collections.authorize(actor, collectionId, 'editor');
    let document = collections.read(record, role).document;
    if (input.folderId) document = narrowToFolder(document, record.itemIds, input.folderId);
    let collection: Collection;
    try {
      collection = parseCollection(document);
    } catch (error) {
      throw badRequest(`The collection cannot be run: ${(error as Error).message}.`, { code: 'INVALID_COLLECTION' });
    }
    let environment: VariableScope | undefined;
    if (input.environmentId) {
      const env = await environments.get(actor, input.environmentId).catch((error: unknown) => {
        if (error instanceof AppError && error.status === 404) return undefined;
        throw error;
      });
      if (!env || env.record.workspaceId !== record.workspaceId) {
        throw badRequest('environmentId must be an environment of this workspace.', { code: 'ENVIRONMENT_NOT_FOUND', errors: [{ path: 'body.environmentId', message: 'no such environment' }] });
      }
      environment = new VariableScope(parseVariableList(env.document, { kind: 'environment' }).values, 'environment');
    }
    const globalsRead = await environments.getGlobals(actor, record.workspaceId);
    const globals = new VariableScope(parseVariableList(globalsRead.document, { kind: 'globals' }).values, 'globals');
    const data = input.data !== undefined && input.data.trim() !== '' ? parseData(input.data) : undefined;
    if (data && data.length > MAX_ITERATIONS) {
      throw badRequest(`The data file has ${data.length} rows; at most ${MAX_ITERATIONS} are run.`, { code: 'INVALID_DATA_FILE', errors: [{ path: 'body.data', message: 'too many rows' }] });
    }
    // With a data file, one iteration per row unless iterations says otherwise (then they must match).
    const iterations = input.iterations ?? data?.length ?? 1;
    if (data && iterations !== data.length) {
      throw badRequest(`The data file has ${data.length} rows but iterations is ${iterations}; leave iterations out or make them match.`, {
        code: 'ITERATION_DATA_MISMATCH',
        errors: [{ path: 'body.iterations', message: 'does not match the data rows' }],
      });
    }
    return { record, collection, environment, globals, data, iterations };
  }

  async function execute(runId: string, prepared: Awaited<ReturnType<typeof prepare>>, input: StartRunInput, abort: AbortController) {
    const collector = new ResultCollector();
    const reports = new ReportCollector(() => clock().getTime());
    let lastSave = 0;
    let saving: Promise<void> = Promise.resolve();
    const progress: Reporter = {
      name: 'progress',
      on: (name) => {
        if (name !== 'item') return;
        const now = Date.now();
        if (now - lastSave < SAVE_EVERY_MS) return;
        lastSave = now;
        // Progress only; results are written once at the end (they can be thousands of rows).
        saving = saving.then(() => store.update(runId, { summary: structuredClone(collector.summary) })).catch(() => undefined);
      },
    };
    let status: RunStatus = 'finished';
    try {
      await store.update(runId, { status: 'running', startedAt: clock() });
      await runCollectionOnServer({
        collection: prepared.collection,
        ...(prepared.environment && { environment: prepared.environment }),
        globals: prepared.globals,
        iterations: prepared.iterations,
        ...(prepared.data && { data: prepared.data }),
        delayMs: input.delayMs ?? 0,
        timeoutRequestMs: Math.min(input.timeoutRequestMs ?? MAX_TIMEOUT_MS, MAX_TIMEOUT_MS),
        followRedirects: input.followRedirects ?? true,
        insecure: input.insecure ?? false,
        guard,
        createScriptHost,
        reporters: [collector, reports, progress],
        signal: abort.signal,
      });
      if (abort.signal.aborted) status = 'cancelled';
    } catch (error) {
      status = abort.signal.aborted ? 'cancelled' : 'failed';
      if (status === 'failed') {
        collector.summary.error = runFailureMessage(error);
        if (!(error instanceof RunConfigError)) deps.reportError?.(error);
      }
    }
    await saving;
    await store.update(runId, {
      status,
      summary: collector.summary,
      results: collector.results,
      reports: reports.reports(),
      finishedAt: clock(),
    });
  }

  /** A run the actor may read: its owner, or an editor of the collection's workspace. */
  async function readable(actor: CurrentUser, id: string): Promise<RunRecord> {
    const record = /^[0-9a-f-]{36}$/i.test(id) ? await store.find(id) : undefined;
    if (!record) throw runNotFound();
    if (record.userId !== actor.id) {
      const collection = await collections.authorize(actor, record.collectionId, 'viewer').catch(() => undefined);
      if (!collection || !roleAtLeast(collection.role === 'public' ? null : collection.role, 'editor')) throw runNotFound();
    }
    // Queued or running in the database but not here: the process that ran it stopped.
    if ((record.status === 'queued' || record.status === 'running') && !active.has(record.id)) {
      const summary = { ...record.summary, error: 'The server restarted while this run was going on.' };
      await store.update(record.id, { status: 'failed', summary, finishedAt: record.finishedAt ?? clock() });
      return { ...record, status: 'failed', summary };
    }
    return record;
  }

  return {
    /**
     * What a run of the collection needs, as `actor` may see it (editor role): the parsed
     * collection, environment and globals. Monitors run what this answers for their owner.
     */
    prepare,

    async start(actor: CurrentUser, collectionId: string, input: StartRunInput): Promise<{ runId: string }> {
      const prepared = await prepare(actor, collectionId, input);
      if (activeOf(actor.id) >= limits.perPerson) {
        throw rateLimited(`You have ${limits.perPerson} runs going on; wait for one to finish or cancel it.`, { code: 'TOO_MANY_RUNS' });
      }
      if (active.size >= limits.perInstance) {
        throw rateLimited('This server is running as many collections as it may; try again in a moment.', { code: 'TOO_MANY_RUNS' });
      }
      const run = await store.insert({
        collectionId: prepared.record.id,
        userId: actor.id,
        status: 'queued',
        options: {
          ...(input.folderId && { folderId: input.folderId }),
          ...(input.environmentId && { environmentId: input.environmentId }),
          iterations: prepared.iterations,
          dataRows: prepared.data?.length ?? 0,
          delayMs: input.delayMs ?? 0,
          ...(input.timeoutRequestMs !== undefined && { timeoutRequestMs: input.timeoutRequestMs }),
          followRedirects: input.followRedirects ?? true,
          insecure: input.insecure ?? false,
        },
        summary: emptySummary(),
        results: [],
        createdAt: clock(),
      });
      const abort = new AbortController();
      const entry = { userId: actor.id, abort, done: Promise.resolve() };
      active.set(run.id, entry);
      entry.done = execute(run.id, prepared, input, abort)
        .catch((error: unknown) => deps.reportError?.(error))
        .finally(() => active.delete(run.id));
      return { runId: run.id };
    },

    get: readable,

    async cancel(actor: CurrentUser, id: string): Promise<RunRecord> {
      const record = await readable(actor, id);
      active.get(record.id)?.abort.abort();
      return record;
    },

    async list(actor: CurrentUser, collectionId: string, page: PageQuery): Promise<Page<RunListRecord>> {
      const { role } = await collections.authorize(actor, collectionId, 'viewer');
      const before = page.cursor ? (decodeCursor(page.cursor, 2) as [string, string]) : undefined;
      let rows = await store.listByCollection(collectionId, page.limit + 1, before && [new Date(before[0]), before[1]]);
      // Viewers see only their own runs (they cannot start any, so usually none).
      if (!roleAtLeast(role === 'public' ? null : role, 'editor')) rows = rows.filter((r) => r.userId === actor.id);
      const result = pageOf(rows, page.limit, (r) => [r.createdAt.toISOString(), r.id]);
      return {
        ...result,
        items: result.items.map((r) =>
          (r.status === 'queued' || r.status === 'running') && !active.has(r.id) ? { ...r, status: 'failed' as const } : r,
        ),
      };
    },

    /** Waits for the runs going on here (tests, shutdown). */
    async settle(): Promise<void> {
      await Promise.all([...active.values()].map((r) => r.done));
    },
  };
}

export type RunService = ReturnType<typeof createRunService>;
