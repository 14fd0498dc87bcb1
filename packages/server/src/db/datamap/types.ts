import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * The data map's vocabulary (P8). One declaration per table (modules/<m>/datamap.ts) says, for every column,
 * whether it holds personal data, of which category, why, on what legal basis, whether a person's
 * export includes it, and what erasure does to it. Export, erasure, retention and the policy's
 * "What we collect" section are all computed from these declarations; nothing else lists columns.
 */

export type LegalBasis = 'contract' | 'legitimate_interest' | 'consent' | 'legal_obligation';

/** Why Postern uses a piece of data. Every personal column names at least one. */
export type Purpose =
  | 'provide_service' // sign-in, storing and showing the person's work (P1, P2)
  | 'collaboration' // showing work and names to people given access (P10)
  | 'security' // sessions, rate limits, 2FA, abuse prevention (P18)
  | 'communications' // transactional, notification and (with opt-in) product mail (P9, P22)
  | 'analytics' // usage analytics and error reports (P5, consent)
  | 'legal_compliance' // consent proofs, policy acknowledgements, requests, children's accounts (P7, P20, P26, P28)
  | 'support'; // answering the person (P3)

/**
 * A dotted taxonomy, `user.*` for personal data (e.g. `user.contact.email`,
 * `user.account.username`, `user.device.ip_address`, `user.behavior.browsing_history`,
 * `user.content.*`), `system.*` for data about the service (ids, timestamps of system rows,
 * configuration) that identifies nobody on its own.
 */
export type DataCategory = `user.${string}` | `system.${string}`;

/** What erasure does to one column of a row that is kept (see TableDeclaration.erase). */
export type ColumnErasure =
  | 'keep' // not personal, or content that stays (its author link is removed elsewhere)
  | 'null' // set to NULL
  | { replaceWith: string | number | boolean | null }; // a fixed non-identifying value

export interface ColumnDeclaration {
  category: DataCategory;
  /** Plain-language description, used by `postern privacy datamap` and the policy text. */
  description: string;
  /** Required for `user.*` columns. */
  purposes?: Purpose[];
  legalBasis?: LegalBasis;
  /** Whether the person's export (P21) includes the value. Hashes and secrets never are. */
  export: boolean;
  /** For rows kept after erasure: how this column is anonymized. Defaults to 'keep'. */
  erasure?: ColumnErasure;
  /**
   * Free text that may name other people (a notification title, a mail body, a change summary):
   * erasing a person replaces their username, display name and email wherever they occur in this
   * column, in every row, with "Deleted user".
   */
  mentions?: boolean;
}

/**
 * How a row is tied to a person. `column` holds either the person's account id (`by: 'account'`)
 * or an email address compared case-insensitively (`by: 'email'`, rows about a person who may
 * have no account yet, such as an invitation).
 */
export interface SubjectLink {
  column: string;
  by: 'account' | 'email';
  /** What the link means, e.g. 'owner', 'author', 'actor', 'recipient', 'reviewer'. */
  role: string;
  /**
   * On erasure: delete the row, or keep it and reattribute it to "Deleted user" (the link column
   * becomes NULL and every column with an `erasure` rule is applied).
   */
  onErase: 'delete' | 'reattribute';
  /**
   * Only with onErase 'delete': a row matching any of these conditions is reattributed instead of
   * deleted, e.g. a team or public workspace outlives the person who created it (P13, P24).
   */
  reattributeWhen?: RowCondition[];
}

/** A condition on one column of a row, evaluated in SQL by erasure and in code by `eraseActionFor`. */
export type RowCondition = { column: string; isNotNull: true } | { column: string; equals: string | number | boolean };

/** How long rows are kept (P19). The retention job applies the rule; `describe` goes into the policy. */
export type RetentionRule =
  | { kind: 'account'; graceDays: number; describe: string } // life of the account + grace after deletion
  | { kind: 'content'; describe: string } // lives as long as its workspace (shared content outlives authors)
  | { kind: 'age'; column: string; days: number; describe: string } // rows older than `days` by `column`
  | { kind: 'expiry'; column: string; graceDays: number; describe: string } // rows past `column` + grace
  | { kind: 'custom'; job: string; describe: string }; // a rule implemented by a named retention task

export interface TableDeclaration {
  /** The Drizzle table; its SQL name and columns are read from it. */
  table: PgTable;
  /** One sentence: what a row is. */
  description: string;
  /** Every link from a row to a person; empty for tables that hold no one's data. */
  subjects: SubjectLink[];
  retention: RetentionRule;
  /** Every column of the table, by SQL name. The coverage test fails on a missing or extra name. */
  columns: Record<string, ColumnDeclaration>;
}
