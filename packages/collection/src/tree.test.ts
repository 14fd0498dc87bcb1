import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CollectionError } from './errors.ts';
import { parseCollection } from './parse.ts';
import { effectiveAuth, eventsFor, flattenItems, itemId, pathNames, protocolProfileBehaviorFor } from './tree.ts';
import type { Collection } from './types.ts';

const load = (name: string): Collection =>
  parseCollection(readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8'));

const shop = load('shop.postman_collection.v21.json');
const byName = (name: string) => {
  const found = flattenItems(shop).find((entry) => entry.item.name === name);
  if (!found) throw new Error(`no item ${name}`);
  return found;
};

describe('flattenItems', () => {
  it('lists requests depth first in collection order with their folder path', () => {
    const flat = flattenItems(shop);
    expect(flat.map((e) => e.item.name)).toEqual([
      'Login',
      'Get profile',
      'Upload avatar',
      'Search products',
      'Import feed',
      'GraphQL products',
      'Health',
    ]);
    expect(flat.map((e) => pathNames(e.path).join('/'))).toEqual([
      'Accounts',
      'Accounts/Profile',
      'Accounts/Profile',
      'Catalog',
      'Catalog',
      'Catalog',
      'Catalog',
    ]);
    expect(flat.map((e) => e.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('selects a nested folder by name and keeps the full path for inheritance', () => {
    const flat = flattenItems(shop, { folders: ['Profile'] });
    expect(flat.map((e) => e.item.name)).toEqual(['Get profile', 'Upload avatar']);
    expect(pathNames(flat[0]!.path)).toEqual(['Accounts', 'Profile']);
    expect(flat.map((e) => e.index)).toEqual([1, 2]);
  });

  it('keeps collection order for several folders, whatever the argument order', () => {
    const flat = flattenItems(shop, { folders: ['Catalog', 'Accounts'] });
    expect(flat.map((e) => e.item.name)).toEqual([
      'Login',
      'Get profile',
      'Upload avatar',
      'Search products',
      'Import feed',
      'GraphQL products',
      'Health',
    ]);
  });

  it('does not run a request twice when a selection contains another', () => {
    const flat = flattenItems(shop, { folders: ['Accounts', 'Profile', 'Get profile', 'Accounts'] });
    expect(flat.map((e) => e.item.name)).toEqual(['Login', 'Get profile', 'Upload avatar']);
  });

  it('selects single requests and folders by id', () => {
    expect(flattenItems(shop, { folders: ['r-login', 'Health'] }).map((e) => e.item.name)).toEqual(['Login', 'Health']);
    expect(flattenItems(shop, { folders: ['f-accounts'] })).toHaveLength(3);
  });

  it('fails with FOLDER_NOT_FOUND naming every unknown selection', () => {
    try {
      flattenItems(shop, { folders: ['Catalog', 'Nope', 'profile'] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CollectionError);
      expect((error as CollectionError).code).toBe('FOLDER_NOT_FOUND');
      expect((error as CollectionError).message).toBe(
        'No folder or request named "Nope", "profile" in collection "Shop API"; check the --folder value (names are case-sensitive, ids also work).',
      );
    }
  });

  it('matches the first node in collection order when names repeat', () => {
    const c: Collection = {
      info: { name: 'dup' },
      item: [
        { name: 'A', item: [{ name: 'Same', item: [{ name: 'inner', request: 'h/1' }] }] },
        { name: 'Same', item: [{ name: 'outer', request: 'h/2' }] },
      ],
    };
    expect(flattenItems(c, { folders: ['Same'] }).map((e) => e.item.name)).toEqual(['inner']);
  });

  it('gives stable ids: item id, v2.0 _postman_id, then position', () => {
    expect(flattenItems(shop).map((e) => e.id)).toEqual([
      'r-login',
      'r-profile',
      'r-avatar',
      'item-4',
      'item-5',
      'item-6',
      'item-7',
    ]);
    expect(flattenItems(shop, { folders: ['Health'] })[0]!.id).toBe('item-7');
    const legacy = load('legacy.postman_collection.v20.json');
    expect(flattenItems(legacy)[0]!.id).toBe('aa11bb22-0000-4000-8000-000000000001');
    expect(itemId({}, 0)).toBe('item-1');
  });
});

describe('effectiveAuth', () => {
  const authOf = (name: string) => {
    const { item, path } = byName(name);
    return effectiveAuth(shop, path, item);
  };

  it('uses the request auth when set, noauth included', () => {
    expect(authOf('Login')).toEqual({ type: 'noauth' });
    expect(authOf('GraphQL products')?.type).toBe('apikey');
  });

  it('inherits from the nearest folder when the request auth is null or missing', () => {
    expect(authOf('Get profile')?.type).toBe('basic');
    expect(authOf('Upload avatar')?.type).toBe('basic');
  });

  it('stops at a folder with noauth, also for string requests', () => {
    expect(authOf('Search products')).toEqual({ type: 'noauth' });
    expect(authOf('Health')).toEqual({ type: 'noauth' });
  });

  it('falls back to the collection, and to nothing', () => {
    const c: Collection = {
      info: { name: 'c' },
      auth: { type: 'bearer', bearer: [{ key: 'token', value: 't' }] },
      item: [{ name: 'x', request: { url: 'h', auth: { type: 'inherit' } } }],
    };
    const [entry] = flattenItems(c);
    expect(effectiveAuth(c, entry!.path, entry!.item)?.type).toBe('bearer');
    expect(effectiveAuth({ auth: null }, [], { request: 'h' })).toBeUndefined();
  });

  it('reads v2.0 folder auth objects', () => {
    const legacy = load('legacy.postman_collection.v20.json');
    const [list, digest] = flattenItems(legacy);
    expect(effectiveAuth(legacy, list!.path, list!.item)?.type).toBe('basic');
    expect(effectiveAuth(legacy, digest!.path, digest!.item)?.type).toBe('digest');
  });
});

describe('eventsFor', () => {
  it('orders scripts collection → folders → item', () => {
    const { item, path } = byName('Get profile');
    const scripts = eventsFor(shop, path, item, 'prerequest');
    expect(scripts.map((s) => [s.level, s.origin, s.source])).toEqual([
      ['collection', 'collection', '// collection pre'],
      ['folder', 'Accounts', '// accounts folder pre'],
      ['folder', 'Profile', '// profile folder pre'],
    ]);
  });

  it('joins exec lines, skips disabled events and empty scripts, keeps script ids', () => {
    const { item, path } = byName('Login');
    const tests = eventsFor(shop, path, item, 'test');
    expect(tests.map((s) => s.origin)).toEqual(['collection', 'Login']);
    expect(tests[0]!.source).toBe("// collection test\npm.test('fast', () => {});");
    expect(tests[1]!.id).toBe('s-login-test');
    expect(tests[1]!.source.split('\n')).toHaveLength(2);
    const pre = eventsFor(shop, path, item, 'prerequest');
    expect(pre.map((s) => s.origin)).toEqual(['collection', 'Accounts']);
  });
});

describe('protocolProfileBehaviorFor', () => {
  it('merges collection, folders and item, inner winning', () => {
    const { item, path } = byName('Get profile');
    expect(protocolProfileBehaviorFor(shop, path, item)).toEqual({
      strictSSL: false,
      followRedirects: false,
      maxRedirects: 3,
      disableBodyPruning: true,
    });
    const search = byName('Search products');
    expect(protocolProfileBehaviorFor(shop, search.path, search.item)).toEqual({ strictSSL: false, followRedirects: true });
  });
});
