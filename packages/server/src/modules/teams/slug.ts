import { z } from '@hono/zod-openapi';

/** A team's handle in URLs: lowercase letters, digits and inner hyphens; unique regardless of case. */
export const TeamSlug = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,37}[a-z0-9])?$/, 'must be 1 to 39 lowercase letters, digits or inner "-"')
  .openapi({ example: 'platform-team' });
