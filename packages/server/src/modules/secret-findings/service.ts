import type { Clock } from '../../clock.ts';
import { AppError, badRequest, conflict, notFound } from '../../errors.ts';
import type { CurrentUser } from '../../http/env.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { WorkspaceAccess } from '../../policies/workspaces.ts';
import { scanPostmanDocument } from '../../secrets/index.ts';
import type { AuditService } from '../audit/service.ts';
import type { ItemIdNode } from '../collections/item-ids.ts';
import { SEALED_PREFIX } from '../collections/secret-variables.ts';
import type { FindingState, ScannedItemKind } from './schema.ts';
import type { FindingFilter, FindingRecord, ScanRecord, ScannableItem, ScannedValue, SecretFindingStore } from './store.ts';

/** Findings whose value left the content are kept this long (so a returning value keeps its state). */
export const REMOVED_FINDING_RETENTION_DAYS = 90;
export const SCAN_ITEM_JOB = 'secrets.scan_item';
export const RESCAN_WORKSPACE_JOB = 'secrets.rescan_workspace';
export const RESCAN_ALL_JOB = 'secrets.rescan_all';
/** Daily at 04:41 UTC, after retention (03:17). */
export const RESCAN_CRON = '41 4 * * *';

export interface SecretFindingsDeps {
  store: SecretFindingStore;
  access: WorkspaceAccess;
  audit: Pick<AuditService, 'record'>;
  jobs: JobQueue;
  clock: Clock;
  /** Tells the workspace's admins about new active findings (in-app and email per their switches). */
  notify?: (event: { workspace: { id: string; name: string }; adminIds: string[]; count: number }) => Promise<void>;
  reportError: (error: unknown) => void;
}

export type SecretFindingsService = ReturnType<typeof createSecretFindingsService>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const findingNotFound = () => notFound('No such secret finding among those you may see.', { code: 'SECRET_FINDING_NOT_FOUND' });

/** Sealed secret variables are encrypted and hidden from readers: not a leak, so not scanned. */
function withoutSealed(value: unknown): unknown {
  if (typeof value === 'string') return value.startsWith(SEALED_PREFIX) ? '' : value;
  if (Array.isArray(value)) return value.map(withoutSealed);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutSealed(v)]));
  return value;
}

/** The request or folder a collection path is inside (deepest `.item[i]` chain), by its stable id. */
export function collectionTarget(jsonPath: string, ids: readonly ItemIdNode[] | undefined): string | null {
  let list = ids ?? [];
  let found: string | null = null;
  const re = /^\.item\[(\d+)\]/;
  let rest = jsonPath.startsWith('$') ? jsonPath.slice(1) : jsonPath;
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    const node = list[Number(m[1])];
    if (!node) break;
    found = node.id;
    list = node.children ?? [];
    rest = rest.slice(m[0].length);
  }
  return found;
}

/** The variable key a `$.values[i]…` path is in. */
function variableTarget(jsonPath: string, doc: Record<string, unknown>): string | null {
  const m = /^\$\.values\[(\d+)\]/.exec(jsonPath);
  const values = Array.isArray(doc.values) ? doc.values : [];
  const entry = m ? (values[Number(m[1])] as { key?: unknown } | undefined) : undefined;
  return typeof entry?.key === 'string' ? entry.key : null;
}

export async function scanItem(item: ScannableItem): Promise<ScannedValue[]> {
  const doc = withoutSealed(JSON.parse(item.document)) as Record<string, unknown>;
  const { findings } = await scanPostmanDocument(doc, { kind: item.kind });
  return findings.map((f) => {
    const jsonPath = f.location.jsonPath ?? '$';
    return {
      jsonPath,
      target: item.kind === 'collection' ? collectionTarget(jsonPath, item.itemIds) : variableTarget(jsonPath, doc),
      line: f.location.line ?? null,
      ruleId: f.ruleId,
      masked: f.masked,
      valueSha256: f.sha256,
    };
  });
}

