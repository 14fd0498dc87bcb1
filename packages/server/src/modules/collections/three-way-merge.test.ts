import { describe, expect, it } from 'vitest';
import { threeWayMerge } from './three-way-merge.ts';

const request = (name: string, method = 'GET', url = `https://a.test/${name}`) => ({ name, request: { method, url } });

describe('threeWayMerge', () => {
  it('takes a change made on one side only', () => {
    const base = { info: { name: 'A' }, item: [request('one'), request('two')] };
    const parent = { info: { name: 'A' }, item: [request('one', 'POST'), request('two')] };
    const fork = { info: { name: 'B' }, item: [request('one'), request('two')] };
    expect(threeWayMerge(base, parent, fork)).toEqual({
      merged: { info: { name: 'B' }, item: [request('one', 'POST'), request('two')] },
      conflicts: [],
    });
  });

  it('reports both sides changing the same value differently, keeping the parent', () => {
    const base = { item: [request('one')] };
    const parent = { item: [request('one', 'PUT')] };
    const fork = { item: [request('one', 'DELETE')] };
    const { merged, conflicts } = threeWayMerge(base, parent, fork);
    expect(conflicts).toEqual([{ path: '/item/0/request/method', base: 'GET', parent: 'PUT', fork: 'DELETE' }]);
    expect(merged).toEqual(parent);
  });

  it('takes the same change made on both sides once', () => {
    const base = { a: 1 };
    expect(threeWayMerge(base, { a: 2 }, { a: 2 })).toEqual({ merged: { a: 2 }, conflicts: [] });
  });

  it('merges list elements by identity: additions on both sides, a deletion, edits elsewhere', () => {
    const base = { item: [request('one'), request('two'), request('three')] };
    const parent = { item: [request('zero'), request('one'), request('two', 'PATCH'), request('three')] };
    const fork = { item: [request('one'), request('two'), request('new')] };
    const { merged, conflicts } = threeWayMerge(base, parent, fork);
    expect(conflicts).toEqual([]);
    expect(merged).toEqual({ item: [request('zero'), request('one'), request('two', 'PATCH'), request('new')] });
  });

  it('is a conflict when one side deletes what the other edited', () => {
    const base = { item: [request('one'), request('two')] };
    const parent = { item: [request('one'), request('two', 'POST')] };
    const fork = { item: [request('one')] };
    const { conflicts } = threeWayMerge(base, parent, fork);
    expect(conflicts).toEqual([{ path: '/item/1', base: request('two'), parent: request('two', 'POST'), fork: undefined }]);
  });

  it('follows a reorder made on one side', () => {
    const base = { item: [request('a'), request('b'), request('c')] };
    const fork = { item: [request('c'), request('a'), request('b')] };
    const parent = { item: [request('a'), request('b', 'PUT'), request('c')] };
    expect(threeWayMerge(base, parent, fork).merged).toEqual({ item: [request('c'), request('a'), request('b', 'PUT')] });
  });

  it('merges variables by key and deletes keys removed on one side', () => {
    const base = { variable: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }], description: 'x' };
    const parent = { variable: [{ key: 'a', value: '10' }, { key: 'b', value: '2' }], description: 'x' };
    const fork = { variable: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }, { key: 'c', value: '3' }] };
    expect(threeWayMerge(base, parent, fork)).toEqual({
      merged: { variable: [{ key: 'a', value: '10' }, { key: 'b', value: '2' }, { key: 'c', value: '3' }] },
      conflicts: [],
    });
  });

  it('lines up lists without identities by position when their lengths agree, else reports the list', () => {
    expect(threeWayMerge({ exec: ['a', 'b'] }, { exec: ['A', 'b'] }, { exec: ['a', 'B'] })).toEqual({ merged: { exec: ['A', 'B'] }, conflicts: [] });
    const { conflicts } = threeWayMerge({ exec: ['a'] }, { exec: ['a', 'p'] }, { exec: ['a', 'f', 'g'] });
    expect(conflicts.map((c) => c.path)).toEqual(['/exec']);
  });

  it('escapes JSON Pointer tokens in conflict paths', () => {
    const { conflicts } = threeWayMerge({ 'a/b': 1 }, { 'a/b': 2 }, { 'a/b': 3 });
    expect(conflicts[0]!.path).toBe('/a~1b');
  });
});
