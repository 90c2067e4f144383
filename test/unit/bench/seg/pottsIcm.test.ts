import { icm, likelihoodPotts, pottsEnergy, pottsGraph } from '../../../../bench/seg/baselines/pottsIcm';
import { intensityLikelihood } from '../../../../bench/seg/baselines/intensityLikelihood';
import { seededRandom, gaussian } from '../../../../bench/lib/random';
import type { Volume } from '../../../../src/volume/Volume';
import { fill, geometry } from './grid';

const dims: [number, number, number] = [24, 24, 4];
const n = 24 * 24 * 4;

/** Two halves (class 1 left, 2 right) with intensities 0 and 1 plus strong noise. */
function noisyTwoRegions(seed: number): { volume: Volume; truth: Uint8Array } {
  const random = seededRandom(seed);
  const truth = fill(new Uint8Array(n), dims, (i) => (i < 12 ? 1 : 2));
  const image = fill(new Float32Array(n), dims, (i) => (i < 12 ? 0 : 1) + 0.45 * gaussian(random));
  return { volume: { ...geometry(dims), channels: [image] }, truth };
}

describe('likelihood + Potts (ICM)', () => {
  it('never raises the energy: each sweep ends at or below the one before', () => {
    const random = seededRandom(3);
    const k = 3;
    const unary = Float32Array.from({ length: k * n }, () => 3 * random());
    const volume: Volume = { ...geometry(dims), channels: [Float32Array.from({ length: n }, () => random())] };
    const graph = pottsGraph(volume, 1.5);
    const labels = Uint8Array.from({ length: n }, () => Math.floor(random() * k));
    const fixed = new Uint8Array(n);
    const energies = [pottsEnergy(unary, labels, graph)];
    for (let sweep = 0; sweep < 6; sweep++) {
      icm(unary, k, labels, graph, fixed, 1);
      energies.push(pottsEnergy(unary, labels, graph));
    }
    for (let s = 1; s < energies.length; s++) expect(energies[s]).toBeLessThanOrEqual(energies[s - 1] + 1e-6);
    expect(energies[energies.length - 1]).toBeLessThan(energies[0]);
  });

  it('keeps scribbled voxels and removes salt-and-pepper errors of the likelihood', () => {
    const { volume, truth } = noisyTwoRegions(5);
    const scribbles = { ...geometry(dims), data: new Uint8Array(n) };
    fill(scribbles.data, dims, (i, j) => (j === 12 && i >= 2 && i <= 8 ? 1 : j === 12 && i >= 15 && i <= 21 ? 2 : 0));
    const errors = (labels: Uint8Array) => labels.reduce((s, l, v) => s + (l !== truth[v] ? 1 : 0), 0);
    const plain = intensityLikelihood(volume, scribbles);
    const potts = likelihoodPotts(volume, scribbles, { lambda: 1 });
    scribbles.data.forEach((s, v) => {
      if (s) expect(potts.data[v]).toBe(s);
    });
    expect(errors(plain.data)).toBeGreaterThan(0.05 * n);
    expect(errors(potts.data)).toBeLessThan(errors(plain.data) / 2);
  });
});
