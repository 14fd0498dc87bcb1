import { randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { AppError, badRequest, conflict, notFound } from '../../errors.ts';
import type { CurrentUser } from '../../http/env.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { authorizeTeam } from '../../policies/teams.ts';
import type { TeamAction } from '../../policies/teams.ts';
import type { AuditService } from '../audit/service.ts';
import type { EmailChangeService } from '../email-change/service.ts';
import type { TeamStore } from '../teams/store.ts';
import type { TxtLookup } from './dns.ts';
import { emailDomain, maskEmail } from './mask.ts';
import { captureNoticeMessage, captureNoticeTitle } from './messages.ts';
import type { CaptureNotice } from './messages.ts';
import type { DomainRecord, TeamDomainStore } from './store.ts';

/** The DNS name that holds the TXT record, under the domain. */
export const CHALLENGE_LABEL = '_postern-challenge';
/** The TXT record's value is this prefix and the domain's random token. */
export const TXT_PREFIX = 'postern-verification=';
export const DEFAULT_NOTICE_DAYS = 14;
export const APPLY_JOB = 'team-domains.apply';
const DAY_MS = 24 * 60 * 60 * 1000;

/** Lower-case host names with at least two labels, e.g. example.com. */
const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

export interface DomainView {
  domain: DomainRecord;
  record: { name: string; type: 'TXT'; value: string };
  managed: number;
  notified: number;
}

export interface TeamDomainDeps {
  store: TeamDomainStore;
  teams: Pick<TeamStore, 'findWithRole' | 'findTeamById'>;
  lookupTxt: TxtLookup;
  emailChanges: Pick<EmailChangeService, 'approve' | 'deny' | 'awaitingApproval'>;
  audit: Pick<AuditService, 'record'>;
  mailer: Mailer;
  /** Adds in-app notices nobody can switch off (account notices, P9). */
  notify: (rows: { userId: string; title: string; link: string | null }[]) => Promise<void>;
  clock: Clock;
  reportError: (error: unknown) => void;
}

export type TeamDomainService = ReturnType<typeof createTeamDomainService>;

const domainNotFound = () => notFound('This team has not added this domain.', { code: 'DOMAIN_NOT_FOUND' });
const noApproval = () => notFound('No email change of this member waits for this team’s approval.', { code: 'NO_PENDING_APPROVAL' });

/** Normalises and checks a domain typed by a person: lower case, no trailing dot. */
export function normaliseDomain(input: string): string {
  const domain = input.trim().toLowerCase().replace(/\.$/, '');
  if (!DOMAIN.test(domain)) {
    throw badRequest('Enter a domain name such as example.com (no @, no https://).', {
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'body.domain', message: 'must be a domain name such as example.com' }],
    });
  }
  return domain;
}

/**
 * Verified email domains of teams, masked emails and domain capture (P11, P12). Control of a
 * domain is proven by a TXT record; only one team can hold a domain verified. Capture tells every
 * account in the domain first and takes effect after the notice; from then on their email changes
 * wait for a team admin (modules/email-change asks managedBy).
 */
