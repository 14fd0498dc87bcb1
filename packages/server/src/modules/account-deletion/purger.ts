import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/database.ts';
import type { Mailer } from '../../mail/mailer.ts';
import type { AuditService } from '../audit/service.ts';
import { createDeletionLedger } from '../deletion-ledger/service.ts';
import { eraseAccount, erasureTotals } from './erasure.ts';
import type { ErasureReport } from './erasure.ts';
import { erasureReceiptMessage } from './messages.ts';
import { previewErasure } from './preview.ts';
import { createAccountDeletionStore } from './store.ts';
import type { AccountDeletionStore, DeletionAccount } from './store.ts';

export interface AccountPurgerDeps {
  store: AccountDeletionStore;
  /** Erases the account as the data map says and writes its tombstone. */
  erase(accountId: string): Promise<ErasureReport>;
  audit: Pick<AuditService, 'record'>;
  mailer: Mailer;
  clock: Clock;
  reportError: (error: unknown) => void;
}

export type AccountPurger = ReturnType<typeof createAccountPurger>;

/**
 * The end of an account (P24, P7): the receipt mailed while the address still exists, the erasure
 * (erasure.ts, with its ledger tombstone), and an audit entry holding counts only.
 */
export function createAccountPurger({ store, erase, audit, mailer, clock, reportError }: AccountPurgerDeps) {
  async function purge(account: DeletionAccount): Promise<ErasureReport> {
    const { deleted, remaining } = await previewErasure(store.countRows, await store.resolveSubject({ accountId: account.id, email: account.email }));
    try {
      await mailer.send(
        erasureReceiptMessage(account.email, account.username, {
          deleted: deleted.reduce((n, d) => n + d.rows, 0),
          remaining: remaining.map((r) => `${r.rows} × ${r.description.replace(/\.$/, '').toLowerCase()}`),
        }),
      );
    } catch (error) {
      // The purge is owed whether or not the receipt can be sent.
      reportError(error);
    }
    const report = await erase(account.id);
    if (report.erased) {
      // Counts only: the account id, names and addresses are gone with the person.
      await audit.record({
        actorId: null,
        action: 'account.erased',
        targetType: 'account',
        details: { ...erasureTotals(report), tables: report.tables, suspended: account.suspendedAt !== null },
      });
      for (const { teamId, successorId } of report.teamsHandedOver ?? []) {
        await audit.record({
          actorId: null,
          action: 'team.ownership_transferred',
          targetType: 'account',
          targetId: successorId,
          teamId,
          details: { reason: 'owner_account_erased' },
        });
      }
    }
    return report;
  }

  return {
    /** The `account.erase` job: purges the account if it is still due (a restored one is skipped). */
    async handleEraseJob(data: { accountId: string }): Promise<ErasureReport | null> {
      const account = await store.findAccount(data.accountId);
      if (!account?.deletionScheduledFor || account.deletionScheduledFor > clock()) return null;
      if (!account.deletedAt && !account.suspendedAt) return null;
      return purge(account);
    },

    /**
     * Purges every account whose deletion is due at `asOf`: requested deletions past their grace
     * period and accounts suspended as children's (P7). The retention job calls it.
     */
    async eraseDue(asOf: Date): Promise<{ erased: number; accountIds: string[] }> {
      const erased: string[] = [];
      for (const id of await store.dueForErasure(asOf)) {
        const account = await store.findAccount(id);
        if (account && (await purge(account)).erased) erased.push(id);
      }
      return { erased: erased.length, accountIds: erased };
    },
  };
}

/** The purger over a database, for app.ts and for commands that run without the app (retention). */
export function openAccountPurger(deps: {
  db: Database;
  secretKey: Buffer;
  clock: Clock;
  mailer: Mailer;
  audit: Pick<AuditService, 'record'>;
  reportError: (error: unknown) => void;
}): AccountPurger {
  const ledger = createDeletionLedger({ db: deps.db, secretKey: deps.secretKey, clock: deps.clock });
  return createAccountPurger({
    store: createAccountDeletionStore(deps.db),
    // The tombstone commits with the erasure: the ledger writes through the erasure's transaction.
    erase: (accountId) =>
      eraseAccount(deps.db, accountId, {
        ledger,
        ledgerIn: (tx) => createDeletionLedger({ db: tx, secretKey: deps.secretKey, clock: deps.clock }),
        clock: deps.clock,
      }),
    audit: deps.audit,
    mailer: deps.mailer,
    clock: deps.clock,
    reportError: deps.reportError,
  });
}
