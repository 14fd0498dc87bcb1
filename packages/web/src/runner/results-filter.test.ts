import { describe, expect, it } from 'vitest';
import type { RunResult } from './api.ts';
import { filterResults, progressLabel, resultFailed } from './results-filter.ts';

const row = (over: Partial<RunResult>): RunResult => ({
  iteration: 0,
  itemId: 'i',
  path: [],
  name: 'r',
  method: 'GET',
  url: 'http://example.test/',
  status: 200,
  timeMs: 1,
  size: 1,
  assertions: [],
  ...over,
});

describe('run result filters', () => {
  const ok = row({ name: 'list users', path: ['Users'], assertions: [{ name: 'status 200', passed: true }] });
  const failedAssertion = row({ name: 'create user', assertions: [{ name: 'has id', passed: false, error: 'no id' }] });
  const noResponse = row({ name: 'ping', status: null, error: 'connection refused' });
  const all = [ok, failedAssertion, noResponse];

  it('counts a failed assertion or a request error as failed', () => {
    expect(all.map(resultFailed)).toEqual([false, true, true]);
  });

  it('filters by outcome', () => {
    expect(filterResults(all, 'all', '')).toEqual(all);
    expect(filterResults(all, 'passed', '')).toEqual([ok]);
    expect(filterResults(all, 'failed', '')).toEqual([failedAssertion, noResponse]);
  });

  it('filters by text in the name, folder, URL or assertion names, ignoring case', () => {
    expect(filterResults(all, 'all', 'USERS')).toEqual([ok]);
    expect(filterResults(all, 'all', 'has id')).toEqual([failedAssertion]);
    expect(filterResults(all, 'failed', 'user')).toEqual([failedAssertion]);
    expect(filterResults(all, 'all', 'nothing like this')).toEqual([]);
  });

  it('labels progress', () => {
    expect(progressLabel({ done: 3, total: 10 })).toBe('3 of 10 requests');
    expect(progressLabel({ done: 0, total: 1 })).toBe('0 of 1 request');
  });
});
