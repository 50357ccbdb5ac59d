import { describe, expect, it } from 'vitest';
import { classifyPreviewError, defaultChoices, previewInput } from './preview-request';

const file = { name: 'week.csv', size: 3, dataBase64: 'YWJj', head: null };
const mapping = {
  dateTime: { column: 'Time' },
  dateFormat: 'YYYY-MM-DD',
  symbol: 'Symbol',
  sideColumn: 'Side',
  quantity: 'Qty',
  price: 'Price',
  assetClass: { fixed: 'stock' },
} as const;

describe('previewInput', () => {
  it('sends the files and leaves out what the file itself decides', () => {
    expect(previewInput([file], defaultChoices)).toEqual({
      files: [{ fileName: 'week.csv', dataBase64: 'YWJj' }],
      accountId: null,
    });
  });

  it('sends the chosen account, zone and format', () => {
    const input = previewInput([file], {
      accountId: 'a1',
      timeZone: 'Europe/Berlin',
      formatId: 'tradezero',
      mapping: null,
    });
    expect(input).toEqual({
      files: [{ fileName: 'week.csv', dataBase64: 'YWJj' }],
      accountId: 'a1',
      timeZone: 'Europe/Berlin',
      formatId: 'tradezero',
    });
  });

  it('sends a column mapping instead of a format', () => {
    const input = previewInput([file], { ...defaultChoices, formatId: 'tradezero', mapping });
    expect(input.mapping).toEqual(mapping);
    expect('formatId' in input).toBe(false);
  });
});

describe('classifyPreviewError', () => {
  const names = ['trades.csv', 'trades.csv.bak'];

  it('asks for an account when the file names none', () => {
    const error = {
      code: 'INVALID_INPUT' as const,
      message: 'This file does not say which account it belongs to. Choose the account to import into.',
      fields: [{ path: 'accountId', message: 'choose an account' }],
    };
    expect(classifyPreviewError(error, names)).toEqual({ kind: 'account' });
  });

  it('offers a format or a mapping for the file the core could not read', () => {
    const unknown = { code: 'INVALID_INPUT' as const, message: 'trades.csv: the format was not recognised. Choose…' };
    expect(classifyPreviewError(unknown, names)).toEqual({ kind: 'format', fileName: 'trades.csv' });
    const unreadable = { code: 'INVALID_INPUT' as const, message: 'trades.csv.bak, line 1: cannot guess the columns' };
    expect(classifyPreviewError(unreadable, names)).toEqual({ kind: 'format', fileName: 'trades.csv.bak' });
  });

  it('keeps a cancelled preview quiet and anything else general', () => {
    const cancelled = { code: 'CONFLICT' as const, message: 'The import was cancelled; nothing was written.' };
    expect(classifyPreviewError(cancelled, names)).toEqual({ kind: 'cancelled' });
    expect(classifyPreviewError({ code: 'UNAVAILABLE', message: 'The journal is not reachable.' }, names)).toEqual({
      kind: 'other',
    });
  });
});
