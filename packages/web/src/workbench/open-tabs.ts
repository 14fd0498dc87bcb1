/** The request tabs open in a workspace, kept in sessionStorage so a reload keeps them (this tab only). */

export interface OpenTab {
  collectionId: string;
  itemId: string;
  name: string;
  method: string;
}

export interface TabsState {
  tabs: OpenTab[];
  /** `tabKey` of the shown tab, or null when none is open. */
  active: string | null;
}

export const tabKey = (tab: Pick<OpenTab, 'collectionId' | 'itemId'>) => `${tab.collectionId}:${tab.itemId}`;
const storageKey = (workspaceId: string) => `postern.tabs.${workspaceId}`;

const isTab = (value: unknown): value is OpenTab =>
  typeof value === 'object' &&
  value !== null &&
  ['collectionId', 'itemId', 'name', 'method'].every((field) => typeof (value as Record<string, unknown>)[field] === 'string');

/** The saved tabs; anything unreadable (another version, edited by hand) counts as none. */
export function loadTabs(storage: Storage, workspaceId: string): TabsState {
  try {
    const saved = JSON.parse(storage.getItem(storageKey(workspaceId)) ?? 'null') as { tabs?: unknown; active?: unknown } | null;
    const tabs = Array.isArray(saved?.tabs) ? saved.tabs.filter(isTab) : [];
    const active = typeof saved?.active === 'string' && tabs.some((t) => tabKey(t) === saved.active) ? saved.active : (tabs[0] ? tabKey(tabs[0]) : null);
    return { tabs, active };
  } catch {
    return { tabs: [], active: null };
  }
}

export function saveTabs(storage: Storage, workspaceId: string, state: TabsState): void {
  try {
    storage.setItem(storageKey(workspaceId), JSON.stringify(state));
  } catch {
    // Storage full or refused (private mode): the tabs still work, they just do not survive a reload.
  }
}

/** Opens the tab, or shows it when it is open already. */
export function openTab(state: TabsState, tab: OpenTab): TabsState {
  const key = tabKey(tab);
  return state.tabs.some((t) => tabKey(t) === key) ? { ...state, active: key } : { tabs: [...state.tabs, tab], active: key };
}

/** Closes a tab; when it was shown, its right neighbour (else left) is shown instead. */
export function closeTab(state: TabsState, key: string): TabsState {
  const index = state.tabs.findIndex((t) => tabKey(t) === key);
  if (index === -1) return state;
  const tabs = state.tabs.filter((_, i) => i !== index);
  if (state.active !== key) return { tabs, active: state.active };
  const next = tabs[index] ?? tabs[index - 1];
  return { tabs, active: next ? tabKey(next) : null };
}
