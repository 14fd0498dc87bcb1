import { describe, expect, it } from 'vitest';
import { assertionsToTests } from './assertions.ts';

const pair = (name: string, value: string, enabled = true) => ({ name, value, enabled });

describe('assertionsToTests', () => {
  it('translates plain response reads with the common operators', () => {
    const { lines, untranslated } = assertionsToTests([
      pair('res.status', 'eq 201'),
      pair('res.body.items[0].id', 'isDefined'),
      pair("res.headers['x-rate-limit']", 'lte 100'),
      pair('res.body.name', 'Ada'),
    ]);
    expect(untranslated).toEqual([]);
    expect(lines).toContain('  pm.expect(pm.response.code).to.eql(201);');
    expect(lines).toContain('  pm.expect(pm.response.json().items[0].id).to.not.be.undefined;');
    expect(lines).toContain('  pm.expect(pm.response.headers.get("x-rate-limit")).to.be.at.most(100);');
    // No operator means "eq" the whole value (Bruno's rule).
    expect(lines).toContain('  pm.expect(pm.response.json().name).to.eql("Ada");');
  });

  it('reports what it cannot translate and ignores disabled entries', () => {
    const { lines, untranslated } = assertionsToTests([
      pair('res.body.kind', 'in a,b'),
      pair('res.body.items.filter(i => i.ok).length', 'eq 2'),
      pair('res.status', 'eq 500', false),
    ]);
    expect(lines).toEqual([]);
    expect(untranslated).toEqual(['res.body.kind: in a,b', 'res.body.items.filter(i => i.ok).length: eq 2']);
  });
});
