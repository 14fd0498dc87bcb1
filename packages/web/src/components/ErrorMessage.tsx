import type { Ref } from 'react';
import { ApiError, fieldPathOf, messageOf } from '../api/client.ts';

interface ErrorMessageProps {
  error: unknown;
  /** List the problem's field errors too (when no field on the page shows them). */
  listFieldErrors?: boolean;
  ref?: Ref<HTMLDivElement>;
}

/** What went wrong, in the API's own words (problem+json `detail`), announced to screen readers. */
export function ErrorMessage({ error, listFieldErrors = false, ref }: ErrorMessageProps) {
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : [];
  const correlationId = error instanceof ApiError && error.status >= 500 ? error.correlationId : undefined;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <p>{messageOf(error)}</p>
      {listFieldErrors && fieldErrors.length > 0 && (
        <ul>
          {fieldErrors.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              <code>{fieldPathOf(e.path) || 'document'}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
      {!listFieldErrors && fieldErrors.length > 0 && <p>Check the fields marked below.</p>}
      {correlationId && <p className="hint">If this keeps happening, give the operator this reference: {correlationId}</p>}
    </div>
  );
}
