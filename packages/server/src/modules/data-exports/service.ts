import { createHash } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { Subject, SubjectRecords } from '../../db/datamap/index.ts';
import { AppError, conflict, notFound } from '../../errors.ts';
import type { CurrentUser } from '../../http/env.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { Mailer } from '../../mail/mailer.ts';
import type { AuditService } from '../audit/service.ts';
import { personContent } from './content.ts';
import type { ContentReaders } from './content.ts';
import { EXPORT_LIFETIME_DAYS, EXPORT_LIFETIME_MS } from './lifetime.ts';
import { personalData } from './personal-data.ts';
import type { DataExportRecord, DataExportStore } from './store.ts';
import { summaryHtml } from './summary-html.ts';
import { buildZip, uniqueNamer } from './zip.ts';

export const BUILD_JOB = 'data-export.build';
/** Where the person finds their exports; the email links here (sign-in needed, no token in the link). */
export const EXPORTS_PAGE = '/settings/privacy/exports';
/** A build still queued or running after this long died with its process; it no longer blocks a new one. */
const STALE_AFTER_MS = 60 * 60 * 1000;

export interface DataExportServiceDeps {
  store: DataExportStore;
  /** The data map's search for every row about a person (db/datamap subjectRows). */
  findSubjectRows: (subject: Subject) => Promise<SubjectRecords>;
  findAccount: (id: string) => Promise<{ id: string; username: string; email: string; operator: boolean } | undefined>;
  content: ContentReaders;
  jobs: JobQueue;
  mailer: Mailer;
  audit: Pick<AuditService, 'record'>;
  clock: Clock;
  publicUrl: string;
  /** Whether mail goes out through SMTP (a recipient the summary names). */
  smtp: boolean;
  reportError: (error: unknown) => void;
}

export type DataExportService = ReturnType<typeof createDataExportService>;

const exportNotFound = () => notFound('No such export.', { code: 'EXPORT_NOT_FOUND' });
const exportExpired = () =>
  new AppError(410, 'EXPORT_EXPIRED', `This export expired: exports can be downloaded for ${EXPORT_LIFETIME_DAYS} days. Start a new one in Settings → Privacy.`);

/** What the person sees of an export: a `ready` one past its expiry already counts as expired. */
function current(record: DataExportRecord, now: Date): DataExportRecord {
  if (record.status === 'ready' && record.expiresAt && record.expiresAt <= now) return { ...record, status: 'expired' };
  return record;
}

/**
 * "Download my data" (P21): a job builds a ZIP of everything the data map links to the person,
 * their collections and environments, and a readable summary (GDPR Art. 15); the person is told
 * by email, downloads it while signed in, and every download is counted and audited.
 */
