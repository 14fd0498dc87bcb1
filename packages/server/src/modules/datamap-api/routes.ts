import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { dataMapDocument } from '../../db/datamap/document.ts';
import type { DataMapDocument } from '../../db/datamap/document.ts';
import type { AppEnv } from '../../http/env.ts';

/**
 * GET /api/privacy/datamap: the data map (P8) for anyone, signed in or not. It is the machine-readable
 * form of the privacy policy's "What we collect" section and holds no one's data: it is built from
 * code, so it is computed once.
 */

const Purpose = z.enum(['provide_service', 'collaboration', 'security', 'communications', 'analytics', 'legal_compliance', 'support']);
const LegalBasis = z.enum(['contract', 'legitimate_interest', 'consent', 'legal_obligation']);

const Column = z.object({
  name: z.string().openapi({ description: 'SQL column name.' }),
  category: z.string().openapi({ description: 'Dotted category: user.* is personal data, system.* is not.', example: 'user.contact.email' }),
  description: z.string(),
  personal: z.boolean(),
  purposes: z.array(Purpose),
  legalBasis: LegalBasis.nullable(),
  exported: z.boolean().openapi({ description: 'Whether "Download my data" includes it (never for hashes and secrets).' }),
  erasure: z
    .union([z.enum(['keep', 'null']), z.object({ replaceWith: z.union([z.string(), z.number(), z.boolean(), z.null()]) })])
    .openapi({ description: 'What erasure does to the column when the row is kept, reattributed.' }),
});

const Subject = z.object({
  column: z.string(),
  by: z.enum(['account', 'email']),
  role: z.string(),
  onErase: z.enum(['delete', 'reattribute']),
  reattributeWhen: z
    .array(z.union([z.object({ column: z.string(), isNotNull: z.literal(true) }), z.object({ column: z.string(), equals: z.union([z.string(), z.number(), z.boolean()]) })]))
    .optional()
    .openapi({ description: 'Rows matching any condition are reattributed instead of deleted.' }),
});

const Retention = z.object({
  kind: z.enum(['account', 'content', 'age', 'expiry', 'custom']),
  describe: z.string(),
  text: z.string().openapi({ description: 'The rule as a sentence, as the privacy policy states it.' }),
  graceDays: z.number().int().optional(),
  column: z.string().optional(),
  days: z.number().int().optional(),
  job: z.string().optional(),
});

const DataMap = z
  .object({
    version: z.literal(1),
    tables: z.array(z.object({ name: z.string(), description: z.string(), subjects: z.array(Subject), retention: Retention, columns: z.array(Column) })),
  })
  .openapi('DataMap');

const route = createRoute({
  method: 'get',
  path: '/api/privacy/datamap',
  tags: ['privacy'],
  summary: 'The data map: every table and column, its data category, purposes, legal basis, retention and export (P8); no sign-in needed',
  responses: {
    200: { description: 'The data map', content: { 'application/json': { schema: DataMap } } },
  },
});

export function registerDataMapRoutes(app: OpenAPIHono<AppEnv>, document: DataMapDocument = dataMapDocument()): void {
  app.openapi(route, (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(document, 200);
  });
}
