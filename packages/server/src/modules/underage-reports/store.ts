import { aliasedTable, and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { users } from '../accounts/schema.ts';
import { sessions } from '../sessions/schema.ts';
import { underageReports } from './schema.ts';
import type { UnderageReportStatus } from './schema.ts';

export interface UnderageReportView {
  id: string;
  status: UnderageReportStatus;
  note: string | null;
  createdAt: Date;
  reviewedAt: Date | null;
  reporterUsername: string | null;
  account: {
    id: string;
    username: string;
    email: string;
    operator: boolean;
    createdAt: Date;
    suspendedAt: Date | null;
    deletionScheduledFor: Date | null;
  };
}

export interface UnderageReportStore {
  /** A live account by username, ignoring case (suspended ones included: reports may pile up). */
  findAccount(username: string): Promise<{ id: string } | undefined>;
  add(report: { accountId: string; reporterId: string | null; reporterNetwork: string | null; note: string | null }): Promise<{ id: string }>;
  /** Open reports first (oldest first), then reviewed ones (newest first). */
  list(status: UnderageReportStatus | undefined, limit: number): Promise<UnderageReportView[]>;
  find(id: string): Promise<UnderageReportView | undefined>;
  /**
   * In one transaction: suspends the account, schedules its deletion at `at`, ends its sessions
   * and marks every open report about it confirmed.
   */
  confirm(report: { id: string; accountId: string }, reviewerId: string, at: Date): Promise<void>;
  dismiss(id: string, reviewerId: string, at: Date): Promise<boolean>;
}

export function createUnderageReportStore(db: Database): UnderageReportStore {
  const reporters = aliasedTable(users, 'reporters');
  const select = () =>
    db
      .select({
        id: underageReports.id,
        status: underageReports.status,
        note: underageReports.note,
        createdAt: underageReports.createdAt,
        reviewedAt: underageReports.reviewedAt,
        reporterUsername: reporters.username,
        account: {
          id: users.id,
          username: users.username,
          email: users.email,
          operator: users.operator,
          createdAt: users.createdAt,
          suspendedAt: users.suspendedAt,
          deletionScheduledFor: users.deletionScheduledFor,
        },
      })
      .from(underageReports)
      .innerJoin(users, eq(users.id, underageReports.accountId))
      .leftJoin(reporters, eq(reporters.id, underageReports.reporterId));
  return {
    async findAccount(username) {
      const [row] = await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(sql`lower(${users.username})`, username.toLowerCase()), isNull(users.deletedAt)))
        .limit(1);
      return row;
    },
    async add(report) {
      const [row] = await db.insert(underageReports).values(report).returning({ id: underageReports.id });
      return row!;
    },
    async list(status, limit) {
      return select()
        .where(status ? eq(underageReports.status, status) : undefined)
        .orderBy(
          sql`case when ${underageReports.status} = 'open' then 0 else 1 end`,
          sql`case when ${underageReports.status} = 'open' then ${underageReports.createdAt} end asc`,
          desc(underageReports.reviewedAt),
          asc(underageReports.id),
        )
        .limit(limit);
    },
    async find(id) {
      const [row] = await select().where(eq(underageReports.id, id)).limit(1);
      return row;
    },
    async confirm(report, reviewerId, at) {
      await db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ suspendedAt: sql`coalesce(${users.suspendedAt}, ${at.toISOString()}::timestamptz)`, deletionScheduledFor: at })
          .where(eq(users.id, report.accountId));
        await tx.delete(sessions).where(eq(sessions.userId, report.accountId));
        await tx
          .update(underageReports)
          .set({ status: 'confirmed', reviewedAt: at, reviewedBy: reviewerId })
          .where(and(eq(underageReports.accountId, report.accountId), eq(underageReports.status, 'open')));
      });
    },
    async dismiss(id, reviewerId, at) {
      const updated = await db
        .update(underageReports)
        .set({ status: 'dismissed', reviewedAt: at, reviewedBy: reviewerId })
        .where(and(eq(underageReports.id, id), eq(underageReports.status, 'open')))
        .returning({ id: underageReports.id });
      return updated.length > 0;
    },
  };
}
