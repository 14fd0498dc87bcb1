import { describe, expect, it } from 'vitest';
import { DATA_MAP } from '../../db/datamap/index.ts';
import { customJobs } from './rules.ts';
import { checkRetentionTasks } from './service.ts';
import type { RetentionStore } from './store.ts';
import { createRetentionTasks } from './tasks.ts';

// The tasks are only listed here, never run, so the store is never called.
const tasks = createRetentionTasks({ store: {} as RetentionStore, clock: () => new Date() });

describe('retention tasks of the data map', () => {
  it('has a task, on the right table, for every custom rule the data map declares', () => {
    for (const job of customJobs(DATA_MAP)) expect(Object.keys(tasks), `retention task for "${job}"`).toContain(job);
    expect(() => checkRetentionTasks(DATA_MAP, tasks)).not.toThrow();
  });
});
