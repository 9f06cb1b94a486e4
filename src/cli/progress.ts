// A progress bar on stderr for long runs on a terminal; silent otherwise (pipes, CI, tests).
// It appears only after a second, so short runs print nothing. Uses cli-progress, loaded only
// when the bar appears (a short or piped run does not pay for loading it).
import { createRequire } from 'node:module';
import type * as CliProgress from 'cli-progress';

export interface Progress { readonly active: boolean; update(fraction: number): void; stop(): void }

export function startProgress(stream: NodeJS.WriteStream, label = 'simulating'): Progress {
  if (!stream.isTTY || process.env.CI) return { active: false, update() {}, stop() {} };
  const t0 = Date.now();
  let bar: CliProgress.SingleBar | null = null;
  let last = 0;
  return {
    active: true,
    update(fraction: number) {
      last = fraction;
      if (!bar && Date.now() - t0 > 1000) {
        const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof CliProgress;
        bar = new cliProgress.SingleBar({ stream, format: `${label} [{bar}] {percentage}% | {eta_formatted} left`, hideCursor: true }, cliProgress.Presets.shades_classic);
        bar.start(1000, 0);
      }
      bar?.update(Math.round(last * 1000));
    },
    stop() { if (bar) { bar.update(1000); bar.stop(); } },
  };
}
