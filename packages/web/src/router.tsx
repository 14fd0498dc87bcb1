import { createBrowserRouter, Navigate } from 'react-router';
import { RequireAuth, RequireOperator } from './auth/RequireAuth.tsx';
import { CollectionHistoryPage } from './collections/CollectionHistoryPage.tsx';
import { CollectionSettingsPage, FolderSettingsPage } from './collections/CollectionSettingsPage.tsx';
import { RunnerPage } from './runner/RunnerPage.tsx';
import { EnvironmentsIndex, EnvironmentsPage, EnvironmentView, GlobalsView } from './environments/EnvironmentsPage.tsx';
import { Layout } from './components/Layout.tsx';
import { NotificationSettingsPage } from './notifications/NotificationSettingsPage.tsx';
import { NotificationsPage } from './notifications/NotificationsPage.tsx';
import { ProductNewsPage } from './notifications/ProductNewsPage.tsx';
import { ApiKeysPage } from './pages/ApiKeysPage.tsx';
import { EmailChangeCancelPage, EmailChangePage } from './pages/EmailChangePage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { InvitationPage } from './pages/InvitationPage.tsx';
import { NewTeamPage } from './pages/NewTeamPage.tsx';
import { NewWorkspacePage } from './pages/NewWorkspacePage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { OidcSignUpPage } from './pages/OidcSignUpPage.tsx';
import { OutboxPage } from './pages/OutboxPage.tsx';
import { ProfileSettingsPage } from './pages/ProfileSettingsPage.tsx';
import { ResetPasswordPage } from './pages/ResetPasswordPage.tsx';
import { SettingsLayout } from './pages/SettingsLayout.tsx';
import { SettingsPage } from './pages/SettingsPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { SignUpPage } from './pages/SignUpPage.tsx';
import { TeamPage } from './pages/TeamPage.tsx';
import { TwoFactorPage } from './pages/TwoFactorPage.tsx';
import { VerifyEmailPage } from './pages/VerifyEmailPage.tsx';
import { WorkspacePage } from './pages/WorkspacePage.tsx';
import { AdminPoliciesPage } from './policies/AdminPoliciesPage.tsx';
import { PolicyArchivePage, PolicyPage } from './policies/PolicyPages.tsx';
import { PrivacySettingsPage } from './privacy/PrivacySettingsPage.tsx';
import { AdminAnalyticsPage } from './privacy/AdminAnalyticsPage.tsx';
import { AdminUnderageReportsPage, PublicProfilePage, ReportAccountPage } from './underage/UnderagePages.tsx';
import { DeleteAccountPage } from './account-deletion/DeleteAccountPage.tsx';
import { RestoreAccountPage } from './account-deletion/RestoreAccountPage.tsx';
import { PrivacyRequestPage, PrivacyRequestStatusPage } from './privacy-requests/PrivacyRequestPages.tsx';
import { AdminPrivacyRequestPage, AdminPrivacyRequestsPage } from './privacy-requests/AdminPrivacyRequestsPage.tsx';
import { TeamAdminLayout } from './team-admin/TeamAdminLayout.tsx';
import { TeamMembersPage } from './team-admin/TeamMembersPage.tsx';
import { TeamAuditPage } from './team-admin/TeamAuditPage.tsx';
import { TeamIncidentPage, TeamIncidentsPage } from './team-admin/TeamIncidentsPage.tsx';
import { AdminAuditPage } from './team-admin/AdminAuditPage.tsx';
import { TeamDomainsPage } from './team-domains/TeamDomainsPage.tsx';
import { SupportPage, SupportTicketPage } from './support/SupportPages.tsx';
import { AdminSupportPage, AdminSupportTicketPage } from './support/AdminSupportPages.tsx';
import { TeamBillingPage } from './team-admin/TeamBillingPage.tsx';
import { TeamWebhooksPage, WorkspaceWebhooksPage } from './webhooks/TeamWebhooksPage.tsx';
import { AdminOAuthAppsPage } from './oauth-apps/AdminOAuthAppsPage.tsx';
import { ConnectedAppsPage } from './oauth-apps/ConnectedAppsPage.tsx';
import { ConsentPage } from './oauth-apps/ConsentPage.tsx';
import { TeamIntegrationsPage } from './oauth-apps/TeamIntegrationsPage.tsx';
import { SecretsPage } from './secrets/SecretsPage.tsx';
import { AccessLogPage, AdminOperatorAccessPage } from './operator-access/OperatorAccessPages.tsx';

