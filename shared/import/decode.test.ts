import { describe, expect, it } from 'vitest';
import { decodeBytes } from './decode';

const utf16le = (text: string, bom: boolean): Uint8Array => {
  const out: number[] = bom ? [0xff, 0xfe] : [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    out.push(code & 0xff, code >> 8);
  }
  return new Uint8Array(out);
};

const utf16be = (text: string, bom: boolean): Uint8Array => {
  const out: number[] = bom ? [0xfe, 0xff] : [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    out.push(code >> 8, code & 0xff);
  }
  return new Uint8Array(out);
};

describe('decodeBytes', () => {
  it('strips a UTF-8 BOM (thinkorswim writes one)', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x44, 0x41, 0x54, 0x45, 0x2c, 0xc3, 0xa9]);
    expect(decodeBytes(bytes)).toEqual({ text: 'DATE,é', encoding: 'utf-8', bom: true });
  });

  it('reads UTF-16LE with a BOM, as MetaTrader writes statements', () => {
    const decoded = decodeBytes(utf16le('<td>1 359.82</td>\r\n', true));
    expect(decoded).toEqual({ text: '<td>1 359.82</td>\r\n', encoding: 'utf-16le', bom: true });
  });

  it('reads UTF-16BE with a BOM', () => {
    expect(decodeBytes(utf16be('Ticket;Größe', true))).toEqual({
      text: 'Ticket;Größe',
      encoding: 'utf-16be',
      bom: true,
    });
  });

  it('recognises UTF-16LE and UTF-16BE without a BOM from the zero bytes', () => {
    expect(decodeBytes(utf16le('Symbol,Side,Qty\n', false))).toMatchObject({
      text: 'Symbol,Side,Qty\n',
      encoding: 'utf-16le',
    });
    expect(decodeBytes(utf16be('Symbol,Side,Qty\n', false))).toMatchObject({
      text: 'Symbol,Side,Qty\n',
      encoding: 'utf-16be',
    });
  });

  it('reads plain UTF-8 without a BOM, keeping multi-byte characters', () => {
    const bytes = new TextEncoder().encode('Konto,Preis\nMüller,1.234,5\n');
    expect(decodeBytes(bytes)).toEqual({ text: 'Konto,Preis\nMüller,1.234,5\n', encoding: 'utf-8', bom: false });
  });

  it('falls back to Windows-1252 for bytes that are not UTF-8', () => {
    // 0xE9 is "é" and 0x80 is "€" in Windows-1252; alone they are invalid UTF-8.
    const bytes = new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x2c, 0x80, 0x31]);
    expect(decodeBytes(bytes)).toEqual({ text: 'Café,€1', encoding: 'windows-1252', bom: false });
  });

  it('handles empty and one-byte inputs', () => {
    expect(decodeBytes(new Uint8Array([]))).toEqual({ text: '', encoding: 'utf-8', bom: false });
    expect(decodeBytes(new Uint8Array([0x41]))).toEqual({ text: 'A', encoding: 'utf-8', bom: false });
    expect(decodeBytes(new Uint8Array([0xff, 0xfe]))).toEqual({ text: '', encoding: 'utf-16le', bom: true });
  });

  it('does not mistake UTF-8 text for UTF-16', () => {
    const bytes = new TextEncoder().encode('a\u0000b\nplain text with one stray NUL\n');
    expect(decodeBytes(bytes).encoding).toBe('utf-8');
  });
});
