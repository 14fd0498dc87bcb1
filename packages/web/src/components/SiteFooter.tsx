import type { ReactNode } from 'react';

/**
 * The footer of every page: the policies and the privacy choices (issue #6), reachable from
 * anywhere, signed in or not. Each entry is a list item.
 */
export function SiteFooter({ children }: { children?: ReactNode }) {
  return (
    <footer className="site-footer">
      <nav aria-label="Privacy and policies">
        <ul>{children}</ul>
      </nav>
    </footer>
  );
}
