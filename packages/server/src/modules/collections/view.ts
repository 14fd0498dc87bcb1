import { z } from '@hono/zod-openapi';
import type { CollectionSummaryRecord } from './store.ts';

export const CollectionSummarySchema = z
  .object({
    id: z.string().uuid(),
    workspaceId: z.string().uuid(),
    name: z.string(),
    requestCount: z.number().int(),
    revision: z.number().int().openapi({ description: 'Send back as If-Match: "<revision>" to detect concurrent edits.' }),
    forkedFromId: z.string().uuid().nullable(),
    forkLabel: z.string().nullable(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    updatedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('CollectionSummary');

export const toCollectionSummary = (r: CollectionSummaryRecord): z.infer<typeof CollectionSummarySchema> => ({
  id: r.id,
  workspaceId: r.workspaceId,
  name: r.name,
  requestCount: r.requestCount,
  revision: r.revision,
  forkedFromId: r.forkedFromId,
  forkLabel: r.forkLabel,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** A Postman collection (v2.1, or v2.0 on import); checked by the collection model, not here. */
export const PostmanCollectionSchema = z
  .looseObject({})
  .openapi('PostmanCollection', {
    description:
      'A Postman collection JSON (v2.0 or v2.1), as Postman exports it. Secret variables read by viewers have an empty value and "_postern_redacted": true; sending such a variable back keeps the stored secret.',
  });

export const PostmanItemSchema = z.looseObject({}).openapi('PostmanItem', { description: 'A Postman request item or folder (item group).' });
