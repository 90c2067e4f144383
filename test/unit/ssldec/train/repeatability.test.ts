import { trainSsldec, type TrainOptions } from '../../../../src/ssldec';
import { makePhantom } from '../helpers/phantom';

const phantom = makePhantom([24, 24, 8], [3, 5]);
const options = (seed: number): TrainOptions => ({ backend: 'cpu', preset: 'tiny', seed, supervisedSteps: 8, maxRounds: 1, roundSteps: 4 });

test('same seed on cpu: identical losses and prediction; another seed: different losses', async () => {
  const a = await trainSsldec(phantom.volume, phantom.scribbles, options(5));
  const b = await trainSsldec(phantom.volume, phantom.scribbles, options(5));
  const c = await trainSsldec(phantom.volume, phantom.scribbles, options(6));
  const losses = (r: typeof a) => r.history.filter((h) => h.loss !== undefined).map((h) => h.loss);
  expect(losses(a).length).toBeGreaterThan(8);
  expect(losses(b)).toEqual(losses(a));
  expect(b.prediction.data).toEqual(a.prediction.data);
  expect(b.confidence).toEqual(a.confidence);
  expect(losses(c)).not.toEqual(losses(a));
  [a, b, c].forEach((r) => r.model.dispose());
}, 120000);
