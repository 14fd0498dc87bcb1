import { byEmail, createdAt, personal, rowId } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { outboxMessages } from './schema.ts';
import { OUTBOX_RETENTION_DAYS } from './service.ts';

export const declarations: TableDeclaration[] = [
  {
    table: outboxMessages,
    description: 'Mail kept on the instance for the operator when no mail server is configured.',
    subjects: [byEmail('to', 'recipient')],
    retention: { kind: 'age', column: 'created_at', days: OUTBOX_RETENTION_DAYS, describe: `${OUTBOX_RETENTION_DAYS} days` },
    columns: {
      id: rowId('message'),
      to: personal('user.contact.email', 'The recipient’s email address.', ['communications'], 'contract'),
      subject: personal('user.communications.message', 'The message’s subject.', ['communications'], 'contract', { mentions: true }),
      // The bodies hold single-use sign-in, verification and reset links: an export file must not.
      text: personal('user.communications.message', 'The message’s text (may hold single-use links, so not exported).', ['communications'], 'contract', { export: false, mentions: true }),
      html: personal('user.communications.message', 'The message’s HTML (may hold single-use links, so not exported).', ['communications'], 'contract', { export: false, mentions: true }),
      headers: personal('user.communications.message', 'The message’s extra headers (e.g. unsubscribe links, so not exported).', ['communications'], 'contract', { export: false }),
      created_at: createdAt('message'),
    },
  },
];
