import type { ColumnDeclaration, ColumnErasure, LegalBasis, Purpose, RetentionRule, SubjectLink } from './types.ts';

/**
 * Shorthands for the modules' datamap.ts files, so a declaration reads as one line per column.
 * They build plain ColumnDeclaration objects; nothing here is required.
 */

/** A column that identifies nobody on its own (ids, timestamps, settings of system rows). */
export function system(description: string, category: `system.${string}` = 'system.operations', exported = true): ColumnDeclaration {
  return { category, description, export: exported };
}

export interface PersonalOptions {
  /** Defaults to true; hashes and secrets are false. */
  export?: boolean;
  erasure?: ColumnErasure;
  /** Free text that may name other people; erasure rewrites their names (types.ts). */
  mentions?: boolean;
}

/** A column that holds personal data: its category, why it is used and on what basis. */
export function personal(
  category: `user.${string}`,
  description: string,
  purposes: Purpose[],
  legalBasis: LegalBasis,
  options: PersonalOptions = {},
): ColumnDeclaration {
  return {
    category,
    description,
    purposes,
    legalBasis,
    export: options.export ?? true,
    ...(options.erasure !== undefined && { erasure: options.erasure }),
    ...(options.mentions && { mentions: true }),
  };
}

/** The usual `id` primary key. */
export const rowId = (what: string): ColumnDeclaration => system(`Identifier of the ${what}.`, 'system.id');

/** The usual `created_at`. */
export const createdAt = (what: string): ColumnDeclaration => system(`When the ${what} was created.`, 'system.timestamp');

/** A column holding a person's account id (a foreign key to users.id). */
export function accountId(description: string, purposes: Purpose[], legalBasis: LegalBasis): ColumnDeclaration {
  return personal('user.unique_id', description, purposes, legalBasis);
}

/** A link from rows to the person whose account id is in `column`. */
export function byAccount(column: string, role: string, onErase: SubjectLink['onErase']): SubjectLink {
  return { column, by: 'account', role, onErase };
}

/** A link from rows to the person whose email address is in `column` (case-insensitive). */
export function byEmail(column: string, role: string): SubjectLink {
  return { column, by: 'email', role, onErase: 'delete' };
}

/** Default days between a deletion request and the purge (P24, P19: life of the account + 15 days). */
export const ACCOUNT_GRACE_DAYS = 15;

/**
 * Rows that live as long as the account they belong to and go with it. `describe` texts are
 * fragments that read after "Kept:" (the policy and the CLI capitalise them).
 */
export const withAccount = (what: string): RetentionRule => ({
  kind: 'account',
  graceDays: ACCOUNT_GRACE_DAYS,
  describe: `as long as the account (${what.toLowerCase()} are deleted with it)`,
});
