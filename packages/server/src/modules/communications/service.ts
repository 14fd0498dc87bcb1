import type { Clock } from '../../clock.ts';
import { badRequest, notFound } from '../../errors.ts';
import { decodeCursor, pageOf } from '../../http/pagination.ts';
import type { Page, PageQuery } from '../../http/pagination.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { notificationMessage, productNewsMessage } from './messages.ts';
import type { ChannelSwitches, NotificationType } from './schema.ts';
import type { CommunicationsStore, NotificationRecord, PreferencesRecord, Recipient } from './store.ts';
import type { MailingList, UnsubscribeTokens } from './unsubscribe-token.ts';

/** Feed entries are deleted this long after they were created (swept when a feed is read or written). */
export const NOTIFICATION_RETENTION_DAYS = 90;
const RETENTION_MS = NOTIFICATION_RETENTION_DAYS * 24 * 60 * 60 * 1000;
/** Where the web app shows notification settings; emails link here. */
export const NOTIFICATION_SETTINGS_PATH = '/settings/notifications';
/** The one-click unsubscribe endpoint (RFC 8058); app.ts exempts POSTs to it from CSRF. */
export const UNSUBSCRIBE_PATH = '/api/unsubscribe';

/**
 * The uses of personal data a restriction can stop (P25); this module asks only about marketing.
 * 'diagnostics' (error reports) has no switch of its own: only "processing restricted" stops it.
 */
export type RestrictedUse = 'marketing' | 'analytics' | 'personalisation' | 'diagnostics';
/** Whether the account stopped this use of its data (P25). Injected; the default restricts nothing. */
export type RestrictionCheck = (accountId: string, use: RestrictedUse) => Promise<boolean>;

/** The switchable types (P22), in the order the settings page shows them. */
export const NOTIFICATION_TYPES: readonly {
  type: NotificationType;
  label: string;
  description: string;
  /** False while nothing sends this type yet. */
  available: boolean;
  defaults: ChannelSwitches;
}[] = [
  {
    type: 'comments',
    label: 'Comments',
    description: 'Someone comments on a collection you created or commented on.',
    available: true,
    defaults: { inApp: true, email: true },
  },
  {
    type: 'monitors',
    label: 'Monitor results',
    description: 'A monitor of yours fails or recovers. Monitors are not available yet, so nothing is sent until they are.',
    available: false,
    defaults: { inApp: true, email: true },
  },
  {
    type: 'team',
    label: 'Team activity',
    description: 'Invitations accepted, members joining or leaving, and role changes in your teams.',
    available: true,
    defaults: { inApp: true, email: true },
  },
  {
    type: 'secrets',
    label: 'Secrets found',
    description: 'The secret scanner finds a token or key in a workspace you administer (P17).',
    available: true,
    defaults: { inApp: true, email: true },
  },
  {
    type: 'productNews',
    label: 'Product news',
    description: 'Occasional news about Postern (marketing). Off unless you turn it on; every email has a one-click unsubscribe link.',
    available: true,
    defaults: { inApp: false, email: false },
  },
];

/** Messages nobody can switch off (P9), listed on the settings page with the reason. */
export const ALWAYS_ON_MESSAGES: readonly { id: string; label: string; reason: string }[] = [
  {
    id: 'account',
    label: 'Email verification and password reset',
    reason: 'You ask for these yourself, and without them you could not confirm your address or get back into your account.',
  },
  {
    id: 'security',
    label: 'Security alerts (password changed, sign-in and two-factor changes)',
    reason: 'They are how you learn that someone else may be using your account, so they must reach you.',
  },
  {
    id: 'policies',
    label: 'Changes to the privacy policy and terms',
    reason: 'We must tell you before a significant change to how your data is used takes effect.',
  },
  {
    id: 'account-notices',
    label: 'Account notices (suspension, deletion, data requests)',
    reason: 'They concern your account itself and what happens to your data; the law requires us to send them.',
  },
  {
    id: 'operator-access',
    label: 'The operator opening access to your workspace',
    reason: 'Nobody reads your private work without you knowing: every operator access is shown to you (P16).',
  },
  {
    id: 'invitations',
    label: 'Team invitations sent to your address',
    reason: 'A single message someone sent on purpose; the address is deleted when the invitation ends.',
  },
];

