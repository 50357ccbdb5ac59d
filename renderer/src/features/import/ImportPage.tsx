import { useMemo, useState } from 'react';
import { PageHeader } from '../../ui/PageHeader';
import { useRemote } from '../../state/use-remote';
import { FileImport } from './FileImport';
import { ImportHistory } from './ImportHistory';
import { ImportTabs, panelId, tabId, type ImportTab } from './ImportTabs';
import { ManualEntry } from './ManualEntry';
import { MarketDataImport } from './MarketDataImport';

/** Broker files or fills typed by hand into the journal, and the history of both; market data for the charts. */
export function ImportPage() {
  const [tab, setTab] = useState<ImportTab>('files');
  const formats = useRemote('import.formats', {}, []);
  const presets = useRemote('import.presets.list', {}, ['import_presets']);
  const history = useRemote('import.history', {}, ['executions']);
  const labels = useMemo(() => new Map((formats.value ?? []).map((f) => [f.id, f.label])), [formats.value]);

  // Both panels stay mounted, so switching tabs keeps a preview or half-typed fills.
  return (
    <>
      <PageHeader
        title="Import"
        summary="Bring in your broker's exports, type fills by hand, or add ticks and bars for the charts. Everything stays in this journal on this computer."
      />
      <ImportTabs current={tab} onChange={setTab} />
      <div
        className="import-panel"
        role="tabpanel"
        id={panelId('files')}
        aria-labelledby={tabId('files')}
        hidden={tab !== 'files'}
      >
        <FileImport
          active={tab === 'files'}
          formats={formats.value ?? []}
          presets={presets}
          onImported={history.reload}
        />
      </div>
      <div
        className="import-panel"
        role="tabpanel"
        id={panelId('manual')}
        aria-labelledby={tabId('manual')}
        hidden={tab !== 'manual'}
      >
        <ManualEntry onAdded={history.reload} />
      </div>
      <div
        className="import-panel"
        role="tabpanel"
        id={panelId('market')}
        aria-labelledby={tabId('market')}
        hidden={tab !== 'market'}
      >
        <MarketDataImport active={tab === 'market'} />
      </div>
      <ImportHistory history={history} formatLabel={(id) => labels.get(id) ?? id} />
    </>
  );
}
