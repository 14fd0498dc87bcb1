import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

const JSON_TYPE = 'application/json; charset=utf-8';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers?: OutgoingHttpHeaders): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': JSON_TYPE,
    ...headers,
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers?: OutgoingHttpHeaders,
  contentType = 'text/plain; charset=utf-8',
): void {
  res.writeHead(status, { ...headers, 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** A body-less answer: redirects, 204/304 statuses. */
export function sendEmpty(res: ServerResponse, status: number, headers?: OutgoingHttpHeaders): void {
  res.writeHead(status, { ...headers, 'content-length': 0 });
  res.end();
}

export interface ErrorBody {
  error: { code: string; message: string };
}

/** Errors of the testkit itself (not of an emulated endpoint) share one shape with a stable code. */
export function sendError(res: ServerResponse, status: number, code: string, message: string, headers?: OutgoingHttpHeaders): void {
  const body: ErrorBody = { error: { code, message } };
  sendJson(res, status, body, headers);
}
