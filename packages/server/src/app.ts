import type { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import { systemClock } from './clock.ts';
import { createInlineJobQueue } from './jobs/queue.ts';
import type { JobQueue } from './jobs/queue.ts';
import { createAuditService } from './modules/audit/service.ts';
import { createAuditStore } from './modules/audit/store.ts';
import { registerAuditRoutes } from './modules/audit/routes.ts';
import { createAuditLog } from './modules/audit/search.ts';
import { registerIncidentRoutes } from './modules/incidents/routes.ts';
import { createIncidentService } from './modules/incidents/service.ts';
import { createIncidentStore } from './modules/incidents/store.ts';
import type { Clock } from './clock.ts';
import { createSecretBox, generateSecretKey } from './crypto/secret-box.ts';
import type { DatabaseHandle } from './db/database.ts';
import { DEFAULT_BODY_LIMITS, bodyLimits } from './http/body-limits.ts';
import { resolveClientAddress } from './http/client-address.ts';
import { CORRELATION_ID_HEADER } from './http/env.ts';
import type { AppEnv } from './http/env.ts';
import { problemErrorHandler, problemNotFoundHandler } from './http/problem.ts';
import type { ErrorReporter } from './http/problem.ts';
import { createRouter } from './http/router.ts';
import type { Mailer } from './mail/mailer.ts';
import { createOutboxMailer } from './mail/outbox-mailer.ts';
import { createSmtpMailer } from './mail/smtp-mailer.ts';
import { applyRateLimits } from './http/rate-limit-rules.ts';
import { DEFAULT_RATE_LIMITS } from './http/rate-limit.ts';
import type { RateLimits } from './http/rate-limit.ts';
import { registerOutboxRoutes } from './modules/outbox/routes.ts';
import { createOutboxService } from './modules/outbox/service.ts';
import { createOutboxStore } from './modules/outbox/store.ts';
import { createRateLimiter } from './modules/rate-limits/service.ts';
import { createRateLimitStore } from './modules/rate-limits/store.ts';
import { registerRecoveryRoutes } from './modules/recovery/routes.ts';
import { registerEmailChangeRoutes } from './modules/email-change/routes.ts';
import { createEmailChangeService } from './modules/email-change/service.ts';
import { createRecoveryService } from './modules/recovery/service.ts';
import { createEmailTokenStore } from './modules/recovery/store.ts';
import { createArgon2Hasher } from './modules/accounts/passwords.ts';
import type { PasswordHashingOptions } from './modules/accounts/passwords.ts';
import { registerAccountRoutes } from './modules/accounts/routes.ts';
import { apiKeyScopes } from './modules/api-keys/middleware.ts';
import { registerApiKeyRoutes } from './modules/api-keys/routes.ts';
import { createApiKeyService } from './modules/api-keys/service.ts';
import { createApiKeyStore } from './modules/api-keys/store.ts';
import { registerOAuthAppRoutes } from './modules/oauth-apps/routes.ts';
import { ACCESS_TOKEN_PREFIX, createOAuthService } from './modules/oauth-apps/service.ts';
import { createOAuthStore } from './modules/oauth-apps/store.ts';
import { registerOAuthTokenRoutes } from './modules/oauth-apps/token-routes.ts';
import { createAccountService } from './modules/accounts/service.ts';
import { createAccountStore } from './modules/accounts/store.ts';
import { registerApiDocsRoutes } from './modules/api-docs/routes.ts';
import { registerHealthRoutes } from './modules/health/routes.ts';
import { registerHomeRoutes } from './modules/home/routes.ts';
import { WEB_DIST } from './modules/home/web-dist.ts';
import { SESSION_COOKIE } from './modules/sessions/cookies.ts';
import { authenticate, csrfProtection } from './modules/sessions/middleware.ts';
import { registerSessionRoutes } from './modules/sessions/routes.ts';
import { createSessionService } from './modules/sessions/service.ts';
import { createSessionStore } from './modules/sessions/store.ts';
import { createOidcClient } from './modules/identities/oidc-client.ts';
import type { OidcSettings } from './modules/identities/oidc-client.ts';
import { registerIdentityRoutes } from './modules/identities/routes.ts';
import { createIdentityService } from './modules/identities/service.ts';
import { createIdentityStore } from './modules/identities/store.ts';
import { registerProfileRoutes } from './modules/profiles/routes.ts';
import { createProfileService } from './modules/profiles/service.ts';
import { createProfileStore } from './modules/profiles/store.ts';
import { registerTwoFactorRoutes } from './modules/two-factor/routes.ts';
import { createTwoFactorService } from './modules/two-factor/service.ts';
import { createTwoFactorStore } from './modules/two-factor/store.ts';
import { registerInvitationRoutes } from './modules/teams/invitation-routes.ts';
import { registerTeamRoutes } from './modules/teams/routes.ts';
import { createTeamService } from './modules/teams/service.ts';
import { createTeamStore } from './modules/teams/store.ts';
import { createTxtLookup } from './modules/team-domains/dns.ts';
import { registerTeamDomainRoutes } from './modules/team-domains/routes.ts';
import { APPLY_JOB, createTeamDomainService } from './modules/team-domains/service.ts';
import { createTeamDomainStore } from './modules/team-domains/store.ts';
import { registerWorkspaceRoutes } from './modules/workspaces/routes.ts';
import { registerContentRoutes } from './modules/content.ts';
import { createWorkspaceService } from './modules/workspaces/service.ts';
import { createWorkspaceStore } from './modules/workspaces/store.ts';
import { createWorkspaceAccess } from './policies/workspaces.ts';
import { contextStorage } from 'hono/context-storage';
import { registerOperatorAccessRoutes } from './modules/operator-access/routes.ts';
import { auditOperatorRead, createOperatorAccessService } from './modules/operator-access/service.ts';
import { createOperatorAccessStore } from './modules/operator-access/store.ts';
import { OPEN_EGRESS, createEgressGuard } from './egress/policy.ts';
import type { EgressSettings } from './egress/policy.ts';
import type { NetworkLocator } from './geoip/network-locator.ts';
import { registerImportRoutes } from './modules/imports/routes.ts';
import { MAX_IMPORT_BYTES, createUrlImportService } from './modules/imports/service.ts';
import { registerUploadImportRoutes } from './modules/imports/upload-routes.ts';
import { createUploadImportService } from './modules/imports/upload-service.ts';
import { registerSendRoutes } from './modules/send/routes.ts';
import { createSendService } from './modules/send/service.ts';
import { registerHistoryRoutes } from './modules/history/routes.ts';
import { createHistoryService } from './modules/history/service.ts';
import { createHistoryStore } from './modules/history/store.ts';
import { registerRunRoutes } from './modules/runs/routes.ts';
import { registerPolicyRoutes } from './modules/policies/routes.ts';
import { registerDataMapRoutes } from './modules/datamap-api/routes.ts';
import { createPolicyService } from './modules/policies/service.ts';
import { createPolicyStore } from './modules/policies/store.ts';
import { registerUnderageReportRoutes } from './modules/underage-reports/routes.ts';
import { createUnderageReportService } from './modules/underage-reports/service.ts';
import { createUnderageReportStore } from './modules/underage-reports/store.ts';
import { createRunService, type RunLimits } from './modules/runs/service.ts';
import { createRunStore } from './modules/runs/store.ts';
import { registerMonitors } from './modules/monitors/module.ts';
import { registerCommunicationsRoutes } from './modules/communications/routes.ts';
import { UNSUBSCRIBE_PATH, createCommunicationsService } from './modules/communications/service.ts';
import type { RestrictionCheck } from './modules/communications/service.ts';
import { createCommunicationsStore } from './modules/communications/store.ts';
import { createUnsubscribeTokens } from './modules/communications/unsubscribe-token.ts';
import { registerConsentRoutes } from './modules/consent/routes.ts';
import { createConsentService } from './modules/consent/service.ts';
import { createConsentStore } from './modules/consent/store.ts';
import { registerRestrictionRoutes } from './modules/restrictions/routes.ts';
import { createRestrictionService } from './modules/restrictions/service.ts';
import { createRestrictionStore } from './modules/restrictions/store.ts';
import { registerAnalyticsRoutes } from './modules/analytics/routes.ts';
import { createAnalyticsService } from './modules/analytics/service.ts';
import { createAnalyticsStore } from './modules/analytics/store.ts';
import { registerAccountDeletionRoutes } from './modules/account-deletion/routes.ts';
import { DEFAULT_DELETION_GRACE_DAYS, ERASE_JOB, createAccountDeletionService } from './modules/account-deletion/service.ts';
import { openAccountPurger } from './modules/account-deletion/purger.ts';
import { createRetention, scheduleRetention } from './modules/retention/job.ts';
import { registerSupportTicketRoutes } from './modules/support-tickets/routes.ts';
import { createSupportTicketService } from './modules/support-tickets/service.ts';
import { createSupportTicketStore } from './modules/support-tickets/store.ts';
import { registerBillingRoutes } from './modules/billing/routes.ts';
import { createBillingService } from './modules/billing/service.ts';
import { registerSecretFindingRoutes } from './modules/secret-findings/routes.ts';
import { createSecretFindingsService, scheduleSecretScans } from './modules/secret-findings/service.ts';
import { createSecretFindingStore } from './modules/secret-findings/store.ts';
import { createAccountDeletionStore } from './modules/account-deletion/store.ts';
import { registerPrivacyRequestRoutes } from './modules/privacy-requests/routes.ts';
import { createPrivacyRequestService } from './modules/privacy-requests/service.ts';
import { createPrivacyRequestStore } from './modules/privacy-requests/store.ts';
import { subjectRows } from './db/datamap/index.ts';
import { registerDataExportRoutes } from './modules/data-exports/routes.ts';
import { createDataExportService } from './modules/data-exports/service.ts';
import { createDataExportStore } from './modules/data-exports/store.ts';
import { registerWebhookRoutes } from './modules/webhooks/routes.ts';
import { createWebhookService } from './modules/webhooks/service.ts';
import { createWebhookStore } from './modules/webhooks/store.ts';
import { scheduleWebhooks, webhookHooks } from './modules/webhooks/hooks.ts';
import { openHostedMocks } from './modules/mocks/hosted.ts';

export const DEFAULT_BODY_LIMIT_BYTES = DEFAULT_BODY_LIMITS.default;
/** Where links in emails point when PUBLIC_URL is unset: `postern serve` on its default port. */
export const DEFAULT_PUBLIC_URL = 'http://localhost:4400';

export interface AppDeps {
  database: DatabaseHandle;
  /** Largest request body accepted, in bytes (default 1 MiB). */
  bodyLimitBytes?: number;
  /** Largest collection, environment or globals document accepted, in bytes (default 32 MiB). */
  documentBodyLimitBytes?: number;
  /** Receives unexpected errors (answered as a bare 500); defaults to one line on stderr. */
  reportError?: ErrorReporter;
  /** The instance's public address; an https:// one makes the session cookies Secure. */
  publicUrl?: string;
  clock?: Clock;
  /** Argon2id cost; leave unset in production (tests lower it to stay fast). */
  passwordHashing?: PasswordHashingOptions;
  /** Where email goes; defaults to SMTP when `smtpUrl` is set, else the local outbox. */
  mailer?: Mailer;
  /** smtp:// or smtps:// URL of the mail server (SMTP_URL). */
  smtpUrl?: string;
  /** From header of outgoing mail (MAIL_FROM); default `Postern <postern@localhost>`. */
  mailFrom?: string;
  /** Read the client address from X-Forwarded-For (TRUST_PROXY); only behind a proxy that sets it. */
  trustProxy?: boolean;
  /**
   * Rate limits of sign-in, sign-up, password reset and verification (defaults: DEFAULT_RATE_LIMITS).
   * `false` turns them off, for tests that make many requests from one in-process client.
   */
  rateLimits?: Partial<RateLimits> | false;
  /** 32-byte key for secrets at rest (AES-256-GCM); a random one per app when unset (tests). */
  secretKey?: Buffer;
  /** OpenID Connect sign-in (OIDC_* settings); the sign-in button is hidden when unset. */
  oidc?: OidcSettings;
  /** Folder of the built web app served at `/`; defaults to packages/web/dist. */
  webDist?: string;
  /** What server-side sending may reach (POSTERN_EGRESS/_ALLOW); everything when unset. */
  egress?: EgressSettings;
  /** Names a session's network as a place (POSTERN_GEOIP_DB); sessions show only the network when unset. */
  locateNetwork?: NetworkLocator;
  /** Collection runs going on at once, per person and per instance (default 2 and 4). */
  runLimits?: RunLimits;
  /** Longest attempt of one monitor run, in ms (default 5 minutes). */
  monitorRunTimeLimitMs?: number;
  /** Whether an account restricted a use of its data (P25); defaults to the stored switches of /api/me/restrictions. */
  isRestricted?: RestrictionCheck;
  /** Background jobs (exports, erasure, retention); defaults to running them inline in this process. */
  jobs?: JobQueue;
  /** Days between a deletion request and the purge, while the owner can restore the account (POSTERN_DELETION_GRACE_DAYS; default 15). */
  accountDeletionGraceDays?: number;
  /** DNS server (`ip:port`) for verifying teams' email domains (POSTERN_DNS_RESOLVER); the system resolver when unset. */
  dnsResolver?: string;
  /** Longest operator access grant in hours (POSTERN_OPERATOR_ACCESS_MAX_HOURS; default 72, P16). */
  operatorAccessMaxHours?: number;
}

/** Requests that create a session rather than use one, so they need no CSRF token. */
const CSRF_EXEMPT = ['POST /api/oauth/token', 'POST /api/oauth/revoke', 'POST /api/accounts', 'POST /api/sessions'];

export const API_INFO = { title: 'Postern API', version: '0.1.0' };

const reportToStderr: ErrorReporter = (error, correlationId) => {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`[postern] unexpected error (correlation id ${correlationId}): ${message}\n`);
};

