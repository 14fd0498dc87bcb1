/** Human-readable numbers and names, shaped like Newman's so reports read the same. */
import type { ItemRef } from '../events.ts';

const SIZE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** Decimal units, up to two decimals, no spacer: 512B, 1.23kB, 4.5MB. */
export function formatSize(bytes: number): string {
  let value = Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
  let unit = 0;
  while (value >= 1000 && unit < SIZE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const rounded = Math.round(value * 100) / 100;
  return `${rounded}${SIZE_UNITS[unit]}`;
}

/** µs below a millisecond, whole ms below ~2s, then 2.3s / 1m 5.2s / 1h 2m 3s. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '0ms';
  if (ms < 1) return `${Math.trunc(ms * 1000)}µs`;
  if (ms < 1998) return `${Math.trunc(ms)}ms`;
  const totalSeconds = ms / 1000;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const parts: string[] = [];
  if (hours) parts.push(`${hours}h`);
  if (minutes) parts.push(`${minutes}m`);
  const secondsText = (Math.floor(seconds * 10) / 10).toFixed(1).replace(/\.0$/, '');
  if (secondsText !== '0' || parts.length === 0) parts.push(`${secondsText}s`);
  return parts.join(' ');
}

/** "Folder / Sub folder / Item", Newman's full name of an item. */
export function fullName(item: Pick<ItemRef, 'name' | 'path'>): string {
  return [...(item.path ?? []), item.name].join(' / ');
}

/** yyyy-mm-dd-HH-MM-SS-mmm (UTC), safe in file names and sortable. */
export function fileTimestamp(at: number): string {
  return new Date(at).toISOString().replace(/\D+/g, '-').replace(/-$/, '');
}

/** A collection name reduced to something every file system accepts. */
export function safeFileName(name: string): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return cleaned || 'collection';
}
