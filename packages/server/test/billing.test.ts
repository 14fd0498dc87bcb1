/**
 * A team's billing contact and plan (P4): only the owner records them (admins and members 403,
 * outsiders 404); the contact is a member or a name and address; anything that looks like a
 * card number is refused anywhere in the body, and no column could hold card data.
 */
import { getTableConfig } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import * as schema from '../src/db/schema.ts';
import { containsCardNumber, findCardNumbers, luhnValid } from '../src/modules/billing/card-numbers.ts';
import { forEachDatabase } from './for-each-database.ts';
import { MemoryMailer, openTestApp, signUpPerson } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { createTeam, joinTeam } from './support/teams.ts';

vi.setConfig({ testTimeout: 120_000 });

const VISA = '4111 1111 1111 1111';
const AMEX = '378282246310005';

describe('card number detection', () => {
  it('finds Luhn-valid 13–19 digit runs, grouped or not, and nothing else', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(containsCardNumber(VISA)).toBe(true);
    expect(containsCardNumber('4111-1111-1111-1111')).toBe(true);
    expect(containsCardNumber(`pay with ${AMEX} please`)).toBe(true);
    expect(containsCardNumber('6011000990139424')).toBe(true);
    expect(containsCardNumber('4111111111111112')).toBe(false); // fails Luhn
    expect(containsCardNumber('4242424242')).toBe(false); // too short
    expect(containsCardNumber('41111111111111111111111')).toBe(false); // a longer number, not a card
    expect(containsCardNumber('2027-01-31')).toBe(false);
    expect(containsCardNumber('+33 1 23 45 67 89')).toBe(false);
    expect(findCardNumbers({ a: [{ b: VISA }], c: 'x', [AMEX]: 1, n: 4111111111111111 })).toEqual(['body.a.0.b', `body.${AMEX}`, 'body.n']);
  });
});

describe('the billing schema', () => {
  it('has no column that could hold card data', () => {
    const columns = Object.values(schema).flatMap((value) => {
      try {
        return getTableConfig(value as never).columns.map((c) => `${getTableConfig(value as never).name}.${c.name}`);
      } catch {
        return [];
      }
    });
    expect(columns).toContain('team_billing.contact_email');
    expect(columns.filter((name) => /card|pan\b|cvv|cvc|expir[ey]_?(month|year)|iban/i.test(name))).toEqual([]);
  });
});

forEachDatabase('team billing contact and plan (P4)', (target) => {
  let t: TestApp;
  const mailer = new MemoryMailer();
  let owner: Awaited<ReturnType<typeof signUpPerson>>;
  let admin: Awaited<ReturnType<typeof signUpPerson>>;
  let member: Awaited<ReturnType<typeof signUpPerson>>;
  let outsider: Awaited<ReturnType<typeof signUpPerson>>;

  beforeAll(async () => {
    t = await openTestApp(target, { mailer });
    owner = await signUpPerson(t.app);
    admin = await signUpPerson(t.app);
    member = await signUpPerson(t.app);
    outsider = await signUpPerson(t.app);
    await createTeam(owner, 'acme');
    await joinTeam(mailer, owner, admin, 'acme', 'admin');
    await joinTeam(mailer, owner, member, 'acme', 'member');
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  const put = (who: typeof owner, body: unknown) => who.browser.request('PUT', '/api/teams/acme/billing', { body });

  it('is described in the OpenAPI document, card refusal included', async () => {
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as { paths: Record<string, any> };
    expect(JSON.stringify(doc.paths['/api/teams/{slug}/billing'].put.responses['400'])).toContain('CARD_DATA_REFUSED');
  });

  it('starts on the free plan without a contact', async () => {
    const res = await owner.browser.request('GET', '/api/teams/acme/billing');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ plan: 'free', seats: null, renewalDate: null, contact: null, updatedAt: null });
  });

  it('lets the owner record the plan and a member as contact, and audits it without personal data', async () => {
    const res = await put(owner, { plan: 'team', seats: 12, renewalDate: '2027-01-31', contact: { username: member.person.username } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ plan: 'team', seats: 12, renewalDate: '2027-01-31', contact: { kind: 'member', username: member.person.username } });
    const [audit] = await queryRows<{ details: Record<string, unknown>; team_id: string }>(t.database.db, sql`select details, team_id from audit_events where action = 'billing.updated'`);
    expect(audit!.details).toEqual({ plan: 'team', seats: 12, contact: 'member' });
  });

  it('takes a contact outside the team by name and address, and refuses a non-member username', async () => {
    const res = await put(owner, { plan: 'business', seats: 40, contact: { name: 'Accounts Payable', email: 'ap@acme.example' } });
    expect(res.status).toBe(200);
    expect((await res.json()).contact).toEqual({ kind: 'email', name: 'Accounts Payable', email: 'ap@acme.example' });
    const stranger = await put(owner, { plan: 'team', contact: { username: outsider.person.username } });
    expect(stranger.status).toBe(400);
    expect((await stranger.json()).code).toBe('CONTACT_NOT_MEMBER');
    const badPlan = await put(owner, { plan: 'platinum' });
    expect(badPlan.status).toBe(400);
    expect(JSON.stringify(await badPlan.json())).toContain('plan');
  });

  it('refuses admins and members (403) and hides the team from outsiders (404)', async () => {
    for (const who of [admin, member]) {
      const res = await put(who, { plan: 'free' });
      expect(res.status).toBe(403);
      expect((await res.json()).code).toBe('TEAM_ROLE_REQUIRED');
      expect((await who.browser.request('GET', '/api/teams/acme/billing')).status).toBe(403);
    }
    const res = await put(outsider, { plan: 'free' });
    expect(res.status).toBe(404);
    expect((await res.json()).code).toBe('TEAM_NOT_FOUND');
    expect((await t.app.request('/api/teams/acme/billing')).status).toBe(401);
  });

  it('refuses anything that looks like a card number, in any field, and stores nothing of it', async () => {
    const before = await (await owner.browser.request('GET', '/api/teams/acme/billing')).json();
    const attempts: unknown[] = [
      { plan: 'team', cardNumber: VISA },
      { plan: 'team', contact: { name: `Card ${AMEX}`, email: 'ap@acme.example' } },
      { plan: 'team', seats: 4111111111111111 },
      { plan: 'team', note: { nested: ['4111-1111-1111-1111'] } },
    ];
    for (const body of attempts) {
      const res = await put(owner, body);
      expect(res.status).toBe(400);
      const problem = await res.json();
      expect(problem.code).toBe('CARD_DATA_REFUSED');
      expect(problem.detail).toMatch(/never stores payment card data/);
      expect(problem.detail).toMatch(/payment processor/);
    }
    expect(await (await owner.browser.request('GET', '/api/teams/acme/billing')).json()).toEqual(before);
    const rows = await queryRows<Record<string, unknown>>(t.database.db, sql`select * from team_billing`);
    expect(JSON.stringify(rows)).not.toMatch(/4111|378282/);
    // A Luhn-invalid long number is not a card: it fails validation like any wrong value instead.
    const notCard = await put(owner, { plan: 'team', seats: 'x', contact: { name: 'Ref 4111111111111112', email: 'ap@acme.example' } });
    expect((await notCard.json()).code).toBe('VALIDATION_FAILED');
  });
});
