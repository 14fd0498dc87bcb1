import type { SendCookie } from '../api/types.ts';

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

/** The cookies the response set (Set-Cookie), one row each. */
export function CookiesTable({ cookies }: { cookies: SendCookie[] }) {
  if (cookies.length === 0) return <p className="muted">The response set no cookies.</p>;
  return (
    <table className="response-table">
      <caption className="visually-hidden">Cookies set by the response</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
          <th scope="col">Domain</th>
          <th scope="col">Path</th>
          <th scope="col">Expires</th>
          <th scope="col">HttpOnly</th>
          <th scope="col">Secure</th>
        </tr>
      </thead>
      <tbody>
        {cookies.map((c, i) => (
          <tr key={`${i}:${c.key}`}>
            <th scope="row">{c.key}</th>
            <td>{c.value}</td>
            <td>{c.domain ?? '—'}</td>
            <td>{c.path ?? '—'}</td>
            <td>{c.expires ?? 'End of session'}</td>
            <td>{yesNo(c.httpOnly)}</td>
            <td>{yesNo(c.secure)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
