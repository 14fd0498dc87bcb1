import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { addParam, paramsToRecord, type ParamRecord } from './params.ts';

/** Large enough for any upload a test makes; small enough that a runaway client cannot exhaust memory. */
export const MAX_BODY_BYTES = 50 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  readonly code = 'BODY_TOO_LARGE';
  constructor(limit: number) {
    super(`Request body exceeds ${limit} bytes.`);
  }
}

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** `application/json; charset=utf-8` → `application/json`. */
export function mimeTypeOf(req: IncomingMessage): string {
  const header = req.headers['content-type'];
  if (!header) return '';
  const semi = header.indexOf(';');
  return (semi === -1 ? header : header.slice(0, semi)).trim().toLowerCase();
}

export function isJsonMimeType(mime: string): boolean {
  return mime === 'application/json' || mime.endsWith('+json');
}

/** The body fields of an echo response, shaped as the public echo service shapes them. */
export interface EchoBody {
  /** Parsed JSON for a JSON body, the text for any other body, "" for forms, {} when there is no body. */
  data: unknown;
  /** Multipart files by file name, each as a data URL. */
  files: ParamRecord;
  /** urlencoded fields and multipart text fields. */
  form: ParamRecord;
  /** Parsed JSON body, the urlencoded form, or null. */
  json: unknown;
}

export async function readEchoBody(req: IncomingMessage): Promise<EchoBody> {
  const mime = mimeTypeOf(req);
  if (mime === 'multipart/form-data') {
    const parsed = await readMultipart(req);
    if (parsed) return { data: '', files: parsed.files, form: parsed.form, json: null };
  }
  return interpretBody(mime, await readBody(req));
}

export function interpretBody(mime: string, raw: Buffer): EchoBody {
  if (raw.length === 0) return { data: {}, files: {}, form: {}, json: null };
  const text = raw.toString('utf8');
  if (mime === 'application/x-www-form-urlencoded') {
    const form = paramsToRecord(new URLSearchParams(text));
    return { data: '', files: {}, form, json: form };
  }
  if (isJsonMimeType(mime)) {
    try {
      const json: unknown = JSON.parse(text);
      return { data: json, files: {}, form: {}, json };
    } catch {
      // Not valid JSON after all: echo it as text, like any other body.
    }
  }
  return { data: text, files: {}, form: {}, json: null };
}

interface Multipart {
  form: ParamRecord;
  files: ParamRecord;
}

/** Streams a multipart body through busboy; undefined when the header is unusable (no boundary). */
function readMultipart(req: IncomingMessage): Promise<Multipart | undefined> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers, limits: { fileSize: MAX_BODY_BYTES, fieldSize: MAX_BODY_BYTES } });
  } catch {
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const form: ParamRecord = {};
    const files: ParamRecord = {};
    const pending: Array<Promise<void>> = [];
    parser.on('field', (name, value) => addParam(form, name, value));
    parser.on('file', (name, stream, info) => {
      pending.push(
        new Promise((done, fail) => {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', fail);
          stream.on('end', () => {
            if ((stream as { truncated?: boolean }).truncated) {
              fail(new BodyTooLargeError(MAX_BODY_BYTES));
              return;
            }
            const content = Buffer.concat(chunks).toString('base64');
            addParam(files, info.filename || name, `data:${info.mimeType};base64,${content}`);
            done();
          });
        }),
      );
    });
    parser.on('close', () => {
      Promise.all(pending).then(() => resolve({ form, files }), reject);
    });
    parser.on('error', reject);
    req.pipe(parser);
  });
}
