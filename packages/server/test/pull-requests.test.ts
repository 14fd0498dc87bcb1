import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../src/db/database.ts';
import { forEachDatabase } from './for-each-database.ts';
import { openTestApp } from './support/app.ts';
import type { TestApp } from './support/app.ts';
import { createWorkspace, importCollection, loadFixtureCollection, SETUP_TIMEOUT_MS, setUpCast } from './support/content.ts';
import type { ContentCast, Person } from './support/content.ts';

forEachDatabase('forks and pull requests (P2)', (target) => {
  let t: TestApp;
  let cast: ContentCast;
  let editorSpace: string;
  let viewerSpace: string;

  beforeAll(async () => {
    t = await openTestApp(target);
    cast = await setUpCast(t);
    editorSpace = await createWorkspace(cast.editor, { name: 'Editor forks', kind: 'private' });
    viewerSpace = await createWorkspace(cast.viewer, { name: 'Viewer forks', kind: 'private' });
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await t?.close();
  });

  const get = async (p: Person, path: string) => (await p.browser.request('GET', path)).json();
  const itemsOf = async (p: Person, id: string) => (await get(p, `/api/collections/${id}/items`)).items;
  async function editItem(p: Person, collectionId: string, itemId: string, edit: (item: any) => void) {
    const { item } = await get(p, `/api/collections/${collectionId}/items/${itemId}`);
    edit(item);
    const res = await p.browser.request('PUT', `/api/collections/${collectionId}/items/${itemId}`, { body: item });
    expect(res.status).toBe(200);
  }
  async function fork(p: Person, id: string, workspaceId: string) {
    const res = await p.browser.request('POST', `/api/collections/${id}/forks`, { body: { workspaceId, label: 'my fork' } });
    expect(res.status).toBe(201);
    return res.json();
  }

  it('forks (viewer on the source, editor on the target) and records the fork point', async () => {
    const parent = await importCollection(cast.editor, cast.workspaceId);
    const forked = await fork(cast.editor, parent.id, editorSpace);
    expect(forked).toMatchObject({ workspaceId: editorSpace, forkedFromId: parent.id, forkLabel: 'my fork', revision: 1, requestCount: 7 });
    expect(await get(cast.editor, `/api/collections/${forked.id}`)).toEqual(loadFixtureCollection());
    const [row] = await queryRows<{ fork_revision: number }>(t.database.db, sql`select fork_revision from collections where id = ${forked.id}`);
    expect(row!.fork_revision).toBe(1);
    expect((await itemsOf(cast.editor, forked.id))[0].id).toBe((await itemsOf(cast.editor, parent.id))[0].id);

    const path = `/api/collections/${parent.id}/forks`;
    expect((await cast.viewer.browser.request('POST', path, { body: { workspaceId: cast.workspaceId } })).status).toBe(403);
    expect((await cast.stranger.browser.request('POST', path, { body: { workspaceId: editorSpace } })).status).toBe(404);
    expect((await cast.editor.browser.request('POST', path, { body: { workspaceId: 'nope' } })).status).toBe(400);
    expect((await cast.anonymous.request('POST', path, { body: { workspaceId: editorSpace } })).status).toBe(401);
  });

  it('gives a viewer who forks no secrets, and merging their fork keeps the parent secrets', async () => {
    const parent = await importCollection(cast.editor, cast.workspaceId);
    const forked = await fork(cast.viewer, parent.id, viewerSpace);
    const raw = (await queryRows<{ document: string; fork_document: string }>(t.database.db, sql`select document, fork_document from collections where id = ${forked.id}`))[0]!;
    expect(raw.document).not.toContain('postern-sealed');
    expect(raw.fork_document).not.toContain('postern-sealed');
    const doc = await get(cast.viewer, `/api/collections/${forked.id}`);
    expect(doc.variable[1]).toMatchObject({ key: 'token', value: '', _postern_redacted: true });
    // The viewer (admin of the fork) saves the fork as they see it plus one change.
    doc.info.description = 'Better description';
    expect((await cast.viewer.browser.request('PUT', `/api/collections/${forked.id}`, { body: doc })).status).toBe(200);
    const pr = await cast.viewer.browser.request('POST', `/api/collections/${forked.id}/pull-requests`, { body: { title: 'Describe it' } });
    expect(pr.status).toBe(201);
    const { id } = await pr.json();
    const detail = await get(cast.editor, `/api/pull-requests/${id}`);
    expect(detail.conflicts).toEqual([]);
    expect(detail.changes).toEqual([{ op: 'replace', path: '/info/description', value: 'Better description' }]);
    const merged = await cast.editor.browser.request('POST', `/api/pull-requests/${id}/merge`);
    expect(merged.status).toBe(200);
    const after = await get(cast.editor, `/api/collections/${parent.id}`);
    expect(after.info.description).toBe('Better description');
    expect(after.variable[1].value).toBe('s3cr3t-token-value');
    expect(after.variable[3].value).toBe('hunter2-admin');
  });

  it('opens, reviews, shows conflicts, refuses to merge them, then merges as a recorded change', async () => {
    const parent = await importCollection(cast.editor, cast.workspaceId);
    const forked = await fork(cast.editor, parent.id, editorSpace);
    const parentItems = await itemsOf(cast.owner, parent.id);
    const forkItems = await itemsOf(cast.editor, forked.id);
    // The fork changes one request and adds one; the parent changes another request meanwhile.
    await editItem(cast.editor, forked.id, forkItems[0].children[1].id, (item) => (item.request.method = 'PUT'));
    const added = await cast.editor.browser.request('POST', `/api/collections/${forked.id}/items`, {
      body: { item: { name: 'Delete pet', request: { method: 'DELETE', url: '{{baseUrl}}/pets/1' } } },
    });
    expect(added.status).toBe(201);
    await editItem(cast.owner, parent.id, parentItems[0].children[0].id, (item) => (item.request.description = 'Parent docs'));

    expect((await cast.editor.browser.request('POST', `/api/collections/${parent.id}/pull-requests`, { body: { title: 'x' } })).status).toBe(400);
    expect((await cast.editor.browser.request('POST', `/api/collections/${forked.id}/pull-requests`, { body: { title: '' } })).status).toBe(400);
    expect((await cast.viewer.browser.request('POST', `/api/collections/${forked.id}/pull-requests`, { body: { title: 'x' } })).status).toBe(404);
    const opened = await cast.editor.browser.request('POST', `/api/collections/${forked.id}/pull-requests`, {
      body: { title: 'PUT for create', description: 'Use PUT' },
    });
    expect(opened.status).toBe(201);
    const pr = await opened.json();
    expect(pr).toMatchObject({ sourceId: forked.id, targetId: parent.id, status: 'open', authorId: cast.editor.account.id });
    expect((await cast.editor.browser.request('POST', `/api/collections/${forked.id}/pull-requests`, { body: { title: 'again' } })).status).toBe(409);

    const list = await get(cast.viewer, `/api/collections/${parent.id}/pull-requests`);
    expect(list.items.map((p: { id: string }) => p.id)).toEqual([pr.id]);
    expect((await cast.stranger.browser.request('GET', `/api/collections/${parent.id}/pull-requests`)).status).toBe(404);
    expect((await cast.viewer.browser.request('GET', `/api/collections/${parent.id}/pull-requests?limit=0`)).status).toBe(400);
    const detail = await get(cast.viewer, `/api/pull-requests/${pr.id}`);
    expect(detail).toMatchObject({ mergeable: true, conflicts: [] });
    expect(detail.changes).toEqual(
      expect.arrayContaining([
        { op: 'replace', path: '/item/0/item/1/request/method', value: 'PUT' },
        { op: 'add', path: '/item/-', value: { name: 'Delete pet', request: { method: 'DELETE', url: '{{baseUrl}}/pets/1' } } },
      ]),
    );
    expect((await cast.stranger.browser.request('GET', `/api/pull-requests/${pr.id}`)).status).toBe(404);

    expect((await cast.viewer.browser.request('POST', `/api/pull-requests/${pr.id}/reviews`, { body: { decision: 'approve' } })).status).toBe(403);
    expect((await cast.owner.browser.request('POST', `/api/pull-requests/${pr.id}/reviews`, { body: { decision: 'maybe' } })).status).toBe(400);
    const review = await cast.owner.browser.request('POST', `/api/pull-requests/${pr.id}/reviews`, { body: { decision: 'approve', comment: 'LGTM' } });
    expect(review.status).toBe(201);

    // The parent now changes the same field differently: a conflict, and merging changes nothing.
    await editItem(cast.owner, parent.id, parentItems[0].children[1].id, (item) => (item.request.method = 'PATCH'));
    const conflicted = await get(cast.viewer, `/api/pull-requests/${pr.id}`);
    expect(conflicted.mergeable).toBe(false);
    expect(conflicted.conflicts).toEqual([{ path: '/item/0/item/1/request/method', base: 'POST', parent: 'PATCH', fork: 'PUT' }]);
    expect(conflicted.reviews).toEqual([expect.objectContaining({ decision: 'approve', comment: 'LGTM', reviewerId: cast.owner.account.id })]);
    expect((await cast.viewer.browser.request('POST', `/api/pull-requests/${pr.id}/merge`)).status).toBe(403);
    const before = (await cast.owner.browser.request('GET', `/api/collections/${parent.id}`)).headers.get('etag');
    const refused = await cast.owner.browser.request('POST', `/api/pull-requests/${pr.id}/merge`);
    expect(refused.status).toBe(409);
    const problem = await refused.json();
    expect(problem.code).toBe('MERGE_CONFLICT');
    expect(problem.errors).toEqual([{ path: '/item/0/item/1/request/method', message: expect.any(String) }]);
    expect((await cast.owner.browser.request('GET', `/api/collections/${parent.id}`)).headers.get('etag')).toBe(before);

    // The parent agrees with the fork on that field: no conflict any more.
    await editItem(cast.owner, parent.id, parentItems[0].children[1].id, (item) => (item.request.method = 'PUT'));
    const merged = await cast.owner.browser.request('POST', `/api/pull-requests/${pr.id}/merge`);
    expect(merged.status).toBe(200);
    const result = await merged.json();
    expect(result.pullRequest).toMatchObject({ status: 'merged', mergedRevision: result.collection.revision, closedBy: cast.owner.account.id });
    const doc = await get(cast.owner, `/api/collections/${parent.id}`);
    expect(doc.item[0].item[0].request.description).toBe('Parent docs');
    expect(doc.item[0].item[1].request.method).toBe('PUT');
    expect(doc.item.at(-1).name).toBe('Delete pet');
    const changes = await get(cast.owner, `/api/collections/${parent.id}/changes?limit=1`);
    expect(changes.items[0]).toMatchObject({ kind: 'merge', summary: 'Merged pull request "PUT for create"', actorId: cast.owner.account.id });
    expect((await cast.owner.browser.request('POST', `/api/pull-requests/${pr.id}/merge`)).status).toBe(409);
    expect((await cast.owner.browser.request('POST', `/api/pull-requests/${pr.id}/reviews`, { body: { decision: 'approve' } })).status).toBe(409);
  });

  it('is declined by an editor of the parent or withdrawn by its author, not by others', async () => {
    const parent = await importCollection(cast.editor, cast.workspaceId);
    const forked = await fork(cast.viewer, parent.id, viewerSpace);
    const first = await (await cast.viewer.browser.request('POST', `/api/collections/${forked.id}/pull-requests`, { body: { title: 'One' } })).json();
    // The stranger becomes a viewer of the parent: neither author nor editor.
    await cast.owner.browser.request('PUT', `/api/workspaces/${cast.workspaceId}/grants`, { body: { username: cast.stranger.account.username, role: 'viewer' } });
    expect((await cast.stranger.browser.request('POST', `/api/pull-requests/${first.id}/decline`)).status).toBe(403);
    const withdrawn = await cast.viewer.browser.request('POST', `/api/pull-requests/${first.id}/decline`);
    expect(withdrawn.status).toBe(200);
    expect((await withdrawn.json()).status).toBe('declined');
    expect((await cast.viewer.browser.request('POST', `/api/pull-requests/${first.id}/decline`)).status).toBe(409);
    const second = await (await cast.viewer.browser.request('POST', `/api/collections/${forked.id}/pull-requests`, { body: { title: 'Two' } })).json();
    expect((await cast.editor.browser.request('POST', `/api/pull-requests/${second.id}/decline`)).status).toBe(200);
    expect((await cast.anonymous.request('POST', `/api/pull-requests/${second.id}/decline`)).status).toBe(401);
    const page = await get(cast.editor, `/api/collections/${parent.id}/pull-requests?limit=1`);
    expect(page.items.map((p: { title: string }) => p.title)).toEqual(['Two']);
    const next = await get(cast.editor, `/api/collections/${parent.id}/pull-requests?limit=1&cursor=${page.nextCursor}`);
    expect(next.items.map((p: { title: string }) => p.title)).toEqual(['One']);
  });
});