/** Every page of the app. The server answers any non-API path with index.html, so these are deep-linkable. */
export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: 'signin', element: <SignInPage /> },
      { path: 'signup', element: <SignUpPage /> },
      // Where single sign-on sends a new identity to finish signing up (the server's OIDC_PAGES).
      { path: 'signup/oidc', element: <OidcSignUpPage /> },
      // Where emailed links land (the server's VERIFY_EMAIL_PATH, RESET_PASSWORD_PATH, INVITATION_PATH).
      { path: 'verify-email', element: <VerifyEmailPage /> },
      { path: 'reset-password', element: <ResetPasswordPage /> },
      // Restoring an account pending deletion (P24): the emailed link (RESTORE_ACCOUNT_PATH) or sign-in details.
      { path: 'restore-account', element: <RestoreAccountPage /> },
      // Email change (P23): the link to the new address (EMAIL_CHANGE_PATH) and the cancel link to the old one.
      { path: 'email-change', element: <EmailChangePage /> },
      { path: 'email-change/cancel', element: <EmailChangeCancelPage /> },
      { path: 'invitations', element: <InvitationPage /> },
      // Policies (P28): the version in effect, every published version at a stable address, the archive.
      { path: 'policies/:kind', element: <PolicyPage /> },
      { path: 'policies/:kind/v/:version', element: <PolicyPage /> },
      { path: 'policies/:kind/archive', element: <PolicyArchivePage /> },
      // Public profiles, and reporting an account held by a child (P7), without signing in.
      { path: 'u/:username', element: <PublicProfilePage /> },
      { path: 'u/:username/report', element: <ReportAccountPage /> },
      // The request desk (P26), signed in or not; the acknowledgement email links to the status page.
      { path: 'privacy/requests', element: <PrivacyRequestPage /> },
      { path: 'privacy/requests/status', element: <PrivacyRequestStatusPage /> },
      // Support tickets (P3), signed in or not.
      { path: 'support', element: <SupportPage /> },
      // The stable address the API gives as a workspace's webPath (P13). Public workspaces are
      // readable without an account, so the page itself sends others to sign-in.
      { path: 'w/:workspaceId', element: <WorkspacePage /> },
      { path: 'w/:workspaceId/collections/:collectionId/history', element: <CollectionHistoryPage /> },
      // Secret findings of the workspace (P17): members only; the API answers 404 to others.
      { path: 'w/:workspaceId/secrets', element: <SecretsPage /> },
      { path: 'w/:workspaceId/webhooks', element: <WorkspaceWebhooksPage /> },
      { path: 'w/:workspaceId/mocks', lazy: async () => ({ Component: (await import('./mocks/MocksPage.tsx')).MocksPage }) },
      // Scheduled collection runs; the API answers 404 to non-members.
      // Loaded on first visit: the pages (and cronstrue) stay out of the main bundle.
      { path: 'w/:workspaceId/monitors', lazy: async () => ({ Component: (await import('./monitors/MonitorsPage.tsx')).MonitorsPage }) },
      {
        path: 'w/:workspaceId/monitors/:monitorId',
        lazy: async () => ({ Component: (await import('./monitors/MonitorDetailPage.tsx')).MonitorDetailPage }),
      },
      // The access transparency log (P16): the workspace's admins; the API answers 404 to others.
      { path: 'w/:workspaceId/access-log', element: <AccessLogPage /> },
      { path: 'w/:workspaceId/collections/:collectionId/run', element: <RunnerPage /> },
      // Collection and folder settings: variables, auth, scripts, description.
      { path: 'w/:workspaceId/collections/:collectionId/settings', element: <CollectionSettingsPage /> },
      { path: 'w/:workspaceId/collections/:collectionId/folders/:itemId/settings', element: <FolderSettingsPage /> },
      // Environments and globals (issue #5): one layout keeps the list while the editor changes.
      {
        element: <EnvironmentsPage />,
        children: [
          { path: 'w/:workspaceId/environments', element: <EnvironmentsIndex /> },
          { path: 'w/:workspaceId/environments/:environmentId', element: <EnvironmentView /> },
          { path: 'w/:workspaceId/globals', element: <GlobalsView /> },
        ],
      },
      {
        element: <RequireAuth />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'teams/new', element: <NewTeamPage /> },
          { path: 'notifications', element: <NotificationsPage /> },
          { element: <RequireOperator />, children: [{ path: 'admin/product-news', element: <ProductNewsPage /> }] },
          { path: 'teams/:slug', element: <TeamPage /> },
          // The team admin console (P11, P15, P18): sections are listed in team-admin/nav.ts.
          {
            path: 'teams/:slug/admin',
            element: <TeamAdminLayout />,
            children: [
              { index: true, element: <Navigate to="members" replace /> },
              { path: 'members', element: <TeamMembersPage /> },
              { path: 'audit', element: <TeamAuditPage /> },
              { path: 'incidents', element: <TeamIncidentsPage /> },
              { path: 'incidents/:incidentId', element: <TeamIncidentPage /> },
              { path: 'domains', element: <TeamDomainsPage /> },
              { path: 'billing', element: <TeamBillingPage /> },
              { path: 'integrations', element: <TeamIntegrationsPage /> },
              { path: 'webhooks', element: <TeamWebhooksPage /> },
            ],
          },
          { path: 'workspaces/new', element: <NewWorkspacePage /> },
          // A requester's own ticket; the confirmation email links here (the server's TICKET_PAGE_PATH).
          { path: 'support/tickets/:reference', element: <SupportTicketPage /> },
          {
            element: <RequireOperator />,
            children: [
              { path: 'admin/support', element: <AdminSupportPage /> },
              { path: 'admin/support/:id', element: <AdminSupportTicketPage /> },
            ],
          },
          // A third-party app's consent screen (P14); apps send people to /oauth/authorize?… .
          { path: 'oauth/authorize', element: <ConsentPage /> },
          { element: <RequireOperator />, children: [{ path: 'admin/oauth-apps', element: <AdminOAuthAppsPage /> }] },
          {
            path: 'settings',
            element: <SettingsLayout />,
            children: [
              { index: true, element: <Navigate to="/settings/account" replace /> },
              // Linking single sign-on comes back here with ?linked=oidc or ?error=CODE.
              { path: 'account', element: <SettingsPage /> },
              { path: 'profile', element: <ProfileSettingsPage /> },
              { path: 'two-factor', element: <TwoFactorPage /> },
              { path: 'api-keys', element: <ApiKeysPage /> },
              { path: 'connected-apps', element: <ConnectedAppsPage /> },
              // Consent records and "do not sell or share" (P20, P27); more privacy sections join them.
              { path: 'privacy', element: <PrivacySettingsPage /> },
              // "Download my data" (P21); the email saying an export is ready links here.
              { path: 'privacy/exports', element: <PrivacySettingsPage section="exports" /> },
              { path: 'notifications', element: <NotificationSettingsPage /> },
              { path: 'delete-account', element: <DeleteAccountPage /> },
            ],
          },
          { element: <RequireOperator />, children: [{ path: 'admin/outbox', element: <OutboxPage /> }] },
          { element: <RequireOperator />, children: [{ path: 'admin/policies', element: <AdminPoliciesPage /> }] },
          { element: <RequireOperator />, children: [{ path: 'admin/underage-reports', element: <AdminUnderageReportsPage /> }] },
          { element: <RequireOperator />, children: [{ path: 'admin/analytics', element: <AdminAnalyticsPage /> }] },
          { element: <RequireOperator />, children: [{ path: 'admin/audit', element: <AdminAuditPage /> }] },
          { element: <RequireOperator />, children: [{ path: 'admin/operator-access', element: <AdminOperatorAccessPage /> }] },
          {
            element: <RequireOperator />,
            children: [
              { path: 'admin/privacy-requests', element: <AdminPrivacyRequestsPage /> },
              { path: 'admin/privacy-requests/:id', element: <AdminPrivacyRequestPage /> },
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
