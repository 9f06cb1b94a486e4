// Destinations for streamed trace text.
// Input: a sequence of chunks (ASCII/Latin-1 strings, or bytes through writeBytes, one byte
//   per character), then close() or abort().
// Output: AtomicFileOut: a file that appears at its final path only on close() (written to
//   a temporary file beside it, then renamed); abort() deletes the temporary file.
//   MemoryOut: the concatenated text, for tests.
// Invariants: writes are synchronous (the simulator is synchronous; no unbounded queue);
//   the caller bounds each chunk, so memory stays flat whatever the trace length; a
//   temporary file still open when the process exits is deleted.
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface TextOut {
  write(chunk: string): void;
  /** Optional: the same as write() of the Latin-1 string of these bytes (valid during the call only). */
  writeBytes?(chunk: Uint8Array): void;
  close(): void;
  abort(): void;
}

export class MemoryOut implements TextOut {
  private parts: string[] = [];
  write(chunk: string): void { this.parts.push(chunk); }
  writeBytes(chunk: Uint8Array): void { this.parts.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length).toString('latin1')); }
  close(): void {}
  abort(): void { this.parts = []; }
  text(): string {
    const t = this.parts.join('');
    this.parts = [t];
    return t;
  }
}

export interface AtomicFileOptions {
  /** fsync before rename so a crash cannot publish a truncated file (default true). */
  readonly fsync?: boolean;
}

/** Temporary files not yet renamed or deleted; removed on process exit. */
const openTemps = new Set<string>();
let exitHook = false;
function track(path: string): void {
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => { for (const p of openTemps) { try { unlinkSync(p); } catch { /* gone */ } } });
  }
  openTemps.add(path);
}

export class AtomicFileOut implements TextOut {
  readonly tempPath: string;
  private fd: number | null;
  private readonly fsync: boolean;

  constructor(readonly path: string, opts: AtomicFileOptions = {}) {
    this.fsync = opts.fsync ?? true;
    this.tempPath = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    this.fd = openSync(this.tempPath, 'wx', 0o644);
    track(this.tempPath);
  }

  write(chunk: string): void {
    if (this.fd === null) throw new Error(`trace: write to closed output ${this.path}`);
    this.writeBytes(Buffer.from(chunk, 'latin1'));
  }

  writeBytes(chunk: Uint8Array): void {
    if (this.fd === null) throw new Error(`trace: write to closed output ${this.path}`);
    let off = 0;
    while (off < chunk.length) off += writeSync(this.fd, chunk, off, chunk.length - off);
  }

  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    let err: unknown = null;
    if (this.fsync) { try { fsyncSync(fd); } catch (e) { err = e; } }
    try { closeSync(fd); } catch (e) { err ??= e; }
    if (err === null) { try { renameSync(this.tempPath, this.path); } catch (e) { err = e; } }
    openTemps.delete(this.tempPath);
    if (err !== null) {
      try { unlinkSync(this.tempPath); } catch { /* already gone */ }
      throw err;
    }
  }

  abort(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    try { closeSync(fd); } catch { /* closing a broken fd: still remove the file */ }
    try { unlinkSync(this.tempPath); } catch { /* already gone */ }
    openTemps.delete(this.tempPath);
  }

  get closed(): boolean { return this.fd === null; }
}
