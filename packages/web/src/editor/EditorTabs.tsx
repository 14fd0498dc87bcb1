import type { ReactNode } from 'react';
import { Tabs, type Tab } from '../components/Tabs.tsx';

export type EditorTab = Tab;

/** The request editor's parts (Params, Authorization, …) as an ARIA tablist. */
export function EditorTabs({
  idPrefix,
  tabs,
  selected,
  onSelect,
  children,
  label = 'Request parts',
}: {
  idPrefix: string;
  tabs: EditorTab[];
  selected: string;
  onSelect: (id: string) => void;
  children: ReactNode;
  label?: string;
}) {
  return (
    <Tabs kind="editor" label={label} idPrefix={idPrefix} tabs={tabs} selected={selected} onSelect={onSelect}>
      {children}
    </Tabs>
  );
}
