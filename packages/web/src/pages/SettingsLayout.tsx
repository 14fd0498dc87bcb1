import { NavLink, Outlet } from 'react-router';

const TABS = [
  { to: '/settings/account', label: 'Account' },
  { to: '/settings/profile', label: 'Profile' },
  { to: '/settings/two-factor', label: 'Two-factor sign-in' },
  { to: '/settings/api-keys', label: 'API keys' },
  { to: '/settings/connected-apps', label: 'Connected apps' },
  { to: '/settings/privacy', label: 'Privacy' },
  { to: '/settings/notifications', label: 'Notifications' },
  { to: '/settings/delete-account', label: 'Delete account' },
] as const;

/** The settings pages under one heading, with links between them (the current one marked for assistive technology by NavLink). */
export function SettingsLayout() {
  return (
    <>
      <h1>Settings</h1>
      <nav aria-label="Settings" className="sub-nav">
        <ul>
          {TABS.map((tab) => (
            <li key={tab.to}>
              <NavLink to={tab.to}>{tab.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
