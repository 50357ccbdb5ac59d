import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from './base64';

// The platform's decoder is the reference: whatever the chunking, the text must decode to the same bytes.
const decoded = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

describe('bytesToBase64', () => {
  it('encodes an empty file and short files with their padding', () => {
    expect(bytesToBase64(new Uint8Array())).toBe('');
    expect(bytesToBase64(new TextEncoder().encode('a'))).toBe('YQ==');
    expect(bytesToBase64(new TextEncoder().encode('ab'))).toBe('YWI=');
    expect(bytesToBase64(new TextEncoder().encode('abc'))).toBe('YWJj');
  });

  it('gives the same text whatever the chunk size, across chunk boundaries', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.integer({ min: 1, max: 20 }), (bytes, thirds) => {
        const text = bytesToBase64(bytes, thirds * 3);
        expect(decoded(text)).toEqual(bytes);
        expect(text).toBe(bytesToBase64(bytes, 3 * 1024));
      }),
    );
  });

  it('encodes a file larger than one default chunk (UTF-16 and high bytes included)', () => {
    const bytes = new Uint8Array(100_003).map((_, i) => (i * 131 + 7) % 256);
    const text = bytesToBase64(bytes);
    expect(text).toHaveLength(Math.ceil(bytes.length / 3) * 4);
    expect(decoded(text)).toEqual(bytes);
  });

  it('refuses a chunk size that would put padding in the middle', () => {
    expect(() => bytesToBase64(new Uint8Array(4), 4)).toThrow(RangeError);
  });
});
