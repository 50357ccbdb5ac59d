import type { Handlers } from '../../../shared/contract';
import type { Store } from '../journal/store';
import type { Trades } from '../journal/trades';
import { candlesFor, coverage } from './candles';
import { tradeExcursion } from './excursion';
import type { TickImporter } from './tick-import';

type TickHandlers = Pick<
  Handlers,
  'ticks.import' | 'ticks.cancel' | 'ticks.candles' | 'ticks.coverage' | 'ticks.excursion'
>;

/** The `ticks.*` calls: market data import, candles, coverage and trade excursions. */
export function tickHandlers(store: Store, trades: Trades, importer: TickImporter): TickHandlers {
  return {
    'ticks.import': ({ fileName, dataBase64, symbol, timeZone, importId }) =>
      importer.import(
        { fileName, bytes: Buffer.from(dataBase64, 'base64') },
        { ...(symbol ? { symbol } : {}), ...(timeZone ? { timeZone } : {}), ...(importId ? { importId } : {}) },
      ),
    'ticks.cancel': ({ importId }) => importer.cancel(importId),
    'ticks.candles': (input) => candlesFor(store.db, input),
    'ticks.coverage': ({ symbol }) => coverage(store.db, symbol),
    'ticks.excursion': ({ tradeId }) => ({ excursion: tradeExcursion(store.db, trades.get({ id: tradeId })) }),
  };
}
