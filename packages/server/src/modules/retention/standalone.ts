/**
 * Retention outside the server, for `postern admin retention`: composed like createApp does it, so
 * erasure receipts go through the same mail (SMTP_URL, else the local outbox) and tombstones are
 * keyed with the same secret key as under `postern serve`.
 */
import type { Clock } from '../../clock.ts';
import { systemClock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import { loadOrCreateSecretKey } from '../../crypto/secret-key.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { createOutboxMailer } from '../../mail/outbox-mailer.ts';
import { createSmtpMailer } from '../../mail/smtp-mailer.ts';
import { openAccountPurger } from '../account-deletion/purger.ts';
import { createAuditService } from '../audit/service.ts';
import { createAuditStore } from '../audit/store.ts';
import { createOutboxService } from '../outbox/service.ts';
import { createOutboxStore } from '../outbox/store.ts';
import { createRetention } from './job.ts';
import type { RetentionService } from './service.ts';

export interface OpenRetentionOptions {
  clock?: Clock;
  /** Where receipts go; by default as `postern serve` chooses from the configuration. */
  mailer?: Mailer;
  /** Receives a receipt that could not be sent (the erasure happens regardless). */
  reportError?: (error: unknown) => void;
}

export function openRetention(
  database: DatabaseHandle,
  config: Pick<Config, 'dataDir' | 'secretKey' | 'smtpUrl' | 'mailFrom'>,
  options: OpenRetentionOptions = {},
): RetentionService {
  const clock = options.clock ?? systemClock;
  const { db } = database;
  const audit = createAuditService({ store: createAuditStore(db), clock });
  // Composed on first use, so a dry run neither creates a key file nor opens a mail transport.
  const eraseDue = (asOf: Date) => {
    const mailer =
      options.mailer ??
      (config.smtpUrl
        ? createSmtpMailer({ url: config.smtpUrl, ...(config.mailFrom && { from: config.mailFrom }) })
        : createOutboxMailer(createOutboxService({ store: createOutboxStore(db), clock })));
    const purger = openAccountPurger({
      db,
      secretKey: loadOrCreateSecretKey(config).key,
      clock,
      mailer,
      audit,
      reportError: options.reportError ?? (() => {}),
    });
    return purger.eraseDue(asOf);
  };
  return createRetention({ db, audit, clock, eraseDue });
}
