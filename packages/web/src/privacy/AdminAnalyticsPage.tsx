import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { useLoad } from '../components/use-load.ts';
import { useTitle } from '../components/use-title.ts';
import { restrictionsApi } from './restrictions.ts';

const TYPE_LABELS = { page_view: 'Page view', feature_used: 'Feature used' } as const;

/** For the operator: usage counts per day and recent error reports (P5), nothing per person. */
export function AdminAnalyticsPage() {
  useTitle('Usage analytics');
  const loaded = useLoad(() => restrictionsApi.overview(), 'analytics');
  return (
    <>
      <h1>Usage analytics</h1>
      <p>
        Counted only for people who consented to Performance and did not restrict analytics; no account is recorded, only the network of the
        address.
      </p>
      {loaded.status === 'loading' && <p className="page-status">Loading…</p>}
      {loaded.status === 'failed' && <ErrorMessage error={loaded.error} />}
      {loaded.status === 'ready' && (
        <>
          <p className="muted">
            Kept for: page views {loaded.data.retentionDays.page_view} days, feature use {loaded.data.retentionDays.feature_used} days, error
            reports {loaded.data.retentionDays.error_report} days.
          </p>
          <h2>Usage, last 30 days</h2>
          {loaded.data.daily.length === 0 ? (
            <p>Nothing recorded.</p>
          ) : (
            <div className="table-scroll">
              <table>
                <caption>Events per day</caption>
                <thead>
                  <tr>
                    <th scope="col">Day</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Page or feature</th>
                    <th scope="col">Count</th>
                  </tr>
                </thead>
                <tbody>
                  {loaded.data.daily.map((row) => (
                    <tr key={`${row.day} ${row.type} ${row.name}`}>
                      <td>{row.day}</td>
                      <td>{TYPE_LABELS[row.type]}</td>
                      <td>
                        <code>{row.name}</code>
                      </td>
                      <td>{row.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h2>Error reports</h2>
          {loaded.data.errors.length === 0 ? (
            <p>No error reports.</p>
          ) : (
            <ul className="plain-list">
              {loaded.data.errors.map((e) => (
                <li key={e.id}>
                  <p>
                    <strong>{e.message}</strong>{' '}
                    <span className="muted">
                      {e.path ?? 'unknown page'} · <time dateTime={e.createdAt}>{new Date(e.createdAt).toLocaleString()}</time>
                    </span>
                  </p>
                  {e.stack && (
                    <details>
                      <summary>Stack</summary>
                      <pre>{e.stack}</pre>
                    </details>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
