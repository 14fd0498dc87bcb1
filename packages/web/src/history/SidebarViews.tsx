import { useState } from 'react';
import type { ReactNode } from 'react';

type View = 'requests' | 'history';
const VIEWS: { key: View; label: string }[] = [
  { key: 'requests', label: 'Requests' },
  { key: 'history', label: 'History' },
];

/**
 * The workbench sidebar's two views: the request tree and the history of sent requests, switched
 * by a pair of toggle buttons (aria-pressed). Not ARIA tabs on purpose: the open requests beside
 * it are the page's tabs, and one set keeps that unambiguous. Only the shown view is rendered, so
 * the history loads each time it is opened and shows recent sends.
 */
export function SidebarViews({ requests, history }: { requests: ReactNode; history: ReactNode }) {
  const [view, setView] = useState<View>('requests');
  return (
    <>
      <div role="group" aria-label="Sidebar view" className="sidebar-views">
        {VIEWS.map(({ key, label }) => (
          <button
            key={key}
            type="button"
            aria-pressed={view === key}
            className={view === key ? 'sidebar-view sidebar-view-selected' : 'sidebar-view'}
            onClick={() => setView(key)}
          >
            {label}
          </button>
        ))}
      </div>
      {view === 'requests' ? requests : history}
    </>
  );
}
