import { OpenAPIHono } from '@hono/zod-openapi';
import { badRequest } from '../errors.ts';
import type { AppEnv } from './env.ts';

/**
 * A router whose validated routes answer invalid input with a 400 problem listing each bad field.
 * Every module builds its routes on one of these.
 */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      throw badRequest('The request is invalid.', {
        errors: result.error.issues.map((issue) => ({
          path: [result.target, ...issue.path.map(String)].join('.'),
          message: issue.message,
        })),
      });
    },
  });
}