const SWITCHABLE = new Set<string>(NOTIFICATION_TYPES.map((t) => t.type));
const ALWAYS_ON = new Set(ALWAYS_ON_MESSAGES.map((m) => m.id));

export type PreferencesPatch = Record<string, { inApp?: boolean | undefined; email?: boolean | undefined }>;

export interface PreferencesView {
  types: { type: NotificationType; label: string; description: string; available: boolean; inApp: boolean; email: boolean }[];
  alwaysOn: typeof ALWAYS_ON_MESSAGES;
  /** When product news by email was last turned on or off; null if never. */
  marketingEmailChangedAt: Date | null;
}

/** What happened in a team, as teams/service.ts reports it. */
export interface TeamActivity {
  team: { id: string; slug: string; name: string };
  actor: { id: string; username: string };
  kind: 'joined' | 'left' | 'removed' | 'role-changed';
  /** The member the change is about (the actor for joined/left). */
  subject: { id: string; username: string };
  role?: string;
}

/** A new comment, as comments/service.ts reports it. */
export interface CommentEvent {
  collection: { id: string; name: string; workspaceId: string; createdBy: string | null };
  actor: { id: string; username: string };
}

export interface CommunicationsDeps {
  store: CommunicationsStore;
  mailer: Mailer;
  tokens: UnsubscribeTokens;
  clock: Clock;
  /** PUBLIC_URL without a trailing slash: the base of every link in mail. */
  publicUrl: string;
  /** Whether the account may read the workspace (P10): only readers hear about its comments. */
  canReadWorkspace: (accountId: string, workspaceId: string) => Promise<boolean>;
  /** P25 restriction switch; the default restricts nothing until the switches exist. */
  isRestricted?: RestrictionCheck;
  reportError: (error: unknown) => void;
}

export type CommunicationsService = ReturnType<typeof createCommunicationsService>;

