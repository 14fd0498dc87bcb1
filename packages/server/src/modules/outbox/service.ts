import type { Clock } from '../../clock.ts';
import { badRequest } from '../../errors.ts';
import { decodeCursor, pageOf } from '../../http/pagination.ts';
import type { Page, PageQuery } from '../../http/pagination.ts';
import type { MailMessage } from '../../mail/mailer.ts';
import type { OutboxRecord, OutboxStore } from './store.ts';

/** Outbox messages are deleted this long after they were written (they hold sign-in links). */
export const OUTBOX_RETENTION_DAYS = 30;
const RETENTION_MS = OUTBOX_RETENTION_DAYS * 24 * 60 * 60 * 1000;

export type OutboxService = ReturnType<typeof createOutboxService>;

/**
 * The local outbox. Expired messages are swept whenever the outbox is written or read, so no
 * message older than the retention period is ever shown, with or without a job runner.
 */
export function createOutboxService({ store, clock }: { store: OutboxStore; clock: Clock }) {
  const sweep = (now: Date) => store.deleteOlderThan(new Date(now.getTime() - RETENTION_MS));
  return {
    async keep(message: MailMessage): Promise<OutboxRecord> {
      const now = clock();
      await sweep(now);
      return store.add(message, now);
    },

    /** Newest first. */
    async list(query: PageQuery): Promise<Page<OutboxRecord>> {
      await sweep(clock());
      let after: { createdAt: Date; id: string } | undefined;
      if (query.cursor !== undefined) {
        const [createdAt, id] = decodeCursor(query.cursor, 2);
        const at = new Date(String(createdAt));
        if (Number.isNaN(at.getTime()) || typeof id !== 'string' || !UUID.test(id)) throw invalidCursor();
        after = { createdAt: at, id };
      }
      const rows = await store.list(query.limit + 1, after);
      return pageOf(rows, query.limit, (row) => [row.createdAt.toISOString(), row.id]);
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// A cursor of the right shape whose values this list never gave out: same answer as a bad one.
const invalidCursor = () => badRequest('The cursor is not one this list gave out; start again without it.', { code: 'INVALID_CURSOR' });
