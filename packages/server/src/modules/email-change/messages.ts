import type { MailMessage } from '../../mail/mailer.ts';
import { compose } from '../recovery/messages.ts';

/**
 * The address with most of its local part hidden (`a•••@example.org`): the old address learns
 * that a change was asked and to which domain, without being handed the whole new address.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}

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
