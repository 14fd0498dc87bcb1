import type { MailMessage } from '../../mail/mailer.ts';

// Transactional messages of account deletion (P9, P24): always sent, no unsubscribe link.

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const day = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function compose(to: string, subject: string, paragraphs: string[], link?: { url: string; label: string }): MailMessage {
  const text = [...paragraphs.slice(0, 1), ...(link ? [link.url] : []), ...paragraphs.slice(1)].join('\n\n');
  const html = [
    `<p>${escapeHtml(paragraphs[0] ?? '')}</p>`,
    ...(link ? [`<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>`] : []),
    ...paragraphs.slice(1).map((p) => `<p>${escapeHtml(p)}</p>`),
  ].join('\n');
  return { to, subject, text: `${text}\n`, html };
}

export function deletionCodeMessage(to: string, username: string, code: string, minutes: number): MailMessage {
  return compose(to, 'Your code to delete your Postern account', [
    `Hello ${username}, someone (hopefully you) asked to delete your Postern account. To confirm, enter this code: ${code}`,
    `The code expires in ${minutes} minutes. If you did not ask for it, ignore this message and consider changing how you sign in: your account stays as it is.`,
  ]);
}

export function deletionRequestedMessage(to: string, username: string, purgeAt: Date, restoreUrl: string): MailMessage {
  return compose(
    to,
    'Your Postern account will be deleted',
    [
      `Hello ${username}, your Postern account was closed and is scheduled for deletion on ${day(purgeAt)}. Changed your mind? Until then you can restore it with this link (it works once):`,
      'What happens now: you were signed out everywhere and your API keys stopped working. Nobody can sign in to the account, and it no longer appears to others.',
      `On ${day(purgeAt)} your account and your personal data are deleted for good: your profile, personal and private workspaces with everything in them, sessions, keys, settings and history. Content you created in team or public workspaces stays for the people who use it, shown as by "Deleted user"; the audit log keeps its entries without your name. A receipt is sent to this address just before the deletion.`,
      'After the deletion nothing can be restored. If you did not ask for this, restore the account with the link above and change your password.',
    ],
    { url: restoreUrl, label: 'Restore my account' },
  );
}

export function accountRestoredMessage(to: string, username: string): MailMessage {
  return compose(to, 'Your Postern account was restored', [
    `Hello ${username}, your Postern account was restored and will not be deleted. You can sign in again as before.`,
    'If this was not you, change your password at once.',
  ]);
}

/** Sent just before the purge: afterwards the address itself is gone. */
export function erasureReceiptMessage(to: string, username: string, summary: { deleted: number; remaining: string[] }): MailMessage {
  return compose(to, 'Receipt: your Postern account has been deleted', [
    `Hello ${username}, as you asked (or as required, for an account closed by the operator), your Postern account and your personal data are now deleted: ${summary.deleted} records in all. This message is the last one you will receive from this Postern instance; it does not keep your email address.`,
    summary.remaining.length > 0
      ? `What remains, without your name: ${summary.remaining.join('; ')}.`
      : 'Nothing that names you remains.',
    'The deletion ledger keeps a keyed hash of your account (no personal data), so that restoring an older backup can never bring your account back. Backups made before today are overwritten on their normal schedule.',
  ]);
}
