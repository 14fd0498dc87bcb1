import { useCallback, useEffect, useState } from 'react';
import { isSignedOut } from '../api/client.ts';
import type { Page } from '../api/types.ts';
import { useAuth } from '../auth/auth-context.ts';

export interface Paged<T> {
  status: 'loading' | 'failed' | 'ready';
  items: T[];
  error: unknown;
  /** Whether the list has more pages (the API gave a nextCursor). */
  hasMore: boolean;
  loadingMore: boolean;
  loadMore(): void;
  /** Starts again from the first page (after adding an item, for instance). */
  reload(): void;
}

/** A cursor-paginated list (`{ items, nextCursor }`): the first page, then more on request. */
export function usePaged<T>(loadPage: (cursor: string | null) => Promise<Page<T>>, key: string): Paged<T> {
  const { forget } = useAuth();
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [status, setStatus] = useState<Paged<T>['status']>('loading');
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const fail = useCallback(
    (thrown: unknown) => {
      if (isSignedOut(thrown)) forget();
      setError(thrown);
    },
    [forget],
  );

  useEffect(() => {
    let current = true;
    setStatus('loading');
    setError(null);
    loadPage(null).then(
      (page) => {
        if (!current) return;
        setItems(page.items);
        setCursor(page.nextCursor);
        setStatus('ready');
      },
      (thrown: unknown) => {
        if (!current) return;
        fail(thrown);
        setStatus('failed');
      },
    );
    return () => {
      current = false;
    };
    // `loadPage` is a new function on every render; `key` says when what it loads changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt, fail]);

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    setError(null);
    loadPage(cursor).then(
      (page) => {
        setItems((previous) => [...previous, ...page.items]);
        setCursor(page.nextCursor);
        setLoadingMore(false);
      },
      (thrown: unknown) => {
        fail(thrown);
        setLoadingMore(false);
      },
    );
  }, [cursor, loadingMore, loadPage, fail]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { status, items, error, hasMore: cursor !== null, loadingMore, loadMore, reload };
}
