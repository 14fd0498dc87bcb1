import { Navigate, Outlet, useLocation } from 'react-router';
import { useAuth } from './auth-context.ts';

/** Sends signed-out visitors to the sign-in page, which brings them back here afterwards. */
export function RequireAuth() {
  const { account } = useAuth();
  const location = useLocation();
  if (!account) {
    const next = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={`/signin?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}

/** Only the instance's operator (the first account) sees these pages; the API checks again. */
export function RequireOperator() {
  const { account } = useAuth();
  if (!account?.operator) {
    return (
      <section>
        <h1>Operators only</h1>
        <p>This page is for the person who runs this Postern instance.</p>
      </section>
    );
  }
  return <Outlet />;
}
