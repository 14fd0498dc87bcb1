import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { TestApp } from './app.ts';
import { signUpPerson } from './app.ts';
import { Browser } from './browser.ts';

export type Person = Awaited<ReturnType<typeof signUpPerson>>;

/** The realistic Postman v2.1 collection of test/fixtures (folders, every body mode, auth, scripts…). */
export const loadFixtureCollection = (): Record<string, any> =>
  JSON.parse(readFileSync(new URL('../fixtures/postman-collection.json', import.meta.url), 'utf8'));

/** A private workspace with an owner (admin), an editor and a viewer; a stranger; a public workspace. */
export interface ContentCast {
  owner: Person;
  editor: Person;
  viewer: Person;
  stranger: Person;
  anonymous: Browser;
  workspaceId: string;
  publicWorkspaceId: string;
}

export async function setUpCast(t: TestApp): Promise<ContentCast> {
  const [owner, editor, viewer, stranger] = [
    await signUpPerson(t.app),
    await signUpPerson(t.app),
    await signUpPerson(t.app),
    await signUpPerson(t.app),
  ];
  const workspaceId = await createWorkspace(owner, { name: 'Team space', kind: 'private' });
  await grant(owner, workspaceId, editor, 'editor');
  await grant(owner, workspaceId, viewer, 'viewer');
  const publicWorkspaceId = await createWorkspace(owner, { name: 'Public space', kind: 'public' });
  await grant(owner, publicWorkspaceId, editor, 'editor');
  await grant(owner, publicWorkspaceId, viewer, 'viewer');
  return { owner, editor, viewer, stranger, anonymous: new Browser(t.app), workspaceId, publicWorkspaceId };
}

export async function createWorkspace(p: Person, body: Record<string, unknown>): Promise<string> {
  const res = await p.browser.request('POST', '/api/workspaces', { body });
  expect(res.status).toBe(201);
  return (await res.json()).id;
}

export async function grant(owner: Person, workspaceId: string, p: Person, role: string): Promise<void> {
  const res = await owner.browser.request('PUT', `/api/workspaces/${workspaceId}/grants`, { body: { username: p.account.username, role } });
  expect(res.status).toBe(200);
}

/** Imports a collection as `p` and returns its summary. */
export async function importCollection(p: Person, workspaceId: string, collection: unknown = loadFixtureCollection()) {
  const res = await p.browser.request('POST', `/api/workspaces/${workspaceId}/collections`, { body: collection });
  expect(res.status).toBe(201);
  return res.json();
}

/** Setting up the cast signs four people up and migrates a fresh database: slow on a busy machine. */
export const SETUP_TIMEOUT_MS = 120_000;
