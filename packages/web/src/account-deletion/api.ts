/** The calls of account deletion and restore (server module account-deletion, P24). */
import { api } from '../api/client.ts';

export interface DeletionPreviewRows {
  table: string;
  description: string;
  rows: number;
}

export interface DeletionPreview {
  graceDays: number;
  purgeAt: string;
  reauthentication: { method: 'password' | 'email_code'; totp: boolean };
  deleted: DeletionPreviewRows[];
  remaining: (DeletionPreviewRows & { reason: string })[];
  notes: string[];
}

export interface DeletionProof {
  password?: string;
  code?: string;
  totpCode?: string;
}

export const accountDeletion = {
  preview: () => api<DeletionPreview>('GET', '/api/me/deletion'),
  sendCode: () => api<void>('POST', '/api/me/deletion/code'),
  request: (proof: DeletionProof) => api<{ purgeAt: string; graceDays: number }>('POST', '/api/me/deletion', { body: proof }),
  restoreWithToken: (token: string) => api<void>('POST', '/api/account-restorations', { body: { token } }),
  restoreWithPassword: (body: { login: string; password: string; totpCode?: string }) =>
    api<void>('POST', '/api/account-restorations', { body }),
};
