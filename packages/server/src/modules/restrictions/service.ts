import type { Clock } from '../../clock.ts';
import { forbidden } from '../../errors.ts';
import type { RestrictedUse } from '../communications/service.ts';
import type { ProcessingRestriction, Restrictions, RestrictionStore, StoredRestrictions } from './store.ts';

export type RestrictionService = ReturnType<typeof createRestrictionService>;

export const NO_RESTRICTIONS: Restrictions = { marketing: false, analytics: false, personalisation: false };

/**
 * Restriction of use (P25): a person stops the use of their data for marketing, analytics or
 * personalisation. Every module that makes such a use asks `isRestricted()` at the point of use
 * (product news: communications; usage analytics and error reports: analytics). Postern has no
 * personalisation feature; the switch is kept so any future one must honour it.
 *
 * Processing restricted (Art. 18): an account-wide state, set by the person or by staff while one
 * of the person's requests is disputed, under which `isRestricted()` answers true for every use,
 * including uses added later that have no switch of their own.
 */
export function createRestrictionService({ store, clock }: { store: RestrictionStore; clock: Clock }) {
  async function get(accountId: string): Promise<StoredRestrictions | (Restrictions & { processing: null; updatedAt: null })> {
    const row = await store.find(accountId);
    return row ?? { ...NO_RESTRICTIONS, processing: null, updatedAt: null };
  }

  return {
    get,

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

    /** The person restricts processing of their own data, or lifts their own restriction. */
    async setProcessingByPerson(accountId: string, restricted: boolean, reason: string | null) {
      const current = await store.find(accountId);
      if (restricted) {
        // Staff's restriction stays staff's: it ends with the dispute, not with this switch.
        if (current?.processing?.by !== 'staff') {
          await store.setProcessing(accountId, { by: 'person', reason, since: current?.processing?.since ?? clock(), requestId: null }, clock());
        }
      } else if (current?.processing) {
        if (current.processing.by === 'staff') {
          throw forbidden('The operator restricted processing while one of your requests is disputed; it is lifted when the request is resolved.', {
            code: 'PROCESSING_RESTRICTED_BY_STAFF',
          });
        }
        await store.liftProcessing(accountId, clock(), { by: 'person' });
      }
      return get(accountId);
    },

    /** Staff restrict processing while `requestId` is disputed (P26 desk). */
    async restrictForDispute(accountId: string, requestId: string, reason: string): Promise<ProcessingRestriction> {
      const now = clock();
      const saved = await store.setProcessing(accountId, { by: 'staff', reason, since: now, requestId }, now);
      return saved.processing!;
    },

    /** Lifts a restriction staff set for `requestId`; false when there was none (or the person set it). */
    liftDisputeRestriction(accountId: string, requestId: string): Promise<boolean> {
      return store.liftProcessing(accountId, clock(), { by: 'staff', requestId });
    },

    async isRestricted(accountId: string, use: RestrictedUse): Promise<boolean> {
      const row = await store.find(accountId);
      if (row?.processing) return true;
      // A use without a switch of its own is stopped only by the account-wide restriction.
      return use === 'marketing' || use === 'analytics' || use === 'personalisation' ? (row?.[use] ?? false) : false;
    },
  };
}
