import { Tabs } from '../../ui/Tabs';

export type ImportTab = 'files' | 'manual' | 'market';

const tabs: { id: ImportTab; label: string }[] = [
  { id: 'files', label: 'From broker files' },
  { id: 'manual', label: 'Add trades by hand' },
  { id: 'market', label: 'Market data for charts' },
];

export const tabId = (tab: ImportTab) => `import-tab-${tab}`;
export const panelId = (tab: ImportTab) => `import-panel-${tab}`;

/** The ways in: broker files, fills by hand, and ticks or bars for the charts. */
export function ImportTabs({ current, onChange }: { current: ImportTab; onChange: (tab: ImportTab) => void }) {
  return <Tabs tabs={tabs} current={current} onChange={onChange} label="How to add trades" idPrefix="import" />;
}
