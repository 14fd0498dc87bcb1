import { open } from 'maxmind';
import type { CityResponse, Reader } from 'maxmind';

/**
 * Turns a session's stored network (203.0.113.0/24, 2001:db8:abcd::/48) into a place name such as
 * "Lisbon, Portugal" for the sessions list (P7 "approximate location"). Only the truncated network
 * is ever looked up, so the place is no more precise than what is stored.
 */
export type NetworkLocator = (network: string) => string | null;

export class LocationDatabaseError extends Error {
  readonly code = 'GEOIP_DB_INVALID';
}

/** Opens a MaxMind DB file (GeoLite2/GeoIP2 City or Country, or any file of the same shape). */
export async function openNetworkLocator(path: string, language = 'en'): Promise<NetworkLocator> {
  let reader: Reader<CityResponse>;
  try {
    reader = await open<CityResponse>(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LocationDatabaseError(`${path} cannot be read as a MaxMind DB (.mmdb) file: ${reason}`, { cause: error });
  }
  return networkLocator(reader, language);
}

export function networkLocator(reader: Pick<Reader<CityResponse>, 'get'>, language = 'en'): NetworkLocator {
  return (network) => {
    const address = network.split('/')[0];
    if (!address) return null;
    let record: CityResponse | null;
    try {
      record = reader.get(address);
    } catch {
      return null; // an IPv6 network against an IPv4-only database, for one
    }
    if (!record) return null;
    const nameOf = (place: { names?: object } | undefined): string | undefined => {
      const names = (place?.names ?? {}) as Record<string, string | undefined>;
      return names[language] ?? names.en;
    };
    const city = nameOf(record.city);
    const region = nameOf(record.subdivisions?.[0]);
    const country = nameOf(record.country) ?? nameOf(record.registered_country);
    const parts = [city, region !== city ? region : undefined, country].filter((p): p is string => Boolean(p));
    return parts.length > 0 ? parts.join(', ') : null;
  };
}
