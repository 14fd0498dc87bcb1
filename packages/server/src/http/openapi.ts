import { z } from '@hono/zod-openapi';

/** The content of an error response in a route's OpenAPI description (RFC 9457 problem+json). */
export const problem = { 'application/problem+json': { schema: z.looseObject({ code: z.string() }) } };

/** An error response for a route's `responses`, naming the codes it may carry. */
export const problemResponse = (description: string) => ({ description, content: problem });
