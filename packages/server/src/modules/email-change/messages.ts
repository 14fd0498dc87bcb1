import type { MailMessage } from '../../mail/mailer.ts';
import { compose } from '../recovery/messages.ts';
import { maskEmail } from '../team-domains/mask.ts';

/**
 * The address with most of its local part hidden (`a•••@example.org`): the old address learns
 * that a change was asked and to which domain, without being handed the whole new address. The
 * same helper masks members' emails for team admins (P12).
 */
export { maskEmail } from '../team-domains/mask.ts';

export function confirmNewAddressMessage(to: string, username: string, url: string): MailMessage {
  return compose(
    to,
    'Confirm your new email address for Postern',
    [
      `Hello ${username}, you asked to use this address for your Postern account. To confirm it, open this link:`,
      'The link works once and expires in 24 hours. Until you open it, your account keeps its current address. If you did not ask for this, ignore this message.',
    ],
    { url, label: 'Confirm my new email address' },
  );
}

export function changeRequestedNotice(to: string, username: string, newEmail: string, cancelUrl: string): MailMessage {
  return compose(
    to,
    'Someone asked to change the email of your Postern account',
    [
      `Hello ${username}, someone signed in to your Postern account asked to change its email address to ${maskEmail(newEmail)}. If it wasn't you, cancel the change with this link, then change your password:`,
      'The change happens only when the new address is confirmed. The cancel link works until then, for at most 24 hours.',
    ],
    { url: cancelUrl, label: 'Cancel the email change' },
  );
}

export function emailChangedNotice(to: string, username: string, newEmail: string, at: Date): MailMessage {
  return compose(to, 'The email of your Postern account was changed', [
    `Hello ${username}, the email address of your Postern account was changed to ${maskEmail(newEmail)} on ${at.toISOString().replace('T', ' ').slice(0, 16)} UTC. Messages about the account now go there; this is the last one sent to this address.`,
    'If this was not you, tell the operator of this instance at once.',
  ]);
}

export function awaitingApprovalNotice(to: string, username: string, newEmail: string, teamName: string): MailMessage {
  return compose(to, 'Your email change waits for approval', [
    `Hello ${username}, you asked to change the email address of your Postern account to ${maskEmail(newEmail)}. The team ${teamName} manages your account through its verified email domain, so one of its admins must approve the change first.`,
    'Nothing changes until then. Once approved, a confirmation link goes to the new address. You can withdraw the request in your email settings.',
  ]);
}

export function approvalDeniedNotice(to: string, username: string, newEmail: string, teamName: string): MailMessage {
  return compose(to, 'Your email change was not approved', [
    `Hello ${username}, an admin of the team ${teamName}, which manages your account, did not approve changing its email address to ${maskEmail(newEmail)}. Your account keeps its current address.`,
    `If you think this is a mistake, ask the admins of ${teamName}.`,
  ]);
}
