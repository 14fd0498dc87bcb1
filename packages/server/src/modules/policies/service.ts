import type { Clock } from '../../clock.ts';
import { badRequest, conflict, notFound } from '../../errors.ts';
import type { Mailer } from '../../mail/mailer.ts';
import type { PolicyKind } from './schema.ts';
import { POLICY_KINDS } from './schema.ts';
import { initialPolicies } from './seed.ts';
import type { DraftFields, PolicyStore, PolicyVersionRecord } from './store.ts';

export const POLICY_NAMES: Record<PolicyKind, string> = {
  privacy: 'privacy policy',
  cookies: 'cookie notice',
  terms: 'terms of use',
};

/** Signed-out visitors see a significant change on the sign-in page for this long after it takes effect. */
export const PUBLIC_NOTICE_DAYS = 30;
/** Accounts read per query while announcing a version by email. */
export const ANNOUNCEMENT_BATCH = 100;

export interface PolicyNotice {
  version: PolicyVersionRecord;
  /** False for signed-out visitors: only a signed-in person's acknowledgement can be recorded. */
  acknowledgeable: boolean;
}

export interface PolicyServiceDeps {
  store: PolicyStore;
  mailer: Mailer;
  clock: Clock;
  publicUrl: string;
  reportError: (error: unknown) => void;
}

export type PolicyService = ReturnType<typeof createPolicyService>;

/** The public web address of one version (stable forever: P28). */
export const versionPath = (kind: PolicyKind, version: number) => `/policies/${kind}/v/${version}`;

