import type { BrokerFormat } from '../types';
import { binanceSpotFormat } from './binance-spot';
import { genericCsvFormat } from './generic-csv';
import { ibkrActivityCsvFormat, ibkrFlexCsvFormat } from './ibkr-activity-csv';
import { ibkrFlexXmlFormat } from './ibkr-flex-xml';
import { ibkrTransactionsCsvFormat } from './ibkr-transactions-csv';
import { mt4HtmlFormat } from './mt4-html';
import { mt5ReportFormat } from './mt5-report';
import { mt5XlsxFormat } from './mt5-xlsx';
import { ninjaTrader8Format } from './ninjatrader8';
import { thinkorswimFormat } from './thinkorswim';
import { topstepxFormat } from './topstepx';
import { tradestationFormat } from './tradestation';
import { tradezeroFormat } from './tradezero';
import { tradovateFillsFormat, tradovateOrdersFormat } from './tradovate-fills';
import { tradovatePerformanceFormat } from './tradovate-performance';
import { tradovatePositionHistoryFormat } from './tradovate-position-history';
import { webullOrdersFormat } from './webull-orders';

/**
 * Every format the importer knows. Order breaks ties in detection, so dedicated readers come
 * first and the CSV reader that guesses columns from the header comes last.
 */
export const brokerFormats: readonly BrokerFormat[] = [
  ninjaTrader8Format,
  tradovatePerformanceFormat,
  tradovatePositionHistoryFormat,
  topstepxFormat,
  tradezeroFormat,
  thinkorswimFormat,
  ibkrFlexXmlFormat,
  mt4HtmlFormat,
  ibkrActivityCsvFormat,
  ibkrFlexCsvFormat,
  ibkrTransactionsCsvFormat,
  tradovateFillsFormat,
  tradovateOrdersFormat,
  webullOrdersFormat,
  mt5ReportFormat,
  mt5XlsxFormat,
  tradestationFormat,
  binanceSpotFormat,
  genericCsvFormat,
];
