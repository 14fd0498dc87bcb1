import { describe, expect, it } from 'vitest';
import { BodyError, buildBody, type BodyFileSource } from './body.ts';

const identity = (s: string) => s;

function source(files: Record<string, Buffer>): BodyFileSource {
  return (src) => files[src];
}

/** Parses the built multipart body with the platform's own parser, as a receiving server would. */
async function parseMultipart(data: Buffer | string | undefined, contentType: string | undefined): Promise<FormData> {
  return new Response(data, { headers: { 'content-type': contentType ?? '' } }).formData();
}

describe('buildBody with files provided with the send', () => {
  it('uses the provided bytes for a file body', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    const built = await buildBody(
      { mode: 'file', file: { src: 'photo.bin' } },
      { resolve: identity, files: source({ 'photo.bin': bytes }) },
    );
    expect(Buffer.isBuffer(built.data)).toBe(true);
    expect(Buffer.compare(built.data as Buffer, bytes)).toBe(0);
  });

  it('puts provided files into form-data rows with their names', async () => {
    const a = Buffer.from('first file\n');
    const b = Buffer.from([0xde, 0xad, 0xbe, 0xef]);
    const built = await buildBody(
      {
        mode: 'formdata',
        formdata: [
          { key: 'note', value: 'hello', type: 'text' },
          { key: 'docs', type: 'file', src: ['a.txt', 'b.bin'] },
          { key: 'single', type: 'file', src: 'b.bin', contentType: 'application/octet-stream' },
        ],
      },
      { resolve: identity, files: source({ 'a.txt': a, 'b.bin': b }) },
    );
    expect(built.contentType).toMatch(/^multipart\/form-data; boundary=/);
    const form = await parseMultipart(built.data, built.contentType);
    expect(form.get('note')).toBe('hello');
    const docs = form.getAll('docs') as File[];
    expect(docs.map((f) => f.name)).toEqual(['a.txt', 'b.bin']);
    expect(Buffer.from(await docs[0]!.arrayBuffer()).toString()).toBe('first file\n');
    expect(Buffer.compare(Buffer.from(await docs[1]!.arrayBuffer()), b)).toBe(0);
    const single = form.get('single') as File;
    expect(single.name).toBe('b.bin');
    expect(single.type).toBe('application/octet-stream');
    expect(Buffer.compare(Buffer.from(await single.arrayBuffer()), b)).toBe(0);
  });

  it('asks to choose the file again when it was not provided and there is no working dir', async () => {
    const promise = buildBody(
      { mode: 'file', file: { src: 'missing.bin' } },
      { resolve: identity, files: source({ 'other.bin': Buffer.from('x') }) },
    );
    await expect(promise).rejects.toBeInstanceOf(BodyError);
    await expect(promise).rejects.toThrow('the file "missing.bin" was not uploaded with this send; choose it again');
  });

  it('refuses a form-data file row that was not provided', async () => {
    const promise = buildBody(
      { mode: 'formdata', formdata: [{ key: 'f', type: 'file', src: 'gone.txt' }] },
      { resolve: identity, files: source({}) },
    );
    await expect(promise).rejects.toThrow('the file "gone.txt" was not uploaded with this send; choose it again');
  });

  it('keeps the old refusal when no file source is given at all', async () => {
    await expect(buildBody({ mode: 'file', file: { src: 'x.bin' } }, { resolve: identity })).rejects.toThrow(
      /cannot be read here/,
    );
  });

  it('falls back to the working dir for files not provided', async () => {
    const built = await buildBody(
      { mode: 'file', file: { src: 'package.json' } },
      { resolve: identity, files: source({}), workingDir: new URL('../..', import.meta.url).pathname },
    );
    expect(JSON.parse(String(built.data)).name).toBe('@postern/runtime');
  });
});
