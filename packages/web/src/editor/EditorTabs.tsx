import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface EditorTab {
  id: string;
  label: string;
}

/** An ARIA tablist: arrows move between tabs (wrapping), Home/End jump; selection follows focus. */
export function EditorTabs({ idPrefix, tabs, selected, onSelect, children }: { idPrefix: string; tabs: EditorTab[]; selected: string; onSelect: (id: string) => void; children: ReactNode }) {
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
  return (
    <div className="editor-tabs">
      <div role="tablist" aria-label="Request parts" ref={list} onKeyDown={move} className="editor-tablist">
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${tab.id}`}
            aria-selected={tab.id === selected}
            aria-controls={`${idPrefix}-panel`}
            tabIndex={tab.id === selected ? 0 : -1}
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${idPrefix}-panel`} aria-labelledby={`${idPrefix}-tab-${selected}`} className="editor-panel">
        {children}
      </div>
    </div>
  );
}
