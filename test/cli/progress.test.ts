// The progress bar of `snn sim`: nothing on a pipe or in CI; on a terminal, nothing for the
// first second, then a bar (cli-progress is loaded only then).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startProgress } from '../../src/cli/progress.js';

/** A stand-in for a terminal's stderr that records what is written. */
function terminal(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const stream = {
    isTTY, columns: 80, rows: 24,
    write(s: string | Uint8Array, ...rest: unknown[]): boolean {
      text += typeof s === 'string' ? s : Buffer.from(s).toString();
      const cb = rest.find((x) => typeof x === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    },
    on() { return stream; }, once() { return stream; }, removeListener() { return stream; }, off() { return stream; },
  };
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}

describe('startProgress', () => {
  const ci = process.env.CI;
  afterEach(() => {
    vi.restoreAllMocks();
    if (ci === undefined) delete process.env.CI; else process.env.CI = ci;
  });

  it('is silent on a pipe and in CI', () => {
    delete process.env.CI;
    const pipe = terminal(false);
    const p = startProgress(pipe.stream);
    expect(p.active).toBe(false);
    p.update(0.5); p.stop();
    expect(pipe.text()).toBe('');
    process.env.CI = 'true';
    const tty = terminal(true);
    expect(startProgress(tty.stream).active).toBe(false);
  });

  it('on a terminal draws the bar only after a second, and completes it on stop', () => {
    delete process.env.CI;
    let now = 5_000;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const tty = terminal(true);
    const p = startProgress(tty.stream, 'testing');
    expect(p.active).toBe(true);
    p.update(0.25);
    now += 900;
    p.update(0.5);
    expect(tty.text()).toBe('');
    now += 200;
    p.update(0.5);
    p.stop();
    const text = tty.text();
    expect(text).toContain('testing [');
    expect(text).toContain('100%');
  });
});
