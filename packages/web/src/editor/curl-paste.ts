/**
 * A cURL command pasted into the URL field becomes the request (as in Postman). The importer is the
 * one the server's collection import uses; its `/curl` entry point is safe to load in browsers.
 */
import { importCurl } from '@postern/collection/curl';
import { draftFromItem, type Draft } from './request-draft.ts';

/** Pasted text that should be read as a cURL command rather than typed into the URL. */
export function looksLikeCurl(text: string): boolean {
  return /^(?:\$\s+)?curl(?:\.exe)?\s/.test(text.trim());
}

export type CurlPaste = { ok: true; draft: Draft; skipped: string[] } | { ok: false; message: string };

/**
 * The draft the command describes: method, URL, params, headers, body, auth and TLS checking come
 * from the command, replacing the current ones. The request keeps its name (the importer would name
 * it after the URL), its scripts and its timeout, which a cURL command does not describe.
 */
export function draftFromCurl(command: string, current: Draft): CurlPaste {
  let imported: ReturnType<typeof importCurl>;
  try {
    imported = importCurl(command);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'INVALID_CURL') return { ok: false, message: curlProblem(error.message) };
    throw error;
  }
  const next = draftFromItem(imported.item);
  return {
    ok: true,
    draft: {
      ...next,
      name: current.name,
      prerequest: current.prerequest,
      test: current.test,
      settings: { ...next.settings, timeoutMs: current.settings.timeoutMs },
    },
    skipped: imported.skipped,
  };
}

/** The importer's reason inside the sentence the URL field shows. */
function curlProblem(reason: string): string {
  const detail = reason
    .replace(/^This cURL command cannot be read:\s*/, '')
    .replace(/\.\s*$/, '')
    // Mid-sentence now: "A single quote…" → "a single quote…" (but not "-H" or "cURL").
    .replace(/^[A-Z](?=[a-z ])/, (first) => first.toLowerCase());
  return `That looks like a cURL command but could not be read: ${detail}. Check the quoting, or paste only the URL.`;
}
