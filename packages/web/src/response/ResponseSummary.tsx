import type { SendResponse } from '../api/types.ts';
import { formatBytes, formatDuration, statusCategory } from './format.ts';

/** Status (coloured by class, and named in words), time and size, then any notices. */
export function ResponseSummary({ response }: { response: SendResponse }) {
  const { category, label } = statusCategory(response.status);
  return (
    <div className="response-summary">
      <div className="response-summary-line">
        <span className={`response-status response-status-${category}`}>
          <span className="visually-hidden">Status: </span>
          {response.status} {response.statusText}
          <span className="response-status-class"> ({label})</span>
        </span>
        <span className="response-metric">
          Time: <strong>{formatDuration(response.timings.total)}</strong>
        </span>
        <details className="response-metric response-size">
          <summary>
            Size: <strong>{formatBytes(response.size.total)}</strong>
          </summary>
          <dl>
            <dt>Headers</dt>
            <dd>{formatBytes(response.size.header)}</dd>
            <dt>Body</dt>
            <dd>{formatBytes(response.size.body)}</dd>
          </dl>
        </details>
      </div>
      {response.truncated && (
        <p className="response-notice" role="note">
          The body was too large and was cut short: what is shown is incomplete.
        </p>
      )}
      {response.warning && (
        <p className="response-notice" role="note">
          {response.warning}
        </p>
      )}
    </div>
  );
}
