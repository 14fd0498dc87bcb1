import { DATA_MAP, tableName } from './index.ts';
import type { ColumnDeclaration, ColumnErasure, LegalBasis, Purpose, RetentionRule, SubjectLink, TableDeclaration } from './types.ts';

/**
 * The data map as plain data (P8): what `postern privacy datamap` prints and GET
 * /api/privacy/datamap answers. Nothing here reads the database.
 */

/** Purposes in plain words, to follow "used …" in the policy and the CLI. */
export const PURPOSE_LABELS: Record<Purpose, string> = {
  provide_service: 'to provide the service to you',
  collaboration: 'to show your work and name to the people you work with',
  security: 'to keep your account and the service secure',
  communications: 'to send you the messages you need or asked for',
  analytics: 'to learn how Postern is used and to fix errors',
  legal_compliance: 'to meet legal obligations and show that we do',
  support: 'to answer you',
};

/** Legal bases in plain words (P8). */
export const LEGAL_BASIS_LABELS: Record<LegalBasis, string> = {
  contract: 'contract (it is needed for the service you signed up for)',
  legitimate_interest: 'legitimate interest (you can object to it)',
  consent: 'consent (you can withdraw it at any time)',
  legal_obligation: 'legal obligation',
};

/** The retention rule in plain words, as a sentence: "Kept for 30 days." */
export function retentionSentence(rule: RetentionRule): string {
  const text = rule.describe.trim().replace(/\.$/, '');
  const sentence = /^(kept|deleted|until|for|as long|while|the|permanently)\b/i.test(text) ? text : `for ${text}`;
  const withVerb = /^(kept|deleted|the)\b/i.test(sentence) ? sentence : `Kept ${sentence}`;
  return `${withVerb.charAt(0).toUpperCase()}${withVerb.slice(1)}.`;
}

/** A short label of the rule for tables: "age 30d (created_at)", "account +15d". */
export function retentionLabel(rule: RetentionRule): string {
  switch (rule.kind) {
    case 'account':
      return `account +${rule.graceDays}d`;
    case 'content':
      return 'content';
    case 'age':
      return `age ${rule.days}d (${rule.column})`;
    case 'expiry':
      return rule.graceDays > 0 ? `expiry +${rule.graceDays}d (${rule.column})` : `expiry (${rule.column})`;
    case 'custom':
      return `job ${rule.job}`;
  }
}

export interface DataMapColumn {
  name: string;
  category: string;
  description: string;
  personal: boolean;
  purposes: Purpose[];
  legalBasis: LegalBasis | null;
  exported: boolean;
  erasure: ColumnErasure;
}

export interface DataMapTable {
  name: string;
  description: string;
  subjects: SubjectLink[];
  retention: RetentionRule & { text: string };
  columns: DataMapColumn[];
}

export interface DataMapDocument {
  /** Bumped if the shape changes. */
  version: 1;
  tables: DataMapTable[];
}

function column(name: string, c: ColumnDeclaration): DataMapColumn {
  return {
    name,
    category: c.category,
    description: c.description,
    personal: c.category.startsWith('user.'),
    purposes: c.purposes ?? [],
    legalBasis: c.legalBasis ?? null,
    exported: c.export,
    erasure: c.erasure ?? 'keep',
  };
}

function table(decl: TableDeclaration): DataMapTable {
  return {
    name: tableName(decl),
    description: decl.description,
    subjects: decl.subjects.map((link) => ({ ...link })),
    retention: { ...decl.retention, text: retentionSentence(decl.retention) },
    columns: Object.entries(decl.columns).map(([name, c]) => column(name, c)),
  };
}

export function dataMapDocument(map: readonly TableDeclaration[] = DATA_MAP): DataMapDocument {
  return { version: 1, tables: map.map(table) };
}
