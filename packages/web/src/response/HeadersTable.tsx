import type { SendResponse } from '../api/types.ts';

/** The response headers in the order received (repeated names stay separate rows). */
export function HeadersTable({ response }: { response: SendResponse }) {
  return (
    <>
      <p className="response-final-url">
        Received from <code>{response.url}</code>
      </p>
      {response.headers.length === 0 ? (
        <p className="muted">The response has no headers.</p>
      ) : (
        <table className="response-table">
          <caption className="visually-hidden">Response headers</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {response.headers.map((h, i) => (
              <tr key={`${i}:${h.key}`}>
                <th scope="row">{h.key}</th>
                <td>{h.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
