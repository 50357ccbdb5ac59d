import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useNativeCrc32ForZip, yazlCrc32Module } from './native-crc32';

describe('native CRC-32 for zip members', () => {
  it('gives exactly the checksums buffer-crc32 gave, including when fed in pieces', () => {
    const original = yazlCrc32Module().unsigned;
    const samples = fc.sample(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 5 }), 200);
    const before = samples.map((parts) => parts.reduce((crc, p) => original(Buffer.from(p), crc), 0));
    useNativeCrc32ForZip();
    const patched = yazlCrc32Module().unsigned;
    expect(patched).not.toBe(original);
    const after = samples.map((parts) => parts.reduce((crc, p) => patched(Buffer.from(p), crc), 0));
    expect(after).toEqual(before);
  });
});
