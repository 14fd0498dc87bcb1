import type { MailMessage } from '../../mail/mailer.ts';
import type { OperatorAccessReason } from './schema.ts';

/** How each reason reads to the people whose workspace is opened. */
export const REASON_LABELS: Record<OperatorAccessReason, string> = {
  security: 'Security',
  support_requested: 'Support requested by the owner',
  service_integrity: 'Service integrity',
  legal_obligation: 'Legal obligation',
  suspected_unlawful_content: 'Suspected unlawful content',
  owner_consent: "The owner's consent",
};

interface NoticeFacts {
  username: string;
  workspaceName: string;
  reason: OperatorAccessReason;
  ticketRef: string | null;
  justification: string;
  expiresAt: Date;
  url: string;
}

const why = (f: NoticeFacts) => `${REASON_LABELS[f.reason]}${f.ticketRef ? ` (ticket ${f.ticketRef})` : ''}`;

/** Sent to the owner (and a team's admins) when operator access to their workspace starts (P16). */
export function accessStartedMessage(to: string, f: NoticeFacts): MailMessage {
  return {
    to,
    subject: `The operator can now read your workspace “${f.workspaceName}”`,
    text: [
      `Hello ${f.username},`,
      '',
      `The operator of this Postern instance opened read-only access to your workspace “${f.workspaceName}” until ${f.expiresAt.toISOString()}.`,
      `Reason: ${why(f)}`,
      `Justification: ${f.justification}`,
      '',
      `Every read is logged. See who read what, and end the access early, at ${f.url}`,
      '',
      'This message cannot be switched off: you must know when someone else reads your work.',
    ].join('\n'),
  };
}

/** Sent when the operator asks for the owner's consent; nothing is readable until they give it. */
export function consentRequestedMessage(to: string, f: NoticeFacts): MailMessage {
  return {
    to,
    subject: `The operator asks to read your workspace “${f.workspaceName}”`,
    text: [
      `Hello ${f.username},`,
      '',
      `The operator of this Postern instance asks for your consent to read your workspace “${f.workspaceName}” (read-only, for a limited time).`,
      `Justification: ${f.justification}`,
      '',
      `Nothing is readable unless you agree. Agree or decline at ${f.url}`,
    ].join('\n'),
  };
}
