import { predictVolume, trainSsldec, type TrainProgress } from '../../../../src/ssldec';
import { planTiles } from '../../../../src/ssldec/infer/planTiles';
import { predictFromSource, type PassReuse } from '../../../../src/ssldec/infer/predictVolume';
import { volumeSource } from '../../../../src/ssldec/data/volumeSource';
import { tf } from '../../../../src/ssldec/backend/tf';
import { makePhantom } from '../helpers/phantom';

describe('planTiles', () => {
  test('512x512x300 with a 2^19-voxel bound: every forward pass stays under the bound', () => {
    const maxVoxels = 1 << 19;
    for (const is3d of [false, true]) {
      const plan = planTiles([512, 512, 300], 1, is3d, maxVoxels);
      const t = plan.tiles[0].input;
      expect(plan.batch * t.si * t.sj * t.sk).toBeLessThanOrEqual(maxVoxels);
      expect(plan.tiles.every((x) => x.input.si === t.si && x.input.sj === t.sj && x.input.sk === t.sk)).toBe(true);
    }
  });

  test.each([false, true])('3d=%s: tiles of a 70x50x30 volume cover every voxel', (is3d) => {
    const [nx, ny, nz] = [70, 50, 30];
    const plan = planTiles([nx, ny, nz], 2, is3d, 4096);
    const covered = new Uint8Array(nx * ny * nz);
    for (const { out } of plan.tiles) {
      for (let k = out.k0; k < out.k0 + out.sk; k++) for (let j = out.j0; j < out.j0 + out.sj; j++) {
        covered.fill(1, out.i0 + j * nx + k * nx * ny, out.i0 + out.si + j * nx + k * nx * ny);
      }
    }
    expect(covered.every((v) => v === 1)).toBe(true);
  });
});

describe('predictVolume', () => {
  test.each(['2.5d', '3d'] as const)('%s model: tiny tiles (halo = receptive radius) give the same prediction as one big tile', async (kind) => {
    const phantom = makePhantom([20, 18, 6], [2, 3]);
    const r = await trainSsldec(phantom.volume, phantom.scribbles, {
      backend: 'cpu', preset: 'tiny', seed: 1, supervisedSteps: 4, mode: 'supervised', patchDepth: 4,
      model: { kind, spatialLayers: 2, kernelSize: 3 },
    });
    const before = tf.memory().numTensors;
    const big = await predictVolume(r.model, phantom.volume, { maxTileVoxels: 1 << 20 });
    const small = await predictVolume(r.model, phantom.volume, { maxTileVoxels: kind === '3d' ? 512 : 100 });
    expect(small.labelmap.data).toEqual(big.labelmap.data);
    small.confidence.forEach((c, i) => expect(c).toBeCloseTo(big.confidence[i], 5));
    expect(tf.memory().numTensors).toBe(before);
    r.model.dispose();
  }, 120000);
});

describe('predictVolume progress', () => {
  test.each([
    ['the tiny preset (no clean-up): one part per batch', {}, 0],
    ['with the Potts clean-up, the snap and the rim: one more part, reported when the labels are done', { cleanupWeight: 1, edgeSnapRadius: 1, rimMeansRadius: 1 }, 1],
  ] as const)('%s', async (_name, model, extra) => {
    const phantom = makePhantom([20, 18, 6], [2, 3]);
    const r = await trainSsldec(phantom.volume, phantom.scribbles, {
      backend: 'cpu', preset: 'tiny', seed: 1, supervisedSteps: 4, mode: 'supervised', model,
    });
    const maxTileVoxels = 600;
    const plan = planTiles(phantom.volume.dimensions, 0, false, maxTileVoxels);
    const batches = Math.ceil(plan.tiles.length / plan.batch);
    expect(batches).toBeGreaterThan(1);
    const parts: Array<[number, number]> = [];
    const result = await predictVolume(r.model, phantom.volume, { maxTileVoxels, onProgress: (p) => parts.push([p.step, p.total]) });
    const total = batches + extra;
    expect(parts).toEqual(Array.from({ length: total }, (_, i) => [i + 1, total]));
    expect(result.labelmap.data.every((v) => v >= 1 && v <= r.model.classes.length)).toBe(true);
    r.model.dispose();
  }, 120000);
});

describe('predictFromSource: a run\'s passes share their image-only work', () => {
  test('the next pass reads the appearance distances and edge weights the first left in `reuse`, and predicts the same', async () => {
    const phantom = makePhantom([20, 18, 6], [2, 3]);
    const classes = [{ value: 1, name: 'Background' }, { value: 2, name: 'Grey' }, { value: 3, name: 'White' }];
    const r = await trainSsldec(phantom.volume, phantom.scribbles, {
      backend: 'cpu', preset: 'tiny', seed: 1, supervisedSteps: 4, mode: 'supervised', classes,
      model: { appearancePrior: 1, cleanupWeight: 1 },
    });
    const src = await volumeSource(r.model, phantom.volume, phantom.scribbles.data);
    const options = { fixedLabels: phantom.scribbles.data, maxTileVoxels: 600 };
    const alone = await predictFromSource(r.model, src, phantom.volume, options);
    const reuse: PassReuse = {};
    const lastParts: Array<number | undefined> = [];
    const onProgress = (p: TrainProgress) => { if (p.step === p.total) lastParts.push(p.reusableSeconds); };
    const first = await predictFromSource(r.model, src, phantom.volume, { ...options, reuse, onProgress });
    const plan = planTiles(phantom.volume.dimensions, 0, false, 600);
    const batches = Math.ceil(plan.tiles.length / plan.batch);
    expect(reuse.nearest).toHaveLength(batches);
    expect(reuse.edgeWeights).toHaveLength(3);
    const kept = reuse.nearest![0];
    const second = await predictFromSource(r.model, src, phantom.volume, { ...options, reuse, onProgress });
    expect(reuse.nearest![0]).toBe(kept);
    // The first pass reports what it computed for the next (the ETA prices the final pass without it); the second none.
    expect(lastParts).toHaveLength(2);
    expect(lastParts[0]).toBeGreaterThan(0);
    expect(lastParts[1]).toBeUndefined();
    for (const pass of [first, second]) {
      expect(pass.labelmap.data).toEqual(alone.labelmap.data);
      expect(Array.from(pass.confidence)).toEqual(Array.from(alone.confidence));
    }
    // Read, not recomputed: distances far from every stroke fade the object classes wherever nothing else holds them.
    const far: PassReuse = { nearest: reuse.nearest!.map((d) => d.map(() => 1e6)) };
    const faded = await predictFromSource(r.model, src, phantom.volume, { ...options, reuse: far });
    const count = (data: Uint8Array, value: number) => data.reduce((n, l) => n + (l === value ? 1 : 0), 0);
    expect(count(faded.labelmap.data, 1)).toBeGreaterThan(count(alone.labelmap.data, 1));
    r.model.dispose();
  }, 120000);
});
