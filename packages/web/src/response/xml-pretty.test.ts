import { describe, expect, it } from 'vitest';
import { prettyXml } from './xml-pretty.ts';

describe('prettyXml', () => {
  it('indents nested elements and keeps leaves on one line', () => {
    const source = '<?xml version="1.0"?><root><item id="1"><name>One</name><empty/><none></none></item></root>';
    expect(prettyXml(source)).toBe(
      ['<?xml version="1.0"?>', '<root>', '  <item id="1">', '    <name>One</name>', '    <empty/>', '    <none></none>', '  </item>', '</root>'].join('\n'),
    );
  });

  it('re-indents XML that was already indented differently', () => {
    expect(prettyXml('<a>\n\t\t<b>x</b>\n</a>\n')).toBe('<a>\n  <b>x</b>\n</a>');
  });

  it('keeps comments, CDATA, the doctype and quoted ">" in attributes intact', () => {
    const source = '<!DOCTYPE note [<!ENTITY x "y">]><note a="1 > 0"><!-- a <b> c --><body><![CDATA[<not a tag>]]></body></note>';
    expect(prettyXml(source, '\t')).toBe(
      ['<!DOCTYPE note [<!ENTITY x "y">]>', '<note a="1 > 0">', '\t<!-- a <b> c -->', '\t<body>', '\t\t<![CDATA[<not a tag>]]>', '\t</body>', '</note>'].join('\n'),
    );
  });

  it('puts mixed text on its own line', () => {
    expect(prettyXml('<p>Hello <b>you</b> there</p>')).toBe('<p>\n  Hello\n  <b>you</b>\n  there\n</p>');
  });

  it('gives up on text that is not well-nested XML', () => {
    expect(prettyXml('<a><b></a></b>')).toBeNull();
    expect(prettyXml('<a>')).toBeNull();
    expect(prettyXml('</a>')).toBeNull();
    expect(prettyXml('<a attr="never closed></a>')).toBeNull();
    expect(prettyXml('<!-- unclosed')).toBeNull();
    expect(prettyXml('just text')).toBeNull();
    expect(prettyXml('')).toBeNull();
    expect(prettyXml('<a><</a>')).toBeNull();
  });
});
