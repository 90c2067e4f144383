import { progressReporter } from '../../../src/cli/progressBar';
import type { TrainProgress } from '../../../src/ssldec';

const step = (phase: TrainProgress['phase'], n: number, total: number): TrainProgress => ({ phase, step: n, total, backend: 'cpu', loss: 0.5 });

describe('progressReporter', () => {
  it('writes one line per phase and quarter when stderr is not a terminal', () => {
    let text = '';
    const bar = progressReporter({ write: (t: string) => (text += t), isTTY: false });
    for (let n = 1; n <= 40; n++) bar.update(step('supervised', n, 40));
    bar.update(step('inference', 1, 1));
    bar.done();
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(6); // quarters 0..4 of supervised + inference
    expect(lines[0]).toBe('supervised 1/40 loss 0.500');
    expect(lines[5]).toBe('inference 1/1 loss 0.500');
  });

  it('redraws one bar on a terminal and ends the line when done', () => {
    let text = '';
    const bar = progressReporter({ write: (t: string) => (text += t), isTTY: true });
    bar.update(step('ssldec', 12, 24));
    bar.done();
    expect(text).toMatch(/^\rssldec +\[#{12}\.{12}\] 12\/24 loss 0\.500 +\n$/);
  });
});
