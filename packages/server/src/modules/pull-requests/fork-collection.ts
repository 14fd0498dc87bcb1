import type { Clock } from '../../clock.ts';
import type { CurrentUser } from '../../http/env.ts';
import { secretViewFor, withoutSecrets } from '../collections/secret-variables.ts';
import { storedDocument } from '../collections/service.ts';
import type { ReaderRole } from '../collections/service.ts';
import type { CollectionRecord, CollectionStore } from '../collections/store.ts';

export interface ForkCollectionProps {
  actor: CurrentUser;
  source: CollectionRecord;
  /** The actor's role on the source: below editor, the fork gets no secrets (unseen placeholders). */
  sourceRole: ReaderRole;
  targetWorkspaceId: string;
  label: string | null;
  store: CollectionStore;
  clock: Clock;
}

/**
 * Copies a collection into a workspace as a fork, remembering the fork point (the parent's
 * revision and the document the fork started from) for later three-way merges. Item ids are
 * kept, so comments and outlines line up. No permission checks: the route made them.
 */
export async function forkCollection(props: ForkCollectionProps): Promise<CollectionRecord> {
  const { actor, source, sourceRole, targetWorkspaceId, label, store, clock } = props;
  const stored = storedDocument(source);
  // A viewer must not gain the parent's secrets by forking into a workspace they edit.
  const document = secretViewFor(sourceRole) === 'clear' ? stored : withoutSecrets(stored);
  const text = JSON.stringify(document);
  return store.create({
    workspaceId: targetWorkspaceId,
    createdBy: actor.id,
    name: source.name,
    document: text,
    itemIds: structuredClone(source.itemIds),
    requestCount: source.requestCount,
    change: {
      actorId: actor.id,
      kind: 'fork',
      summary: `Forked from "${source.name}" at revision ${source.revision}`,
      patch: [{ op: 'replace', path: '', value: document }],
    },
    now: clock(),
    fork: { fromId: source.id, label, revision: source.revision, document: text },
  });
}
