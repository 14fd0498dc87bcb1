import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { dataExports } from './schema.ts';
import type { DataExportStatus } from './schema.ts';

/** An export without its ZIP bytes (lists and polling never load them). */
export interface DataExportRecord {
  id: string;
  userId: string;
  status: DataExportStatus;
  progress: number;
  step: string | null;
  size: number | null;
  sha256: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  expiresAt: Date | null;
  downloadCount: number;
  lastDownloadedAt: Date | null;
  errorCode: string | null;
}

export interface DataExportStore {
  /** A new queued export; undefined when the person already has one queued or building. */
  create(userId: string, now: Date): Promise<DataExportRecord | undefined>;
  /** Marks queued/building exports started before `before` failed (a build that died with its process). */
  failStale(userId: string, before: Date, now: Date): Promise<number>;
  list(userId: string, limit: number): Promise<DataExportRecord[]>;
  find(id: string): Promise<DataExportRecord | undefined>;
  progress(id: string, progress: number, step: string): Promise<void>;
  ready(id: string, file: { bytes: Buffer; sha256: string }, finishedAt: Date, expiresAt: Date): Promise<void>;
  failed(id: string, errorCode: string, finishedAt: Date): Promise<void>;
  /** The ZIP of a ready export, counting the download in the same statement. */
  takeForDownload(id: string, at: Date): Promise<Buffer | undefined>;
}

const summary = {
  id: dataExports.id,
  userId: dataExports.userId,
  status: dataExports.status,
  progress: dataExports.progress,
  step: dataExports.step,
  size: dataExports.size,
  sha256: dataExports.sha256,
  createdAt: dataExports.createdAt,
  finishedAt: dataExports.finishedAt,
  expiresAt: dataExports.expiresAt,
  downloadCount: dataExports.downloadCount,
  lastDownloadedAt: dataExports.lastDownloadedAt,
  errorCode: dataExports.errorCode,
};

const ACTIVE: DataExportStatus[] = ['queued', 'building'];

export function createDataExportStore(db: Database): DataExportStore {
  return {
    async create(userId, now) {
      try {
        const [row] = await db.insert(dataExports).values({ userId, createdAt: now, step: 'queued' }).returning(summary);
        return row;
      } catch (error) {
        if (isUniqueViolation(error)) return undefined;
        throw error;
      }
    },
    async failStale(userId, before, now) {
      const rows = await db
        .update(dataExports)
        .set({ status: 'failed', errorCode: 'EXPORT_INTERRUPTED', finishedAt: now })
        .where(and(eq(dataExports.userId, userId), inArray(dataExports.status, ACTIVE), lte(dataExports.createdAt, before)))
        .returning({ id: dataExports.id });
      return rows.length;
    },
    async list(userId, limit) {
      return db.select(summary).from(dataExports).where(eq(dataExports.userId, userId)).orderBy(desc(dataExports.createdAt), desc(dataExports.id)).limit(limit);
    },
    async find(id) {
      const [row] = await db.select(summary).from(dataExports).where(eq(dataExports.id, id)).limit(1);
      return row;
    },
    async progress(id, progress, step) {
      await db.update(dataExports).set({ status: 'building', progress, step }).where(and(eq(dataExports.id, id), inArray(dataExports.status, ACTIVE)));
    },
    async ready(id, file, finishedAt, expiresAt) {
      await db
        .update(dataExports)
        .set({ status: 'ready', progress: 100, step: 'ready', bytes: file.bytes, size: file.bytes.length, sha256: file.sha256, finishedAt, expiresAt })
        .where(eq(dataExports.id, id));
    },
    async failed(id, errorCode, finishedAt) {
      await db.update(dataExports).set({ status: 'failed', step: 'failed', errorCode, finishedAt }).where(eq(dataExports.id, id));
    },
    async takeForDownload(id, at) {
      const [row] = await db
        .update(dataExports)
        .set({ downloadCount: sql`${dataExports.downloadCount} + 1`, lastDownloadedAt: at })
        .where(and(eq(dataExports.id, id), eq(dataExports.status, 'ready'), sql`${dataExports.expiresAt} > ${at.toISOString()}::timestamptz`))
        .returning({ bytes: dataExports.bytes });
      return row?.bytes ?? undefined;
    },
  };
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ((e as { code?: string }).code === '23505') return true;
  }
  return false;
}
