import type { MailMessage } from '../../mail/mailer.ts';

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** The invitation email: a transactional message the inviter asked for, with the single-use link. */
export function invitationMessage(to: string, invite: { teamName: string; inviter: string; role: string; url: string }): MailMessage {
  const intro = `${invite.inviter} invites you to join the team "${invite.teamName}" on Postern as ${invite.role === 'admin' ? 'an admin' : 'a member'}.`;
  const outro =
    'The link works once and expires in 7 days. If you do not want to join, ignore this message or decline from the link; your address is deleted when the invitation ends.';
  return {
    to,
    subject: `Join ${invite.teamName} on Postern`,
    text: `${intro}\n\n${invite.url}\n\n${outro}\n`,
    html: [`<p>${escapeHtml(intro)}</p>`, `<p><a href="${escapeHtml(invite.url)}">Open the invitation</a></p>`, `<p>${escapeHtml(outro)}</p>`].join('\n'),
  };
}
