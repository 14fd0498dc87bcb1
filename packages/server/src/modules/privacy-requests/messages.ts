import type { MailMessage } from '../../mail/mailer.ts';
import type { RequestKind, RequestLaw } from './schema.ts';

// Transactional messages of the request desk (P9, P26): no unsubscribe; plain text and minimal HTML.

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

function compose(to: string, subject: string, paragraphs: string[]): MailMessage {
  return { to, subject, text: `${paragraphs.join('\n\n')}\n`, html: paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n') };
}

const KIND_LABELS: Record<RequestKind, string> = {
  access: 'access to your data',
  deletion: 'deletion of your data',
  correction: 'correction of your data',
  opt_out: 'opting out of sale, sharing or marketing',
  restriction: 'restriction of processing',
  objection: 'objection to processing',
};

export const kindLabel = (kind: RequestKind) => KIND_LABELS[kind];
const day = (date: Date) => date.toISOString().slice(0, 10);

/** Where someone may complain about the answer, by law; also stated on the request page. */
export function complaintRoute(law: RequestLaw): string {
  if (law === 'ccpa') {
    return 'If you disagree, reply to this email to reach the operator of this Postern instance. You may also complain to the California Privacy Protection Agency (cppa.ca.gov) or the California Attorney General (oag.ca.gov/privacy).';
  }
  return 'If you disagree, reply to this email to reach the operator of this Postern instance. You may also lodge a complaint with a data protection supervisory authority, in particular in the country where you live, work or where you think your rights were infringed.';
}

interface About {
  to: string;
  reference: string;
  kind: RequestKind;
}

export function acknowledgementMessage(
  about: About & { name: string; dueAt: Date; statusUrl: string; code: string | null; onBehalfOf: string | null },
): MailMessage {
  return compose(about.to, `We received your privacy request ${about.reference}`, [
    `Hello ${about.name}, we received your request for ${kindLabel(about.kind)}${about.onBehalfOf ? ` on behalf of ${about.onBehalfOf}` : ''}. Its reference number is ${about.reference}.`,
    ...(about.code
      ? [`To confirm that this request comes from you, enter this code on the request page: ${about.code}. It expires in 30 minutes.`]
      : []),
    `We will answer by ${day(about.dueAt)}. You can follow the request here: ${about.statusUrl}`,
    'If you did not make this request, ignore this message: nothing happens until the code is entered.',
  ]);
}

export function codeMessage(about: About & { code: string }): MailMessage {
  return compose(about.to, `Your code for privacy request ${about.reference}`, [
    `Your new code for privacy request ${about.reference} is ${about.code}. It expires in 30 minutes; earlier codes no longer work.`,
  ]);
}

export function verifiedMessage(about: About & { dueAt: Date }): MailMessage {
  return compose(about.to, `Privacy request ${about.reference}: identity confirmed`, [
    `Thank you: we confirmed that request ${about.reference} (${kindLabel(about.kind)}) comes from you. We will answer by ${day(about.dueAt)}.`,
  ]);
}

export function completedMessage(about: About & { note: string | null; exportUrl: string | null }): MailMessage {
  return compose(about.to, `Privacy request ${about.reference} is completed`, [
    `Your request ${about.reference} (${kindLabel(about.kind)}) is completed.`,
    ...(about.note ? [about.note] : []),
    ...(about.exportUrl ? [`Your data export is here (sign in to download it): ${about.exportUrl}`] : []),
  ]);
}

export function deniedMessage(about: About & { reason: string; law: RequestLaw }): MailMessage {
  return compose(about.to, `Privacy request ${about.reference} was refused`, [
    `We could not grant your request ${about.reference} (${kindLabel(about.kind)}).`,
    `The reason: ${about.reason}`,
    complaintRoute(about.law),
  ]);
}

export function extendedMessage(about: About & { reason: string; dueAt: Date }): MailMessage {
  return compose(about.to, `Privacy request ${about.reference} needs more time`, [
    `We need more time to answer your request ${about.reference} (${kindLabel(about.kind)}). We will answer by ${day(about.dueAt)}.`,
    `The reason: ${about.reason}`,
  ]);
}
