import { eq } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { dataRestrictions } from './schema.ts';

export interface Restrictions {
  marketing: boolean;
  analytics: boolean;
  personalisation: boolean;
}

export interface StoredRestrictions extends Restrictions {
  updatedAt: Date;
}

export interface RestrictionStore {
  find(userId: string): Promise<StoredRestrictions | undefined>;
  save(userId: string, restrictions: Restrictions, now: Date): Promise<StoredRestrictions>;
}

const columns = {
  marketing: dataRestrictions.marketing,
  analytics: dataRestrictions.analytics,
  personalisation: dataRestrictions.personalisation,
  updatedAt: dataRestrictions.updatedAt,
};

export function createRestrictionStore(db: Database): RestrictionStore {
  return {
    async find(userId) {
      const [row] = await db.select(columns).from(dataRestrictions).where(eq(dataRestrictions.userId, userId));
      return row;
    },
    async save(userId, restrictions, now) {
      const [row] = await db
        .insert(dataRestrictions)
        .values({ userId, ...restrictions, updatedAt: now })
        .onConflictDoUpdate({ target: dataRestrictions.userId, set: { ...restrictions, updatedAt: now } })
        .returning(columns);
      return row!;
    },
  };
}
