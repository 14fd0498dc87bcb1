import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problem } from '../../http/openapi.ts';
import { AccountSchema, avatarUrlOf, toAccountView } from '../accounts/account-view.ts';
import { HISTORY_RETENTION_CHOICES } from '../history/retention.ts';
import type { ProfileService } from './service.ts';

const ProfilePatch = z
  .strictObject({
    displayName: z.string().trim().min(1, 'must not be empty; send null to clear it').max(100).nullable().optional(),
    bio: z
      .string()
      .trim()
      .max(500, 'must be at most 500 characters')
      .transform((bio) => (bio === '' ? null : bio))
      .nullable()
      .optional()
      .openapi({ description: 'Public; at most 500 characters; empty or null clears it.' }),
    publicEmail: z.boolean().optional().openapi({ description: 'Show the email on the public profile (off by default).' }),
    preferences: z
      .strictObject({
        theme: z.enum(['system', 'light', 'dark']).optional(),
        historyRetentionDays: z
          .union(HISTORY_RETENTION_CHOICES.map((days) => z.literal(days)))
          .optional()
          .openapi({ description: 'Days your sent requests are kept: 0 (keep none), 1, 7, 30 (default), 90 or 365. A shorter period deletes older entries at once.' }),
      })
      .optional(),
  })
  .openapi('ProfileChanges');

const UsernameParam = z.object({ username: z.string().regex(/^[A-Za-z0-9_-]{3,39}$/, 'must be a username') });

const PublicProfileSchema = z
  .object({
    username: z.string(),
    displayName: z.string().nullable(),
    bio: z.string().nullable(),
    avatarUrl: z.string().nullable(),
    email: z.string().nullable().openapi({ description: 'Only when its owner made it public; otherwise null.' }),
  })
  .openapi('PublicProfile');

const signedIn: { security: Record<string, string[]>[] } = { security: [{ session: [] }, { apiKey: [] }] };
const image = { schema: z.string().openapi({ format: 'binary' }) };

const updateRoute = createRoute({
  method: 'patch',
  path: '/api/me',
  tags: ['profile'],
  summary: 'Change your profile and preferences',
  ...signedIn,
  request: { body: { required: true, content: { 'application/json': { schema: ProfilePatch } } } },
  responses: {
    200: { description: 'The updated account', content: { 'application/json': { schema: AccountSchema } } },
    400: { description: 'Invalid input (unknown fields included)', content: problem },
    401: { description: 'Not signed in', content: problem },
    403: { description: 'CSRF_TOKEN_INVALID or API_KEY_SCOPE_MISSING', content: problem },
  },
});

const putAvatarRoute = createRoute({
  method: 'put',
  path: '/api/me/avatar',
  tags: ['profile'],
  summary: 'Set your avatar (the raw image is the body; its type is read from the bytes)',
  ...signedIn,
  request: {
    body: { required: true, content: { 'image/png': image, 'image/jpeg': image, 'image/webp': image, 'image/gif': image } },
  },
  responses: {
    200: { description: 'Stored; the updated account', content: { 'application/json': { schema: AccountSchema } } },
    400: { description: 'AVATAR_EMPTY', content: problem },
    401: { description: 'Not signed in', content: problem },
    403: { description: 'CSRF_TOKEN_INVALID or API_KEY_SCOPE_MISSING', content: problem },
    413: { description: 'Larger than 1 MiB (AVATAR_TOO_LARGE or PAYLOAD_TOO_LARGE)', content: problem },
    415: { description: 'Not a PNG, JPEG, WebP or GIF image (AVATAR_TYPE_UNSUPPORTED)', content: problem },
  },
});

const deleteAvatarRoute = createRoute({
  method: 'delete',
  path: '/api/me/avatar',
  tags: ['profile'],
  summary: 'Remove your avatar',
  ...signedIn,
  responses: {
    204: { description: 'Removed' },
    401: { description: 'Not signed in', content: problem },
    403: { description: 'CSRF_TOKEN_INVALID or API_KEY_SCOPE_MISSING', content: problem },
    404: { description: 'AVATAR_NOT_FOUND', content: problem },
  },
});

const profileRoute = createRoute({
  method: 'get',
  path: '/api/users/{username}',
  tags: ['profile'],
  summary: "A person's public profile (email only if they made it public)",
  request: { params: UsernameParam },
  responses: {
    200: { description: 'The public profile', content: { 'application/json': { schema: PublicProfileSchema } } },
    400: { description: 'Not a username', content: problem },
    404: { description: 'No such person', content: problem },
  },
});

const avatarRoute = createRoute({
  method: 'get',
  path: '/api/users/{username}/avatar',
  tags: ['profile'],
  summary: "A person's avatar image",
  request: { params: UsernameParam },
  responses: {
    200: { description: 'The image, with the type detected at upload', content: { 'image/png': image, 'image/jpeg': image, 'image/webp': image, 'image/gif': image } },
    304: { description: 'Unchanged since the ETag sent in If-None-Match' },
    400: { description: 'Not a username', content: problem },
    404: { description: 'No such person, or no avatar (AVATAR_NOT_FOUND)', content: problem },
  },
});

export function registerProfileRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: { profiles: ProfileService },
): void {
  app.openapi(updateRoute, async (c) => {
    const user = requireUser(c);
    const updated = await deps.profiles.update(user.id, c.req.valid('json'));
    return c.json(toAccountView(updated), 200);
  });

  app.openapi(putAvatarRoute, async (c) => {
    const user = requireUser(c);
    const updated = await deps.profiles.setAvatar(user.id, Buffer.from(await c.req.arrayBuffer()));
    return c.json(toAccountView(updated), 200);
  });

  app.openapi(deleteAvatarRoute, async (c) => {
    const user = requireUser(c);
    await deps.profiles.removeAvatar(user.id);
    return c.body(null, 204);
  });

  app.openapi(profileRoute, async (c) => {
    const { avatarUpdatedAt, ...profile } = await deps.profiles.publicProfile(c.req.valid('param').username);
    return c.json({ ...profile, avatarUrl: avatarUrlOf({ username: profile.username, avatarUpdatedAt }) }, 200);
  });

  app.openapi(avatarRoute, async (c) => {
    const avatar = await deps.profiles.avatar(c.req.valid('param').username);
    const etag = `"${avatar.sha256}"`;
    const headers = {
      ETag: etag,
      // Versioned URLs (?v=) change with the picture, so a short lifetime only covers bare URLs.
      'Cache-Control': 'public, max-age=300',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    };
    if (c.req.header('If-None-Match') === etag) return c.body(null, 304, headers);
    return c.body(new Uint8Array(avatar.bytes), 200, { ...headers, 'Content-Type': avatar.contentType });
  });
}
