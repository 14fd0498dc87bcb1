/**
 * Runs secretlint (recommended preset plus Postern's rules) over one text made of segments, and
 * maps each report back to its segment: a JSON path, a line and column within the value, a masked
 * preview and the SHA-256 of the value. The raw secret never leaves this module.
 */
import { createHash } from 'node:crypto';
import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';
import type { SecretLintCoreConfig, SecretLintRuleCreator, SecretLintRuleContext } from '@secretlint/types';
import { isDocumentedExample, isPlaceholder } from './placeholders.ts';
import { POSTERN_RULES } from './rules.ts';
import type { PatternRule } from './rules.ts';

export interface SecretLocation {
  /** Where the value sits in a Postman document, e.g. `$.item[0].request.header[1].value`. */
  jsonPath?: string;
  /** 1-based line: within the text, or within the value (a script, a raw body) for a JSON path. */
  line?: number;
  /** 1-based column of the first character of the secret. */
  column?: number;
  endLine?: number;
  /** 1-based column just after the secret. */
  endColumn?: number;
}

export interface SecretFinding {
  ruleId: string;
  message: string;
  location: SecretLocation;
  /** A few leading characters and the length, e.g. `ghp_…(40)`. */
  masked: string;
  /** Hex SHA-256 of the secret value: lets callers recognise the same secret without keeping it. */
  sha256: string;
}

/** A piece of text to scan; `context` is scanned before it (e.g. `Authorization: `) but never reported. */
export interface Segment {
  text: string;
  jsonPath?: string;
  context?: string;
  /** Line number of the segment's first line within its field (script lines, 1-based). */
  firstLine?: number;
}

export interface EngineOptions {
  /** Which rule sets run: both by default; the benchmark compares against the preset alone. */
  rules?: 'all' | 'preset' | 'postern';
}

// secretlint 12's profiler is always on: every lint leaves ~370 performance marks and ~180 measures in
// Node's global timeline and in the profiler's own list, and its observer scans that list for each new
// mark. After a few hundred scans that is minutes of CPU on a setImmediate queue (a test run "hung"
// after its last scan) and a leak in a long-running server (secretlint#1633, fixed upstream
// later, secretlint#1673). We never read the profile, so marks become no-ops on the very copy core uses
// (one copy: @secretlint/profiler is pinned to core's exact version); secrets.test.ts checks it.
secretLintProfiler.mark = () => {};

const PRESET_ID = '@secretlint/secretlint-rule-preset-recommend';
const SEPARATOR = '\n\u0000\n';
const GENERIC = new Set(POSTERN_RULES.filter((r) => r.generic).map((r) => `postern/${r.id}`));
const PREFIXES = new Map(POSTERN_RULES.filter((r) => r.prefix).map((r) => [`postern/${r.id}`, r.prefix!]));

function toSecretlintRule(rule: PatternRule): SecretLintRuleCreator {
  const messages = { FOUND: { en: () => rule.message } };
  return {
    messages,
    meta: { id: `postern/${rule.id}`, type: 'scanner', recommended: true, supportedContentTypes: ['text'] },
    create(context: SecretLintRuleContext) {
      const t = context.createTranslator(messages);
      return {
        file(source) {
          const text = source.content;
          const pattern = new RegExp(rule.pattern.source, rule.pattern.flags);
          for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
            if (m[0].length === 0) pattern.lastIndex++;
            const secret = m.groups?.s ?? m[0];
            const start = m.groups?.s === undefined ? m.index : m.index + m[0].lastIndexOf(secret);
            if (rule.check && !rule.check(secret, m, text)) continue;
            context.report({ message: t('FOUND'), range: [start, start + secret.length] });
          }
        },
      };
    },
  };
}

const posternRules = POSTERN_RULES.map(toSecretlintRule);

function config(rules: EngineOptions['rules'] = 'all'): SecretLintCoreConfig {
  const list: SecretLintCoreConfig['rules'] = [];
  if (rules !== 'postern') list.push({ id: PRESET_ID, rule: recommendedPreset });
  if (rules !== 'preset') for (const rule of posternRules) list.push({ id: rule.meta.id, rule });
  return { rules: list };
}

export function maskSecret(value: string): string {
  const shown = value.length >= 16 ? 4 : value.length >= 8 ? 2 : 0;
  return `${value.slice(0, shown)}…(${value.length})`;
}

