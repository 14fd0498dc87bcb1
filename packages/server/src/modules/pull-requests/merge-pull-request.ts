import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { CurrentUser } from '../../http/env.ts';
import { redactSealed } from '../collections/secret-variables.ts';
import type { CollectionService } from '../collections/service.ts';
import { storedDocument } from '../collections/service.ts';
import type { CollectionRecord } from '../collections/store.ts';
import { threeWayMerge } from '../collections/three-way-merge.ts';
import type { MergeConflict } from '../collections/three-way-merge.ts';
import type { PullRequestRecord, PullRequestStore } from './store.ts';

/** What a pull request would change in the parent, and where the parent also changed (three-way). */
export function comparePullRequest(fork: CollectionRecord, parent: CollectionRecord) {
  const base = fork.forkDocument === null ? {} : (JSON.parse(fork.forkDocument) as unknown);
  return threeWayMerge(base, storedDocument(parent), storedDocument(fork));
}

/** Conflicts as shown to people: secret values never in clear. */
export const conflictView = (conflicts: MergeConflict[]) => conflicts.map((c) => redactSealed(c));

export interface MergePullRequestProps {
  actor: CurrentUser;
  pullRequest: PullRequestRecord;
  fork: CollectionRecord;
  parent: CollectionRecord;
  collections: CollectionService;
  store: PullRequestStore;
  clock: Clock;
}

/**
 * Applies the fork's changes since the fork point to the parent as one recorded change, then
 * marks the pull request merged. With conflicts nothing changes and the 409 lists them. The
 * parent is written only if it is still at the revision the merge was computed on (else 412).
 * No permission checks: the route made them.
 */
export async function mergePullRequest(props: MergePullRequestProps): Promise<{ pullRequest: PullRequestRecord; parent: CollectionRecord }> {
  const { actor, pullRequest, fork, parent, collections, store, clock } = props;
  const { merged, conflicts } = comparePullRequest(fork, parent);
  if (conflicts.length > 0) {
    throw new AppError(
      409,
      'MERGE_CONFLICT',
      `The parent also changed ${conflicts.length === 1 ? 'one place' : `${conflicts.length} places`} the fork changed; update the fork to agree with the parent there, then merge again.`,
      { errors: conflicts.map((c) => ({ path: c.path, message: 'changed differently in the parent and in the fork' })) },
    );
  }
  const written = await collections.writeDocument(
    actor,
    parent.id,
    parent.revision,
    merged as Record<string, unknown>,
    'merge',
    `Merged pull request "${pullRequest.title}"`,
  );
  const closed = await store.close(pullRequest.id, { status: 'merged', closedBy: actor.id, now: clock(), mergedRevision: written.revision });
  return { pullRequest: closed ?? pullRequest, parent: written };
}
