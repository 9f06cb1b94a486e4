// Streaming IEEE 1364 VCD writer behind the TraceSink interface.
// Input: declarations, then time()/bit()/vec()/real() calls in nondecreasing ticks.
// Output: VCD text through a TextOut: header ($timescale, one `$scope module` per
//   hierarchy level, $var lines, $enddefinitions), `#0 $dumpvars` with the full state at
//   time zero (the last value written at tick 0, else the declared init), then changes only.
// Invariants: a `#t` line is written only when some value changes at t, and t strictly
//   increases between `#` lines; a value equal to the handle's last value is not written;
//   names are sanitized (names.ts) so user text cannot break the header; the text is held in
//   one reused byte buffer (ASCII; Latin-1 for the TextOut) of at most ~bufferBytes before it
//   is handed to the TextOut (flat memory, no string per value change); no $date unless
//   asked, so the same run gives byte-identical output.
// Speed: time() and bit() (called once per value change by the twin's engine) are a small
//   fast path, streaming a later safe-integer tick or a wire, that the engine's call sites can
//   inline; everything else (declarations, tick 0, bigints, errors) goes to a slow path that
//   is the full check. A `#t` line is `#` and the digits above 10^9 (cached, they seldom
//   change), then the low nine digits, four at a time from a table (DataView stores); a
//   wire's value line with a one- or two-character id is one precomputed 32-bit store.
import { AtomicFileOut, MemoryOut, type AtomicFileOptions, type TextOut } from './textout.js';
import { SignalTable, type DeclaredSignal, type ScopeNode } from './signals.js';
import { idCode, sanitizeText } from './names.js';
import { chooseTimescale, type Timescale } from './timescale.js';
import { checkTick, type Handle, type SignalSpec, type Tick, type TraceSink } from './sink.js';

export interface VcdOptions {
  /** Duration of one tick, e.g. "1ps", "250ps", "1ns", or seconds (1e-12). */
  readonly resolution: string | number;
  /** Adds a $date section (omitted by default so goldens are stable). */
  readonly date?: Date | string;
  /** Adds a $version section. */
  readonly version?: string;
  /** Adds a $comment section. */
  readonly comment?: string;
  /** Flush threshold of the text buffer in characters (default 64 KiB). */
  readonly bufferBytes?: number;
  /**
   * On close, write `#t` for the last time() even if nothing changed then, so viewers show
   * the run up to its end (default false: `#` lines only where something changed).
   */
  readonly markEndTime?: boolean;
}

const K_WIRE = 0, K_VEC32 = 1, K_VEC53 = 2, K_WIDE = 3, K_REAL = 4;
const P_DECL = 0, P_ZERO = 1, P_STREAM = 2, P_CLOSED = 3;

/** Shortest round-trip decimal for a float64, in a form C's strtod (and GTKWave) reads. */
export function formatReal(x: number): string {
  if (x !== x) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return String(x); // e.g. "3", "-0.55", "1e-12", "1.5e+21": all valid strtod input
}

/** A character outside Latin-1 (such text goes out through write(), as UTF-8). */
const NOT_LATIN1 = /[^\u0000-\u00ff]/;

/** The ASCII digits of 0000..9999 as little-endian 32-bit words (written with one DataView store). */
const DIGITS4 = new Uint32Array(10000);
for (let i = 0; i < 10000; i++) {
  DIGITS4[i] = (48 + Math.floor(i / 1000)) | ((48 + (Math.floor(i / 100) % 10)) << 8) | ((48 + (Math.floor(i / 10) % 10)) << 16) | ((48 + (i % 10)) << 24);
}

export class VcdWriter implements TraceSink {
  readonly timescale: Timescale;
  private readonly table = new SignalTable();
  private readonly limit: number;
  private phase = P_DECL;
  /** Pending output bytes [0, pos); flushed when pos reaches limit (or the array is full). */
  private readonly bytes: Buffer;
  private pos = 0;
  /** A DataView on bytes (multi-byte stores). */
  private readonly view: DataView;
  /**
   * decimal()'s cache: '#' and the digits above 10^9 (hi) of the last time, their length,
   * their first four bytes as a little-endian word, and hi * 10^9.
   */
  private readonly hiB = new Uint8Array(16); private hiLen = 0; private hiWord = 0; private hiBase = -1e18;
  private cur: Tick = 0;
  /** cur when it is a number (NaN when it is a bigint): the fast path's comparison. */
  private curN = 0;
  private timeDirty = false;
  /** The timescale factor is 1 (ticks are written as they are). */
  private readonly unitFactor: boolean;

