import { z } from '@hono/zod-openapi';
import type { UserRecord } from './store.ts';

/** An account as its owner sees it: the public profile plus the private email. */
export const AccountSchema = z
  .object({
    id: z.string().uuid(),
    username: z.string(),
    displayName: z.string().nullable(),
    email: z.string(),
    emailVerified: z.boolean(),
    operator: z.boolean().openapi({ description: 'Whether this account runs the instance (the first account created).' }),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Account');

export type AccountView = z.infer<typeof AccountSchema>;

export function toAccountView(user: UserRecord): AccountView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    emailVerified: user.emailVerifiedAt !== null,
    operator: user.operator,
    createdAt: user.createdAt.toISOString(),
  };
}
