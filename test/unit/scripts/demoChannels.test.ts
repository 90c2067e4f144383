/**
 * The demo's preparation (crop to the head, 2 mm, radiological in-plane order) treats every channel alike, so
 * bench:demo can carry the BET brain mask through it beside the T1 and the two stay voxel for voxel aligned.
 */
export {};

const { cropToContent, downsample2, radiologicalInPlane } = require('../../../scripts/lib/demoStudy') as {
  cropToContent(v: Vol, fraction?: number, margin?: number): Vol;
  downsample2(v: Vol): Vol;
  radiologicalInPlane(v: Vol): Vol;
};

interface Vol { dimensions: number[]; spacing: number[]; origin: number[]; direction: number[]; channels: Float32Array[] }

describe('demo study preparation with several channels', () => {
  // 8x6x4 grid, a bright 4x2x2 block (the head) in air; channel 2 = 3 x channel 1 + 1 everywhere.
  const [c, r, s] = [8, 6, 4];
  const first = new Float32Array(c * r * s);
  for (let k = 1; k < 3; k++) for (let j = 2; j < 4; j++) for (let i = 2; i < 6; i++) first[i + j * c + k * c * r] = 100 + i + 10 * j + 20 * k;
  const volume: Vol = {
    dimensions: [c, r, s], spacing: [1, 1, 1], origin: [0, 0, 0], direction: [-1, 0, 0, 0, -1, 0, 0, 0, 1],
    channels: [first, first.map((x) => 3 * x + 1)],
  };

  it('crops, downsamples and reorders both channels the same way', () => {
    const cropped = cropToContent(volume, 0.3, 1);
    expect(cropped.dimensions).toEqual([6, 4, 4]);
    const out = radiologicalInPlane(downsample2(cropped));
    expect(out.channels).toHaveLength(2);
    expect(out.channels[1]).toHaveLength(out.channels[0].length);
    // downsample2 rounds each block mean, so the affine relation holds to within the rounding of 3x + 1.
    out.channels[0].forEach((x, v) => expect(Math.abs(out.channels[1][v] - (3 * x + 1))).toBeLessThanOrEqual(2));
    expect(Math.max(...out.channels[0])).toBeGreaterThan(0);
  });
});
