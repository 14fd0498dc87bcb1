import type { MailMessage } from '../../mail/mailer.ts';

// Transactional mail of support tickets (P3, P9): no unsubscribe; plain text and minimal HTML.

const escapeHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

function compose(to: string, subject: string, paragraphs: string[]): MailMessage {
  return { to, subject, text: `${paragraphs.join('\n\n')}\n`, html: paragraphs.map((p) => `<p>${escapeHtml(p).replaceAll('\n', '<br>')}</p>`).join('\n') };
}

interface About {
  to: string;
  name: string;
  reference: string;
  summary: string;
  /** Where a signed-in requester reads the thread; null for people without an account. */
  url: string | null;
}

const readIt = (about: About) =>
  about.url ? `You can read the whole conversation and reply at ${about.url}` : `Reply to this email and quote ${about.reference}, or open a new ticket.`;

export function openedMessage(about: About): MailMessage {
  return compose(about.to, `[${about.reference}] We received your support request`, [
    `Hello ${about.name},`,
    `We received your support request "${about.summary}". Its reference is ${about.reference}.`,
    readIt(about),
  ]);
}

export function replyMessage(about: About & { body: string; resolved: boolean }): MailMessage {
  return compose(about.to, `[${about.reference}] ${about.resolved ? 'Resolved: ' : 'Reply: '}${about.summary}`, [
    `Hello ${about.name},`,
    `The operator answered your support request ${about.reference}:`,
    about.body,
    about.resolved ? 'The ticket is now resolved. If the problem is not solved, reply in the app or open a new ticket.' : readIt(about),
  ]);
}

export function resolvedMessage(about: About): MailMessage {
  return compose(about.to, `[${about.reference}] Resolved: ${about.summary}`, [
    `Hello ${about.name},`,
    `Your support request ${about.reference} is resolved. Resolved tickets are deleted 12 months after resolution, their attachments after 90 days.`,
  ]);
}
