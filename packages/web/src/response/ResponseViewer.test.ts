import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import type { SendResponse } from '../api/types.ts';
import { ResponseViewer, type ResponseViewerProps } from './ResponseViewer.tsx';

const RESPONSE: SendResponse = {
  url: 'https://api.example.test/items/7',
  status: 404,
  statusText: 'Not Found',
  headers: [{ key: 'Content-Type', value: 'application/json' }],
  body: '{"missing":true}',
  bodyEncoding: 'utf8',
  truncated: true,
  size: { body: 16, header: 2048, total: 2064 },
  timings: { firstByte: 40, download: 5, total: 45, tls: 20 },
  cookies: [],
  warning: 'The auth type "ntlm" is not supported: the request was sent without it.',
  tests: [],
  console: [],
  scriptErrors: [],
};

/** The first render (what shows before any effect or click), as HTML. */
const render = (props: Partial<ResponseViewerProps>) =>
  renderToStaticMarkup(createElement(ResponseViewer, { response: null, error: null, sending: false, ...props }));

describe('ResponseViewer first render', () => {
  it('asks for a send before there is a response', () => {
    expect(render({})).toContain('Send the request to see its response here.');
  });

  it('shows a busy status while sending, not the previous response', () => {
    const html = render({ sending: true, response: RESPONSE });
    expect(html).toContain('aria-busy="true"');
    expect(html).toMatch(/role="status"[^>]*>Sending the request…/);
    expect(html).not.toContain('Not Found');
  });

  it('shows an API error in its own words, and a cancel as a status', () => {
    const error = new ApiError({ status: 502, code: 'UPSTREAM_UNREACHABLE', detail: 'Could not connect to api.example.test.' });
    expect(render({ error })).toMatch(/role="alert".*Could not connect to api\.example\.test\./);
    expect(render({ error: new DOMException('stopped', 'AbortError') })).toContain('The request was cancelled.');
  });

  it('summarises status in words and colour class, time, size with its breakdown, and notices', () => {
    const html = render({ response: RESPONSE });
    expect(html).toContain('response-status-client-error');
    expect(html).toMatch(/404 Not Found.*\(Client error\)/);
    expect(html).toContain('45 ms');
    expect(html).toMatch(/Size: <strong>2.02 KB<\/strong>/);
    expect(html).toMatch(/<dt>Headers<\/dt><dd>2 KB<\/dd><dt>Body<\/dt><dd>16 B<\/dd>/);
    expect(html).toContain('was cut short');
    expect(html).toContain('ntlm');
  });

  it('lists the tabs as an ARIA tablist, Body selected, Console and Visualizer only when there is output', () => {
    const tabs = (html: string) => [...html.matchAll(/role="tab"[^>]*>([^<]*)</g)].map((m) => m[1]);
    const tests = [
      { name: 'a', passed: true, skipped: false, event: 'test' as const },
      { name: 'b', passed: false, skipped: false, error: 'x', event: 'test' as const },
      { name: 'c', passed: false, skipped: true, event: 'test' as const },
    ];
    const plain = render({ response: { ...RESPONSE, tests } });
    expect(plain).toContain('role="tablist"');
    expect(tabs(plain)).toEqual(['Body', 'Headers (1)', 'Cookies (0)', 'Timing', 'Tests (1/2)']);
    expect(plain).toMatch(/role="tab"[^>]*aria-selected="true"[^>]*>Body</);
    expect(plain).toMatch(/role="tabpanel"/);
    const full = render({ response: { ...RESPONSE, visualizerHtml: '<p>chart</p>', console: [{ level: 'log', message: 'hi' }] } });
    expect(tabs(full)).toEqual(['Body', 'Headers (1)', 'Cookies (0)', 'Timing', 'Tests', 'Console (1)', 'Visualizer']);
    const failedScript = render({ response: { ...RESPONSE, scriptErrors: [{ event: 'prerequest', message: 'x is not defined' }] } });
    expect(tabs(failedScript)).toContain('Tests (script error)');
  });

  it('offers Save as example only when the editor can save one', () => {
    expect(render({ response: RESPONSE })).not.toContain('Save as example');
    expect(render({ response: RESPONSE, onSaveExample: () => {} })).toContain('Save as example');
  });
});