  // Per-handle state, built when declarations end.
  private kinds = new Uint8Array(0);
  private widths = new Int32Array(0);
  private masks = new Int32Array(0);  // low-bit masks of vectors up to 32 bits
  private num = new Float64Array(0); // wires, reals, vectors up to 53 bits
  private wide: bigint[] = [];       // vectors wider than 53 bits
  private ids: string[] = [];
  /** The id codes as bytes: idB[idOff[h] .. idOff[h + 1]). */
  private idB = new Uint8Array(0);
  private idOff = new Int32Array(1);
  /**
   * A wire's whole value line `<0|1><id>\n` as one little-endian word per value (wire0[h],
   * wire1[h]) when it fits in four bytes (an id of one or two characters), else 0.
   */
  private wire0 = new Int32Array(0); private wire1 = new Int32Array(0);

  constructor(private readonly out: TextOut, private readonly opts: VcdOptions) {
    this.timescale = chooseTimescale(opts.resolution);
    this.unitFactor = this.timescale.factor === 1n;
    this.limit = Math.max(1024, opts.bufferBytes ?? 65536);
    this.bytes = Buffer.alloc(this.limit + 256);
    this.view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.length);
  }

  declare(spec: SignalSpec): Handle {
    if (this.phase !== P_DECL) throw new Error(`trace: declare('${spec.name}') after the first time or value call`);
    return this.table.declare(spec).handle;
  }

  /** Declared signals by handle, with their sanitized names. */
  signals(): readonly DeclaredSignal[] { return this.table.list(); }
  /** The scope tree as written in the header. */
  tree(): ScopeNode { return this.table.tree(); }
  /** The VCD identifier code of a handle. */
  idOf(h: Handle): string { return idCode(this.table.get(h).handle); }

  time(t: Tick): void {
    // Fast path: streaming, a later tick that is a safe integer (what checkTick accepts as is).
    if (typeof t === 'number' && t > this.curN && this.phase === P_STREAM && t <= Number.MAX_SAFE_INTEGER && Math.floor(t) === t) {
      this.cur = t; this.curN = t; this.timeDirty = true;
      return;
    }
    this.timeSlow(t);
  }

  private timeSlow(t: Tick): void {
    if (t === this.cur && this.phase !== P_DECL) return;
    const tt = checkTick(t);
    if (tt < this.cur) throw new RangeError(`trace: time went backwards from ${this.cur} to ${tt}`);
    if (tt == this.cur) { if (this.phase === P_DECL) this.endDeclarations(); return; } // same tick
    if (this.phase !== P_STREAM) this.leaveZero();
    this.cur = tt;
    this.curN = typeof tt === 'number' ? tt : NaN;
    this.timeDirty = true;
  }

  bit(h: Handle, v: 0 | 1): void {
    const b = v ? 1 : 0;
    // Fast path: streaming, a wire (anything else, and errors, go to bitSlow).
    if (this.phase !== P_STREAM || this.kinds[h] !== K_WIRE) { this.bitSlow(h, b); return; }
    const num = this.num;
    if (num[h] === b) return;
    num[h] = b;
    if (this.pos + 64 > this.bytes.length) this.flush(); // room for a `#t` line and this one
    if (this.timeDirty) this.writeTime();
    let p = this.pos;
    const w = b ? this.wire1[h]! : this.wire0[h]!;
    if (w !== 0) { // the line in one store (a fourth byte, if any, is overwritten next: the buffer has slack)
      this.view.setInt32(p, w, true);
      p += w >>> 24 === 0 ? 3 : 4;
    } else {
      const by = this.bytes;
      by[p++] = 48 + b;
      p = this.putId(h, p);
      by[p++] = 10;
    }
    this.pos = p;
    if (p >= this.limit) this.flush();
  }

  private bitSlow(h: Handle, b: 0 | 1): void {
    if (this.phase === P_DECL) this.endDeclarations();
    if (this.kinds[h] !== K_WIRE) this.badKind(h, 'bit');
    if (this.phase === P_STREAM) { this.bit(h, b); return; }
    if (this.num[h] === b) return;
    this.num[h] = b;
    this.notStreaming();
  }

  vec(h: Handle, v: number | bigint): void {
    if (this.phase === P_DECL) this.endDeclarations();
    const k = this.kinds[h];
    let x: number;
    if (k === K_VEC32) {
      x = typeof v === 'number' ? ((v & this.masks[h]!) >>> 0) : Number(BigInt.asUintN(this.widths[h]!, v));
    } else if (k === K_VEC53) {
      x = typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v < 2 ** this.widths[h]!
        ? v : Number(BigInt.asUintN(this.widths[h]!, typeof v === 'bigint' ? v : BigInt(Math.trunc(v))));
    } else if (k === K_WIDE) {
      return this.vecWide(h, v);
    } else {
      return this.badKind(h, 'vec');
    }
    if (this.num[h] === x) return;
    this.num[h] = x;
    if (this.phase !== P_STREAM) return this.notStreaming();
    if (this.timeDirty) this.writeTime();
    if (this.pos + 96 > this.bytes.length) this.flush();
    const by = this.bytes;
    let p = this.pos;
    by[p++] = 98; // 'b'
    if (x <= 0xffffffff) {
      // binary digits straight into the buffer, most significant first ('0' for zero)
      for (let bit = x === 0 ? 0 : 31 - Math.clz32(x); bit >= 0; bit--) by[p++] = 48 + ((x >>> bit) & 1);
    } else p = this.putAscii(x.toString(2), p);
    by[p++] = 32;
    p = this.putId(h, p);
    by[p++] = 10;
    this.pos = p;
    if (p >= this.limit) this.flush();
  }

  real(h: Handle, x: number): void {
    if (this.phase === P_DECL) this.endDeclarations();
    if (this.kinds[h] !== K_REAL) this.badKind(h, 'real');
    const last = this.num[h]!;
    if (x === last || (x !== x && last !== last)) return;
    this.num[h] = x;
    if (this.phase !== P_STREAM) return this.notStreaming();
    if (this.timeDirty) this.writeTime();
    if (this.pos + 96 > this.bytes.length) this.flush();
    let p = this.pos;
    this.bytes[p++] = 114; // 'r'
    p = this.putAscii(formatReal(x), p);
    this.bytes[p++] = 32;
    p = this.putId(h, p);
    this.bytes[p++] = 10;
    this.pos = p;
    if (p >= this.limit) this.flush();
  }

  close(): void {
    if (this.phase === P_CLOSED) return;
    if (this.phase !== P_STREAM) this.leaveZero();
    if (this.opts.markEndTime && this.timeDirty) this.writeTime();
    this.flush();
    this.phase = P_CLOSED;
    this.out.close();
  }

  /** Abandon the trace: nothing is published (a file output deletes its temporary file). No-op after close(). */
  abort(): void {
    if (this.phase === P_CLOSED) return;
    this.phase = P_CLOSED;
    this.pos = 0;
    this.out.abort();
  }

  // ---- slow paths ----

  private vecWide(h: Handle, v: number | bigint): void {
    const x = BigInt.asUintN(this.widths[h]!, typeof v === 'bigint' ? v : BigInt(Math.trunc(v)));
    if (this.wide[h] === x) return;
    this.wide[h] = x;
    if (this.phase !== P_STREAM) return this.notStreaming();
    if (this.timeDirty) this.writeTime();
    // a wide vector can have more digits than the buffer's slack: the string path
    this.put('b' + x.toString(2) + ' ' + this.ids[h]! + '\n');
    if (this.pos >= this.limit) this.flush();
  }

  /** A value call outside streaming: at tick 0 it only updates the state for $dumpvars. */
  private notStreaming(): void {
    if (this.phase === P_CLOSED) throw new Error('trace: value written after close()');
  }

  private badKind(h: Handle, call: string): never {
    if (this.phase === P_CLOSED) throw new Error('trace: value written after close()');
    const s = this.table.list()[h];
    if (!s) throw new RangeError(`trace: ${call}() with unknown handle ${h}`);
    throw new TypeError(`trace: ${call}() on ${s.kind} signal '${[...s.scope, s.name].join('.')}'`);
  }

  private writeTime(): void {
    const c = this.cur;
    if (this.unitFactor && typeof c === 'number') {
      if (this.pos + 64 > this.bytes.length) this.flush();
      this.decimal(c);
    } else {
      this.put('#' + (this.timescale.factor === 1n ? c : BigInt(c) * this.timescale.factor) + '\n');
    }
    this.timeDirty = false;
  }

  /**
   * Writes `#t` and a newline for a safe nonnegative integer t: '#' and the digits above 10^9
   * (kept from the last call while they do not change: times increase), then the low nine
   * digits, zero-padded, as 1 + 4 + 4 from DIGITS4 (the bytes past the end of a 4-byte store
   * are overwritten by the next ones: the buffer has slack).
   */
  private decimal(t: number): void {
    const by = this.bytes;
    if (t < 1e9) { by[this.pos++] = 35; this.digits(t); by[this.pos++] = 10; return; }
    let lo = t - this.hiBase;
    if (!(lo >= 0 && lo < 1e9)) {
      let hi = Math.floor(t / 1e9);
      lo = t - hi * 1e9;
      if (lo < 0) { hi--; lo += 1e9; } else if (lo >= 1e9) { hi++; lo -= 1e9; }
      this.hiBase = hi * 1e9;
      const p = this.pos;
      by[this.pos++] = 35;
      this.digits(hi);
      const hb = this.hiB;
      this.hiLen = this.pos - p;
      hb.fill(0);
      hb.set(by.subarray(p, this.pos));
      this.hiWord = hb[0]! | (hb[1]! << 8) | (hb[2]! << 16) | (hb[3]! << 24);
    } else {
      const n = this.hiLen, p = this.pos;
      if (n <= 4) this.view.setInt32(p, this.hiWord, true);
      else { const hb = this.hiB; for (let i = 0; i < n; i++) by[p + i] = hb[i]!; }
      this.pos = p + n;
    }
    // lo = a 10^8 + b 10^4 + c (int32 arithmetic: lo < 10^9 < 2^31)
    const v = lo | 0, a = (v / 100000000) | 0, r = v - a * 100000000, b = (r / 10000) | 0, c = r - b * 10000;
    const p = this.pos, w = this.view;
    by[p] = 48 + a;
    w.setUint32(p + 1, DIGITS4[b]!, true);
    w.setUint32(p + 5, DIGITS4[c]!, true);
    by[p + 9] = 10;
    this.pos = p + 10;
  }

  /** Writes the decimal digits of the integer 0 <= n < 2^31 (no leading zeros). */
  private digits(n: number): void {
    let k = 1, m = n | 0;
    while (m >= 10) { m = (m / 10) | 0; k++; }
    const by = this.bytes, end = this.pos + k;
    let p = end, v = n | 0;
    while (p > this.pos) { const q = (v / 10) | 0; by[--p] = 48 + v - q * 10; v = q; }
    this.pos = end;
  }

  /** Copies a short ASCII string (a number's digits) to bytes[p...]; returns the new position. */
  private putAscii(str: string, p: number): number {
    const by = this.bytes;
    for (let i = 0; i < str.length; i++) by[p++] = str.charCodeAt(i);
    return p;
  }

  /** Copies handle h's id code to bytes[p...]; returns the new position. */
  private putId(h: number, p: number): number {
    const by = this.bytes, ib = this.idB, e = this.idOff[h + 1]!;
    for (let i = this.idOff[h]!; i < e; i++) by[p++] = ib[i]!;
    return p;
  }

  /** Appends a string (header, reals, vectors, bigint times) with Buffer's native Latin-1 write. */
  private put(s: string): void {
    if (NOT_LATIN1.test(s)) { this.flush(); this.out.write(s); return; } // not Latin-1: as text
    if (this.pos + s.length > this.bytes.length) {
      this.flush();
      if (s.length > this.bytes.length) { this.out.write(s); return; }
    }
    this.pos += this.bytes.write(s, this.pos, 'latin1');
  }

  private flush(): void {
    if (this.pos === 0) return;
    const b = this.bytes.subarray(0, this.pos);
    this.pos = 0;
    if (this.out.writeBytes) this.out.writeBytes(b);
    else this.out.write(Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1'));
  }

  private endDeclarations(): void {
    const sigs = this.table.list();
    const n = sigs.length;
    this.kinds = new Uint8Array(n);
    this.widths = new Int32Array(n);
    this.masks = new Int32Array(n);
    this.num = new Float64Array(n);
    this.wide = new Array<bigint>(n).fill(0n);
    this.ids = sigs.map((s) => idCode(s.handle));
    this.idOff = new Int32Array(n + 1);
    for (let h = 0; h < n; h++) this.idOff[h + 1] = this.idOff[h]! + this.ids[h]!.length;
    this.idB = new Uint8Array(this.idOff[n]!);
    for (let h = 0; h < n; h++) for (let i = 0; i < this.ids[h]!.length; i++) this.idB[this.idOff[h]! + i] = this.ids[h]!.charCodeAt(i);
    this.wire0 = new Int32Array(n); this.wire1 = new Int32Array(n);
    for (let h = 0; h < n; h++) {
      const id = this.ids[h]!;
      if (id.length > 2) continue;
      let w = 0;
      for (let i = 0; i < id.length; i++) w |= id.charCodeAt(i) << (8 * (i + 1));
      w |= 10 << (8 * (id.length + 1));
      this.wire0[h] = w | 48; this.wire1[h] = w | 49;
    }
    this.phase = P_ZERO;
    for (const s of sigs) {
      const h = s.handle;
      this.widths[h] = s.width;
      this.masks[h] = s.width <= 32 ? (-1 >>> (32 - s.width)) | 0 : 0;
      this.kinds[h] = s.kind === 'wire' ? K_WIRE : s.kind === 'real' ? K_REAL
        : s.width <= 32 ? K_VEC32 : s.width <= 53 ? K_VEC53 : K_WIDE;
      if (s.kind === 'real') this.real(h, Number(s.init));
      else if (s.kind === 'wire') this.bit(h, s.init ? 1 : 0);
      else this.vec(h, s.init);
    }
    this.put(this.header());
  }

  private header(): string {
    const o = this.opts;
    let t = '';
    if (o.date !== undefined) t += `$date\n\t${sanitizeText(o.date instanceof Date ? o.date.toISOString() : o.date)}\n$end\n`;
    if (o.version !== undefined) t += `$version\n\t${sanitizeText(o.version)}\n$end\n`;
    if (o.comment !== undefined) t += `$comment\n\t${sanitizeText(o.comment)}\n$end\n`;
    t += `$timescale ${this.timescale.text} $end\n`;
    const walk = (node: ScopeNode): void => {
      for (const s of node.signals) t += this.varLine(s);
      for (const c of node.scopes) {
        t += `$scope module ${c.name} $end\n`;
        walk(c);
        t += '$upscope $end\n';
      }
    };
    walk(this.table.tree());
    t += '$enddefinitions $end\n';
    return t;
  }

  private varLine(s: DeclaredSignal): string {
    const id = this.ids[s.handle]!;
    if (s.kind === 'wire') return `$var wire 1 ${id} ${s.name} $end\n`;
    if (s.kind === 'real') return `$var real 1 ${id} ${s.name} $end\n`;
    return `$var wire ${s.width} ${id} ${s.name} [${s.width - 1}:0] $end\n`;
  }

  /** Writes `#0 $dumpvars ... $end` with the state at tick 0 and starts streaming. */
  private leaveZero(): void {
    if (this.phase === P_DECL) this.endDeclarations();
    if (this.phase === P_CLOSED) throw new Error('trace: time() after close()');
    let t = '#0\n$dumpvars\n';
    const sigs = this.table.list();
    for (let h = 0; h < sigs.length; h++) {
      const id = this.ids[h]!;
      switch (this.kinds[h]) {
        case K_WIRE: t += (this.num[h] ? '1' : '0') + id + '\n'; break;
        case K_REAL: t += 'r' + formatReal(this.num[h]!) + ' ' + id + '\n'; break;
        case K_WIDE: t += 'b' + this.wide[h]!.toString(2) + ' ' + id + '\n'; break;
        default: t += 'b' + this.num[h]!.toString(2) + ' ' + id + '\n';
      }
      if (t.length >= this.limit) { this.put(t); t = ''; this.flush(); }
    }
    this.put(t + '$end\n');
    this.phase = P_STREAM;
  }
}

/** A VCD file that appears at `path` only when close() succeeds; abort() leaves nothing. */
export function openVcdFile(path: string, opts: VcdOptions & AtomicFileOptions): VcdWriter {
  return new VcdWriter(new AtomicFileOut(path, opts), opts);
}

/** A VCD writer into memory; `text()` is the output so far (complete after close()). */
export function memoryVcd(opts: VcdOptions): { readonly sink: VcdWriter; text(): string } {
  const out = new MemoryOut();
  const sink = new VcdWriter(out, opts);
  return { sink, text: () => out.text() };
}
