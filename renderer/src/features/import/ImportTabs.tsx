import { useRef, type KeyboardEvent } from 'react';

export type ImportTab = 'files' | 'manual';

const tabs: { id: ImportTab; label: string }[] = [
  { id: 'files', label: 'From broker files' },
  { id: 'manual', label: 'Add trades by hand' },
];

export const tabId = (tab: ImportTab) => `import-tab-${tab}`;
export const panelId = (tab: ImportTab) => `import-panel-${tab}`;

/** The two ways in; arrow keys move between the tabs as in any tab list. */
export function ImportTabs({ current, onChange }: { current: ImportTab; onChange: (tab: ImportTab) => void }) {
  const refs = useRef(new Map<ImportTab, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const index = tabs.findIndex((t) => t.id === current);
    const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    if (!next) return;
    onChange(next.id);
    refs.current.get(next.id)?.focus();
  };

  return (
    <div className="tabs" role="tablist" aria-label="How to add trades" onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          id={tabId(tab.id)}
          className="tabs__tab"
          aria-selected={tab.id === current}
          aria-controls={panelId(tab.id)}
          tabIndex={tab.id === current ? 0 : -1}
          ref={(el) => {
            if (el) refs.current.set(tab.id, el);
            else refs.current.delete(tab.id);
          }}
          onClick={() => onChange(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
