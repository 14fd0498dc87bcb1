import { describe, expect, it } from 'vitest';
import { chooseFile, chosenFile, fileSourcesOf, filesForSend, FilesTooLargeError } from './chosen-files.ts';
import { bodyDraftOf, emptyRow, type BodyDraft, type Row } from './request-draft.ts';

const fileRow = (key: string, src: string, enabled = true): Row => ({ ...emptyRow(), key, type: 'file', src, enabled });
const decode = (base64: string) => Buffer.from(base64, 'base64');

function formdata(rows: Row[]): BodyDraft {
  return { ...bodyDraftOf(undefined), mode: 'formdata', formdata: rows };
}

describe('chosen files', () => {
  it('keeps a chosen file per request, saved by its name', () => {
    const file = new File(['abc'], 'photo.png');
    const scope = { collectionId: 'c1', itemId: 'i1' };
    expect(chooseFile(scope, file)).toBe('photo.png');
    expect(chosenFile(scope, 'photo.png')).toBe(file);
    expect(chosenFile({ collectionId: 'c1', itemId: 'other' }, 'photo.png')).toBeUndefined();
  });

  it('lists the sources the body sends: the binary file, or enabled keyed form-data file rows, once each', () => {
    expect(fileSourcesOf({ ...bodyDraftOf(undefined), mode: 'file', fileSrc: 'a.bin' })).toEqual(['a.bin']);
    // A body switched to raw still holds the old file name, but does not send it.
    expect(fileSourcesOf({ ...bodyDraftOf(undefined), mode: 'raw', fileSrc: 'a.bin' })).toEqual([]);
    const rows = [fileRow('one', 'a.txt'), fileRow('off', 'b.txt', false), fileRow('', 'c.txt'), { ...emptyRow(), key: 't', value: 'x' }, fileRow('again', 'a.txt'), fileRow('d', 'd.txt')];
    expect(fileSourcesOf(formdata(rows))).toEqual(['a.txt', 'd.txt']);
  });
});

describe('filesForSend', () => {
  it('encodes every chosen file the body refers to as base64, bytes intact', async () => {
    const binary = new Uint8Array(70_000).map((_, i) => (i * 7) % 256);
    const files: Record<string, Blob> = { 'a.txt': new Blob(['héllo']), 'big.bin': new Blob([binary]) };
    const sent = await filesForSend(formdata([fileRow('a', 'a.txt'), fileRow('b', 'big.bin'), fileRow('gone', 'gone.txt')]), (src) => files[src]);
    expect(sent.map((f) => f.src)).toEqual(['a.txt', 'big.bin']);
    expect(decode(sent[0]!.contentBase64).toString('utf8')).toBe('héllo');
    expect(Buffer.compare(decode(sent[1]!.contentBase64), Buffer.from(binary))).toBe(0);
  });

  it('sends an empty file as empty content', async () => {
    const sent = await filesForSend({ ...bodyDraftOf(undefined), mode: 'file', fileSrc: 'empty' }, () => new Blob([]));
    expect(sent).toEqual([{ src: 'empty', contentBase64: '' }]);
  });

  it('refuses, in plain words, files that add up to more than the limit', async () => {
    const files: Record<string, Blob> = { a: new Blob([new Uint8Array(600)]), b: new Blob([new Uint8Array(500)]) };
    const body = formdata([fileRow('a', 'a'), fileRow('b', 'b')]);
    await expect(filesForSend(body, (src) => files[src], 1000)).rejects.toBeInstanceOf(FilesTooLargeError);
    await expect(filesForSend(body, (src) => files[src], 1100)).resolves.toHaveLength(2);
    const tooBig = filesForSend({ ...bodyDraftOf(undefined), mode: 'file', fileSrc: 'a' }, () => new Blob([new Uint8Array(11 * 1024 * 1024)]));
    await expect(tooBig).rejects.toThrow('The files chosen for this request add up to 11 MB, and at most 10 MB of files can be sent with a request. Choose smaller files.');
  });
});
