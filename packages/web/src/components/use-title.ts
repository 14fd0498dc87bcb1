import { useEffect } from 'react';

/** Names the page in the browser tab and for screen readers arriving on it. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Postern` : 'Postern';
  }, [title]);
}
