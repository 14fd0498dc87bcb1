import type { Clock } from '../../clock.ts';
import type { RestrictedUse } from '../communications/service.ts';
import type { Restrictions, RestrictionStore } from './store.ts';

export type RestrictionService = ReturnType<typeof createRestrictionService>;

export const NO_RESTRICTIONS: Restrictions = { marketing: false, analytics: false, personalisation: false };

/**
 * Restriction of use (P25): a person stops the use of their data for marketing, analytics or
 * personalisation. Every module that makes such a use asks `isRestricted()` at the point of use
 * (product news: communications; usage analytics: analytics). Postern has no personalisation
 * feature; the switch is kept so any future one must honour it.
 */
export function createRestrictionService({ store, clock }: { store: RestrictionStore; clock: Clock }) {
  return {
    async get(accountId: string): Promise<Restrictions & { updatedAt: Date | null }> {
      const row = await store.find(accountId);
      return row ?? { ...NO_RESTRICTIONS, updatedAt: null };
    },

    /** Changes the given switches, keeps the others; switching back is the same call. */
    async update(accountId: string, changes: Partial<Restrictions>) {
      const current = (await store.find(accountId)) ?? NO_RESTRICTIONS;
      const next: Restrictions = {
        marketing: changes.marketing ?? current.marketing,
        analytics: changes.analytics ?? current.analytics,
        personalisation: changes.personalisation ?? current.personalisation,
      };
      return store.save(accountId, next, clock());
    },

    async isRestricted(accountId: string, use: RestrictedUse): Promise<boolean> {
      const row = await store.find(accountId);
      return row?.[use] ?? false;
    },
  };
}
