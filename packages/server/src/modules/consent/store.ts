import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { consentRecords } from './schema.ts';
import type { ConsentChoices, ConsentMethod } from './schema.ts';

export interface ConsentRecord {
  id: string;
  choices: ConsentChoices;
  policyRevision: number;
  method: ConsentMethod;
  gpc: boolean;
  accountId: string | null;
  userAgentFamily: string | null;
  createdAt: Date;
}

export interface NewConsentRecord {
  choices: ConsentChoices;
  policyRevision: number;
  method: ConsentMethod;
  gpc: boolean;
  accountId: string | null;
  ipHmac: string | null;
  userAgentFamily: string | null;
  createdAt: Date;
}

export interface ConsentStore {
  add(record: NewConsentRecord): Promise<ConsentRecord>;
  find(id: string): Promise<ConsentRecord | undefined>;
  latestOfAccount(accountId: string): Promise<ConsentRecord | undefined>;
  listOfAccount(accountId: string, limit: number): Promise<ConsentRecord[]>;
  /** Ties an anonymous record to an account; a record of another account is left alone. */
  adopt(id: string, accountId: string): Promise<void>;
}

const columns = {
  id: consentRecords.id,
  choices: consentRecords.choices,
  policyRevision: consentRecords.policyRevision,
  method: consentRecords.method,
  gpc: consentRecords.gpc,
  accountId: consentRecords.accountId,
  userAgentFamily: consentRecords.userAgentFamily,
  createdAt: consentRecords.createdAt,
};

export function createConsentStore(db: Database): ConsentStore {
  return {
    async add(record) {
      const [row] = await db.insert(consentRecords).values(record).returning(columns);
      return row!;
    },
    async find(id) {
      const [row] = await db.select(columns).from(consentRecords).where(eq(consentRecords.id, id));
      return row;
    },
    async latestOfAccount(accountId) {
      const [row] = await db
        .select(columns)
        .from(consentRecords)
        .where(eq(consentRecords.accountId, accountId))
        .orderBy(desc(consentRecords.createdAt), desc(consentRecords.id))
        .limit(1);
      return row;
    },
    listOfAccount(accountId, limit) {
      return db
        .select(columns)
        .from(consentRecords)
        .where(eq(consentRecords.accountId, accountId))
        .orderBy(desc(consentRecords.createdAt), desc(consentRecords.id))
        .limit(limit);
    },
    async adopt(id, accountId) {
      await db
        .update(consentRecords)
        .set({ accountId })
        .where(and(eq(consentRecords.id, id), isNull(consentRecords.accountId)));
    },
  };
}
