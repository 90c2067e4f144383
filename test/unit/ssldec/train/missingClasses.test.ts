import { missingClasses } from '../../../../src/ssldec/train/trainSsldec';
import { trainSsldec } from '../../../../src/ssldec';
import { countLabels } from '../../../../src/ssldec/validateInputs';
import type { Labelmap } from '../../../../src/volume/Volume';
import { makePhantom } from '../helpers/phantom';

const grid = { dimensions: [4, 1, 1] as [number, number, number], spacing: [1, 1, 1] as [number, number, number],
  origin: [0, 0, 0] as [number, number, number], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] as Labelmap['direction'] };
const classes = [{ value: 1, name: 'liver' }, { value: 2, name: 'spleen' }, { value: 3, name: 'kidney' }];

describe('missingClasses', () => {
  test('names a scribbled class that no voxel of the prediction has', () => {
    const scribbles = { ...grid, data: Uint8Array.from([1, 2, 0, 0]) };
    expect(missingClasses(classes, countLabels(scribbles), { ...grid, data: Uint8Array.from([1, 1, 1, 3]) })).toEqual([classes[1]]);
  });

  test('an unscribbled class may be absent; a present one is never reported', () => {
    const scribbles = { ...grid, data: Uint8Array.from([1, 2, 0, 0]) };
    expect(missingClasses(classes, countLabels(scribbles), { ...grid, data: Uint8Array.from([1, 2, 2, 2]) })).toEqual([]);
  });

  test('trainSsldec returns the field (empty when every class is predicted)', async () => {
    const phantom = makePhantom([24, 24, 8], [3, 5]);
    const r = await trainSsldec(phantom.volume, phantom.scribbles, { backend: 'cpu', preset: 'tiny', seed: 1, supervisedSteps: 20, mode: 'supervised' });
    expect(r.missingClasses).toEqual([]);
    r.model.dispose();
  }, 120000);
});