const switchesOf = (row: PreferencesRecord | undefined, type: NotificationType): ChannelSwitches => {
  const defaults = NOTIFICATION_TYPES.find((t) => t.type === type)!.defaults;
  const stored = row?.channels[type] ?? {};
  return {
    inApp: stored.inApp ?? defaults.inApp,
    email: type === 'productNews' ? (row?.marketingEmail ?? false) : (stored.email ?? defaults.email),
  };
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notificationNotFound = () => notFound('No such notification.', { code: 'NOTIFICATION_NOT_FOUND' });
const invalidCursor = () => badRequest('The cursor is not one this list gave out; start again without it.', { code: 'INVALID_CURSOR' });

/**
 * Notification preferences (P22), the in-app feed, email copies, product news and one-click
 * unsubscribe. Security and transactional mail never passes through here: it is sent directly by
 * the modules that need it and has no switch (P9).
 */
export function createCommunicationsService(deps: CommunicationsDeps) {
  const { store, mailer, tokens, clock, publicUrl } = deps;
  const isRestricted = deps.isRestricted ?? (async () => false);
  const settingsUrl = `${publicUrl}${NOTIFICATION_SETTINGS_PATH}`;
  const sweep = (now: Date) => store.deleteOlderThan(new Date(now.getTime() - RETENTION_MS));
  /** The RFC 8058 URL: PUBLIC_URL + /api/unsubscribe/<signed token>. */
  const unsubscribeUrl = (accountId: string, list: MailingList) => `${publicUrl}${UNSUBSCRIBE_PATH}/${tokens.sign(accountId, list)}`;

  function view(row: PreferencesRecord | undefined): PreferencesView {
    return {
      types: NOTIFICATION_TYPES.map(({ type, label, description, available }) => ({ type, label, description, available, ...switchesOf(row, type) })),
      alwaysOn: ALWAYS_ON_MESSAGES,
      marketingEmailChangedAt: row?.marketingEmailChangedAt ?? null,
    };
  }

  /** Adds the notification for everyone whose in-app switch is on and emails those whose email switch is. */
  async function deliver(type: NotificationType, messages: { recipient: Recipient; title: string; link: string | null }[]) {
    if (messages.length === 0) return;
    const prefs = new Map((await store.preferencesOf(messages.map((m) => m.recipient.id))).map((p) => [p.userId, p]));
    const now = clock();
    await sweep(now);
    const wanted = messages.map((m) => ({ ...m, switches: switchesOf(prefs.get(m.recipient.id), type) }));
    await store.addNotifications(wanted.filter((m) => m.switches.inApp).map((m) => ({ userId: m.recipient.id, type, title: m.title, link: m.link, now })));
    for (const m of wanted.filter((w) => w.switches.email)) {
      try {
        await mailer.send(notificationMessage(m.recipient.email, { title: m.title, url: m.link && `${publicUrl}${m.link}`, settingsUrl }));
      } catch (error) {
        deps.reportError(error);
      }
    }
  }

  /** Runs a notification without ever failing the action that caused it. */
  const safely = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      deps.reportError(error);
    }
  };

  return {
    async preferences(accountId: string): Promise<PreferencesView> {
      return view(await store.preferences(accountId));
    },

    async updatePreferences(accountId: string, patch: PreferencesPatch): Promise<PreferencesView> {
      for (const [key, value] of Object.entries(patch)) {
        if (ALWAYS_ON.has(key)) {
          if (value.inApp === false || value.email === false) {
            throw badRequest('Security and transactional messages cannot be switched off; they are needed to keep your account safe and usable.', {
              code: 'NOTIFICATION_ALWAYS_ON',
              errors: [{ path: `json.${key}`, message: 'cannot be switched off' }],
            });
          }
        } else if (!SWITCHABLE.has(key)) {
          throw badRequest(`There is no notification type "${key}".`, {
            code: 'UNKNOWN_NOTIFICATION_TYPE',
            errors: [{ path: `json.${key}`, message: 'no such notification type' }],
          });
        }
      }
      const row = await store.preferences(accountId);
      const channels = structuredClone(row?.channels ?? {});
      let marketingEmail = row?.marketingEmail ?? false;
      let changedAt = row?.marketingEmailChangedAt ?? null;
      const now = clock();
      for (const [key, value] of Object.entries(patch)) {
        if (!SWITCHABLE.has(key)) continue;
        const type = key as NotificationType;
        const next = { ...channels[type] };
        if (value.inApp !== undefined) next.inApp = value.inApp;
        if (value.email !== undefined) {
          if (type === 'productNews') {
            if (value.email !== marketingEmail) changedAt = now;
            marketingEmail = value.email;
          } else next.email = value.email;
        }
        channels[type] = next;
      }
      await store.savePreferences({ userId: accountId, channels, marketingEmail, marketingEmailChangedAt: changedAt, now });
      return view(await store.preferences(accountId));
    },

    /** The feed, newest first, with the unread count; expired entries are swept first. */
    async list(accountId: string, query: PageQuery): Promise<Page<NotificationRecord> & { unreadCount: number }> {
      await sweep(clock());
      let after: { createdAt: Date; id: string } | undefined;
      if (query.cursor !== undefined) {
        const [createdAt, id] = decodeCursor(query.cursor, 2);
        const at = new Date(String(createdAt));
        if (Number.isNaN(at.getTime()) || typeof id !== 'string' || !UUID.test(id)) throw invalidCursor();
        after = { createdAt: at, id };
      }
      const rows = await store.listNotifications(accountId, query.limit + 1, after);
      const page = pageOf(rows, query.limit, (row) => [row.createdAt.toISOString(), row.id]);
      return { ...page, unreadCount: await store.unreadCount(accountId) };
    },

    async markRead(accountId: string, id: string): Promise<void> {
      if (!UUID.test(id) || !(await store.markRead(accountId, id, clock()))) throw notificationNotFound();
    },

    async markAllRead(accountId: string): Promise<void> {
      await store.markAllRead(accountId, clock());
    },

    /** Tells the collection's creator and earlier commenters who can still read it (never the author). */
    async commentAdded(event: CommentEvent): Promise<void> {
      await safely(async () => {
        const { collection, actor } = event;
        const ids = new Set([...(collection.createdBy ? [collection.createdBy] : []), ...(await store.commenters(collection.id))]);
        ids.delete(actor.id);
        const readers: Recipient[] = [];
        for (const account of await store.accounts([...ids])) {
          if (await deps.canReadWorkspace(account.id, collection.workspaceId)) readers.push(account);
        }
        const title = `${actor.username} commented on ${collection.name}`;
        await deliver(
          'comments',
          readers.map((recipient) => ({ recipient, title, link: `/w/${collection.workspaceId}` })),
        );
      });
    },

    /**
     * In-app account notices nobody can switch off (P9 "account notices"), e.g. that a team will
     * manage the account (P11); the module that sends them mails them itself.
     */
    async notice(rows: { userId: string; title: string; link: string | null }[]): Promise<void> {
      if (rows.length === 0) return;
      const now = clock();
      await store.addNotifications(rows.map((r) => ({ ...r, type: 'team' as const, now })));
    },

    /** Tells the team's members (and a removed member) what changed; never the one who did it. */
    async teamActivity(event: TeamActivity): Promise<void> {
      await safely(async () => {
        const { team, actor, subject, kind } = event;
        const ids = new Set(await store.teamMemberIds(team.id));
        if (kind === 'removed') ids.add(subject.id);
        ids.delete(actor.id);
        const link = `/teams/${team.slug}`;
        const titleFor = (recipientId: string) => {
          const you = recipientId === subject.id;
          switch (kind) {
            case 'joined':
              return `${subject.username} joined ${team.name}`;
            case 'left':
              return `${subject.username} left ${team.name}`;
            case 'removed':
              return you ? `${actor.username} removed you from ${team.name}` : `${actor.username} removed ${subject.username} from ${team.name}`;
            case 'role-changed': {
              const role = event.role === 'owner' ? 'the owner' : event.role === 'admin' ? 'an admin' : 'a member';
              return `${actor.username} made ${you ? 'you' : subject.username} ${role} of ${team.name}`;
            }
          }
        };
        const recipients = await store.accounts([...ids]);
        await deliver(
          'team',
          recipients.map((recipient) => ({
            recipient,
            title: titleFor(recipient.id),
            link: kind === 'removed' && recipient.id === subject.id ? null : link,
          })),
        );
      });
    },

    /** Tells a workspace's admins that the secret scanner found new secrets in it (P17); never fails the scan. */
    async secretsFound(event: { workspace: { id: string; name: string }; adminIds: string[]; count: number }): Promise<void> {
      await safely(async () => {
        const { workspace, count } = event;
        const title = `${count} new secret${count === 1 ? '' : 's'} found in ${workspace.name}`;
        const recipients = await store.accounts(event.adminIds);
        await deliver(
          'secrets',
          recipients.map((recipient) => ({ recipient, title, link: `/w/${workspace.id}/secrets` })),
        );
      });
    },

    /**
     * Sends product news (marketing) to every active account that opted in and has not restricted
     * marketing use of its data (P25): by email (verified addresses, with one-click unsubscribe)
     * and/or in the app, per each person's switches.
     */
    async sendProductNews(news: { subject: string; text: string }) {
      const audience = await store.productNewsAudience();
      const result = { emailed: 0, notified: 0, skippedRestricted: 0, failed: 0 };
      const now = clock();
      await sweep(now);
      for (const person of audience) {
        if (!person.emailOptIn && !person.inApp) continue;
        if (await isRestricted(person.id, 'marketing')) {
          result.skippedRestricted++;
          continue;
        }
        if (person.inApp) {
          await store.addNotifications([{ userId: person.id, type: 'productNews', title: news.subject, link: null, now }]);
          result.notified++;
        }
        if (person.emailOptIn) {
          try {
            await mailer.send(
              productNewsMessage(person.email, { ...news, unsubscribeUrl: unsubscribeUrl(person.id, 'product-news'), settingsUrl }),
            );
            result.emailed++;
          } catch (error) {
            result.failed++;
            deps.reportError(error);
          }
        }
      }
      return result;
    },

    unsubscribeUrl,

    /** Whether a token is one this instance signed (for the confirmation page; changes nothing). */
    checkUnsubscribe(token: string): boolean {
      return tokens.verify(token) !== undefined;
    },

    /** One-click unsubscribe: no session needed, effective immediately. */
    async unsubscribe(token: string): Promise<void> {
      const found = tokens.verify(token);
      if (!found) throw notFound('This unsubscribe link is not valid.', { code: 'UNSUBSCRIBE_LINK_INVALID' });
      // The account may be gone; the answer stays the same so the link reveals nothing.
      if (await store.exists(found.accountId)) await store.optOutOfMarketing(found.accountId, clock());
    },
  };
}
