import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface Tab {
  id: string;
  label: string;
}

export interface TabsProps {
  /** The tablist's accessible name. */
  label: string;
  tabs: Tab[];
  selected: string;
  onSelect: (id: string) => void;
  children: ReactNode;
  /** Class names are `<kind>-tabs`, `<kind>-tablist` and `<kind>-panel`. */
  kind: string;
  /** Prefix of the tab and panel ids; a unique one when unset. */
  idPrefix?: string;
  /** Lets the panel take focus (when its content may have nothing focusable, e.g. a plain text body). */
  focusablePanel?: boolean;
}

/**
 * An ARIA tablist: Left/Right move between tabs and wrap, Home/End jump to the ends; selection
 * follows focus. One panel shows the selected tab's content.
 */
export function Tabs({ label, tabs, selected, onSelect, children, kind, idPrefix, focusablePanel = false }: TabsProps) {
  const generated = useId();
  const prefix = idPrefix ?? generated;
  const list = useRef<HTMLDivElement>(null);
  const move = (event: KeyboardEvent) => {
    const index = tabs.findIndex((t) => t.id === selected);
    const next =
      event.key === 'ArrowRight' ? (index + 1) % tabs.length
      : event.key === 'ArrowLeft' ? (index - 1 + tabs.length) % tabs.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? tabs.length - 1
      : -1;
    if (next < 0) return;
    event.preventDefault();
    onSelect(tabs[next]!.id);
    list.current?.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus();
  };
  const tabId = (id: string) => `${prefix}-tab-${id}`;
  return (
    <div className={`${kind}-tabs`}>
      <div role="tablist" aria-label={label} ref={list} onKeyDown={move} className={`${kind}-tablist`}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={tabId(tab.id)}
            aria-selected={tab.id === selected}
            aria-controls={`${prefix}-panel`}
            tabIndex={tab.id === selected ? 0 : -1}
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${prefix}-panel`} aria-labelledby={tabId(selected)} {...(focusablePanel && { tabIndex: 0 })} className={`${kind}-panel`}>
        {children}
      </div>
    </div>
  );
}
