import { byAccount, createdAt, personal, rowId, system } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { MARKETING_INACTIVITY_MONTHS } from '../retention/tasks.ts';
import { notificationPreferences, notifications } from './schema.ts';
import { NOTIFICATION_RETENTION_DAYS } from './service.ts';

export const declarations: TableDeclaration[] = [
  {
    table: notificationPreferences,
    description: 'Which notifications a person gets, and whether they opted in to product news by email (P22).',
    subjects: [byAccount('user_id', 'owner', 'delete')],
    retention: {
      kind: 'custom',
      job: 'marketing-inactivity',
      describe: `as long as the account; an opt-in to product news lapses after ${MARKETING_INACTIVITY_MONTHS} months without activity`,
    },
    columns: {
      user_id: personal('user.unique_id', 'The account.', ['communications'], 'contract'),
      channels: personal('user.preferences', 'In-app and email switches per notification type.', ['communications'], 'contract'),
      marketing_email: personal('user.consent', 'Whether you opted in to product news by email.', ['communications'], 'consent'),
      marketing_email_changed_at: personal('user.consent', 'When that choice last changed (proof of consent).', ['communications', 'legal_compliance'], 'legal_obligation'),
      updated_at: system('When the preferences last changed.', 'system.timestamp'),
    },
  },
  {
    table: notifications,
    description: 'An in-app notification (P22).',
    subjects: [byAccount('user_id', 'recipient', 'delete')],
    retention: { kind: 'age', column: 'created_at', days: NOTIFICATION_RETENTION_DAYS, describe: `${NOTIFICATION_RETENTION_DAYS} days` },
    columns: {
      id: rowId('notification'),
      user_id: personal('user.unique_id', 'Who it is for.', ['communications'], 'contract'),
      type: system('The notification type.', 'system.configuration'),
      title: personal('user.communications.notification', 'What happened; may name the people involved.', ['communications'], 'contract', { mentions: true }),
      link: personal('user.communications.notification', 'Where in the app it points.', ['communications'], 'contract'),
      created_at: createdAt('notification'),
      read_at: personal('user.behavior.activity', 'When you read the notification.', ['communications'], 'contract'),
    },
  },
];
