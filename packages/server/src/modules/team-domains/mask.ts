/**
 * How a team's owners and admins see a member's email (P12): in full only when its domain is one
 * of the team's verified domains, else `a•••@example.com` (first character, bullets, domain).
 * Every place that shows members' emails to a team goes through this one function.
 */
export function maskEmail(email: string, verifiedDomains: readonly string[] = []): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  const domain = email.slice(at + 1);
  if (verifiedDomains.some((d) => d.toLowerCase() === domain.toLowerCase())) return email;
  // Array.from keeps a first character outside the BMP whole.
  return `${Array.from(email.slice(0, at))[0]}•••@${domain}`;
}

/** The domain part of an address, lower case; '' when there is none. */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).toLowerCase();
}
