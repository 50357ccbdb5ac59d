/**
 * Bytes → base64 for `import.preview`. Encoded in chunks whose length is a multiple of
 * three, so each chunk's base64 has no padding and the pieces join into the whole; a
 * string is never grown one byte at a time.
 */

/** 24 KiB: far below the engine's limit on function arguments, and a multiple of 3. */
export const BASE64_CHUNK_BYTES = 3 * 8192;

/** Standard base64 (with padding) of `bytes`. */
export function bytesToBase64(bytes: Uint8Array, chunkBytes = BASE64_CHUNK_BYTES): string {
  if (chunkBytes <= 0 || chunkBytes % 3 !== 0) throw new RangeError('chunkBytes must be a positive multiple of 3');
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += chunkBytes) {
    parts.push(btoa(String.fromCharCode(...bytes.subarray(start, start + chunkBytes))));
  }
  return parts.join('');
}
