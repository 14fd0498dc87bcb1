import { createHmac } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { describeUserAgent } from '../sessions/user-agent.ts';
import type { OptionalCategory } from './registry.ts';
import { OPTIONAL_CATEGORIES } from './registry.ts';
import type { CategoryChoice, ConsentChoices, ConsentMethod } from './schema.ts';
import type { ConsentRecord, ConsentStore } from './store.ts';

/** Whose choices apply: the signed-in account, the browser's consent cookie, its GPC / DNT signal. */
export interface ConsentSubject {
  accountId?: string;
  consentCookie?: string;
  gpc?: boolean;
}

/** Recorded with a decision: the address only as a keyed HMAC, the user agent only as a family. */
export interface RequestMeta {
  clientAddress?: string;
  userAgent?: string;
}

export type ConsentBasis = 'consent' | 'legitimateInterest';

export interface ConsentServiceDeps {
  store: ConsentStore;
  clock: Clock;
  /** The instance's secret key; the IP HMAC key is derived from it. */
  secretKey: Buffer;
  /** The revision of the cookie policy in force; a record made under an older one is asked again. */
  cookiePolicyRevision: () => Promise<number>;
}

/**
 * What applies before any choice: no consent anywhere; legitimate interest only where something
 * relies on it (Performance: error reports), until the person objects.
 */
export const DEFAULT_CHOICES: ConsentChoices = {
  functional: { consent: false, legitimateInterest: false },
  performance: { consent: false, legitimateInterest: true },
  targeting: { consent: false, legitimateInterest: false },
};

export interface ConsentState {
  record: ConsentRecord | null;
  choices: ConsentChoices;
  /** No choice yet, or made under an older cookie policy revision: the banner asks (again). */
  needsChoice: boolean;
  currentRevision: number;
  /** Targeting refused, by choice or by GPC / DNT (P27). */
  doNotSellOrShare: boolean;
  /** This request carried Sec-GPC: 1 or DNT: 1, or the browser's records saw it before. */
  gpc: boolean;
}

export interface Decision {
  record: ConsentRecord;
  /** The postern_consent cookie value for this record. */
  cookie: string;
}

export type ConsentService = ReturnType<typeof createConsentService>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The consent cookie: `<record id>.<revision>.<six 0/1 flags>.<g|n>`, the flags being consent and
 * legitimate interest of Functional, Performance and Targeting, `g` when GPC was seen. The server
 * trusts only the record id (a random uuid) and reads the choices from the record; the rest lets
 * the web app know its choices before its first request returns.
 */
export function formatConsentCookie(record: Pick<ConsentRecord, 'id' | 'policyRevision' | 'choices' | 'gpc'>): string {
  const flags = OPTIONAL_CATEGORIES.map((c) => `${+record.choices[c].consent}${+record.choices[c].legitimateInterest}`).join('');
  return `${record.id}.${record.policyRevision}.${flags}.${record.gpc ? 'g' : 'n'}`;
}

export function consentRecordIdOf(cookie: string | undefined): string | undefined {
  const id = cookie?.split('.')[0]?.toLowerCase();
  return id && UUID.test(id) ? id : undefined;
}

/**
 * Cookie and tracking consent (P20) and Global Privacy Control (P27). Other modules ask `allows()`
 * at the point of use, with the subject `consentSubject(c)` builds from the request.
 */
