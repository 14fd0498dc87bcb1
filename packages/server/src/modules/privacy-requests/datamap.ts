import { byAccount, createdAt, personal, rowId, system } from '../../db/datamap/declare.ts';
import type { SubjectLink, TableDeclaration } from '../../db/datamap/types.ts';
import { privacyRequestAuthorizations, privacyRequestEvents, privacyRequests } from './schema.ts';

/** CCPA regulations (11 CCR § 7101) ask for records of requests for 24 months; GDPR accountability likewise. */
const RECORD_DAYS = 730;
const RECORD = 'legal_compliance' as const;
const request = (category: `user.${string}`, what: string, erased = false) =>
  personal(category, what, [RECORD], 'legal_obligation', erased ? { erasure: 'null' } : {});
// Erasure keeps the request for the log, without anything that names the person.
const byEmailKept = (column: string, role: string): SubjectLink => ({ column, by: 'email', role, onErase: 'reattribute' });

export const declarations: TableDeclaration[] = [
  {
    table: privacyRequests,
    description: 'A request about personal data made at the request desk (P26).',
    subjects: [byAccount('account_id', 'subject', 'reattribute'), byEmailKept('requester_email', 'requester'), byEmailKept('subject_email', 'subject')],
    retention: { kind: 'age', column: 'closed_at', days: RECORD_DAYS, describe: '24 months after the request is closed (record of requests)' },
    columns: {
      id: rowId('request'),
      reference: system('The reference number given to the requester.', 'system.reference'),
      kind: system('What was asked: access, deletion, correction, opt-out, restriction or objection.'),
      law: system('The law the deadline follows (GDPR, CCPA, other).'),
      state: system('Where the request stands.'),
      requester_type: system('Signed-in person, person without an account, or authorized agent.'),
      account_id: request('user.unique_id', 'The account the request is about.'),
      requester_name: request('user.name', "The requester's name.", true),
      requester_email: request('user.contact.email', 'Where codes and answers go.', true),
      subject_name: request('user.name', "For an agent's request: the person it is for.", true),
      subject_email: request('user.contact.email', "For an agent's request: the address of the person it is for.", true),
      details: request('user.content.request', 'What the requester wrote.', true),
      status_token_hash: personal('user.authorization.credentials', 'Hash of the status link token.', ['security'], 'legal_obligation', { export: false }),
      code_hash: personal('user.authorization.credentials', 'Keyed hash of the current verification code.', ['security'], 'legal_obligation', {
        export: false,
        erasure: 'null',
      }),
      code_expires_at: system('When the code stops working.', 'system.timestamp'),
      code_attempts: system('Wrong codes entered.'),
      code_sends: system('Codes sent.'),
      code_sent_at: system('When the last code was sent.', 'system.timestamp'),
      received_at: system('When the request arrived.', 'system.timestamp'),
      due_at: system('When the answer is due.', 'system.timestamp'),
      verified_at: system('When the identity was confirmed.', 'system.timestamp'),
      extended_at: system('When the one extension was decided.', 'system.timestamp'),
      closed_at: system('When the request was completed or denied.', 'system.timestamp'),
      outcome: request('user.content.request', 'The reason of a denial or extension, or the note of a completion.', true),
      export_url: request('user.content.request', "The link to the person's data export.", true),
      updated_at: system('When the request last changed.', 'system.timestamp'),
    },
  },
  {
    table: privacyRequestEvents,
    description: "The trail of a request: transitions, operators' notes and restriction changes (P26).",
    subjects: [byAccount('actor_id', 'operator', 'reattribute')],
    retention: { kind: 'age', column: 'at', days: RECORD_DAYS, describe: '24 months (the record of requests); deleted with their request' },
    columns: {
      id: rowId('event'),
      request_id: system('The request.', 'system.reference'),
      at: system('When it happened.', 'system.timestamp'),
      kind: system('Transition, note or restriction.'),
      actor: system('The requester, the system or an operator.'),
      actor_id: personal('user.unique_id', 'The operator who acted.', [RECORD], 'legal_obligation'),
      from_state: system('The state before.'),
      to_state: system('The state after.'),
      note: { ...request('user.content.request', 'The reason or note.'), mentions: true },
    },
  },
  {
    table: privacyRequestAuthorizations,
    description: "An authorized agent's signed authorization (P26).",
    // No column names the person; it goes with its request (cascade) and with age.
    subjects: [],
    retention: { kind: 'age', column: 'created_at', days: RECORD_DAYS, describe: '24 months; deleted with its request' },
    columns: {
      request_id: system('The request.', 'system.reference'),
      content_type: system('PDF, PNG or JPEG, from the bytes.'),
      bytes: request('user.document.authorization', 'The signed authorization.'),
      size: system('Its size in bytes.'),
      created_at: createdAt('upload'),
    },
  },
];
