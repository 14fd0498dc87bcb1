import type { MailMessage } from '../../mail/mailer.ts';

// Transactional and security messages (P9): they cannot be switched off and carry no
// unsubscribe link. Each has a plain-text part and a minimal HTML part with the same words.

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** Also used by the email-change notices (modules/email-change/messages.ts). */
export function compose(to: string, subject: string, paragraphs: string[], link?: { url: string; label: string }): MailMessage {
  const text = [...paragraphs.slice(0, 1), ...(link ? [link.url] : []), ...paragraphs.slice(1)].join('\n\n');
  const html = [
    `<p>${escapeHtml(paragraphs[0] ?? '')}</p>`,
    ...(link ? [`<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>`] : []),
    ...paragraphs.slice(1).map((p) => `<p>${escapeHtml(p)}</p>`),
  ].join('\n');
  return { to, subject, text: `${text}\n`, html };
}

export function verificationMessage(to: string, username: string, url: string): MailMessage {
  return compose(
    to,
    'Confirm your email address for Postern',
    [
      `Hello ${username}, please confirm that this is your email address by opening this link:`,
      'The link works once and expires in 24 hours. If you did not open a Postern account, you can ignore this message.',
    ],
    { url, label: 'Confirm my email address' },
  );
}

export function passwordResetMessage(to: string, username: string, url: string): MailMessage {
  return compose(
    to,
    'Reset your Postern password',
    [
      `Hello ${username}, someone (hopefully you) asked to reset the password of your Postern account. To choose a new password, open this link:`,
      'The link works once and expires in 1 hour. If you did not ask for it, ignore this message: your password stays as it is.',
    ],
    { url, label: 'Choose a new password' },
  );
}

export function passwordChangedMessage(to: string, username: string, at: Date): MailMessage {
  return compose(to, 'Your Postern password was changed', [
    `Hello ${username}, the password of your Postern account was changed on ${at.toISOString().replace('T', ' ').slice(0, 16)} UTC, and every session of the account was signed out.`,
    'If this was not you, reset your password at once and tell the operator of this instance.',
  ]);
}
