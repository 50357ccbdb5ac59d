import { useRef, type KeyboardEvent } from 'react';

export type TabItem<T extends string> = { id: T; label: string };

type Props<T extends string> = {
  tabs: readonly TabItem<T>[];
  current: T;
  onChange: (tab: T) => void;
  /** The tab list's name for screen readers. */
  label: string;
  /** Element ids: `<prefix>-tab-<id>` for a tab, `<prefix>-panel-<id>` for its panel. */
  idPrefix: string;
};

/** A tab list; arrow keys move between the tabs as in any tab list. */
export function Tabs<T extends string>({ tabs, current, onChange, label, idPrefix }: Props<T>) {
  const refs = useRef(new Map<T, HTMLButtonElement>());

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
    <div className="tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          id={`${idPrefix}-tab-${tab.id}`}
          className="tabs__tab"
          aria-selected={tab.id === current}
          aria-controls={`${idPrefix}-panel-${tab.id}`}
          tabIndex={tab.id === current ? 0 : -1}
          data-testid={`${idPrefix}-tab-${tab.id}`}
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
