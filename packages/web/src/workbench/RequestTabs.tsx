import { useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { tabKey } from './open-tabs.ts';
import type { TabsState } from './open-tabs.ts';
import { RequestEditor } from '../editor/RequestEditor.tsx';
import { MethodBadge } from './RequestTree.tsx';

interface RequestTabsProps {
  state: TabsState;
  onSelect(key: string): void;
  onClose(key: string): void;
  /** The selected environment's variable names and values, for the request editor. */
  variables?: readonly string[];
  variableValues?: { key: string; value: string }[];
  /** Editors may save; viewers may still edit locally and send. */
  canEdit?: boolean;
  /** For the secret warnings in the editor (P17). */
  workspaceId?: string;
}

const domId = (key: string) => `request-tab-${key.replace(/[^a-zA-Z0-9_-]/g, '_')}`;

/**
 * The open requests as ARIA tabs: Left/Right/Home/End move between them (and show them), Delete
 * or Backspace closes the focused one (Ctrl/Cmd+W belongs to the browser); each has a close button.
 */
export function RequestTabs({ state, onSelect, onClose, variables, variableValues, canEdit = false, workspaceId }: RequestTabsProps) {
  const list = useRef<HTMLDivElement>(null);
  const empty = useRef<HTMLParagraphElement>(null);
  const { tabs, active } = state;

  const focusTab = (key: string | null | undefined) => {
    // After React has drawn the change: the tab (or the empty message) may be new.
    requestAnimationFrame(() => {
      const target = key ? document.getElementById(domId(key)) : empty.current;
      target?.focus();
    });
  };

  function handleKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const key = tabKey(tabs[index]!);
    const go = (to: number) => {
      event.preventDefault();
      const next = tabs[(to + tabs.length) % tabs.length]!;
      onSelect(tabKey(next));
      focusTab(tabKey(next));
    };
    if (event.key === 'ArrowRight') go(index + 1);
    else if (event.key === 'ArrowLeft') go(index - 1);
    else if (event.key === 'Home') go(0);
    else if (event.key === 'End') go(tabs.length - 1);
    else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      const next = tabs[index + 1] ?? tabs[index - 1];
      onClose(key);
      focusTab(next ? tabKey(next) : null);
    }
  }

  if (tabs.length === 0) {
    return (
      <p className="muted tabs-empty" tabIndex={-1} ref={empty}>
        Open a request from the list to see it here.
      </p>
    );
  }
  const shown = tabs.find((tab) => tabKey(tab) === active) ?? tabs[0]!;
  return (
    <div className="request-tabs">
      <div role="tablist" aria-label="Open requests" className="tab-list" ref={list}>
        {tabs.map((tab, index) => {
          const key = tabKey(tab);
          const selected = key === tabKey(shown);
          return (
            <span key={key} className={`tab${selected ? ' tab-selected' : ''}`} role="presentation">
              <button
                type="button"
                role="tab"
                id={domId(key)}
                aria-selected={selected}
                aria-controls={`${domId(key)}-panel`}
                tabIndex={selected ? 0 : -1}
                aria-keyshortcuts="Delete"
                onClick={() => onSelect(key)}
                onKeyDown={(event) => handleKeyDown(event, index)}
              >
                <MethodBadge method={tab.method} /> {tab.name}
              </button>
              {/* A tablist may hold only tabs: the mouse's close button is hidden from assistive
                  technology, which closes the focused tab with Delete (aria-keyshortcuts). */}
              <button
                type="button"
                className="tab-close"
                aria-hidden="true"
                title="Close (Delete on the focused tab)"
                tabIndex={-1}
                onClick={() => onClose(key)}
              >
                ×
              </button>
            </span>
          );
        })}
      </div>
      <div role="tabpanel" id={`${domId(tabKey(shown))}-panel`} aria-labelledby={domId(tabKey(shown))} className="tab-panel" tabIndex={0}>
        <RequestEditor key={tabKey(shown)} collectionId={shown.collectionId} itemId={shown.itemId} variables={variables} variableValues={variableValues} canEdit={canEdit} {...(workspaceId && { workspaceId })} />
      </div>
    </div>
  );
}
