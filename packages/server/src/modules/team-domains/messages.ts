import type { MailMessage } from '../../mail/mailer.ts';
import { compose } from '../recovery/messages.ts';

const day = (at: Date) => at.toISOString().slice(0, 10);

/** What a managed account means, said the same way in every notice and in the web app (P11). */
export const MANAGED_ACCOUNT_CHANGES = [
  'Any change of the email address of your account needs the approval of one of the team’s admins first.',
  'The team’s owner and admins see your full email address; if you are a member of the team, they can suspend you or end your access to it and its workspaces.',
  'Your own workspaces, collections and settings stay yours; your password and sign-in do not change.',
];

export interface CaptureNotice {
  now: Date;
  teamName: string;
  domain: string;
  effectiveAt: Date;
  /** Who to ask: the owner's username, and a contact the owner gave, if any. */
  ownerUsername: string;
  contact?: string | undefined;
}

/** Told to every account in the domain before management takes effect (P11). */
export function captureNoticeMessage(to: string, username: string, notice: CaptureNotice): MailMessage {
  const when = notice.effectiveAt.getTime() <= notice.now.getTime() ? 'from now on' : `from ${day(notice.effectiveAt)} (UTC)`;
  return compose(to, `Your Postern account will be managed by ${notice.teamName}`, [
    `Hello ${username}, the team ${notice.teamName} proved that it controls the email domain ${notice.domain}, and its owner decided to manage the Postern accounts with addresses in it. Your account's address is in that domain, so ${when} your account is managed by ${notice.teamName}:`,
    MANAGED_ACCOUNT_CHANGES.map((line) => `- ${line}`).join('\n'),
    `If you do not want this, change your account's email to an address outside ${notice.domain} before then (the change needs no approval until the date above).`,
    `Questions: ask the team's owner, ${notice.ownerUsername}${notice.contact ? `, or ${notice.contact}` : ''}.`,
  ]);
}

export const captureNoticeTitle = (teamName: string, effectiveAt: Date) =>
  `${teamName} will manage your account from ${day(effectiveAt)}: email changes will need its admins' approval`;
