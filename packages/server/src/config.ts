import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseAllowEntry } from './egress/policy.ts';
import type { EgressSettings } from './egress/policy.ts';
import { JOB_ROLES } from './jobs/roles.ts';
import type { JobRole } from './jobs/roles.ts';
import { isLoopbackHttp } from './modules/identities/loopback.ts';

/** The server's configuration, validated once at start. */
export interface Config {
  port: number;
  host: string;
  /** Absolute path of the data directory (embedded database, generated keys, outbox). */
  dataDir: string;
  /** postgres:// URL; when set the server uses PostgreSQL instead of the embedded database. */
  databaseUrl?: string;
  /** 32-byte key for secrets at rest, decoded from POSTERN_SECRET_KEY. */
  secretKey?: Buffer;
  /** The URL people use to reach this instance (links in emails, Secure cookies). */
  publicUrl?: string;
  /** smtp://user:pass@host:port or smtps://…; without it mail goes to the local outbox. */
  smtpUrl?: string;
  /** From header of outgoing mail; the app's default (`Postern <postern@localhost>`) when unset. */
  mailFrom?: string;
  /** Whether a proxy in front sets X-Forwarded-For, so rate limits key on the real client address. */
  trustProxy?: boolean;
  /** OpenID Connect sign-in (OIDC_*); unset when OIDC_ISSUER is not. */
  oidc?: { issuer: string; clientId: string; clientSecret?: string; name: string };
  /** What server-side sending may connect to (POSTERN_EGRESS, POSTERN_EGRESS_ALLOW). */
  egress?: EgressSettings;
  /** Absolute path of a MaxMind DB (.mmdb) naming sessions' approximate location (POSTERN_GEOIP_DB). */
  geoipDb?: string;
  /** Days an account stays restorable after its owner asks to delete it (POSTERN_DELETION_GRACE_DAYS; default 15, P24). */
  deletionGraceDays?: number;
  /** Longest operator access grant to a workspace, in hours (POSTERN_OPERATOR_ACCESS_MAX_HOURS; default 72, P16). */
  operatorAccessMaxHours?: number;
  /** DNS server (`host:port`) for verifying teams' email domains (POSTERN_DNS_RESOLVER); the system resolver when unset. */
  dnsResolver?: string;
  /** What this process does (POSTERN_ROLE): `web` serves HTTP, `worker` runs jobs, `all` (default) both. */
  role?: JobRole;
  /** How often this process also looks for due monitors, in ms (POSTERN_MONITOR_POLL_MS); besides the every-minute schedule. */
  monitorPollMs?: number;
}

