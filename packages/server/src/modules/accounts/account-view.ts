import { z } from '@hono/zod-openapi';
import { historyRetentionDays } from '../history/retention.ts';
import type { UserRecord } from './store.ts';

/** An account as its owner sees it: the public profile plus the private email and preferences (P1). */
export const AccountSchema = z
  .object({
    id: z.string().uuid(),
    username: z.string(),
    displayName: z.string().nullable(),
    bio: z.string().nullable(),
    avatarUrl: z.string().nullable().openapi({ description: 'Where the avatar is served; null without one.' }),
    email: z.string(),
    publicEmail: z.boolean().openapi({ description: 'Whether the public profile shows the email (off by default).' }),
    preferences: z
      .object({
        theme: z.enum(['system', 'light', 'dark']),
        historyRetentionDays: z.number().int().openapi({ description: 'Days sent requests are kept (0: none).' }),
      })
      .openapi('Preferences'),
    emailVerified: z.boolean(),
    pendingEmail: z
      .string()
      .nullable()
      .optional()
      .openapi({ description: 'A new address waiting for confirmation (P23); only in GET /api/me, null when none.' }),
    operator: z.boolean().openapi({ description: 'Whether this account runs the instance (the first account created).' }),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Account');

export type AccountView = z.infer<typeof AccountSchema>;

/** The avatar's URL, versioned by its change time so caches pick up a new picture at once. */
export function avatarUrlOf(user: { username: string; avatarUpdatedAt: Date | null }): string | null {
  if (!user.avatarUpdatedAt) return null;
  return `/api/users/${encodeURIComponent(user.username)}/avatar?v=${user.avatarUpdatedAt.getTime()}`;
}

export function toAccountView(user: UserRecord): AccountView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    bio: user.bio,
    avatarUrl: avatarUrlOf(user),
    email: user.email,
    publicEmail: user.publicEmail,
    preferences: { theme: user.preferences.theme ?? 'system', historyRetentionDays: historyRetentionDays(user.preferences) },
    emailVerified: user.emailVerifiedAt !== null,
    operator: user.operator,
    createdAt: user.createdAt.toISOString(),
  };
}
