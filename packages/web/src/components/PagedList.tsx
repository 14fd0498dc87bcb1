import type { ReactNode } from 'react';
import { ErrorMessage } from './ErrorMessage.tsx';
import { LoadStatus } from './LoadStatus.tsx';
import type { Paged } from './use-paged.ts';

/** A list from the API with its loading, empty, error and "show more" states. */
export function PagedList<T>({
  list,
  what,
  empty,
  label,
  children,
}: {
  list: Paged<T>;
  /** Names the items, e.g. "collections". */
  what: string;
  empty: ReactNode;
  /** Accessible name of the list. */
  label: string;
  children(item: T): ReactNode;
}) {
  if (list.status !== 'ready') return <LoadStatus state={list} what={what} />;
  return (
    <>
      {list.items.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <ul className="item-list" aria-label={label}>
          {list.items.map(children)}
        </ul>
      )}
      {list.error !== null && <ErrorMessage error={list.error} />}
      {list.hasMore && (
        <button type="button" onClick={list.loadMore} disabled={list.loadingMore}>
          {list.loadingMore ? `Loading more ${what}…` : `Show more ${what}`}
        </button>
      )}
    </>
  );
}