export function createSecretFindingsService(deps: SecretFindingsDeps) {
  const { store, access, audit, jobs, clock } = deps;

  async function teamIdOf(workspaceId: string) {
    return (await store.workspace(workspaceId))?.teamId ?? null;
  }

  /** Admins (confirmed through the one access rule) who hear about new findings. */
  async function adminsOf(workspaceId: string): Promise<string[]> {
    const admins: string[] = [];
    for (const id of await store.adminCandidates(workspaceId)) {
      if ((await access.roleOf({ id, username: '', operator: false }, workspaceId)) === 'admin') admins.push(id);
    }
    return admins;
  }

  /** Scans one item as stored now and records the result; answers the new findings. */
  async function scanStored(kind: ScannedItemKind, id: string, actorId: string | null): Promise<FindingRecord[]> {
    // A newer save may overtake this scan; its own job records the newer state, so retry a few times then leave it.
    for (let attempt = 0; attempt < 3; attempt++) {
      const item = await store.loadItem(kind, id);
      if (!item) return [];
      const found = await scanItem(item);
      const inserted = await store.applyScan(item, found, clock());
      if (inserted === undefined) continue;
      const fresh = inserted.filter((f) => f.state === 'active');
      if (fresh.length > 0) {
        const ws = await store.workspace(item.workspaceId);
        await audit.record({
          actorId,
          action: 'secrets.findings_detected',
          targetType: kind,
          targetId: id,
          details: { workspaceId: item.workspaceId, count: fresh.length, rules: [...new Set(fresh.map((f) => f.ruleId))] },
          teamId: ws?.teamId ?? null,
        });
        if (ws && deps.notify) await deps.notify({ workspace: { id: ws.id, name: ws.name }, adminIds: await adminsOf(ws.id), count: fresh.length });
      }
      return inserted;
    }
    return [];
  }

  async function rescanWorkspace(workspaceId: string, trigger: 'schedule' | 'request'): Promise<void> {
    const items = await store.itemsOf(workspaceId);
    const now = clock();
    await store.putScan(workspaceId, { status: 'running', trigger, itemsTotal: items.length, itemsDone: 0, newFindings: 0, startedAt: now, finishedAt: null, error: null, queuedAt: now });
    try {
      for (const item of items) {
        const inserted = await scanStored(item.kind, item.id, null);
        await store.bumpScan(workspaceId, inserted.filter((f) => f.state === 'active').length);
      }
      await store.putScan(workspaceId, { status: 'done', finishedAt: clock() });
    } catch (error) {
      await store.putScan(workspaceId, { status: 'failed', finishedAt: clock(), error: 'The scan stopped on an unexpected error; it runs again tomorrow, or start it again.' });
      throw error;
    }
  }

  async function requireMember(actor: CurrentUser | undefined, workspaceId: string, need: 'viewer' | 'editor' | 'admin') {
    const { role } = await access.require(actor, workspaceId, need);
    // Readers of a public workspace are not members: where its secrets sit is not for them.
    if (role === 'public') throw notFound('No such workspace.', { code: 'WORKSPACE_NOT_FOUND' });
    return role;
  }

  return {
    scanStored,
    rescanWorkspace,

    /** Called after every save: the scan runs as a job, so the save never waits for it. */
    async queueScan(kind: ScannedItemKind, id: string, actorId: string | null): Promise<void> {
      try {
        await jobs.send(SCAN_ITEM_JOB, { kind, id, actorId });
      } catch (error) {
        deps.reportError(error);
      }
    },

    /** The item is gone: so are its findings. */
    async forgetItem(kind: ScannedItemKind, id: string): Promise<void> {
      try {
        await store.deleteForItem(kind, id);
      } catch (error) {
        deps.reportError(error);
      }
    },

    /** Every workspace, one after the other (the daily job). */
    async rescanAll(): Promise<{ workspaces: number; failed: number }> {
      let failed = 0;
      const ids = await store.workspaceIds();
      for (const id of ids) {
        try {
          await rescanWorkspace(id, 'schedule');
        } catch (error) {
          failed++;
          deps.reportError(error);
        }
      }
      return { workspaces: ids.length, failed };
    },

    /**
     * A workspace admin asks for a full re-scan now. The operator has no shortcut here (P16): the
     * daily re-scan covers every workspace, and even a scan's status would reveal a private one.
     */
    async requestRescan(actor: CurrentUser, workspaceId: string): Promise<ScanRecord> {
      await requireMember(actor, workspaceId, 'admin');
      const current = await store.scan(workspaceId);
      if (current && (current.status === 'queued' || current.status === 'running')) return current;
      await store.putScan(workspaceId, { status: 'queued', trigger: 'request', queuedAt: clock(), itemsTotal: 0, itemsDone: 0, newFindings: 0, startedAt: null, finishedAt: null, error: null });
      // Read before queueing: an inline queue may already be running the job when send returns.
      const queued = (await store.scan(workspaceId))!;
      await jobs.send(RESCAN_WORKSPACE_JOB, { workspaceId }, { singletonKey: workspaceId });
      await audit.record({ actorId: actor.id, action: 'secrets.rescan_requested', targetType: 'workspace', targetId: workspaceId, teamId: await teamIdOf(workspaceId) });
      return queued;
    },

    async scanStatus(actor: CurrentUser | undefined, workspaceId: string): Promise<ScanRecord | null> {
      await requireMember(actor, workspaceId, 'viewer');
      return (await store.scan(workspaceId)) ?? null;
    },

    async list(actor: CurrentUser | undefined, workspaceId: string, filter: FindingFilter) {
      await requireMember(actor, workspaceId, 'viewer');
      return store.list(workspaceId, filter);
    },

    /** Active findings per item and per request/variable, for warnings next to them. */
    async counts(actor: CurrentUser | undefined, workspaceId: string) {
      await requireMember(actor, workspaceId, 'viewer');
      return store.activeCounts(workspaceId);
    },

    async changeState(actor: CurrentUser, id: string, state: FindingState, note: string | null): Promise<FindingRecord> {
      const finding = UUID.test(id) ? await store.find(id) : undefined;
      if (!finding) throw findingNotFound();
      try {
        await requireMember(actor, finding.workspaceId, 'editor');
      } catch (error) {
        if (error instanceof AppError && error.code === 'WORKSPACE_NOT_FOUND') throw findingNotFound();
        throw error;
      }
      if (note !== null && note.length > 500) throw badRequest('The note is too long; keep it under 500 characters.', { errors: [{ path: 'body.note', message: 'at most 500 characters' }] });
      const updated = await store.setState(id, state, note, actor.id, clock());
      if (!updated) throw findingNotFound();
      await audit.record({
        actorId: actor.id,
        action: 'secrets.finding_state_changed',
        targetType: 'secret_finding',
        targetId: id,
        details: { workspaceId: finding.workspaceId, itemKind: finding.itemKind, itemId: finding.itemId, ruleId: finding.ruleId, from: finding.state, to: state },
        teamId: await teamIdOf(finding.workspaceId),
      });
      return updated;
    },

    /**
     * Refuses to make a workspace public while it holds active findings (P17). Scans everything
     * first, so a save whose background scan has not run yet cannot slip through.
     */
    async assertPublishable(actor: CurrentUser, workspaceId: string): Promise<void> {
      for (const item of await store.itemsOf(workspaceId)) await scanStored(item.kind, item.id, null);
      const counts = await store.activeCounts(workspaceId);
      const total = counts.reduce((n, c) => n + c.count, 0);
      if (total === 0) return;
      const names = await store.itemNames(workspaceId);
      const perItem = new Map<string, number>();
      for (const c of counts) perItem.set(`${c.itemKind}:${c.itemId}`, (perItem.get(`${c.itemKind}:${c.itemId}`) ?? 0) + c.count);
      const where = [...perItem]
        .slice(0, 5)
        .map(([key, n]) => `${n} in ${key.startsWith('globals:') ? 'the globals' : `${key.split(':')[0]} "${names.get(key) ?? 'unknown'}"`}`)
        .join(', ');
      await audit.record({ actorId: actor.id, action: 'secrets.publish_refused', targetType: 'workspace', targetId: workspaceId, details: { activeFindings: total }, teamId: await teamIdOf(workspaceId) });
      throw conflict(
        `This workspace cannot be made public: it has ${total} active secret finding${total === 1 ? '' : 's'} (${where}${perItem.size > 5 ? ', …' : ''}). ` +
          `Open its Secrets page (/w/${workspaceId}/secrets), remove each value or mark it revoked, a false positive or an accepted risk, then try again.`,
        { code: 'WORKSPACE_HAS_ACTIVE_SECRETS' },
      );
    },
  };
}

/** Registers the jobs and the daily schedule. */
export function scheduleSecretScans(jobs: JobQueue, findings: SecretFindingsService, reportError: (error: unknown) => void): void {
  jobs.work<{ kind: ScannedItemKind; id: string; actorId: string | null }>(SCAN_ITEM_JOB, async (data) => {
    await findings.scanStored(data.kind, data.id, data.actorId);
  });
  jobs.work<{ workspaceId: string }>(RESCAN_WORKSPACE_JOB, async (data) => {
    await findings.rescanWorkspace(data.workspaceId, 'request');
  });
  jobs.work(RESCAN_ALL_JOB, async () => {
    const result = await findings.rescanAll();
    if (result.failed > 0) throw new Error(`${result.failed} of ${result.workspaces} workspaces failed their secret re-scan`);
  });
  jobs.schedule(RESCAN_ALL_JOB, RESCAN_CRON, {}, { tz: 'UTC' }).catch(reportError);
}
