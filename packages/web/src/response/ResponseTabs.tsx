import type { ReactNode } from 'react';
import { Tabs, type Tab } from '../components/Tabs.tsx';

export type ResponseTab = Tab;

/** The response's parts (Body, Headers, …); the panel can take focus, as a plain body has nothing focusable. */
export function ResponseTabs({ label, tabs, selected, onSelect, children }: { label: string; tabs: ResponseTab[]; selected: string; onSelect: (id: string) => void; children: ReactNode }) {
  return (
    <Tabs kind="response" label={label} tabs={tabs} selected={selected} onSelect={onSelect} focusablePanel>
      {children}
    </Tabs>
  );
}