export function createTeamDomainService(deps: TeamDomainDeps) {
  const { store, teams, audit, mailer, clock } = deps;

  async function load(user: CurrentUser, slug: string, action: TeamAction) {
    const found = await teams.findWithRole(slug, user.id);
    // A suspended admin comes back as a plain member (teams/store.ts), so is refused here too.
    authorizeTeam(found?.role ?? null, action);
    return found!.team;
  }

  async function domainOf(teamId: string, input: string): Promise<DomainRecord> {
    const found = await store.find(teamId, input.trim().toLowerCase().replace(/\.$/, ''));
    if (!found) throw domainNotFound();
    return found;
  }

  const recordOf = (d: DomainRecord) => ({ name: `${CHALLENGE_LABEL}.${d.domain}`, type: 'TXT' as const, value: `${TXT_PREFIX}${d.verificationToken}` });

  async function view(d: DomainRecord): Promise<DomainView> {
    return { domain: d, record: recordOf(d), ...(await store.countManaged(d.id, clock())) };
  }

  /** Mails and notifies one person in the domain; a mail failure never stops the others. */
  async function tell(account: { id: string; username: string; email: string }, notice: CaptureNotice, slug: string): Promise<void> {
    try {
      await mailer.send(captureNoticeMessage(account.email, account.username, notice));
    } catch (error) {
      deps.reportError(error);
    }
    await deps.notify([{ userId: account.id, title: captureNoticeTitle(notice.teamName, notice.effectiveAt), link: `/settings/account#managed-${slug}` }]);
  }

  /** The team managing the account now: its notice ran out and the domain is still verified. */
  async function managedBy(userId: string): Promise<{ teamId: string; teamName: string; teamSlug: string } | null> {
    const manager = await store.managerOf(userId);
    if (!manager || manager.effectiveAt.getTime() > clock().getTime()) return null;
    return { teamId: manager.teamId, teamName: manager.teamName, teamSlug: manager.teamSlug };
  }

  /** The member (by username) whose change waits, if this team manages them now. */
  async function managedMember(teamId: string, username: string) {
    const account = await store.findAccountByUsername(username);
    const manager = account && (await managedBy(account.id));
    if (!account || manager?.teamId !== teamId) throw noApproval();
    return account;
  }

  return {
    managedBy,

    /** Which of these accounts the team manages now (notice over, domain still verified), for its member list. */
    async managedMembers(teamId: string, userIds: string[]): Promise<Set<string>> {
      return new Set(userIds.length === 0 ? [] : await store.managedAmong(teamId, userIds, clock()));
    },

    /** Members' emails as the team's owner and admins see them (P12): masked outside its verified domains. */
    async memberEmails(teamId: string, members: { userId: string; email: string }[]): Promise<Map<string, string>> {
      const domains = await store.verifiedDomains(teamId);
      return new Map(members.map((m) => [m.userId, maskEmail(m.email, domains)]));
    },

    async list(user: CurrentUser, slug: string): Promise<DomainView[]> {
      const team = await load(user, slug, 'manageMembers');
      return Promise.all((await store.list(team.id)).map(view));
    },

    async add(user: CurrentUser, slug: string, input: string): Promise<DomainView> {
      const team = await load(user, slug, 'manageMembers');
      const domain = normaliseDomain(input);
      const added = await store.add({ teamId: team.id, domain, verificationToken: randomBytes(18).toString('base64url'), createdAt: clock() });
      if (!added) throw conflict('This team already added this domain.', { code: 'DOMAIN_ALREADY_ADDED' });
      await audit.record({ actorId: user.id, action: 'team.domain_added', targetType: 'team_domain', targetId: added.id, teamId: team.id, details: { domain } });
      return view(added);
    },

    /**
     * Looks the TXT record up (again). Found: verified, with the time. Not found on a domain that
     * was verified: it is no longer, and accounts managed through it are released until it is again.
     */
    async verify(user: CurrentUser, slug: string, input: string): Promise<DomainView> {
      const team = await load(user, slug, 'manageMembers');
      const found = await domainOf(team.id, input);
      const holder = await store.verifiedHolder(found.domain);
      const takenElsewhere = () =>
        conflict('Another team on this instance already verified this domain; a domain can be verified by one team only.', {
          code: 'DOMAIN_VERIFIED_BY_ANOTHER_TEAM',
        });
      if (holder && holder.team.id !== team.id) throw takenElsewhere();
      const { name, value } = recordOf(found);
      const answer = await deps.lookupTxt(name);
      const now = clock();
      if (answer.kind === 'records' && answer.records.includes(value)) {
        if (!(await store.markVerified(found.id, now))) throw takenElsewhere();
        await audit.record({
          actorId: user.id,
          action: found.verifiedAt ? 'team.domain_rechecked' : 'team.domain_verified',
          targetType: 'team_domain',
          targetId: found.id,
          teamId: team.id,
          details: { domain: found.domain },
        });
        return view((await store.find(team.id, found.domain))!);
      }
      if (answer.kind === 'failed') {
        throw new AppError(502, 'DNS_LOOKUP_FAILED', `The DNS lookup of ${name} failed (${answer.code}); nothing changed. Try again in a few minutes.`);
      }
      await store.markUnverified(found.id, now);
      if (found.verifiedAt) {
        await audit.record({ actorId: user.id, action: 'team.domain_verification_lost', targetType: 'team_domain', targetId: found.id, teamId: team.id, details: { domain: found.domain } });
      }
      const [code, detail] =
        answer.kind === 'nxdomain'
          ? ['DNS_NAME_NOT_FOUND', `The name ${name} does not exist in DNS. Add a TXT record there with the value ${value}, wait for it to publish, then verify again.`]
          : answer.kind === 'no-records'
            ? ['DNS_RECORD_MISSING', `${name} has no TXT record. Add one with the value ${value}, wait for it to publish, then verify again.`]
            : ['DNS_RECORD_MISMATCH', `${name} has TXT records, but none is ${value}. Check the value (copy it whole), then verify again.`];
      throw new AppError(422, code, detail);
    },

    /** Removes the domain; accounts managed through it are released (their rows go with it). */
    async remove(user: CurrentUser, slug: string, input: string): Promise<void> {
      const team = await load(user, slug, 'manageMembers');
      const found = await domainOf(team.id, input);
      await store.remove(found.id);
      await audit.record({ actorId: user.id, action: 'team.domain_removed', targetType: 'team_domain', targetId: found.id, teamId: team.id, details: { domain: found.domain } });
    },

    /**
     * Starts managing the accounts in a verified domain (owner only). Every account in the domain
     * is told now, by email and in the app; management takes effect after `noticeDays`.
     */
    async startCapture(user: CurrentUser, slug: string, input: string, options: { noticeDays: number; contact?: string | undefined }): Promise<DomainView> {
      const team = await load(user, slug, 'transfer');
      const found = await domainOf(team.id, input);
      if (!found.verifiedAt) {
        throw conflict('Verify the domain first: only a verified domain’s accounts can be managed.', { code: 'DOMAIN_NOT_VERIFIED' });
      }
      if (found.captureStartedAt) throw conflict('Managing accounts in this domain has already started.', { code: 'CAPTURE_ALREADY_STARTED' });
      const now = clock();
      const effectiveAt = new Date(now.getTime() + options.noticeDays * DAY_MS);
      await store.startCapture(found.id, { startedAt: now, noticeDays: options.noticeDays, effectiveAt });
      const accounts = await store.accountsIn(found.domain);
      await store.addManaged(accounts.map((a) => ({ userId: a.id, teamId: team.id, domainId: found.id, notifiedAt: now, effectiveAt })));
      const notice: CaptureNotice = { now, teamName: team.name, domain: found.domain, effectiveAt, ownerUsername: user.username, contact: options.contact };
      for (const account of accounts) await tell(account, notice, team.slug);
      await audit.record({
        actorId: user.id,
        action: 'team.domain_capture_started',
        targetType: 'team_domain',
        targetId: found.id,
        teamId: team.id,
        details: { domain: found.domain, noticeDays: options.noticeDays, notified: accounts.length },
      });
      return view((await store.find(team.id, found.domain))!);
    },

    /**
     * After sign-up: an address in a captured domain is managed at once. The sign-up page told the
     * person before they signed up (GET /api/team-domains/lookup); the notice is sent as well.
     */
    async afterSignUp(account: { id: string; username: string; email: string }): Promise<void> {
      const holder = await store.verifiedHolder(emailDomain(account.email));
      if (!holder?.domain.captureStartedAt) return;
      const now = clock();
      await store.addManaged([{ userId: account.id, teamId: holder.team.id, domainId: holder.domain.id, notifiedAt: now, effectiveAt: now }]);
      const owner = await store.ownerUsername(holder.team.id);
      await tell(account, { now, teamName: holder.team.name, domain: holder.domain.domain, effectiveAt: now, ownerUsername: owner ?? 'unknown' }, holder.team.slug);
    },

    /** Records accounts whose notice ran out (audit account.managed) and tells them; for the hourly job. */
    async applyDue(): Promise<number> {
      const now = clock();
      const due = await store.dueUnrecorded(now);
      await store.markRecorded(
        due.map((d) => d.userId),
        now,
      );
      for (const row of due) {
        await audit.record({ actorId: null, action: 'account.managed', targetType: 'user', targetId: row.userId, teamId: row.teamId });
      }
      return due.length;
    },

    /** Which team holds the domain of `email` verified, and whether it manages accounts there (for warnings). */
    async lookup(email: string): Promise<{ domain: string; team: string | null; managed: boolean }> {
      const domain = emailDomain(email);
      const holder = domain ? await store.verifiedHolder(domain) : undefined;
      return { domain, team: holder?.team.name ?? null, managed: Boolean(holder?.domain.captureStartedAt) };
    },

    /** The signed-in person's own status: who manages the account (or will), and a change waiting for approval. */
    async myStatus(userId: string) {
      const manager = await store.managerOf(userId);
      return {
        managedBy: manager ? { team: manager.teamName, domain: manager.domain, effectiveAt: manager.effectiveAt, active: manager.effectiveAt.getTime() <= clock().getTime() } : null,
        pendingApproval: await deps.emailChanges.awaitingApproval(userId),
      };
    },

    /** Email changes waiting for this team's approval; addresses masked outside its verified domains (P12). */
    async approvals(user: CurrentUser, slug: string) {
      const team = await load(user, slug, 'manageMembers');
      const domains = await store.verifiedDomains(team.id);
      const rows = await store.pendingApprovals(team.id, clock());
      return rows.map((r) => ({
        username: r.username,
        displayName: r.displayName,
        currentEmail: maskEmail(r.currentEmail, domains),
        newEmail: maskEmail(r.newEmail, domains),
        requestedAt: r.requestedAt,
      }));
    },

    async approve(user: CurrentUser, slug: string, username: string): Promise<void> {
      const team = await load(user, slug, 'manageMembers');
      const account = await managedMember(team.id, username);
      await deps.emailChanges.approve(account.id, { actorId: user.id, teamId: team.id }).catch((error: unknown) => {
        throw error instanceof AppError && error.code === 'NO_PENDING_APPROVAL' ? noApproval() : error;
      });
    },

    async deny(user: CurrentUser, slug: string, username: string): Promise<void> {
      const team = await load(user, slug, 'manageMembers');
      const account = await managedMember(team.id, username);
      await deps.emailChanges.deny(account.id, { actorId: user.id, teamId: team.id, teamName: team.name }).catch((error: unknown) => {
        throw error instanceof AppError && error.code === 'NO_PENDING_APPROVAL' ? noApproval() : error;
      });
    },

    /** Tells the managing team's owner and admins that a change waits for them. */
    async awaiting(userId: string, manager: { teamId: string }): Promise<void> {
      const team = await teams.findTeamById(manager.teamId);
      if (!team) return;
      const admins = await store.adminIds(team.id);
      await deps.notify(admins.map((id) => ({ userId: id, title: `An email change in ${team.name} waits for your approval`, link: `/teams/${team.slug}/admin/domains` })));
    },
  };
}
