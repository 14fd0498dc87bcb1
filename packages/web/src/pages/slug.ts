/**
 * A team handle suggested from its name, in the server's format: 1 to 39 lowercase letters, digits
 * or inner dashes (accents dropped, other characters become dashes).
 */
export function slugOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 39)
    .replace(/-+$/, '');
}