export interface ConfigIssue {
  /** The environment variable (or POSTERN_CONFIG) the problem is about. */
  variable: string;
  message: string;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly issues: ConfigIssue[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  ${i.variable}: ${i.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value);

const secretKey = z.string().transform((value, ctx) => {
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : decodeBase64(value);
  if (key?.length !== 32) {
    ctx.addIssue({ code: 'custom', message: 'must be 32 bytes, written as 64 hex digits or base64' });
    return z.NEVER;
  }
  return key;
});

const schema = z.object({
  PORT: z.preprocess(
    emptyAsUnset,
    z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(0).max(65535).default(4400),
  ),
  HOST: z.preprocess(emptyAsUnset, z.string().min(1).default('127.0.0.1')),
  POSTERN_DATA_DIR: z.preprocess(emptyAsUnset, z.string().min(1).default('./postern-data')),
  DATABASE_URL: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .refine((v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v) && URL.canParse(v), 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  POSTERN_SECRET_KEY: z.preprocess(emptyAsUnset, secretKey.optional()),
  PUBLIC_URL: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), 'must be an http:// or https:// URL')
      .transform((v) => v.replace(/\/+$/, ''))
      .optional(),
  ),
  SMTP_URL: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .refine((v) => URL.canParse(v) && /^smtps?:$/.test(new URL(v).protocol) && new URL(v).hostname !== '', 'must be an smtp:// or smtps:// URL with a host')
      .optional(),
  ),
  MAIL_FROM: z.preprocess(emptyAsUnset, z.string().trim().min(3).max(320).optional()),
  TRUST_PROXY: z.preprocess(
    (v) => (v === '' ? undefined : typeof v === 'string' ? v.trim().toLowerCase() : v),
    z
      .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })])
      .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes')
      .optional(),
  ),
  OIDC_ISSUER: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .refine(
        (v) => URL.canParse(v) && (new URL(v).protocol === 'https:' || isLoopbackHttp(v)),
        'must be an https:// URL (http:// only for localhost)',
      )
      .optional(),
  ),
  OIDC_CLIENT_ID: z.preprocess(emptyAsUnset, z.string().min(1).optional()),
  OIDC_CLIENT_SECRET: z.preprocess(emptyAsUnset, z.string().min(1).optional()),
  OIDC_NAME: z.preprocess(emptyAsUnset, z.string().trim().min(1).max(60).optional()),
  POSTERN_EGRESS: z.preprocess(
    emptyAsUnset,
    z.enum(['open', 'public-only'], { message: 'must be open or public-only' }).optional(),
  ),
  POSTERN_EGRESS_ALLOW: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .transform((v) => v.split(',').map((e) => e.trim()).filter(Boolean))
      .superRefine((entries, ctx) => {
        for (const entry of entries) {
          if (!parseAllowEntry(entry)) ctx.addIssue({ code: 'custom', message: `"${entry}" is not a CIDR, an IP address or a host name` });
        }
      })
      .optional(),
  ),
  POSTERN_GEOIP_DB: z.preprocess(emptyAsUnset, z.string().optional()),
  POSTERN_DELETION_GRACE_DAYS: z.preprocess(
    emptyAsUnset,
    z.coerce
      .number({ message: 'must be a whole number of days' })
      .int('must be a whole number of days')
      .min(1, 'must be at least 1 day')
      .max(365, 'must be at most 365 days')
      .optional(),
  ),
  POSTERN_OPERATOR_ACCESS_MAX_HOURS: z.preprocess(
    emptyAsUnset,
    z.coerce
      .number({ message: 'must be a whole number of hours' })
      .int('must be a whole number of hours')
      .min(1, 'must be at least 1 hour')
      .max(720, 'must be at most 720 hours (30 days)')
      .optional(),
  ),
  POSTERN_DNS_RESOLVER: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .trim()
      .refine(isResolverAddress, 'must be host:port, e.g. 127.0.0.1:53 or [::1]:53 (an IP address and a port)')
      .optional(),
  ),
  POSTERN_ROLE: z.preprocess(
    (v) => (typeof v === 'string' ? emptyAsUnset(v.trim().toLowerCase()) : v),
    z.enum(JOB_ROLES, { message: 'must be web, worker or all' }).optional(),
  ),
  POSTERN_MONITOR_POLL_MS: z.preprocess(
    emptyAsUnset,
    z.coerce
      .number({ message: 'must be a whole number of milliseconds' })
      .int('must be a whole number of milliseconds')
      .min(100, 'must be at least 100 ms')
      .max(60_000, 'must be at most 60000 ms (the schedule looks every minute anyway)')
      .optional(),
  ),
});

/** Names of the settings, as environment variables and as keys of the POSTERN_CONFIG file. */
export const configVariables = Object.keys(schema.shape) as (keyof typeof schema.shape)[];