export const sha256Hex = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

interface Placed {
  segment: Segment;
  /** Offset of segment.text in the combined text. */
  offset: number;
}

function position(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}

interface Candidate {
  ruleId: string;
  message: string;
  placed: Placed;
  start: number;
  end: number;
}

/** Scans segments as one secretlint source; findings in segment order. */
export async function scanSegments(segments: readonly Segment[], options: EngineOptions & { filePath?: string } = {}): Promise<SecretFinding[]> {
  const placed: Placed[] = [];
  let content = '';
  for (const segment of segments) {
    if (!segment.text) continue;
    if (content) content += SEPARATOR;
    content += segment.context ?? '';
    placed.push({ segment, offset: content.length });
    content += segment.text;
  }
  if (!content) return [];
  const filePath = options.filePath ?? 'postern-scan.txt';
  const result = await lintSource({
    source: { content, filePath, ext: filePath.includes('.') ? filePath.slice(filePath.lastIndexOf('.')) : '', contentType: 'text' },
    options: { config: config(options.rules), noPhysicFilePath: true },
  });

  const candidates: Candidate[] = [];
  for (const message of result.messages) {
    const [from, to] = message.range;
    // Last segment starting at or before the report; a report that starts in the context before a
    // value (e.g. the whole `key: value`) belongs to that value.
    let lo = -1;
    let hi = placed.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (placed[mid]!.offset <= from) lo = mid;
      else hi = mid - 1;
    }
    let p = lo >= 0 ? placed[lo] : undefined;
    if (!p || from >= p.offset + p.segment.text.length) {
      const next = placed[lo + 1];
      if (!next || to <= next.offset) continue;
      p = next;
    }
    let start = Math.max(from - p.offset, 0);
    let end = Math.min(to - p.offset, p.segment.text.length);
    // Some preset rules report a range that is off; their data names the secret, so find it nearby.
    const named = Object.values(message.data ?? {}).find((v): v is string => typeof v === 'string' && v.length >= 8 && p!.segment.text.includes(v));
    if (named && p.segment.text.slice(start, end) !== named) {
      const at = p.segment.text.indexOf(named, Math.max(0, start - named.length - 200));
      if (at !== -1) [start, end] = [at, at + named.length];
    }
    if (end <= start) continue;
    const value = p.segment.text.slice(start, end);
    const prefix = PREFIXES.get(message.ruleId);
    // The fixed prefix is left out of the word checks, but documented examples are listed whole.
    if (isDocumentedExample(value) || isPlaceholder(prefix ? value.replace(prefix, '') : value)) continue;
    // Preset messages quote the secret: never let it out.
    candidates.push({ ruleId: message.ruleId, message: message.message.split(value).join(maskSecret(value)).replace(/: \S{20,}$/, ''), placed: p, start, end });
  }

  // One finding per secret: overlapping reports on the same value keep Postern's specific rule (exact
  // spans), then the preset's, then a generic one; then the longer span.
  const rank = (c: Candidate) => (GENERIC.has(c.ruleId) ? 2 : c.ruleId.startsWith('postern/') ? 0 : 1);
  candidates.sort((a, b) => a.placed.offset - b.placed.offset || a.start - b.start || rank(a) - rank(b) || b.end - b.start - (a.end - a.start));
  const kept: Candidate[] = [];
  for (const c of candidates) {
    const clash = kept.findIndex((k) => k.placed === c.placed && k.start < c.end && c.start < k.end);
    if (clash === -1) kept.push(c);
    else {
      const k = kept[clash]!;
      if (rank(c) < rank(k) || (rank(c) === rank(k) && c.end - c.start > k.end - k.start)) kept[clash] = c;
    }
  }

  return kept.map((c) => {
    const { segment } = c.placed;
    const value = segment.text.slice(c.start, c.end);
    const from = position(segment.text, c.start);
    const to = position(segment.text, c.end);
    const lineBase = (segment.firstLine ?? 1) - 1;
    const location: SecretLocation = {
      ...(segment.jsonPath !== undefined ? { jsonPath: segment.jsonPath } : {}),
      line: from.line + lineBase,
      column: from.column,
      endLine: to.line + lineBase,
      endColumn: to.column,
    };
    return { ruleId: c.ruleId, message: c.message, location, masked: maskSecret(value), sha256: sha256Hex(value) };
  });
}
