import { useState } from 'react';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { LoadStatus } from '../components/LoadStatus.tsx';
import { usePaged } from '../components/use-paged.ts';
import { formatDate } from '../pages/labels.ts';
import { auditLog } from './api.ts';
import type { AuditEvent, AuditFilters } from './api.ts';

/** A date from a datetime-local input as ISO 8601 (the browser's time zone), or undefined. */
function toIso(local: FormDataEntryValue | null): string | undefined {
  if (typeof local !== 'string' || local === '') return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function describeTarget(e: AuditEvent): string {
  if (e.target) return e.target;
  if (e.targetType === null) return '—';
  return e.targetId ? `${e.targetType} ${e.targetId.slice(0, 8)}` : e.targetType;
}

/**
 * The audit log (P18) with filters, paging and exports; `base` is the team's or the operator's
 * endpoint. Events hold ids and codes only, never emails, names or addresses.
 */
export function AuditLogView({ base, label }: { base: string; label: string }) {
  const [filters, setFilters] = useState<AuditFilters>({});
  const key = `${base}?${JSON.stringify(filters)}`;
  const list = usePaged((cursor) => auditLog.search(base, filters, cursor), key);

  return (
    <>
      <form
        className="form audit-filters"
        aria-label="Filter the audit log"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          const text = (name: string) => String(data.get(name) ?? '').trim() || undefined;
          const next: AuditFilters = {};
          for (const [name, value] of [
            ['action', text('action')],
            ['actor', text('actor')],
            ['target', text('target')],
            ['q', text('q')],
            ['from', toIso(data.get('from'))],
            ['to', toIso(data.get('to'))],
          ] as const) {
            if (value !== undefined) next[name] = value;
          }
          setFilters(next);
        }}
      >
        <div className="field">
          <label htmlFor="audit-action">Action (or its start, e.g. team.member)</label>
          <input id="audit-action" name="action" pattern="[a-z0-9_.]*" title="Lower-case letters, digits, dots and underscores" />
        </div>
        <div className="field">
          <label htmlFor="audit-actor">Done by (username)</label>
          <input id="audit-actor" name="actor" autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="audit-target">Target (username or id)</label>
          <input id="audit-target" name="target" autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="audit-q">Text in action or target</label>
          <input id="audit-q" name="q" type="search" />
        </div>
        <div className="field">
          <label htmlFor="audit-from">From</label>
          <input id="audit-from" name="from" type="datetime-local" />
        </div>
        <div className="field">
          <label htmlFor="audit-to">Until</label>
          <input id="audit-to" name="to" type="datetime-local" />
        </div>
        <button type="submit">Search the log</button>
      </form>
      <p>
        <a className="button secondary" href={auditLog.exportUrl(base, filters, 'csv')} download>
          Export as CSV
        </a>{' '}
        <a className="button secondary" href={auditLog.exportUrl(base, filters, 'jsonl')} download>
          Export as JSON lines
        </a>{' '}
        <span className="hint">Exports hold the events matching the filters above; the export itself is recorded.</span>
      </p>
      <LoadStatus state={list} what="events" />
      {list.status === 'ready' && list.items.length === 0 && <p className="empty">No events match.</p>}
      {list.status === 'ready' && list.items.length > 0 && (
        <div className="table-scroll">
          <table className="audit-table">
            <caption className="visually-hidden">{label}</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Action</th>
                <th scope="col">Done by</th>
                <th scope="col">Target</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((e) => (
                <tr key={e.id}>
                  <td>{formatDate(e.occurredAt)}</td>
                  <th scope="row">
                    <code>{e.action}</code>
                  </th>
                  <td>{e.actor ?? <span className="muted">System or deleted user</span>}</td>
                  <td>{describeTarget(e)}</td>
                  <td>
                    {Object.keys(e.details).length > 0 ? <code>{JSON.stringify(e.details)}</code> : <span className="muted">—</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.status === 'ready' && list.error !== null && <ErrorMessage error={list.error} />}
      {list.hasMore && (
        <button type="button" onClick={list.loadMore} disabled={list.loadingMore}>
          {list.loadingMore ? 'Loading more events…' : 'Show older events'}
        </button>
      )}
    </>
  );
}
