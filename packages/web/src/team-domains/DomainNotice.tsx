import { useEffect, useState } from 'react';
import { teamDomains } from './api.ts';
import type { DomainLookup } from './api.ts';

/** The plain warning of P11, shown wherever someone picks the address of their account. */
export function WorkAddressWarning() {
  return (
    <>
      <strong>A work address may come under your employer’s administrative control:</strong> if your employer verifies its email
      domain on this instance, a team it runs can manage your account, and changing the address then needs that team’s approval.
    </>
  );
}

/**
 * Says which team, if any, verified the domain of `email` and whether it manages accounts there
 * (P11). Looked up once the address looks complete; announced politely.
 */
export function DomainNotice({ email }: { email: string }) {
  const [found, setFound] = useState<DomainLookup | null>(null);
  const complete = /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email.trim());

  useEffect(() => {
    if (!complete) {
      setFound(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      teamDomains.lookup(email.trim()).then(
        (answer) => live && setFound(answer),
        () => live && setFound(null),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [email, complete]);

  return (
    <p role="status" aria-live="polite" className={found?.team ? 'notice' : undefined}>
      {found?.team &&
        (found.managed
          ? `Accounts with an address at ${found.domain} are managed by the team “${found.team}”: it will manage this account, and changing its email will need the team’s approval.`
          : `The team “${found.team}” has verified ${found.domain}; it may start managing accounts with addresses there (you would be told first).`)}
    </p>
  );
}
