import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface ResponseTab {
  id: string;
  label: string;
}

/**
 * An ARIA tablist (manual names per `label`): Left/Right move between tabs and wrap, Home/End jump
 * to the ends; selection follows focus. One panel shows the selected tab's content.
 */
export function ResponseTabs({ label, tabs, selected, onSelect, children }: { label: string; tabs: ResponseTab[]; selected: string; onSelect: (id: string) => void; children: ReactNode }) {
  const prefix = useId();
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
    <div className="response-tabs">
      <div role="tablist" aria-label={label} ref={list} onKeyDown={move} className="response-tablist">
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
      <div role="tabpanel" id={`${prefix}-panel`} aria-labelledby={tabId(selected)} tabIndex={0} className="response-panel">
        {children}
      </div>
    </div>
  );
}
