import type { OutboxService } from '../modules/outbox/service.ts';
import type { Mailer } from './mailer.ts';

/** The mailer used when no SMTP server is configured: messages stay in the local outbox. */
export function createOutboxMailer(outbox: Pick<OutboxService, 'keep'>): Mailer {
  return {
    async send(message) {
      await outbox.keep(message);
    },
  };
}