/**
 * Reads configuration from the environment, over the optional JSON file named by POSTERN_CONFIG
 * (same keys as the variables; the environment wins). Throws ConfigError listing every bad value.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const issues: ConfigIssue[] = [];
  const fromFile = env.POSTERN_CONFIG ? readConfigFile(resolve(cwd, env.POSTERN_CONFIG), issues) : {};
  const merged: Record<string, unknown> = { ...fromFile };
  for (const name of configVariables) {
    if (env[name] !== undefined) merged[name] = env[name];
  }
  const parsed = schema.safeParse(merged);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      issues.push({ variable: String(issue.path[0] ?? 'POSTERN_CONFIG'), message: issue.message });
    }
  }
  if (parsed.success && Boolean(parsed.data.OIDC_ISSUER) !== Boolean(parsed.data.OIDC_CLIENT_ID)) {
    const missing = parsed.data.OIDC_ISSUER ? 'OIDC_CLIENT_ID' : 'OIDC_ISSUER';
    issues.push({ variable: missing, message: 'must be set together with OIDC_ISSUER and OIDC_CLIENT_ID' });
  }
  const geoipDb = parsed.success && parsed.data.POSTERN_GEOIP_DB !== undefined ? resolve(cwd, parsed.data.POSTERN_GEOIP_DB) : undefined;
  if (geoipDb !== undefined && !existsSync(geoipDb)) {
    issues.push({ variable: 'POSTERN_GEOIP_DB', message: `${geoipDb} does not exist (a GeoLite2/GeoIP2 City or Country .mmdb file)` });
  }
  if (issues.length > 0 || !parsed.success) throw new ConfigError(issues);
  const v = parsed.data;
  return {
    port: v.PORT,
    host: v.HOST,
    dataDir: resolve(cwd, v.POSTERN_DATA_DIR),
    ...(v.POSTERN_ROLE !== undefined && { role: v.POSTERN_ROLE }),
    ...(v.POSTERN_MONITOR_POLL_MS !== undefined && { monitorPollMs: v.POSTERN_MONITOR_POLL_MS }),
    ...(v.DATABASE_URL !== undefined && { databaseUrl: v.DATABASE_URL }),
    ...(v.POSTERN_SECRET_KEY !== undefined && { secretKey: v.POSTERN_SECRET_KEY }),
    ...(v.PUBLIC_URL !== undefined && { publicUrl: v.PUBLIC_URL }),
    ...(v.SMTP_URL !== undefined && { smtpUrl: v.SMTP_URL }),
    ...(v.MAIL_FROM !== undefined && { mailFrom: v.MAIL_FROM }),
    ...(v.TRUST_PROXY !== undefined && { trustProxy: v.TRUST_PROXY }),
    // Unset: open on a loopback-only instance (the local single-user default), public-only when
    // others can reach it, so a shared instance is not an SSRF proxy into its own network.
    ...(geoipDb !== undefined && { geoipDb }),
    ...(v.POSTERN_DELETION_GRACE_DAYS !== undefined && { deletionGraceDays: v.POSTERN_DELETION_GRACE_DAYS }),
    ...(v.POSTERN_DNS_RESOLVER !== undefined && { dnsResolver: v.POSTERN_DNS_RESOLVER }),
    ...(v.POSTERN_OPERATOR_ACCESS_MAX_HOURS !== undefined && { operatorAccessMaxHours: v.POSTERN_OPERATOR_ACCESS_MAX_HOURS }),
    egress: { mode: v.POSTERN_EGRESS ?? (isLoopbackHost(v.HOST) ? 'open' : 'public-only'), allow: v.POSTERN_EGRESS_ALLOW ?? [] },
    ...(v.OIDC_ISSUER !== undefined &&
      v.OIDC_CLIENT_ID !== undefined && {
        oidc: {
          issuer: v.OIDC_ISSUER,
          clientId: v.OIDC_CLIENT_ID,
          ...(v.OIDC_CLIENT_SECRET !== undefined && { clientSecret: v.OIDC_CLIENT_SECRET }),
          name: v.OIDC_NAME ?? 'Single sign-on',
        },
      }),
  };
}

function readConfigFile(path: string, issues: ConfigIssue[]): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    issues.push({ variable: 'POSTERN_CONFIG', message: `cannot read ${path}` });
    return {};
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    issues.push({ variable: 'POSTERN_CONFIG', message: `${path} is not valid JSON` });
    return {};
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    issues.push({ variable: 'POSTERN_CONFIG', message: `${path} must hold a JSON object` });
    return {};
  }
  const known = new Set<string>(configVariables);
  for (const key of Object.keys(data)) {
    if (!known.has(key)) issues.push({ variable: 'POSTERN_CONFIG', message: `unknown setting "${key}" in ${path}` });
  }
  // Numbers and booleans in the file are read the same way as their text in the environment.
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v]));
}

/** `ipv4:port` or `[ipv6]:port`: what dns.Resolver#setServers accepts with a port (it takes no host names). */
function isResolverAddress(value: string): boolean {
  const match = /^(?:(\d{1,3}(?:\.\d{1,3}){3})|\[([0-9a-fA-F:.]+)\]):(\d{1,5})$/.exec(value);
  if (!match) return false;
  const port = Number(match[3]);
  if (port < 1 || port > 65535) return false;
  return match[1] ? isIP(match[1]) === 4 : isIP(match[2]!) === 6;
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || /^127\./.test(host) || host === '::1' || host === '[::1]';
}

function decodeBase64(value: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return undefined;
  return Buffer.from(value, value.includes('-') || value.includes('_') ? 'base64url' : 'base64');
}
