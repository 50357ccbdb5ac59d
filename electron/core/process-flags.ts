/**
 * V8 flags the core process starts with (electron/main/core-process.ts passes them to the
 * utility process; `npm run bench` runs with them so its figures are the app's).
 *
 * `--max-semi-space-size=32` (MB; V8's default on 64-bit is 16): an import holds ~100k
 * parsed fills, their staged rows and then their trades for a second or two, and with the
 * default young generation most of that was copied by the scavenger, promoted, and
 * collected again from the old generation. With 32 MB, 100k-fill imports took
 * 3.28-3.38 s against 3.44-3.75 s (three interleaved pairs, same machine); 64 MB gained
 * nothing more. It costs memory: a 200 MB import peaked at 473 MB RSS with it, 437 MB
 * without (one run each).
 */
export const CORE_V8_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