export function createConsentService({ store, clock, secretKey, cookiePolicyRevision }: ConsentServiceDeps) {
  // A key of its own, so these MACs can never be confused with other uses of the secret key.
  const ipKey = createHmac('sha256', secretKey).update('postern consent ip v1').digest();
  const ipHmac = (address: string | undefined) => (address ? createHmac('sha256', ipKey).update(address).digest('hex') : null);

  /** The newer of the browser's record and the account's latest; a cookie of another account is ignored. */
  async function effective(subject: ConsentSubject): Promise<ConsentRecord | undefined> {
    const id = consentRecordIdOf(subject.consentCookie);
    let fromCookie = id ? await store.find(id) : undefined;
    if (fromCookie?.accountId && fromCookie.accountId !== subject.accountId) fromCookie = undefined;
    const fromAccount = subject.accountId ? await store.latestOfAccount(subject.accountId) : undefined;
    if (!fromCookie) return fromAccount;
    if (!fromAccount) return fromCookie;
    return fromAccount.createdAt > fromCookie.createdAt ? fromAccount : fromCookie;
  }

  function permits(record: ConsentRecord | undefined, subject: ConsentSubject, category: OptionalCategory, basis: ConsentBasis): boolean {
    // GPC / DNT refuses Targeting unless the choice in force was made explicitly while the signal
    // was known (the banner shows it): an explicit later opt-in wins, an earlier one does not.
    if (category === 'targeting' && subject.gpc && !(record?.gpc && record.method !== 'gpc')) return false;
    return (record?.choices ?? DEFAULT_CHOICES)[category][basis];
  }

  async function add(
    subject: ConsentSubject,
    meta: RequestMeta,
    fields: { choices: ConsentChoices; policyRevision: number; method: ConsentMethod; gpc: boolean },
  ): Promise<Decision> {
    const record = await store.add({
      ...fields,
      accountId: subject.accountId ?? null,
      ipHmac: ipHmac(meta.clientAddress),
      userAgentFamily: describeUserAgent(meta.userAgent).browser,
      createdAt: clock(),
    });
    return { record, cookie: formatConsentCookie(record) };
  }

  /** Records GPC / DNT the first time this browser or account is seen with it; undefined otherwise. */
  async function observeGpc(subject: ConsentSubject, meta: RequestMeta): Promise<Decision | undefined> {
    if (!subject.gpc) return undefined;
    const previous = await effective(subject);
    if (previous?.gpc) return undefined;
    const refused: CategoryChoice = { consent: false, legitimateInterest: false };
    return add(subject, meta, {
      choices: { ...(previous?.choices ?? DEFAULT_CHOICES), targeting: refused },
      // The other categories' answers are only as current as the choice they were copied from.
      policyRevision: previous?.policyRevision ?? 0,
      method: 'gpc',
      gpc: true,
    });
  }

  async function stateOf(record: ConsentRecord | undefined, subject: ConsentSubject): Promise<ConsentState> {
    const currentRevision = await cookiePolicyRevision();
    return {
      record: record ?? null,
      choices: record?.choices ?? DEFAULT_CHOICES,
      needsChoice: !record || record.policyRevision < currentRevision,
      currentRevision,
      doNotSellOrShare: !permits(record, subject, 'targeting', 'consent'),
      gpc: Boolean(subject.gpc || record?.gpc),
    };
  }

  /**
   * The choices in force for a browser asking on page load. On the way, ties the browser's
   * anonymous record to the account now signed in and records GPC the first time it is seen.
   * `cookie` is set when the browser's consent cookie should change.
   */
  async function current(subject: ConsentSubject, meta: RequestMeta): Promise<ConsentState & { cookie?: string }> {
    const id = consentRecordIdOf(subject.consentCookie);
    if (id && subject.accountId) await store.adopt(id, subject.accountId);
    const recorded = await observeGpc(subject, meta);
    const record = recorded?.record ?? (await effective(subject));
    const cookie = record && record.id !== id ? formatConsentCookie(record) : undefined;
    return { ...(await stateOf(record, subject)), ...(cookie && { cookie }) };
  }

  return {
    current,

    /**
     * Whether a use in `category` may happen for this subject. `consent` for what needs it (e.g.
     * usage analytics, Functional storage); `legitimateInterest` for what relies on it until the
     * person objects (e.g. error reports).
     */
    async allows(subject: ConsentSubject, category: OptionalCategory, basis: ConsentBasis = 'consent'): Promise<boolean> {
      return permits(await effective(subject), subject, category, basis);
    },

    /** The choices in force, without recording anything. */
    async state(subject: ConsentSubject): Promise<ConsentState> {
      return stateOf(await effective(subject), subject);
    },

    /** Records an explicit decision under the current cookie policy revision. */
    async decide(subject: ConsentSubject, meta: RequestMeta, input: { choices: ConsentChoices; method: Exclude<ConsentMethod, 'gpc'> }) {
      const previous = await effective(subject);
      const decision = await add(subject, meta, {
        choices: input.choices,
        policyRevision: await cookiePolicyRevision(),
        method: input.method,
        gpc: Boolean(subject.gpc || previous?.gpc),
      });
      return { ...decision, state: await stateOf(decision.record, subject) };
    },

    /** Records the browser's GPC signal (navigator.globalPrivacyControl), as a Sec-GPC header would be. */
    async signalGpc(subject: ConsentSubject, meta: RequestMeta): Promise<ConsentState & { cookie?: string }> {
      return current({ ...subject, gpc: true }, meta);
    },

    /** A person's records, newest first, for their privacy settings. */
    listOfAccount(accountId: string): Promise<ConsentRecord[]> {
      return store.listOfAccount(accountId, 200);
    },
  };
}
