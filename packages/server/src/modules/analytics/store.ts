import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { analyticsEvents, errorReports } from './schema.ts';
import type { AnalyticsEventType } from './schema.ts';

export interface NewAnalyticsEvent {
  type: AnalyticsEventType;
  name: string;
  occurredAt: Date;
  network: string | null;
}

export interface NewErrorReport {
  message: string;
  stack: string | null;
  path: string | null;
  createdAt: Date;
}

export interface DailyCount {
  day: string;
  type: AnalyticsEventType;
  name: string;
  count: number;
}

export interface StoredErrorReport extends NewErrorReport {
  id: string;
}

export interface AnalyticsStore {
  addEvents(events: NewAnalyticsEvent[]): Promise<void>;
  addErrorReport(report: NewErrorReport): Promise<void>;
  /** Deletes events of `type` that happened before `before`. */
  deleteEventsBefore(type: AnalyticsEventType, before: Date): Promise<void>;
  deleteErrorReportsBefore(before: Date): Promise<void>;
  dailyCounts(since: Date): Promise<DailyCount[]>;
  recentErrorReports(since: Date, limit: number): Promise<StoredErrorReport[]>;
}

export function createAnalyticsStore(db: Database): AnalyticsStore {
  return {
    async addEvents(events) {
      if (events.length > 0) await db.insert(analyticsEvents).values(events);
    },
    async addErrorReport(report) {
      await db.insert(errorReports).values(report);
    },
    async deleteEventsBefore(type, before) {
      await db.delete(analyticsEvents).where(and(eq(analyticsEvents.type, type), lt(analyticsEvents.occurredAt, before)));
    },
    async deleteErrorReportsBefore(before) {
      await db.delete(errorReports).where(lt(errorReports.createdAt, before));
    },
    async dailyCounts(since) {
      const day = sql<string>`to_char(${analyticsEvents.occurredAt} at time zone 'UTC', 'YYYY-MM-DD')`;
      const rows = await db
        .select({ day, type: analyticsEvents.type, name: analyticsEvents.name, count: sql<number>`count(*)::int` })
        .from(analyticsEvents)
        .where(gte(analyticsEvents.occurredAt, since))
        .groupBy(day, analyticsEvents.type, analyticsEvents.name)
        .orderBy(desc(day), analyticsEvents.type, analyticsEvents.name);
      return rows.map((r) => ({ ...r, count: Number(r.count) }));
    },
    recentErrorReports(since, limit) {
      return db
        .select({ id: errorReports.id, message: errorReports.message, stack: errorReports.stack, path: errorReports.path, createdAt: errorReports.createdAt })
        .from(errorReports)
        .where(gte(errorReports.createdAt, since))
        .orderBy(desc(errorReports.createdAt))
        .limit(limit);
    },
  };
}
