/**
 * The youngest age at which a person may open an account: 13 everywhere, or higher where a
 * country set a higher "age of digital consent".
 *
 * Source: the national choices made under GDPR Article 8(1), which lets EU/EEA member states set
 * the age between 13 and 16 (as collected by the European Commission's Better Internet for Kids
 * map, 2024), plus South Korea's PIPA Art. 22-2 (consent of a legal representative under 14).
 * Countries not listed use the default of 13. Keys are ISO 3166-1 alpha-2 codes.
 */
export const DEFAULT_MINIMUM_AGE = 13;

export const MINIMUM_AGE_BY_COUNTRY: Readonly<Record<string, number>> = {
  AT: 14,
  BG: 14,
  CY: 14,
  ES: 14,
  IT: 14,
  LT: 14,
  KR: 14,
  CZ: 15,
  FR: 15,
  GR: 15,
  SI: 15,
  DE: 16,
  HR: 16,
  HU: 16,
  IE: 16,
  LI: 16,
  LU: 16,
  NL: 16,
  PL: 16,
  RO: 16,
  SK: 16,
};

export function minimumAgeFor(country: string): number {
  return MINIMUM_AGE_BY_COUNTRY[country.toUpperCase()] ?? DEFAULT_MINIMUM_AGE;
}

/** Whole years between a birth date (YYYY-MM-DD) and `today`, counted in UTC. */
export function ageOn(birthDate: string, today: Date): number {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  const todayMonth = today.getUTCMonth() + 1;
  const hadBirthday = todayMonth > month || (todayMonth === month && today.getUTCDate() >= day);
  return today.getUTCFullYear() - year - (hadBirthday ? 0 : 1);
}
