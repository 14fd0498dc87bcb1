import type { Clock } from '../../clock.ts';
import { AppError, badRequest, forbidden, notFound } from '../../errors.ts';
import type { CurrentUser } from '../../http/env.ts';
import { decodeCursor, pageOf } from '../../http/pagination.ts';
import type { Page, PageQuery } from '../../http/pagination.ts';
import { roleAtLeast } from '../../policies/workspaces.ts';
import { findItem } from '../collections/item-ids.ts';
import type { CollectionService } from '../collections/service.ts';
import type { CommentRecord, CommentStore } from './store.ts';

type Actor = CurrentUser | undefined;

/** Where a comment is, as its author may still see it. */
export interface CommentPlace {
  collectionName: string;
  workspaceId: string;
}

export interface CommentServiceDeps {
  store: CommentStore;
  collections: CollectionService;
  clock: Clock;
  /** Told about each new comment, e.g. to notify the collection's creator and earlier commenters. */
  onCreated?: (event: {
    collection: { id: string; name: string; workspaceId: string; createdBy: string | null };
    actor: { id: string; username: string };
  }) => Promise<void>;
}

const commentNotFound = () => notFound('No such comment.', { code: 'COMMENT_NOT_FOUND' });

/**
 * Comments on collections and their requests (P2). Like Postman, anyone who can see the
 * collection and is signed in may comment, viewers included; authors edit and delete their own,
 * workspace admins may delete any.
 */
export function createCommentService(deps: CommentServiceDeps) {
  const { store, collections, clock } = deps;

  async function authorizeComment(actor: CurrentUser, id: string) {
    const comment = /^[0-9a-f-]{36}$/i.test(id) ? await store.find(id) : undefined;
    if (!comment) throw commentNotFound();
    try {
      const { role } = await collections.authorize(actor, comment.collectionId, 'viewer');
      return { comment, role };
    } catch (error) {
      if (error instanceof AppError && error.code === 'COLLECTION_NOT_FOUND') throw commentNotFound();
      throw error;
    }
  }

  return {
    async create(actor: CurrentUser, collectionId: string, input: { itemId?: string | undefined; body: string }): Promise<CommentRecord> {
      const { record } = await collections.authorize(actor, collectionId, 'viewer');
      if (input.itemId !== undefined && !findItem(record.itemIds, input.itemId)) {
        throw badRequest('itemId must be the id of a request or folder of this collection.', {
          code: 'ITEM_NOT_FOUND',
          errors: [{ path: 'body.itemId', message: 'no such item in this collection' }],
        });
      }
      const comment = await store.create({ collectionId, itemId: input.itemId ?? null, authorId: actor.id, body: input.body, now: clock() });
      await deps.onCreated?.({
        collection: { id: record.id, name: record.name, workspaceId: record.workspaceId, createdBy: record.createdBy },
        actor: { id: actor.id, username: actor.username },
      });
      return comment;
    },

    async list(actor: Actor, collectionId: string, itemId: string | undefined, page: PageQuery): Promise<Page<CommentRecord>> {
      await collections.authorize(actor, collectionId, 'viewer');
      const after = page.cursor ? (decodeCursor(page.cursor, 2) as [string, string]) : undefined;
      const rows = await store.list(collectionId, itemId, page.limit + 1, after);
      return pageOf(rows, page.limit, (r) => [r.createdAt.toISOString(), r.id]);
    },

    async edit(actor: CurrentUser, id: string, body: string): Promise<CommentRecord> {
      const { comment } = await authorizeComment(actor, id);
      if (comment.authorId !== actor.id) throw forbidden('Only its author can edit a comment.', { code: 'NOT_COMMENT_AUTHOR' });
      return (await store.updateBody(id, body, clock())) ?? comment;
    },

    /**
     * The person's own comments, newest first, each with where it is when they can still see the
     * collection (null otherwise: the comment is theirs to delete even after losing access, P24).
     */
    async listMine(actor: CurrentUser, page: PageQuery): Promise<Page<CommentRecord & { place: CommentPlace | null }>> {
      const before = page.cursor ? (decodeCursor(page.cursor, 2) as [string, string]) : undefined;
      const rows = await store.listByAuthor(actor.id, page.limit + 1, before);
      const result = pageOf(rows, page.limit, (r) => [r.createdAt.toISOString(), r.id]);
      const places = new Map<string, Promise<CommentPlace | null>>();
      const placeOf = (collectionId: string) => {
        let place = places.get(collectionId);
        if (!place) {
          place = collections.authorize(actor, collectionId, 'viewer').then(
            ({ record }) => ({ collectionName: record.name, workspaceId: record.workspaceId }),
            () => null,
          );
          places.set(collectionId, place);
        }
        return place;
      };
      const items = await Promise.all(result.items.map(async (r) => ({ ...r, place: await placeOf(r.collectionId) })));
      return { items, nextCursor: result.nextCursor };
    },

    async remove(actor: CurrentUser, id: string): Promise<void> {
      // Authors may always delete their own comments (P24), even in a collection they no longer see.
      const own = /^[0-9a-f-]{36}$/i.test(id) ? await store.find(id) : undefined;
      if (own && own.authorId === actor.id) {
        await store.remove(id);
        return;
      }
      const { comment, role } = await authorizeComment(actor, id);
      if (comment.authorId !== actor.id && !roleAtLeast(role, 'admin')) {
        throw forbidden('Only its author or a workspace admin can delete a comment.', { code: 'NOT_COMMENT_AUTHOR' });
      }
      await store.remove(id);
    },
  };
}

export type CommentService = ReturnType<typeof createCommentService>;
