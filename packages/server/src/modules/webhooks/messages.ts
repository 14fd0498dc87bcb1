import type { MailMessage } from '../../mail/mailer.ts';

/** Tells an admin that an endpoint was switched off and how to switch it back on. */
export function endpointDisabledMessage(to: string, info: { url: string; owner: string; reason: string; pageUrl: string }): MailMessage {
  return {
    to,
    subject: 'A Postern webhook was switched off',
    text:
      `Postern stopped sending events of ${info.owner} to ${info.url}.\n\n` +
      `Why: ${info.reason}\n\n` +
      `Check the endpoint, then switch it back on from the webhooks page (its delivery log shows each attempt):\n${info.pageUrl}\n`,
  };
}
