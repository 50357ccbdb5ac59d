import type { BrokerFormat } from '../types';
import { genericCsvFormat } from './generic-csv';
import { ibkrFlexXmlFormat } from './ibkr-flex-xml';
import { mt4HtmlFormat } from './mt4-html';
import { ninjaTrader8Format } from './ninjatrader8';
import { thinkorswimFormat } from './thinkorswim';
import { topstepxFormat } from './topstepx';
import { tradezeroFormat } from './tradezero';
import { tradovatePerformanceFormat } from './tradovate-performance';
import { tradovatePositionHistoryFormat } from './tradovate-position-history';

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
  genericCsvFormat,
];
