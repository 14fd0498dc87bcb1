import { describe, expect, it } from 'vitest';
import {
  bodyBytes,
  charsetOf,
  decodedText,
  formatBytes,
  formatDuration,
  headerValue,
  languageOfContentType,
  previewKindOf,
  prettyText,
  statusCategory,
} from './format.ts';
import { timingRows } from './timing.ts';
import { prettyXml } from './xml-pretty.ts';

describe('formatBytes', () => {
  it('uses bytes below a kilobyte, then KB and MB in binary multiples', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(150 * 1024 + 300)).toBe('150.3 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3 MB');
    expect(formatBytes(10.25 * 1024 * 1024)).toBe('10.3 MB');
  });
  it('shows a dash for values that are not sizes', () => {
    expect(formatBytes(-1)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });
});

describe('formatDuration', () => {
  it('shows whole milliseconds, then seconds from 10 s', () => {
    expect(formatDuration(0.4)).toBe('0 ms');
    expect(formatDuration(245.6)).toBe('246 ms');
    expect(formatDuration(12_340)).toBe('12.3 s');
  });
});

describe('statusCategory', () => {
  it('names each class of status', () => {
    expect(statusCategory(101).category).toBe('informational');
    expect(statusCategory(200)).toEqual({ category: 'success', label: 'Success' });
    expect(statusCategory(304).category).toBe('redirect');
    expect(statusCategory(404)).toEqual({ category: 'client-error', label: 'Client error' });
    expect(statusCategory(503).category).toBe('server-error');
    expect(statusCategory(0).category).toBe('unknown');
    expect(statusCategory(600).category).toBe('unknown');
  });
});

describe('content types', () => {
  it('finds a header whatever its case', () => {
    const headers = [
      { key: 'content-type', value: 'text/html; charset=utf-8' },
      { key: 'Content-Type', value: 'text/plain' },
    ];
    expect(headerValue(headers, 'Content-Type')).toBe('text/html; charset=utf-8');
    expect(headerValue(headers, 'ETag')).toBeUndefined();
  });

  it('picks the language from the media type, parameters and case ignored', () => {
    expect(languageOfContentType('application/json; charset=utf-8')).toBe('json');
    expect(languageOfContentType('application/problem+json')).toBe('json');
    expect(languageOfContentType('Application/JSON')).toBe('json');
    expect(languageOfContentType('text/xml')).toBe('xml');
    expect(languageOfContentType('application/atom+xml')).toBe('xml');
    expect(languageOfContentType('image/svg+xml')).toBe('xml');
    expect(languageOfContentType('text/html;charset=UTF-8')).toBe('html');
    expect(languageOfContentType('application/xhtml+xml')).toBe('html');
    expect(languageOfContentType('application/javascript')).toBe('javascript');
    expect(languageOfContentType('text/javascript')).toBe('javascript');
    expect(languageOfContentType('text/plain')).toBe('text');
    expect(languageOfContentType(undefined)).toBe('text');
  });

  it('previews HTML pages and images only', () => {
    expect(previewKindOf('text/html; charset=utf-8')).toBe('html');
    expect(previewKindOf('image/png')).toBe('image');
    expect(previewKindOf('image/svg+xml')).toBe('image');
    expect(previewKindOf('application/pdf')).toBe('none');
    expect(previewKindOf(undefined)).toBe('none');
  });
});

describe('prettyText', () => {
  it('re-indents JSON and leaves invalid JSON as it came', () => {
    expect(prettyText('{"a":[1,{"b":null}]}', 'json', prettyXml)).toBe('{\n  "a": [\n    1,\n    {\n      "b": null\n    }\n  ]\n}');
    expect(prettyText('{"a":', 'json', prettyXml)).toBe('{"a":');
  });
  it('indents XML, and keeps other languages untouched', () => {
    expect(prettyText('<a><b>1</b></a>', 'xml', prettyXml)).toBe('<a>\n  <b>1</b>\n</a>');
    expect(prettyText('<p><b>x</b></p>', 'html', prettyXml)).toBe('<p><b>x</b></p>');
    expect(prettyText('  spaced  ', 'text', prettyXml)).toBe('  spaced  ');
  });
});

describe('bodyBytes', () => {
  it('decodes base64 bodies to their bytes and encodes text as UTF-8', () => {
    expect([...bodyBytes('iVBORw==', 'base64')]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect([...bodyBytes('é', 'utf8')]).toEqual([0xc3, 0xa9]);
  });
});

describe('timingRows', () => {
  it('splits the time to first byte into connecting and waiting', () => {
    expect(timingRows({ tls: 30, firstByte: 80, download: 20, total: 100 })).toEqual([
      { id: 'connect', label: 'Connect (TCP and TLS)', ms: 30 },
      { id: 'wait', label: 'Waiting for the first byte', ms: 50 },
      { id: 'download', label: 'Download', ms: 20 },
      { id: 'total', label: 'Total', ms: 100 },
    ]);
    expect(timingRows({ tcp: 2, firstByte: 7, download: 1, total: 8 })[0]).toEqual({ id: 'connect', label: 'Connect (TCP)', ms: 2 });
  });
  it('leaves connecting out when a kept-alive connection was reused', () => {
    const rows = timingRows({ firstByte: 7, download: 1, total: 8 });
    expect(rows.map((r) => r.id)).toEqual(['wait', 'download', 'total']);
    expect(rows[0]!.ms).toBe(7);
  });
});

describe('decodedText', () => {
  // "café" in ISO-8859-1: not valid UTF-8, so the server sends it as base64.
  const latin1 = btoa(String.fromCharCode(0x63, 0x61, 0x66, 0xe9));

  it('reads the charset parameter', () => {
    expect(charsetOf('text/html; charset="ISO-8859-1"')).toBe('iso-8859-1');
    expect(charsetOf('text/plain;charset=utf-8')).toBe('utf-8');
    expect(charsetOf('text/plain')).toBeUndefined();
  });

  it('keeps UTF-8 bodies and decodes textual base64 bodies with their charset', () => {
    expect(decodedText('{"a":1}', 'utf8', 'application/json')).toEqual({ text: '{"a":1}', charset: 'utf-8' });
    expect(decodedText(latin1, 'base64', 'text/html; charset=iso-8859-1')).toEqual({ text: 'café', charset: 'iso-8859-1' });
  });

  it('falls back to windows-1252 without a charset or with an unknown one', () => {
    expect(decodedText(latin1, 'base64', 'text/plain')?.text).toBe('café');
    expect(decodedText(latin1, 'base64', 'text/plain; charset=no-such-charset')).toEqual({ text: 'café', charset: 'windows-1252' });
  });

  it('leaves binary bodies alone', () => {
    expect(decodedText('iVBORw==', 'base64', 'image/png')).toBeNull();
    expect(decodedText('AAEC', 'base64', 'application/octet-stream')).toBeNull();
    expect(decodedText('AAEC', 'base64', undefined)).toBeNull();
  });
});
