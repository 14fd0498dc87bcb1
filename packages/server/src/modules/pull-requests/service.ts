import type { Clock } from '../../clock.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../errors.ts';
import type { CurrentUser } from '../../http/env.ts';
import { decodeCursor, pageOf } from '../../http/pagination.ts';
import type { Page, PageQuery } from '../../http/pagination.ts';
import type { WorkspaceAccess, WorkspaceRole } from '../../policies/workspaces.ts';
import { roleAtLeast } from '../../policies/workspaces.ts';
import { diffDocuments } from '../collections/json-patch.ts';
import type { PatchOperation } from '../collections/json-patch.ts';
import { redactSealed } from '../collections/secret-variables.ts';
import type { CollectionService } from '../collections/service.ts';
import { storedDocument } from '../collections/service.ts';
import type { CollectionRecord, CollectionStore } from '../collections/store.ts';
import type { MergeConflict } from '../collections/three-way-merge.ts';
import { forkCollection } from './fork-collection.ts';
import { comparePullRequest, conflictView, mergePullRequest } from './merge-pull-request.ts';
import type { PullRequestRecord, PullRequestStore, ReviewRecord } from './store.ts';

type Actor = CurrentUser | undefined;

export interface PullRequestServiceDeps {
  store: PullRequestStore;
  collectionStore: CollectionStore;
  collections: CollectionService;
  access: WorkspaceAccess;
  clock: Clock;
}

export interface PullRequestDetail {
  pullRequest: PullRequestRecord;
  reviews: ReviewRecord[];
  /** RFC 6902 patch from the fork point to the fork (what merging brings), secrets as "[secret]". */
  changes: PatchOperation[];
  /** Places the parent also changed since the fork point, to a different value. */
  conflicts: MergeConflict[];
}

const pullRequestNotFound = () => notFound('No such pull request.', { code: 'PULL_REQUEST_NOT_FOUND' });
const notOpen = (pr: PullRequestRecord) => conflict(`This pull request is already ${pr.status}.`, { code: 'PULL_REQUEST_CLOSED' });

export function createPullRequestService(deps: PullRequestServiceDeps) {
  const { store, collectionStore, collections, access, clock } = deps;

  /** The pull request and its parent, for someone with `need` on the parent collection. */
  async function authorize(actor: Actor, id: string, need: WorkspaceRole) {
    const pullRequest = /^[0-9a-f-]{36}$/i.test(id) ? await store.find(id) : undefined;
    if (!pullRequest) throw pullRequestNotFound();
    try {
      const { record: parent, role } = await collections.authorize(actor, pullRequest.targetId, need);
      return { pullRequest, parent, role };
    } catch (error) {
      if (error instanceof AppError && error.code === 'COLLECTION_NOT_FOUND') throw pullRequestNotFound();
      throw error;
    }
  }

  async function forkOf(pullRequest: PullRequestRecord): Promise<CollectionRecord> {
    const fork = await collectionStore.find(pullRequest.sourceId);
    if (!fork) throw pullRequestNotFound();
    return fork;
  }

  return {
    /** Fork: viewer on the source, editor on the target workspace. */
    async fork(actor: CurrentUser, sourceId: string, input: { workspaceId: string; label?: string | undefined }): Promise<CollectionRecord> {
      const { record: source, role } = await collections.authorize(actor, sourceId, 'viewer');
      await access.require(actor, input.workspaceId, 'editor');
      return forkCollection({
        actor,
        source,
        sourceRole: role,
        targetWorkspaceId: input.workspaceId,
        label: input.label ?? null,
        store: collectionStore,
        clock,
      });
    },

    /** Proposes the fork's changes to its parent: editor on the fork, viewer on the parent. */
    async open(actor: CurrentUser, forkId: string, input: { title: string; description?: string | undefined }): Promise<PullRequestRecord> {
      const { record: fork } = await collections.authorize(actor, forkId, 'editor');
      if (!fork.forkedFromId) {
        throw badRequest('This collection is not a fork; fork it first, then propose changes from the fork.', { code: 'NOT_A_FORK' });
      }
      try {
        await collections.authorize(actor, fork.forkedFromId, 'viewer');
      } catch (error) {
        if (error instanceof AppError && error.status === 404) {
          throw conflict('The collection this was forked from is gone or no longer visible to you.', { code: 'PARENT_UNAVAILABLE' });
        }
        throw error;
      }
      if (await store.findOpenFrom(fork.id)) {
        throw conflict('This fork already has an open pull request; update that one by editing the fork.', { code: 'PULL_REQUEST_EXISTS' });
      }
      return store.create({
        sourceId: fork.id,
        targetId: fork.forkedFromId,
        authorId: actor.id,
        title: input.title,
        description: input.description ?? null,
        now: clock(),
      });
    },

    async list(actor: Actor, collectionId: string, page: PageQuery): Promise<Page<PullRequestRecord>> {
      await collections.authorize(actor, collectionId, 'viewer');
      const before = page.cursor ? (decodeCursor(page.cursor, 2) as [string, string]) : undefined;
      const rows = await store.listByTarget(collectionId, page.limit + 1, before);
      return pageOf(rows, page.limit, (r) => [r.createdAt.toISOString(), r.id]);
    },

    async get(actor: Actor, id: string): Promise<PullRequestDetail> {
      const { pullRequest, parent } = await authorize(actor, id, 'viewer');
      const fork = await forkOf(pullRequest);
      const base = fork.forkDocument === null ? {} : (JSON.parse(fork.forkDocument) as unknown);
      const { conflicts } = comparePullRequest(fork, parent);
      return {
        pullRequest,
        reviews: await store.listReviews(pullRequest.id),
        changes: redactSealed(diffDocuments(base, storedDocument(fork))),
        conflicts: conflictView(conflicts),
      };
    },

    /** Reviews come from editors of the parent (those who could merge). */
    async review(actor: CurrentUser, id: string, input: { decision: 'approve' | 'request_changes'; comment?: string | undefined }): Promise<ReviewRecord> {
      const { pullRequest } = await authorize(actor, id, 'editor');
      if (pullRequest.status !== 'open') throw notOpen(pullRequest);
      return store.addReview({ pullRequestId: id, reviewerId: actor.id, decision: input.decision, comment: input.comment ?? null, now: clock() });
    },

    async merge(actor: CurrentUser, id: string): Promise<{ pullRequest: PullRequestRecord; parent: CollectionRecord }> {
      const { pullRequest, parent } = await authorize(actor, id, 'editor');
      if (pullRequest.status !== 'open') throw notOpen(pullRequest);
      const fork = await forkOf(pullRequest);
      return mergePullRequest({ actor, pullRequest, fork, parent, collections, store, clock });
    },

    /** Declined by an editor of the parent, or withdrawn by its author. */
    async decline(actor: CurrentUser, id: string): Promise<PullRequestRecord> {
      const { pullRequest, role } = await authorize(actor, id, 'viewer');
      if (pullRequest.authorId !== actor.id && !roleAtLeast(role, 'editor')) {
        throw forbidden('Only editors of the parent collection or the author can decline a pull request.', { code: 'WORKSPACE_ROLE_REQUIRED' });
      }
      if (pullRequest.status !== 'open') throw notOpen(pullRequest);
      const closed = await store.close(id, { status: 'declined', closedBy: actor.id, now: clock() });
      if (!closed) throw notOpen((await store.find(id)) ?? pullRequest);
      return closed;
    },
  };
}

export type PullRequestService = ReturnType<typeof createPullRequestService>;
