import type { TrainProgress } from '../ssldec';

/** Where progress goes: a writable stream (stderr) that may be a terminal. */
export interface ProgressSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

/**
 * Reports training progress on stderr: a redrawn bar on a terminal, otherwise one line per phase and every
 * 25 % (so logs stay short).
 */
export function progressReporter(sink: ProgressSink): { update(p: TrainProgress): void; done(): void } {
  let lastKey = '';
  let drawn = false;
  return {
    update(p) {
      const share = p.total > 0 ? p.step / p.total : 1;
      const label = `${p.phase}${p.round ? ` round ${p.round}` : ''}`;
      const tail = `${p.step}/${p.total}${p.loss !== undefined ? ` loss ${p.loss.toFixed(3)}` : ''}${p.etaSeconds !== undefined ? ` eta ${Math.round(p.etaSeconds)}s` : ''}`;
      if (sink.isTTY) {
        const width = 24;
        const filled = Math.round(share * width);
        sink.write(`\r${label.padEnd(16)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${tail}   `);
        drawn = true;
        return;
      }
      const key = `${label}:${Math.floor(share * 4)}`;
      if (key !== lastKey) {
        lastKey = key;
        sink.write(`${label} ${tail}\n`);
      }
    },
    done() {
      if (drawn) sink.write('\n');
    },
  };
}
