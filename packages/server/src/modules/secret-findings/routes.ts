import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requireUser } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { problemResponse } from '../../http/openapi.ts';
import { FINDING_STATES, ITEM_KINDS } from './schema.ts';
import type { SecretFindingsService } from './service.ts';
import type { FindingRecord, ScanRecord } from './store.ts';

const WorkspaceParams = z.object({ workspaceId: z.string().uuid('must be a workspace id') });
const IdParams = z.object({ id: z.string().uuid('must be a secret finding id') });
const ListQuery = z.object({
  state: z.enum(FINDING_STATES).optional(),
  itemKind: z.enum(ITEM_KINDS).optional(),
  itemId: z.string().uuid('must be a collection or environment id').optional(),
  includeRemoved: z.enum(['true', 'false']).optional().openapi({ description: 'Also list findings whose value has left the content.' }),
});
const StateBody = z.object({
  state: z.enum(FINDING_STATES),
  note: z.string().max(500, 'at most 500 characters').nullable().optional(),
});

export const SecretFindingSchema = z
  .object({
    id: z.string().uuid(),
    workspaceId: z.string().uuid(),
    itemKind: z.enum(ITEM_KINDS),
    itemId: z.string().uuid(),
    itemName: z.string().nullable(),
    target: z.string().nullable().openapi({ description: 'The request/folder id in a collection, or the variable key.' }),
    jsonPath: z.string(),
    line: z.number().int().nullable(),
    ruleId: z.string(),
    masked: z.string().openapi({ description: 'A few leading characters and the length; the value itself is never stored.' }),
    state: z.enum(FINDING_STATES),
    note: z.string().nullable(),
    stateChangedBy: z.object({ id: z.string().uuid().nullable(), username: z.string() }).nullable(),
    stateChangedAt: z.string().nullable().openapi({ format: 'date-time' }),
    firstSeenAt: z.string().openapi({ format: 'date-time' }),
    lastSeenAt: z.string().openapi({ format: 'date-time' }),
    removedAt: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('SecretFinding');

const ScanSchema = z
  .object({
    status: z.enum(['none', 'queued', 'running', 'done', 'failed']),
    trigger: z.enum(['schedule', 'request']).nullable(),
    itemsTotal: z.number().int(),
    itemsDone: z.number().int(),
    newFindings: z.number().int(),
    queuedAt: z.string().nullable(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    error: z.string().nullable(),
  })
  .openapi('SecretScan');

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const toFinding = (f: FindingRecord & { itemName?: string | null; changedByName?: string | null }): z.infer<typeof SecretFindingSchema> => ({
  id: f.id,
  workspaceId: f.workspaceId,
  itemKind: f.itemKind,
  itemId: f.itemId,
  itemName: f.itemName ?? null,
  target: f.target,
  jsonPath: f.jsonPath,
  line: f.line,
  ruleId: f.ruleId,
  masked: f.masked,
  state: f.state,
  note: f.stateNote,
  // A reviewer whose account was erased reads as "Deleted user" (the row is reattributed).
  stateChangedBy: f.stateChangedAt ? { id: f.stateChangedBy, username: f.stateChangedBy ? (f.changedByName ?? '') : 'Deleted user' } : null,
  stateChangedAt: iso(f.stateChangedAt),
  firstSeenAt: f.firstSeenAt.toISOString(),
  lastSeenAt: f.lastSeenAt.toISOString(),
  removedAt: iso(f.removedAt),
});

const toScan = (s: ScanRecord | null): z.infer<typeof ScanSchema> =>
  s
    ? {
        status: s.status,
        trigger: s.trigger,
        itemsTotal: s.itemsTotal,
        itemsDone: s.itemsDone,
        newFindings: s.newFindings,
        queuedAt: iso(s.queuedAt),
        startedAt: iso(s.startedAt),
        finishedAt: iso(s.finishedAt),
        error: s.error,
      }
    : { status: 'none', trigger: null, itemsTotal: 0, itemsDone: 0, newFindings: 0, queuedAt: null, startedAt: null, finishedAt: null, error: null };

const signedIn = { security: [{ session: [] }] };
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const wsNotFound = problemResponse('No such workspace among those you are a member of (WORKSPACE_NOT_FOUND)');

const listRoute = createRoute({
  method: 'get',
  path: '/api/workspaces/{workspaceId}/secret-findings',
  tags: ['secrets'],
  summary: "The workspace's secret findings, masked (members)",
  ...signedIn,
  request: { params: WorkspaceParams, query: ListQuery },
  responses: { 200: { description: 'Findings', ...json(z.object({ items: z.array(SecretFindingSchema) })) }, 400: problemResponse('Invalid filter'), 404: wsNotFound },
});

const countsRoute = createRoute({
  method: 'get',
  path: '/api/workspaces/{workspaceId}/secret-findings/counts',
  tags: ['secrets'],
  summary: 'Active findings per item and per request/variable (members)',
  ...signedIn,
  request: { params: WorkspaceParams },
  responses: {
    200: {
      description: 'Counts',
      ...json(
        z.object({
          total: z.number().int(),
          items: z.array(z.object({ itemKind: z.enum(ITEM_KINDS), itemId: z.string().uuid(), target: z.string().nullable(), count: z.number().int() })),
        }),
      ),
    },
    404: wsNotFound,
  },
});

const stateRoute = createRoute({
  method: 'patch',
  path: '/api/secret-findings/{id}',
  tags: ['secrets'],
  summary: 'Mark a finding active, a false positive, revoked or an accepted risk (editor)',
  ...signedIn,
  request: { params: IdParams, body: { required: true, ...json(StateBody) } },
  responses: {
    200: { description: 'Changed', ...json(SecretFindingSchema) },
    400: problemResponse('Invalid state or note'),
    401: problemResponse('Not signed in (UNAUTHENTICATED)'),
    403: problemResponse('Needs the editor role (WORKSPACE_ROLE_REQUIRED)'),
    404: problemResponse('No such finding (SECRET_FINDING_NOT_FOUND)'),
  },
});

const rescanRoute = createRoute({
  method: 'post',
  path: '/api/workspaces/{workspaceId}/secret-scans',
  tags: ['secrets'],
  summary: 'Re-scan every collection, environment and the globals now (workspace admin)',
  ...signedIn,
  request: { params: WorkspaceParams },
  responses: {
    202: { description: 'Queued (or already under way)', ...json(ScanSchema) },
    401: problemResponse('Not signed in (UNAUTHENTICATED)'),
    403: problemResponse('Needs the admin role (WORKSPACE_ROLE_REQUIRED)'),
    404: wsNotFound,
  },
});

const scanStatusRoute = createRoute({
  method: 'get',
  path: '/api/workspaces/{workspaceId}/secret-scans/latest',
  tags: ['secrets'],
  summary: 'Progress of the latest full re-scan',
  ...signedIn,
  request: { params: WorkspaceParams },
  responses: { 200: { description: 'Status', ...json(ScanSchema) }, 404: wsNotFound },
});

export function registerSecretFindingRoutes(app: OpenAPIHono<AppEnv>, deps: { findings: SecretFindingsService }) {
  const { findings } = deps;

  app.openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const rows = await findings.list(requireUser(c), c.req.valid('param').workspaceId, {
      state: q.state,
      itemKind: q.itemKind,
      itemId: q.itemId,
      includeRemoved: q.includeRemoved === 'true',
    });
    return c.json({ items: rows.map(toFinding) }, 200);
  });

  app.openapi(countsRoute, async (c) => {
    const items = await findings.counts(requireUser(c), c.req.valid('param').workspaceId);
    return c.json({ total: items.reduce((n, i) => n + i.count, 0), items }, 200);
  });

  app.openapi(stateRoute, async (c) => {
    const body = c.req.valid('json');
    const user = requireUser(c);
    const updated = await findings.changeState(user, c.req.valid('param').id, body.state, body.note ?? null);
    return c.json(toFinding({ ...updated, changedByName: user.username }), 200);
  });

  app.openapi(rescanRoute, async (c) => {
    return c.json(toScan(await findings.requestRescan(requireUser(c), c.req.valid('param').workspaceId)), 202);
  });

  app.openapi(scanStatusRoute, async (c) => {
    return c.json(toScan(await findings.scanStatus(requireUser(c), c.req.valid('param').workspaceId)), 200);
  });
}
