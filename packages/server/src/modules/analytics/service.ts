import type { Clock } from '../../clock.ts';
import type { RestrictionCheck } from '../communications/service.ts';
import type { ConsentService, ConsentSubject } from '../consent/service.ts';
import { approximateNetwork } from '../sessions/approximate-network.ts';
import type { AnalyticsEventType } from './schema.ts';
import { MAX_MESSAGE, MAX_STACK, scrubPath, scrubText } from './scrub.ts';
import type { AnalyticsStore } from './store.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long each kind of record is kept (P5); older ones are deleted by the sweeps below. */
export const RETENTION_DAYS: Record<AnalyticsEventType | 'error_report', number> = {
  page_view: 90,
  feature_used: 180,
  error_report: 30,
};

/** The features the web app reports; anything else is dropped rather than stored. */
export const FEATURES = ['send', 'run_collection', 'import'] as const;

export interface IncomingEvent {
  type: AnalyticsEventType;
  name: string;
  at?: string | undefined;
}

export interface ErrorReportInput {
  message: string;
  stack?: string | undefined;
  path?: string | undefined;
}

export interface AnalyticsServiceDeps {
  store: AnalyticsStore;
  consent: Pick<ConsentService, 'allows'>;
  isRestricted: RestrictionCheck;
  clock: Clock;
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;

/**
 * First-party usage analytics and client error reports (P5). The write path itself asks consent
 * (Performance, consent basis) and the account's analytics restriction (P25); error reports ask
 * Performance legitimate interest, which the person's objection turns off. There is no job queue:
 * expired records are swept on every write and every read of the aggregates.
 */
export function createAnalyticsService({ store, consent, isRestricted, clock }: AnalyticsServiceDeps) {
  async function sweep(now: Date) {
    await store.deleteEventsBefore('page_view', new Date(now.getTime() - RETENTION_DAYS.page_view * DAY_MS));
    await store.deleteEventsBefore('feature_used', new Date(now.getTime() - RETENTION_DAYS.feature_used * DAY_MS));
    await store.deleteErrorReportsBefore(new Date(now.getTime() - RETENTION_DAYS.error_report * DAY_MS));
  }

  /** A client clock is trusted only within the last day; otherwise the event counts as now. */
  function occurredAt(at: string | undefined, now: Date): Date {
    const parsed = at ? new Date(at) : undefined;
    if (!parsed || Number.isNaN(parsed.getTime())) return now;
    return parsed.getTime() > now.getTime() || parsed.getTime() < now.getTime() - DAY_MS ? now : parsed;
  }

  return {
    sweep: () => sweep(clock()),

    /** Records the events if the person allows it; returns how many were stored (0 without consent). */
    async record(subject: ConsentSubject, clientAddress: string | undefined, events: IncomingEvent[]): Promise<number> {
      if (!(await consent.allows(subject, 'performance', 'consent'))) return 0;
      if (subject.accountId && (await isRestricted(subject.accountId, 'analytics'))) return 0;
      const now = clock();
      const network = approximateNetwork(clientAddress);
      const rows = events.flatMap((e) => {
        const name = e.type === 'page_view' ? scrubPath(e.name) : e.name;
        if (e.type === 'feature_used' && !(FEATURES as readonly string[]).includes(name)) return [];
        return [{ type: e.type, name, occurredAt: occurredAt(e.at, now), network }];
      });
      await sweep(now);
      await store.addEvents(rows);
      return rows.length;
    },

    /** Stores a scrubbed error report unless the person objected; returns whether it was stored. */
    async reportError(subject: ConsentSubject, input: ErrorReportInput): Promise<boolean> {
      if (!(await consent.allows(subject, 'performance', 'legitimateInterest'))) return false;
      // Error reports carry no account id, but they are still a use of the person's data: an account
      // whose processing is restricted (P25) sends none.
      if (subject.accountId && (await isRestricted(subject.accountId, 'diagnostics'))) return false;
      const now = clock();
      await sweep(now);
      await store.addErrorReport({
        message: scrubText(input.message, MAX_MESSAGE),
        stack: input.stack ? scrubText(input.stack, MAX_STACK) : null,
        path: input.path ? scrubPath(input.path) : null,
        createdAt: now,
      });
      return true;
    },

    /** Counts per day, type and name over the last `days`, and the latest error reports; for the operator. */
    async overview(days = 30) {
      const now = clock();
      await sweep(now);
      const since = new Date(now.getTime() - days * DAY_MS);
      return {
        since,
        daily: await store.dailyCounts(since),
        errors: await store.recentErrorReports(since, 100),
        retentionDays: RETENTION_DAYS,
      };
    },
  };
}
