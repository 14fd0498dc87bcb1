import type { Clock } from '../../clock.ts';
import { conflict, notFound } from '../../errors.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { approximateNetwork } from '../sessions/approximate-network.ts';
import type { UnderageReportStatus } from './schema.ts';
import type { UnderageReportStore, UnderageReportView } from './store.ts';

export interface UnderageReportServiceDeps {
  store: UnderageReportStore;
  mailer: Mailer;
  clock: Clock;
  reportError: (error: unknown) => void;
}

export type UnderageReportService = ReturnType<typeof createUnderageReportService>;

/**
 * Accounts of children (P7): anyone may report one; the operator reviews. A confirmed report
 * suspends the account at once and schedules its deletion for now, without the 15-day grace of a
 * deletion the holder asked for (P19). The deletion itself is issue #7's job, which deletes every
 * account whose users.deletion_scheduled_for has passed.
 */
export function createUnderageReportService({ store, mailer, clock, reportError }: UnderageReportServiceDeps) {
  async function requireOpen(id: string): Promise<UnderageReportView> {
    const report = await store.find(id);
    if (!report) throw notFound('No such report.', { code: 'REPORT_NOT_FOUND' });
    if (report.status !== 'open') throw conflict('This report was already reviewed.', { code: 'REPORT_ALREADY_REVIEWED' });
    return report;
  }

  return {
    /** Only the reporter's network is kept (sessions/approximate-network.ts), never the address. */
    async report(username: string, input: { note: string | null; reporterId: string | null; clientAddress: string | undefined }): Promise<void> {
      const account = await store.findAccount(username);
      if (!account) throw notFound('No account has this username.', { code: 'ACCOUNT_NOT_FOUND' });
      await store.add({
        accountId: account.id,
        reporterId: input.reporterId,
        reporterNetwork: approximateNetwork(input.clientAddress),
        note: input.note,
      });
    },

    list(status: UnderageReportStatus | undefined, limit: number): Promise<UnderageReportView[]> {
      return store.list(status, limit);
    },

    /** Suspends the account, ends its sessions, schedules its deletion and tells its holder. */
    async confirm(id: string, reviewerId: string): Promise<UnderageReportView> {
      const report = await requireOpen(id);
      // The instance would be left without anyone to run it; the operator hands over first.
      if (report.account.operator) {
        throw conflict("The operator's own account cannot be suspended here.", { code: 'CANNOT_SUSPEND_OPERATOR' });
      }
      await store.confirm({ id, accountId: report.account.id }, reviewerId, clock());
      // A transactional message (P9): the holder learns why they can no longer sign in.
      try {
        await mailer.send({
          to: report.account.email,
          subject: 'Your Postern account is suspended and will be deleted',
          text: `Hello ${report.account.username},\n\nWe were told that this account belongs to someone younger than the minimum age for holding an account, and the operator of this Postern instance confirmed it. The account is suspended: nobody can sign in to it or use its API keys, and its profile is hidden. Its data will be deleted without the usual 15-day delay.\n\nIf this is a mistake, reply to the operator of this instance before the deletion.\n`,
        });
      } catch (error) {
        reportError(error);
      }
      return (await store.find(id))!;
    },

    async dismiss(id: string, reviewerId: string): Promise<UnderageReportView> {
      await requireOpen(id);
      if (!(await store.dismiss(id, reviewerId, clock()))) {
        throw conflict('This report was already reviewed.', { code: 'REPORT_ALREADY_REVIEWED' });
      }
      return (await store.find(id))!;
    },
  };
}
