/** What a server process does with jobs: `web` only sends them, `worker` only runs them, `all` both. */
export type JobRole = 'web' | 'worker' | 'all';

export const JOB_ROLES = ['all', 'web', 'worker'] as const satisfies readonly JobRole[];