/** Composes the HTTP application from its dependencies; it opens nothing and listens nowhere. */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = createRouter();
  app.use(requestId({ headerName: CORRELATION_ID_HEADER, limitLength: 128 }));
  app.use(
    bodyLimits({
      default: deps.bodyLimitBytes ?? DEFAULT_BODY_LIMITS.default,
      documents: deps.documentBodyLimitBytes ?? DEFAULT_BODY_LIMITS.documents,
    }),
  );
  app.onError(problemErrorHandler(deps.reportError ?? reportToStderr));
  app.notFound(problemNotFoundHandler);

  const clock = deps.clock ?? systemClock;
  const secretKey = deps.secretKey ?? generateSecretKey();
  const secretBox = createSecretBox(secretKey);
  const jobs = deps.jobs ?? createInlineJobQueue((name, error) => (deps.reportError ?? reportToStderr)(error, `job:${name}`));
  const audit = createAuditService({ store: createAuditStore(deps.database.db), clock });
  const cookies = { secure: deps.publicUrl?.startsWith('https://') ?? false };
  const accounts = createAccountService({
    accounts: createAccountStore(deps.database.db),
    passwords: createArgon2Hasher(deps.passwordHashing),
    clock,
    audit,
  });
  const sessions = createSessionService({
    store: createSessionStore(deps.database.db),
    clock,
    audit,
    ...(deps.locateNetwork && { locateNetwork: deps.locateNetwork }),
  });
  const outbox = createOutboxService({ store: createOutboxStore(deps.database.db), clock });
  const mailer =
    deps.mailer ??
    (deps.smtpUrl ? createSmtpMailer({ url: deps.smtpUrl, ...(deps.mailFrom && { from: deps.mailFrom }) }) : createOutboxMailer(outbox));
  const reportError = deps.reportError ?? reportToStderr;
  const recovery = createRecoveryService({
    tokens: createEmailTokenStore(deps.database.db),
    accounts,
    sessions,
    mailer,
    clock,
    // Without PUBLIC_URL, links assume the default address of `postern serve`.
    publicUrl: deps.publicUrl ?? DEFAULT_PUBLIC_URL,
    reportError: (error) => reportError(error, 'mail'),
  });
  const apiKeys = createApiKeyService({ store: createApiKeyStore(deps.database.db), clock });
  const twoFactor = createTwoFactorService({
    store: createTwoFactorStore(deps.database.db),
    box: secretBox,
    clock,
    verifyPassword: accounts.verifyPassword,
  });
  // Lets the workspace policy name the route an operator read under a grant (P16).
  app.use('/api/*', contextStorage());
  app.use('/api/*', resolveClientAddress(deps.trustProxy ?? false));
  // Third-party apps (OAuth 2, P14): their access tokens authenticate like API keys, limited to the granted scopes.
  const oauth = createOAuthService({ store: createOAuthStore(deps.database.db), teams: createTeamStore(deps.database.db), audit, clock });
  const bearer = { resolve: (token: string) => (token.startsWith(ACCESS_TOKEN_PREFIX) ? oauth.resolve(token) : apiKeys.resolve(token)) };
  app.use('/api/*', authenticate(sessions, bearer, cookies));
  const csrf = csrfProtection(CSRF_EXEMPT);
  // RFC 8058 one-click unsubscribe: mail providers POST it without cookies; a signed token is the credential.
  const oneClickUnsubscribe = new RegExp(`^${UNSUBSCRIBE_PATH}/[A-Za-z0-9_-]+$`);
  app.use('/api/*', (c, next) => (c.req.method === 'POST' && oneClickUnsubscribe.test(c.req.path) ? next() : csrf(c, next)));
  app.use('/api/*', apiKeyScopes());

  registerHealthRoutes(app, deps.database);
  registerApiDocsRoutes(app);
  registerHomeRoutes(app, { webDist: deps.webDist ?? WEB_DIST });
  if (deps.rateLimits !== false) {
    applyRateLimits(app, {
      limiter: createRateLimiter({ store: createRateLimitStore(deps.database.db), clock }),
      limits: { ...DEFAULT_RATE_LIMITS, ...deps.rateLimits },
      trustProxy: deps.trustProxy ?? false,
    });
  }
  // The one authorization path for workspaces and everything inside them (P10): modules holding
  // workspace content receive this instance and call require() before touching it.
  const operatorAccessStore = createOperatorAccessStore(deps.database.db);
  const workspaceAccess = createWorkspaceAccess(deps.database.db, {
    clock,
    onOperatorRead: auditOperatorRead({ store: operatorAccessStore, audit }),
  });
  // Operator access to private workspaces (P16): grants here, enforcement and read log in the policy.
  registerOperatorAccessRoutes(app, {
    operatorAccess: createOperatorAccessService({
      store: operatorAccessStore,
      access: workspaceAccess,
      audit,
      mailer,
      feed: createCommunicationsStore(deps.database.db),
      clock,
      publicUrl: deps.publicUrl ?? DEFAULT_PUBLIC_URL,
      ...(deps.operatorAccessMaxHours !== undefined && { maxHours: deps.operatorAccessMaxHours }),
      reportError: (error) => reportError(error, 'operator-access'),
    }),
  });
  // Secret scanning (P17): every save is scanned by a background job, findings are kept masked and
  // hashed, a daily job re-scans everything, and a workspace with active findings cannot go public.
  const secretFindings = createSecretFindingsService({
    store: createSecretFindingStore(deps.database.db),
    access: workspaceAccess,
    audit,
    jobs,
    clock,
    notify: async (event) => {
      await communications.secretsFound(event);
      await webhookEvents.secretsFound(event);
    },
    reportError: (error) => reportError(error, 'secrets'),
  });
  scheduleSecretScans(jobs, secretFindings, (error) => reportError(error, 'secrets'));
  registerSecretFindingRoutes(app, { findings: secretFindings });
  // Outgoing webhooks of teams and workspaces (issue #8): signed deliveries sent by jobs through
  // the egress guard (the same rules as every server-side send, built from the same settings).
  const webhooks = createWebhookService({
    store: createWebhookStore(deps.database.db),
    guard: createEgressGuard(deps.egress ?? OPEN_EGRESS),
    box: secretBox,
    jobs,
    mailer,
    audit,
    clock,
    access: workspaceAccess,
    findTeam: createTeamStore(deps.database.db).findWithRole,
    publicUrl: deps.publicUrl ?? DEFAULT_PUBLIC_URL,
    reportError: (error) => reportError(error, 'webhooks'),
  });
  const webhookEvents = webhookHooks(webhooks.emit);
  scheduleWebhooks(jobs, webhooks, (error) => reportError(error, 'webhooks'));
  registerWebhookRoutes(app, { webhooks });
  const workspaces = createWorkspaceService({
    store: createWorkspaceStore(deps.database.db),
    onVisibilityChanged: webhookEvents.visibilityChanged,
    access: workspaceAccess,
    clock,
    beforePublic: secretFindings.assertPublishable,
    audit,
  });
  // Restriction of use (P25): asked at the point of use by communications and analytics.
  const restrictions = createRestrictionService({ store: createRestrictionStore(deps.database.db), clock });
  registerRestrictionRoutes(app, { restrictions });
  const isRestricted = deps.isRestricted ?? restrictions.isRestricted;
  // Notification preferences, the in-app feed, product news and one-click unsubscribe (P9, P22).
  const communications = createCommunicationsService({
    store: createCommunicationsStore(deps.database.db),
    mailer,
    tokens: createUnsubscribeTokens(secretKey),
    clock,
    publicUrl: deps.publicUrl ?? DEFAULT_PUBLIC_URL,
    canReadWorkspace: async (id, workspaceId) => (await workspaceAccess.roleOf({ id, username: '', operator: false }, workspaceId)) !== null,
    isRestricted,
    reportError: (error) => reportError(error, 'notifications'),
  });
  registerCommunicationsRoutes(app, { communications, publicUrl: deps.publicUrl ?? DEFAULT_PUBLIC_URL });
  const teams = createTeamService({
    store: createTeamStore(deps.database.db),
    mailer,
    clock,
    publicUrl: deps.publicUrl ?? DEFAULT_PUBLIC_URL,
    onActivity: async (event) => {
      await communications.teamActivity(event);
      await webhookEvents.teamActivity(event);
    },
    audit,
    // P12: members' emails for owners and admins, masked outside the team's verified domains.
    memberEmails: (teamId, members) => teamDomains.memberEmails(teamId, members),
    managedMembers: (teamId, userIds) => teamDomains.managedMembers(teamId, userIds),
  });
  // Email change with confirmation of the new address (P23), on the recovery module's links.
  const emailChanges = createEmailChangeService({
    accounts,
    links: recovery.links,
    audit,
    mailer,
    clock,
    reportError: (error) => reportError(error, 'mail'),
    // P11: a managed account's change waits for its team's admins (team-domains, below).
    approval: { managedBy: (userId) => teamDomains.managedBy(userId), onAwaiting: (userId, team) => teamDomains.awaiting(userId, team) },
  });
  // Verified email domains, masked emails and domain capture (P11, P12).
  const teamDomains = createTeamDomainService({
    store: createTeamDomainStore(deps.database.db),
    teams: createTeamStore(deps.database.db),
    lookupTxt: createTxtLookup(deps.dnsResolver),
    emailChanges,
    audit,
    mailer,
    notify: communications.notice,
    clock,
    reportError: (error) => reportError(error, 'team-domains'),
  });
  registerTeamDomainRoutes(app, { domains: teamDomains });
  jobs.work(APPLY_JOB, async () => {
    await teamDomains.applyDue();
  });
  jobs.schedule(APPLY_JOB, '7 * * * *', {}, { tz: 'UTC' }).catch((error: unknown) => reportError(error, 'team-domains'));
  registerAccountRoutes(app, {
    accounts,
    sessions,
    cookies,
    afterSignUp: async (user) => {
      await workspaces.ensurePersonal(user);
      await recovery.welcome(user);
      // An address in a captured domain: managed from now on, and told (P11); never fails the sign-up.
      await teamDomains.afterSignUp(user).catch((error: unknown) => reportError(error, 'team-domains'));
    },
    pendingEmail: emailChanges.pendingEmail,
  });
  registerRecoveryRoutes(app, { recovery });
  registerEmailChangeRoutes(app, { emailChanges });
  registerOutboxRoutes(app, { outbox });
  registerSessionRoutes(app, { accounts, sessions, twoFactor, cookies, audit });
  registerApiKeyRoutes(app, { apiKeys, audit });
  registerTwoFactorRoutes(app, { twoFactor, audit });
  // The history of sent requests (P2), kept as long as each person chose (P19, P25).
  const history = createHistoryService({
    store: createHistoryStore(deps.database.db),
    access: workspaceAccess,
    clock,
    reportError: (error) => reportError(error, 'history'),
  });
  registerHistoryRoutes(app, { history });
  registerProfileRoutes(app, {
    profiles: createProfileService({ store: createProfileStore(deps.database.db), clock, onPreferencesChanged: history.applyPreferences }),
  });
  const oidcRedirectUri = `${deps.publicUrl ?? DEFAULT_PUBLIC_URL}/api/auth/oidc/callback`;
  const identities = createIdentityService({
    store: createIdentityStore(deps.database.db),
    accounts,
    oidc: deps.oidc && { client: createOidcClient(deps.oidc), name: deps.oidc.name, redirectUri: oidcRedirectUri },
    box: secretBox,
    clock,
  });
  registerIdentityRoutes(app, {
    identities,
    sessions,
    cookies,
    redirectUri: oidcRedirectUri,
    // Single sign-on sign-ups in a captured domain are managed too (P11); never fails the sign-up.
    afterSignUp: (user) => teamDomains.afterSignUp(user).catch((error: unknown) => reportError(error, 'team-domains')),
  });
  registerTeamRoutes(app, { teams });
  // The audit log for team admins and the operator, and security incidents (P15, P18).
  registerAuditRoutes(app, { auditLog: createAuditLog({ db: deps.database.db, audit }) });
  registerIncidentRoutes(app, {
    incidents: createIncidentService({
      store: createIncidentStore(deps.database.db),
      teams: createTeamStore(deps.database.db),
      sessions,
      audit,
      clock,
    }),
  });
  registerInvitationRoutes(app, { teams });
  registerOAuthAppRoutes(app, { oauth });
  registerOAuthTokenRoutes(app, { oauth, findAccount: accounts.findAccount });
  registerWorkspaceRoutes(app, { workspaces });
  // Hosted mock servers at /mock/<id> (issue #9): a collection's examples, with a call log.
  const hostedMocks = openHostedMocks(app, {
    db: deps.database.db,
    access: workspaceAccess,
    box: secretBox,
    apiKeys,
    audit,
    clock,
    publicUrl: deps.publicUrl ?? DEFAULT_PUBLIC_URL,
    reportError: (error) => reportError(error, 'mocks'),
  });
  // Collections, environments, history, forks, pull requests and comments (P2).
  const content = registerContentRoutes(app, {
    db: deps.database.db,
    access: workspaceAccess,
    box: secretBox,
    clock,
    onCommentAdded: communications.commentAdded,
    onContentSaved: {
      saved: async (kind, id, actorId) => {
        // Hosted mocks serve a prepared copy of their collection and environment: drop it first.
        if (kind !== 'globals') await hostedMocks.sourceChanged(kind, id);
        await secretFindings.queueScan(kind, id, actorId);
      },
      removed: async (kind, id) => {
        await hostedMocks.sourceChanged(kind, id);
        await secretFindings.forgetItem(kind, id);
      },
    },
    onCollectionChange: webhookEvents.collectionChanged,
    onEnvironmentChange: webhookEvents.environmentChanged,
  });
  // Every server-side send goes through this one guard (SSRF).
  const egress = createEgressGuard(deps.egress ?? OPEN_EGRESS);
  registerSendRoutes(app, { sender: createSendService({ guard: egress, clock, collections: content.collections }), history });
  const importSender = createSendService({ guard: egress, clock, maxResponseBytes: MAX_IMPORT_BYTES });
  registerImportRoutes(app, { imports: createUrlImportService({ access: workspaceAccess, sender: importSender, ...content }) });
  // Import from files in other formats (OpenAPI, cURL, HAR, Insomnia, Bruno…) and export to them.
  registerUploadImportRoutes(app, { uploads: createUploadImportService({ access: workspaceAccess, ...content }), collections: content.collections });
  // Collection runs in the background of this process, through the same egress guard.
  const runs = createRunService({
    store: createRunStore(deps.database.db),
    ...content,
    guard: egress,
    clock,
    ...(deps.runLimits && { limits: deps.runLimits }),
    reportError: (error) => reportError(error, 'runs'),
  });
  registerRunRoutes(app, { runs });
  // Monitors (issue #9): collections run on a cron schedule by the job queue's workers.
  registerMonitors(app, {
    db: deps.database.db,
    access: workspaceAccess,
    ...content,
    runs,
    guard: egress,
    jobs,
    mailer,
    audit,
    clock,
    publicUrl: deps.publicUrl ?? DEFAULT_PUBLIC_URL,
    ...(deps.monitorRunTimeLimitMs !== undefined && { runTimeLimitMs: deps.monitorRunTimeLimitMs }),
    reportError: (error) => reportError(error, 'monitors'),
  });
  // Versioned policies, their banners and announcement emails (P28); currentVersion() for others.
  const policies = createPolicyService({
    store: createPolicyStore(deps.database.db),
    mailer,
    clock,
    publicUrl: deps.publicUrl ?? DEFAULT_PUBLIC_URL,
    reportError: (error) => reportError(error, 'policies'),
  });
  registerPolicyRoutes(app, { policies, findAccount: accounts.findAccount });
  registerDataMapRoutes(app);
  // Reports of accounts held by children (P7).
  registerUnderageReportRoutes(app, {
    reports: createUnderageReportService({
      store: createUnderageReportStore(deps.database.db),
      mailer,
      clock,
      reportError: (error) => reportError(error, 'underage-reports'),
    }),
  });
  // Cookie and tracking consent, GPC / DNT (P20, P27). Other modules ask consent.allows() at the
  // point of use, with consentSubject(c) from modules/consent/routes.ts.
  const consent = createConsentService({
    store: createConsentStore(deps.database.db),
    clock,
    secretKey,
    // A new version of the cookie notice (P28) asks everyone for their choices again.
    cookiePolicyRevision: () => policies.currentVersion('cookies'),
  });
  registerConsentRoutes(app, { consent, secureCookies: cookies.secure });
  // First-party usage analytics and error reports (P5): the write path asks consent and restriction.
  registerAnalyticsRoutes(app, {
    analytics: createAnalyticsService({ store: createAnalyticsStore(deps.database.db), consent, isRestricted, clock }),
  });
  // "Download my data" (P21): a job builds the ZIP from the data map; downloads are audited.
  registerDataExportRoutes(app, {
    exports: createDataExportService({
      store: createDataExportStore(deps.database.db),
      findSubjectRows: (subject) => subjectRows(deps.database.db, subject),
      findAccount: accounts.findAccount,
      content,
      jobs,
      mailer,
      audit,
      clock,
      publicUrl: deps.publicUrl ?? DEFAULT_PUBLIC_URL,
      smtp: deps.smtpUrl !== undefined,
      reportError: (error) => reportError(error, 'data-exports'),
    }),
  });

  // Deleting one's account (P24): preview, re-authenticated request, restore, and the purge job
  // (also run for due accounts by retention through accountPurger.eraseDue).
  const accountPurger = openAccountPurger({
    db: deps.database.db,
    secretKey,
    clock,
    mailer,
    audit,
    reportError: (error) => reportError(error, 'account-deletion'),
  });
  jobs.work<{ accountId: string }>(ERASE_JOB, async (data) => {
    await accountPurger.handleEraseJob(data);
  });
  const accountDeletion = createAccountDeletionService({
    store: createAccountDeletionStore(deps.database.db),
    passwords: createArgon2Hasher(deps.passwordHashing),
    twoFactor,
    sessions,
    apiKeys,
    audit,
    jobs,
    mailer,
    clock,
    secretKey,
    publicUrl: deps.publicUrl ?? DEFAULT_PUBLIC_URL,
    graceDays: deps.accountDeletionGraceDays ?? DEFAULT_DELETION_GRACE_DAYS,
    reportError: (error) => reportError(error, 'account-deletion'),
  });
  registerAccountDeletionRoutes(app, { cookies, deletion: accountDeletion });

  // The request desk (P26): public and in-app requests, code verification, deadlines, operator queue.
  registerPrivacyRequestRoutes(app, {
    requests: createPrivacyRequestService({
      store: createPrivacyRequestStore(deps.database.db),
      mailer,
      clock,
      audit,
      restrictions,
      accounts,
      secretKey,
      publicUrl: deps.publicUrl ?? DEFAULT_PUBLIC_URL,
      scheduleAccountDeletion: async (accountId, context) => {
        await accountDeletion.scheduleForRequest(accountId, context);
      },
      reportError: (error) => reportError(error, 'privacy-requests'),
    }),
  });

  // Support tickets (P3): a form for everyone, the operator's queue, replies by mail and in the app;
  // findTicketForOwner() lets operator access cite "support requested by the owner" (P16).
  const supportTickets = createSupportTicketService({
    store: createSupportTicketStore(deps.database.db),
    mailer,
    clock,
    audit,
    publicUrl: deps.publicUrl ?? DEFAULT_PUBLIC_URL,
    reportError: (error) => reportError(error, 'support-tickets'),
  });
  registerSupportTicketRoutes(app, { tickets: supportTickets });
  // A team's billing contact and plan (P4): records only; card numbers are refused, never stored.
  registerBillingRoutes(app, { billing: createBillingService({ db: deps.database.db, clock, audit }) });

  // Retention (P19): the data map's rule for every table, applied daily by the retention.run job
  // (and by `postern admin retention`); due accounts are erased through the purger above.
  scheduleRetention(
    jobs,
    createRetention({ db: deps.database.db, audit, clock, eraseDue: accountPurger.eraseDue }),
    clock,
    (error) => reportError(error, 'retention'),
  );

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'Set by sign-up and sign-in. State-changing requests also need the X-CSRF-Token header.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description:
      'A personal API key (`pst_…`) from /api/me/api-keys. Needs no CSRF token; `read` keys may only GET/HEAD; never allowed on account management.',
  });

  app.doc31('/api/openapi.json', { openapi: '3.1.0', info: API_INFO });
  return app;
}
