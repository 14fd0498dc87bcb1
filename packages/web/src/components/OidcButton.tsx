import { useEffect, useState } from 'react';
import { oidc, oidcStartPath } from '../api/endpoints.ts';

/**
 * "Sign in with <provider>" when the instance has single sign-on (GET /api/auth/oidc). A plain
 * link, not a fetch: the server answers with a redirect to the provider. Shows nothing otherwise,
 * or when the answer does not come (the password form still works).
 */
export function OidcButton() {
  const [name, setName] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    oidc.provider().then(
      (provider) => {
        if (current && provider.enabled) setName(provider.name ?? 'single sign-on');
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);

  if (!name) return null;
  return (
    <p>
      <a className="button secondary" href={oidcStartPath('sign-in')}>
        Sign in with {name}
      </a>
    </p>
  );
}
