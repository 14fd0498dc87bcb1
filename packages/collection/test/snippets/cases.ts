/**
 * Requests every snippet language is tested with: golden files (golden.test.ts) and, where the
 * language's runtime is installed, run against the testkit echo server and compared with what
 * Postern's runtime sends (packages/runtime/test/snippets.e2e.test.ts).
 * URLs start with {{baseUrl}}; file paths are relative to ./files' parent folder.
 */
import { join } from 'node:path';
import type { Auth, RequestObject } from '../../src/types.ts';

export interface SnippetCase {
  name: string;
  request: RequestObject;
  /** Auth inherited from a folder or the collection. */
  auth?: Auth;
  /** False for cases that only check the notes: the snippet cannot send what Postern sends. */
  execute?: boolean;
}

/** The folder file paths in the cases are relative to. */
export const CASES_DIR = import.meta.dirname;
export const FILES_DIR = join(import.meta.dirname, 'files');

export const SNIPPET_CASES: readonly SnippetCase[] = [
  {
    name: 'get-query-headers',
    request: {
      method: 'GET',
      url: '{{baseUrl}}/anything/items?page=2&q=hello world&tag=a&tag=b&empty=',
      header: [
        { key: 'X-Trace', value: 'abc-123' },
        { key: 'Accept', value: 'application/json' },
        { key: 'X-Off', value: 'not sent', disabled: true },
      ],
    },
  },
  {
    name: 'json-post',
    request: {
      method: 'POST',
      url: '{{baseUrl}}/anything/users',
      header: [{ key: 'X-Request-Id', value: '{{requestId}}' }],
      body: {
        mode: 'raw',
        raw: '{\n  "name": "Ada",\n  "tags": ["a", "b"],\n  "admin": true\n}',
        options: { raw: { language: 'json' } },
      },
    },
  },
  {
    name: 'urlencoded',
    request: {
      method: 'POST',
      url: '{{baseUrl}}/anything/form',
      body: {
        mode: 'urlencoded',
        urlencoded: [
          { key: 'name', value: 'Ada Lovelace' },
          { key: 'math', value: '1+1=2 & 3*3=9' },
          { key: 'city', value: 'Zürich' },
          { key: 'skipped', value: 'x', disabled: true },
        ],
      },
    },
  },
  {
    name: 'multipart-file',
    request: {
      method: 'POST',
      url: '{{baseUrl}}/anything/upload',
      body: {
        mode: 'formdata',
        formdata: [
          { key: 'title', value: 'A "quoted" title', type: 'text' },
          { key: 'document', type: 'file', src: 'files/hello.txt' },
          { key: 'blob', type: 'file', src: 'files/data.bin', contentType: 'application/x-custom' },
        ],
      },
    },
  },
  {
    name: 'binary-file',
    request: {
      method: 'PUT',
      url: '{{baseUrl}}/anything/blob',
      body: { mode: 'file', file: { src: 'files/data.bin' } },
    },
  },
  {
    name: 'basic-auth',
    request: {
      method: 'GET',
      url: '{{baseUrl}}/anything/basic',
      auth: { type: 'basic', basic: [{ key: 'username', value: 'postman' }, { key: 'password', value: 'pa$$:wörd' }] },
    },
  },
  {
    name: 'bearer',
    request: { method: 'DELETE', url: '{{baseUrl}}/anything/tokens/7' },
    // Inherited from the folder, as the CLI passes it.
    auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}' }] },
  },
  {
    name: 'apikey-query',
    request: {
      method: 'GET',
      url: '{{baseUrl}}/anything/search?q=x',
      auth: { type: 'apikey', apikey: [{ key: 'key', value: 'api_key' }, { key: 'value', value: 's3cr3t/+=' }, { key: 'in', value: 'query' }] },
    },
  },
  {
    name: 'apikey-header',
    request: {
      method: 'GET',
      url: '{{baseUrl}}/anything/keyed',
      auth: { type: 'apikey', apikey: [{ key: 'key', value: 'X-API-Key' }, { key: 'value', value: 'k-123' }] },
    },
  },
  {
    name: 'unicode-quotes',
    request: {
      method: 'PATCH',
      url: '{{baseUrl}}/anything/ünï/çødé?emoji=😀&quote="it\'s"&dollar=$HOME',
      header: [
        { key: 'X-Quotes', value: `it's "quoted" \\ back $HOME #{x} \${x} %s` },
        { key: 'X-Empty', value: '' },
      ],
      body: {
        mode: 'raw',
        raw: `Grüße 😀 "double" 'single' \\ back\\slash $HOME \${x} #{x} {x} %d\n\ttab\r\nline \u2028 end`,
      },
    },
  },
  {
    name: 'graphql',
    request: {
      method: 'POST',
      url: '{{baseUrl}}/anything/graphql',
      body: {
        mode: 'graphql',
        graphql: { query: 'query ($id: ID!) {\n  user(id: $id) { name }\n}', variables: '{"id": "{{userId}}"}' },
      },
    },
  },
  {
    name: 'digest-auth',
    request: {
      method: 'GET',
      url: '{{baseUrl}}/digest-auth',
      auth: { type: 'digest', digest: [{ key: 'username', value: 'postman' }, { key: 'password', value: 'password' }] },
    },
  },
  {
    name: 'signed-at-send-time',
    execute: false,
    request: {
      method: 'POST',
      url: '{{baseUrl}}/anything/signed',
      header: [{ key: 'X-Missing', value: '{{missing}}' }],
      body: { mode: 'formdata', formdata: [{ key: 'meta', value: '{"a":1}', type: 'text', contentType: 'application/json' }] },
      auth: { type: 'awsv4', awsv4: [{ key: 'accessKey', value: 'AKID' }, { key: 'secretKey', value: 'secret' }] },
    },
  },
];

export const CASE_VARIABLES = {
  requestId: 'req-42',
  token: 'tok.en-value',
  userId: 'u-1',
};
