import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { SiteFooter } from './SiteFooter.tsx';
import { NotificationsLink } from '../notifications/NotificationsLink.tsx';
import { messageOf } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.ts';
import { ConsentBanner, CookiePreferencesButton } from '../privacy/ConsentBanner.tsx';

/** The frame of every page: skip link, header with navigation and account, then the page. */
export function Layout() {
  const { account, signOut } = useAuth();
  const navigate = useNavigate();
  const [signOutError, setSignOutError] = useState<string | null>(null);
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstPage = useRef(true);

  // The theme chosen in Settings → Profile; "system" leaves it to the device (prefers-color-scheme).
  const theme = account?.preferences.theme ?? 'system';
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);

  // After moving to another page, start keyboard and screen-reader users at its content,
  // as a full page load would (the first page keeps the browser's own focus).
  useEffect(() => {
    if (firstPage.current) {
      firstPage.current = false;
      return;
    }
    main.current?.focus();
  }, [pathname]);

  async function handleSignOut() {
    setSignOutError(null);
    try {
      // Leave the page first: otherwise it would send the now signed-out visitor to sign-in with a
      // "come back here" link, as it does for a visit without a session.
      await navigate('/signin');
      await signOut();
    } catch (error) {
      setSignOutError(messageOf(error));
    }
  }

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {/* Cookie and tracking consent (P20): the first-visit banner and the preference center. */}
      <ConsentBanner />
      <header className="app-header">
        <Link to="/" className="brand">
          Postern
        </Link>
        {account ? (
          <>
            <nav aria-label="Main">
              <ul>
                <li>
                  <NavLink to="/" end>
                    Workspaces
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/teams/new">New team</NavLink>
                </li>
                <li>
                  <NotificationsLink />
                </li>
                <li>
                  <NavLink to="/settings">Settings</NavLink>
                </li>
                {account.operator && (
                  <li>
                    <NavLink to="/admin/outbox">Outbox</NavLink>
                  </li>
                )}
                {account.operator && (
                  <li>
                    <NavLink to="/admin/product-news">Product news</NavLink>
                  </li>
                )}
                {account.operator && (
                  <li>
                    <NavLink to="/admin/policies">Policies</NavLink>
                  </li>
                )}
                {account.operator && (
                  <li>
                    <NavLink to="/admin/underage-reports">Reports</NavLink>
                  </li>
                )}
                {account.operator && (
                  <li>
                    <NavLink to="/admin/analytics">Analytics</NavLink>
                  </li>
                )}
                {account.operator && (
                  <li>
                    <NavLink to="/admin/privacy-requests">Privacy requests</NavLink>
                  </li>
                )}
                {account.operator && (
                  <li>
                    <NavLink to="/admin/audit">Audit log</NavLink>
                  </li>
                )}
                {account.operator && (
                  <li>
                    <NavLink to="/admin/operator-access">Workspace access</NavLink>
                  </li>
                )}
                {account.operator && (
                  <li>
                    <NavLink to="/admin/support">Support queue</NavLink>
                  </li>
                )}
                {account.operator && (
                  <li>
                    <NavLink to="/admin/oauth-apps">Third-party apps</NavLink>
                  </li>
                )}
              </ul>
            </nav>
            <div className="account">
              <span>
                Signed in as <strong>{account.username}</strong>
              </span>
              <button type="button" className="link-button" onClick={() => void handleSignOut()}>
                Sign out
              </button>
            </div>
          </>
        ) : (
          <nav aria-label="Account">
            <ul>
              <li>
                <NavLink to="/signin">Sign in</NavLink>
              </li>
              <li>
                <NavLink to="/signup">Sign up</NavLink>
              </li>
            </ul>
          </nav>
        )}
      </header>
      {signOutError && (
        <p className="error-summary banner" role="alert">
          Could not sign out: {signOutError}
        </p>
      )}
      <main id="main" tabIndex={-1} ref={main}>
        <Outlet />
      </main>
      <SiteFooter>
        <li>
          <CookiePreferencesButton />
        </li>
        {/* Versioned policies (P28), readable signed in or not. */}
        <li>
          <Link to="/policies/privacy">Privacy policy</Link>
        </li>
        <li>
          <Link to="/policies/cookies">Cookie notice</Link>
        </li>
        <li>
          <Link to="/policies/terms">Terms</Link>
        </li>
        {/* The request desk (P26): reachable without an account. */}
        <li>
          <Link to="/privacy/requests">Privacy requests</Link>
        </li>
        {/* Support tickets (P3): reachable without an account. */}
        <li>
          <Link to="/support">Support</Link>
        </li>
      </SiteFooter>
    </>
  );
}
