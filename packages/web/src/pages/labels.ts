import type { WorkspaceKind } from '../api/types.ts';

/** What each kind of workspace means, in the words the pages use. */
export const WORKSPACE_KIND_LABELS: Record<WorkspaceKind, { name: string; description: string }> = {
  personal: { name: 'Personal', description: 'Yours alone.' },
  private: { name: 'Private', description: 'You and the people you invite.' },
  team: { name: 'Team', description: 'Every member of a team.' },
  public: { name: 'Public', description: 'Anyone with the link can read it.' },
};

export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
