/** The API calls of cookie and tracking consent (P20) and Global Privacy Control (P27). */
import { api } from '../api/client.ts';

export type OptionalCategory = 'functional' | 'performance' | 'targeting';
export type StorageCategoryId = 'necessary' | OptionalCategory;
export const OPTIONAL_CATEGORIES: OptionalCategory[] = ['functional', 'performance', 'targeting'];

export interface CategoryChoice {
  consent: boolean;
  legitimateInterest: boolean;
}
export type ConsentChoices = Record<OptionalCategory, CategoryChoice>;
export type ConsentMethod = 'banner' | 'preference_center' | 'gpc' | 'api';

export interface ConsentRecord {
  id: string;
  choices: ConsentChoices;
  policyRevision: number;
  method: ConsentMethod;
  gpc: boolean;
  userAgentFamily: string | null;
  createdAt: string;
}

export interface ConsentState {
  record: ConsentRecord | null;
  choices: ConsentChoices;
  needsChoice: boolean;
  currentRevision: number;
  gpc: boolean;
  doNotSellOrShare: boolean;
  sellsPersonalData: false;
}

export interface StorageEntry {
  name: string;
  provider: string;
  purpose: string;
  lifetime: string;
  kind: 'cookie' | 'localStorage' | 'sessionStorage';
}

/** One category of the server's storage registry (modules/consent/registry.ts), the only list. */
export interface StorageCategory {
  id: StorageCategoryId;
  name: string;
  description: string;
  consentUses: string | null;
  legitimateInterestUses: string | null;
  entries: StorageEntry[];
  emptyNote: string | null;
}

export const consentApi = {
  storage: () => api<{ categories: StorageCategory[] }>('GET', '/api/privacy/storage'),
  state: () => api<ConsentState>('GET', '/api/privacy/consent'),
  decide: (choices: ConsentChoices, method: 'banner' | 'preference_center') =>
    api<ConsentState>('POST', '/api/privacy/consent', { body: { choices, method } }),
  signalGpc: () => api<ConsentState>('POST', '/api/privacy/gpc', { body: {} }),
  myRecords: () => api<{ records: ConsentRecord[] }>('GET', '/api/me/consents'),
};

export const METHOD_LABELS: Record<ConsentMethod, string> = {
  banner: 'Banner',
  preference_center: 'Preference center',
  gpc: 'Global Privacy Control',
  api: 'API',
};
