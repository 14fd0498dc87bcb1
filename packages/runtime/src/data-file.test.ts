import { describe, expect, it } from 'vitest';
import { DataFileError, parseDataFile } from './data-file.ts';

describe('parseDataFile', () => {
  it('reads CSV with a BOM, quoted commas, quoted newlines and escaped quotes', () => {
    const rows = parseDataFile('\uFEFFname,note,n\n"Lee, Ann","line 1\nline 2",1\nBo,"say ""hi""",2\n', 'd.csv');
    expect(rows).toEqual([
      { name: 'Lee, Ann', note: 'line 1\nline 2', n: '1' },
      { name: 'Bo', note: 'say "hi"', n: '2' },
    ]);
  });

  it('skips empty lines and tolerates short rows', () => {
    expect(parseDataFile('a,b\n1\n\n2,3\n', 'd.csv')).toEqual([{ a: '1' }, { a: '2', b: '3' }]);
  });

  it('reads a JSON array of objects and keeps value types', () => {
    expect(parseDataFile('[{"id":1,"tags":["x"]},{"id":2}]', 'd.json')).toEqual([{ id: 1, tags: ['x'] }, { id: 2 }]);
  });

  it('names the file and the problem for bad JSON data', () => {
    expect(() => parseDataFile('{"id":1}', 'rows.json')).toThrow(/rows\.json: a JSON data file must be an array of objects/);
    expect(() => parseDataFile('[1,2]', 'rows.json')).toThrow(/entry \[0\] is not an object/);
    expect(() => parseDataFile('[{', 'rows.json')).toThrow(DataFileError);
  });

  it('names the line of broken CSV', () => {
    expect(() => parseDataFile('a,b\n"open,2\n', 'bad.csv')).toThrow(/bad\.csv: invalid CSV/);
  });
});