export function createDataExportService(deps: DataExportServiceDeps) {
  const { store, clock } = deps;

  async function build(exportId: string): Promise<void> {
    const record = await store.find(exportId);
    if (!record || (record.status !== 'queued' && record.status !== 'building')) return;
    const account = await deps.findAccount(record.userId);
    if (!account) {
      await store.failed(exportId, 'ACCOUNT_NOT_FOUND', clock());
      return;
    }
    try {
      await store.progress(exportId, 5, 'collecting');
      const records = await deps.findSubjectRows({ accountId: account.id, email: account.email });
      const started = clock();
      const { data, files } = personalData(records, account.id, started);
      await store.progress(exportId, 40, 'collections');
      const ownRows = (table: string, column: string, also: (row: Record<string, unknown>) => boolean = () => true) =>
        (records.find((r) => r.table === table)?.rows ?? []).filter((row) => row[column] === account.id && also(row)).map((row) => String(row.id));
      const content = await personContent(
        deps.content,
        { id: account.id, username: account.username, operator: false },
        {
          // A team workspace's creator is its owner too, but its content is the team's: only their own created items come along.
          ownedWorkspaceIds: ownRows('workspaces', 'owner_id', (row) => row.kind !== 'team'),
          createdCollectionIds: ownRows('collections', 'created_by'),
          createdEnvironmentIds: ownRows('environments', 'created_by'),
        },
      );
      await store.progress(exportId, 75, 'writing');
      const expiresAt = new Date(started.getTime() + EXPORT_LIFETIME_MS);
      const collectionName = uniqueNamer();
      const environmentName = uniqueNamer();
      const collectionFiles = content.collections.map((c) => ({ path: collectionName(c.name, '.postman_collection.json'), document: c.document }));
      const environmentFiles = content.environments.map((e) => ({ path: environmentName(e.name, '.postman_environment.json'), document: e.document }));
      const html = summaryHtml(data, {
        username: account.username,
        generatedAt: started,
        publicUrl: deps.publicUrl,
        smtp: deps.smtp,
        expiresAt,
        collections: collectionFiles.map((f) => f.path),
        environments: environmentFiles.map((f) => f.path),
      });
      const zip = await buildZip(
        [
          { path: 'index.html', content: html },
          { path: 'personal-data.json', content: JSON.stringify(data, null, 2) },
          ...files.map((f) => ({ path: f.path, content: f.bytes })),
          ...collectionFiles.map((f) => ({ path: `collections/${f.path}`, content: JSON.stringify(f.document, null, 2) })),
          ...environmentFiles.map((f) => ({ path: `environments/${f.path}`, content: JSON.stringify(f.document, null, 2) })),
        ],
        started,
      );
      await store.ready(exportId, { bytes: zip, sha256: createHash('sha256').update(zip).digest('hex') }, clock(), expiresAt);
    } catch (error) {
      await store.failed(exportId, 'EXPORT_FAILED', clock());
      deps.reportError(error);
      return;
    }
    await deps.audit.record({ actorId: account.id, action: 'privacy.export.ready', targetType: 'data_export', targetId: exportId });
    try {
      // Transactional (P9): no data and no token in the mail; the page needs sign-in.
      await deps.mailer.send({
        to: account.email,
        subject: 'Your Postern data export is ready',
        text: `Hello ${account.username},\n\nThe copy of your data you asked for is ready. Sign in and download it here:\n\n${deps.publicUrl}${EXPORTS_PAGE}\n\nIt can be downloaded for ${EXPORT_LIFETIME_DAYS} days; after that it is deleted and you can ask for a new one at any time.\n\nIf you did not ask for this, change your password and check your sessions in Settings.\n`,
      });
    } catch (error) {
      deps.reportError(error);
    }
  }

  deps.jobs.work<{ exportId: string }>(BUILD_JOB, (data) => build(data.exportId));

  return {
    /** Queues a build; one at a time per person (EXPORT_IN_PROGRESS otherwise). */
    async start(user: CurrentUser): Promise<DataExportRecord> {
      const now = clock();
      await store.failStale(user.id, new Date(now.getTime() - STALE_AFTER_MS), now);
      const record = await store.create(user.id, now);
      const busy = () => conflict('An export of your data is already being built; wait for it to finish.', { code: 'EXPORT_IN_PROGRESS' });
      if (!record) throw busy();
      const jobId = await deps.jobs.send(BUILD_JOB, { exportId: record.id }, { singletonKey: user.id });
      if (jobId === null) {
        await store.failed(record.id, 'EXPORT_IN_PROGRESS', now);
        throw busy();
      }
      await deps.audit.record({ actorId: user.id, action: 'privacy.export.requested', targetType: 'data_export', targetId: record.id });
      return record;
    },

    /** The person's exports, newest first. */
    async list(user: CurrentUser): Promise<DataExportRecord[]> {
      const now = clock();
      return (await store.list(user.id, 20)).map((r) => current(r, now));
    },

    /** Only the owner, and only while it is ready and unexpired; counts and audits the download. */
    async download(user: CurrentUser, id: string): Promise<{ record: DataExportRecord; bytes: Buffer }> {
      const found = /^[0-9a-f-]{36}$/i.test(id) ? await store.find(id) : undefined;
      // Someone else's export answers exactly like a missing one.
      if (!found || found.userId !== user.id) throw exportNotFound();
      const now = clock();
      const record = current(found, now);
      if (record.status === 'expired') throw exportExpired();
      if (record.status !== 'ready') {
        throw conflict('This export is not ready yet (or failed); wait for it, or start a new one.', { code: 'EXPORT_NOT_READY' });
      }
      const bytes = await store.takeForDownload(id, now);
      if (!bytes) throw exportExpired();
      await deps.audit.record({ actorId: user.id, action: 'privacy.export.downloaded', targetType: 'data_export', targetId: id });
      return { record, bytes };
    },
  };
}
