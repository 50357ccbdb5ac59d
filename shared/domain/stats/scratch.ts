/**
 * Typed arrays reused from one computeStats call to the next. A call over 100k trades needs
 * ~13 MB of working columns; allocated afresh each time, they cost ~8 ms a call in garbage
 * collection (external memory pushes V8 into full collections over the whole journal).
 * computeStats is synchronous, so one pool serves every call: `begin` takes the space back.
 * Arrays come with stale contents: callers write every element they later read.
 */
export class Scratch {
  private buffer = new ArrayBuffer(0);
  private used = 0;

  /** Bytes kept between calls at most (~500k trades); bigger calls allocate the rest afresh. */
  static readonly MAX_BYTES = 64 * 1024 * 1024;

  /** Starts a call that expects to take about `bytes`: earlier arrays may be overwritten. */
  begin(bytes: number): void {
    const wanted = Math.min(bytes, Scratch.MAX_BYTES);
    if (wanted > this.buffer.byteLength) this.buffer = new ArrayBuffer(wanted);
    this.used = 0;
  }

  f64(n: number): Float64Array {
    const at = this.take(n * 8);
    return at < 0 ? new Float64Array(n) : new Float64Array(this.buffer, at, n);
  }

  i32(n: number): Int32Array {
    const at = this.take(n * 4);
    return at < 0 ? new Int32Array(n) : new Int32Array(this.buffer, at, n);
  }

  i8(n: number): Int8Array {
    const at = this.take(n);
    return at < 0 ? new Int8Array(n) : new Int8Array(this.buffer, at, n);
  }

  u8(n: number): Uint8Array {
    const at = this.take(n);
    return at < 0 ? new Uint8Array(n) : new Uint8Array(this.buffer, at, n);
  }

  /** Byte offset of `bytes` more (8-aligned for Float64Array), or −1 when the pool is spent. */
  private take(bytes: number): number {
    const at = Math.ceil(this.used / 8) * 8;
    if (at + bytes > this.buffer.byteLength) return -1;
    this.used = at + bytes;
    return at;
  }
}