export function createPolicyService({ store, mailer, clock, publicUrl, reportError }: PolicyServiceDeps) {
  let seeded: Promise<void> | undefined;
  /**
   * Version 1 of each policy on a new instance. Runs once per process before the first policy
   * read or write, and adds nothing when any version exists (so restarts and a second process
   * are harmless). It lives here rather than in a migration so the text can change in code.
   */
  function ensureSeeded(): Promise<void> {
    seeded ??= store.seedIfEmpty(initialPolicies(), clock()).then(
      () => undefined,
      (error: unknown) => {
        seeded = undefined;
        throw error;
      },
    );
    return seeded;
  }

  async function requireVersion(kind: PolicyKind, version: number, includeDrafts: boolean): Promise<PolicyVersionRecord> {
    await ensureSeeded();
    const row = await store.find(kind, version);
    if (!row || (!includeDrafts && row.publishedAt === null)) {
      throw notFound(`The ${POLICY_NAMES[kind]} has no version ${version}.`, { code: 'POLICY_VERSION_NOT_FOUND' });
    }
    return row;
  }

  /**
   * Emails every live account about a significant version (a transactional message: it cannot
   * be switched off, P9). Runs in the background of the publishing request, ANNOUNCEMENT_BATCH
   * accounts at a time, one message after another; after each batch the count sent is stored on
   * the version, and the finish time at the end, so the operator page shows progress. A failed
   * message is reported and skipped. A restart in the middle stops it: the version then shows as
   * unfinished with the count reached (there is no job queue to resume it yet).
   */
  async function announce(row: PolicyVersionRecord): Promise<void> {
    const name = POLICY_NAMES[row.kind];
    const effective = row.effectiveAt!.toISOString().slice(0, 10);
    const takesEffect = row.effectiveAt!.getTime() > clock().getTime() ? `will change on ${effective}` : `changed on ${effective}`;
    const link = `${publicUrl}${versionPath(row.kind, row.version)}`;
    const changes = row.keyChanges.length > 0 ? row.keyChanges.map((c) => `- ${c}`).join('\n') : '- See the new version for details.';
    let sent = 0;
    let after: string | undefined;
    for (;;) {
      const batch = await store.recipients(after, ANNOUNCEMENT_BATCH);
      if (batch.length === 0) break;
      for (const account of batch) {
        try {
          await mailer.send({
            to: account.email,
            subject: `Postern's ${name} ${takesEffect}`,
            text: `Hello ${account.username},\n\nPostern's ${name} ${takesEffect}. What changed:\n\n${changes}\n\nRead it: ${link}\n\nEvery account receives this message because it concerns the terms under which your data is handled; it cannot be switched off.\n`,
          });
          sent += 1;
        } catch (error) {
          reportError(error);
        }
      }
      after = batch.at(-1)!.id;
      await store.recordAnnouncement(row.id, sent, null);
    }
    await store.recordAnnouncement(row.id, sent, clock());
  }

  return {
    ensureSeeded,

    /**
     * The number of the version of `kind` in effect now; 0 only before the seed has run on an
     * empty database (never after a first call, which seeds). Other modules compare it with what
     * a person last saw, e.g. consent asks again when the cookie notice's version changes.
     */
    async currentVersion(kind: PolicyKind): Promise<number> {
      await ensureSeeded();
      return (await store.current(kind, clock()))?.version ?? 0;
    },

    async current(kind: PolicyKind): Promise<PolicyVersionRecord> {
      await ensureSeeded();
      const row = await store.current(kind, clock());
      if (!row) throw notFound(`No ${POLICY_NAMES[kind]} is in effect yet.`, { code: 'POLICY_VERSION_NOT_FOUND' });
      return row;
    },

    /** The current version of every kind (null when none is in effect). */
    async overview(): Promise<{ kind: PolicyKind; current: PolicyVersionRecord | null }[]> {
      await ensureSeeded();
      const now = clock();
      return Promise.all(POLICY_KINDS.map(async (kind) => ({ kind, current: (await store.current(kind, now)) ?? null })));
    },

    async archive(kind: PolicyKind): Promise<PolicyVersionRecord[]> {
      await ensureSeeded();
      return store.published(kind);
    },

    /** Every version, drafts included: for the operator. */
    async all(): Promise<PolicyVersionRecord[]> {
      await ensureSeeded();
      return store.all();
    },

    version: requireVersion,

    async createDraft(kind: PolicyKind, fields: DraftFields): Promise<PolicyVersionRecord> {
      await ensureSeeded();
      const row = await store.createDraft(kind, fields);
      if (!row) {
        throw conflict(`The ${POLICY_NAMES[kind]} already has a draft; change or delete it first.`, { code: 'POLICY_DRAFT_EXISTS' });
      }
      return row;
    },

    async updateDraft(kind: PolicyKind, version: number, fields: Partial<DraftFields>): Promise<PolicyVersionRecord> {
      await requireVersion(kind, version, true);
      const row = await store.updateDraft(kind, version, fields);
      if (!row) throw published(kind, version);
      return row;
    },

    async deleteDraft(kind: PolicyKind, version: number): Promise<void> {
      await requireVersion(kind, version, true);
      if (!(await store.deleteDraft(kind, version))) throw published(kind, version);
    },

    /**
     * Publishes the draft: from now on it never changes. It takes effect at its effective date,
     * or now when it has none; a date in the past is refused, so history is never rewritten.
     * A significant version is then announced by email to every account (announce()).
     */
    async publish(kind: PolicyKind, version: number, publishedBy: string): Promise<PolicyVersionRecord> {
      const draft = await requireVersion(kind, version, true);
      if (draft.publishedAt) throw published(kind, version);
      const now = clock();
      if (draft.effectiveAt && draft.effectiveAt.getTime() < now.getTime()) {
        throw badRequest('The effective date has passed; set a date from now on, or none to take effect at once.', {
          code: 'EFFECTIVE_DATE_PASSED',
        });
      }
      const row = await store.publish(kind, version, { publishedAt: now, effectiveAt: draft.effectiveAt ?? now, publishedBy });
      if (!row) throw published(kind, version);
      if (row.significant) {
        void announce(row).catch(reportError);
      }
      return row;
    },

    /**
     * The significant changes to show in a banner (P28). Signed in: per kind, the latest
     * significant version in effect that the person has not acknowledged and that took effect
     * after their account was created. Signed out: those that took effect in the last
     * PUBLIC_NOTICE_DAYS days, without acknowledgement.
     */
    async notices(viewer: { id: string; createdAt: Date } | undefined): Promise<PolicyNotice[]> {
      await ensureSeeded();
      const now = clock();
      const notices: PolicyNotice[] = [];
      for (const kind of POLICY_KINDS) {
        const row = await store.latestSignificant(kind, now);
        if (!row?.effectiveAt) continue;
        if (viewer) {
          if (row.effectiveAt.getTime() < viewer.createdAt.getTime()) continue;
          if (await store.acknowledged(viewer.id, kind, row.version)) continue;
          notices.push({ version: row, acknowledgeable: true });
        } else if (now.getTime() - row.effectiveAt.getTime() <= PUBLIC_NOTICE_DAYS * 24 * 60 * 60 * 1000) {
          notices.push({ version: row, acknowledgeable: false });
        }
      }
      return notices;
    },

    /** Records that the person read a published version; idempotent (the first time is kept). */
    async acknowledge(userId: string, kind: PolicyKind, version: number): Promise<void> {
      await requireVersion(kind, version, false);
      await store.acknowledge(userId, kind, version, clock());
    },
  };
}

const published = (kind: PolicyKind, version: number) =>
  conflict(`Version ${version} of the ${POLICY_NAMES[kind]} is published and can no longer change.`, { code: 'POLICY_VERSION_PUBLISHED' });
