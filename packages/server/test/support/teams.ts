import { expect } from 'vitest';
import type { Browser } from './browser.ts';
import type { MemoryMailer } from './app.ts';

interface Signed {
  browser: Browser;
  person: { username: string; email: string };
}

/** The invitation token in the last message sent to `email`. */
export function invitationTokenFor(mailer: MemoryMailer, email: string): string {
  const last = mailer.to(email).at(-1);
  const token = last?.text.match(/#token=([A-Za-z0-9_-]{43})/)?.[1];
  if (!token) throw new Error(`no invitation sent to ${email}`);
  return token;
}

/** Creates a team owned by `owner`. */
export async function createTeam(owner: Signed, slug: string, name = `Team ${slug}`) {
  const res = await owner.browser.request('POST', '/api/teams', { body: { slug, name } });
  expect(res.status).toBe(201);
  return res.json();
}

/** Brings `member` into the team through an invitation from `inviter`, with `role`. */
export async function joinTeam(mailer: MemoryMailer, inviter: Signed, member: Signed, slug: string, role: 'admin' | 'member' = 'member') {
  const res = await inviter.browser.request('POST', `/api/teams/${slug}/invitations`, { body: { email: member.person.email, role } });
  expect(res.status).toBe(201);
  const accepted = await member.browser.request('POST', `/api/invitations/${invitationTokenFor(mailer, member.person.email)}/accept`);
  expect(accepted.status).toBe(200);
}
