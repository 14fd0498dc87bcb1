import { describe, expect, it } from 'vitest';
import { collectionTarget } from './service.ts';

describe('collectionTarget', () => {
  const ids = [{ id: 'folder', children: [{ id: 'a' }, { id: 'b', children: [{ id: 'deep' }] }] }, { id: 'top' }];

  it('names the deepest request or folder a JSON path is inside', () => {
    expect(collectionTarget('$.item[1].request.header[0].value', ids)).toBe('top');
    expect(collectionTarget('$.item[0].item[1].item[0].response[0].body', ids)).toBe('deep');
    expect(collectionTarget('$.item[0].auth.bearer[0].value', ids)).toBe('folder');
  });

  it('is null outside any item or when the ids do not match', () => {
    expect(collectionTarget('$.variable[0].value', ids)).toBeNull();
    expect(collectionTarget('$.item[5].request.url.raw', ids)).toBeNull();
    expect(collectionTarget('$.item[0].item[9].request', ids)).toBe('folder');
  });
});
