import { and, desc, eq, lt, or } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import type { MailMessage } from '../../mail/mailer.ts';
import { outboxMessages } from './schema.ts';

export type OutboxRecord = typeof outboxMessages.$inferSelect;

export interface OutboxStore {
  add(message: MailMessage, createdAt: Date): Promise<OutboxRecord>;
  /** Newest first; `after` is the (createdAt, id) of the last message already seen. */
  list(limit: number, after?: { createdAt: Date; id: string }): Promise<OutboxRecord[]>;
  /** Deletes messages created before `cutoff`; returns how many. */
  deleteOlderThan(cutoff: Date): Promise<number>;
}

export function createOutboxStore(db: Database): OutboxStore {
  return {
    async add(message, createdAt) {
      const [row] = await db
        .insert(outboxMessages)
        .values({
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html ?? null,
          headers: message.headers ?? {},
          createdAt,
        })
        .returning();
      return row!;
    },
    async list(limit, after) {
      return db
        .select()
        .from(outboxMessages)
        .where(
          after &&
            or(
              lt(outboxMessages.createdAt, after.createdAt),
              and(eq(outboxMessages.createdAt, after.createdAt), lt(outboxMessages.id, after.id)),
            ),
        )
        .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
        .limit(limit);
    },
    async deleteOlderThan(cutoff) {
      const deleted = await db.delete(outboxMessages).where(lt(outboxMessages.createdAt, cutoff)).returning({ id: outboxMessages.id });
      return deleted.length;
    },
  };
}
