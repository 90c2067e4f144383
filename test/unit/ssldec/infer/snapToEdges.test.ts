import { erodeLabels, snapToEdges } from '../../../../src/ssldec/infer/snapToEdges';
import type { Dims } from '../../../../src/ssldec/data/extractPatches';
import { grid } from '../../../helpers/grid';

const inSquare = (i: number, j: number, lo: number, hi: number) => i >= lo && i <= hi && j >= lo && j <= hi;

describe('snapping a prediction to intensity edges', () => {
  test('erodeLabels keeps a voxel only where its 6 neighbours in the grid share its label', () => {
    const dims: Dims = [7, 7, 3];
    // Class 1: a 5x5 square (i, j 1..5) on every slice of a 3-slice grid, class 2 around it.
    const labels = grid(new Uint8Array(147), dims, (i, j) => (inSquare(i, j, 1, 5) ? 1 : 2));
    const eroded = erodeLabels(labels, dims, 1);
    // The square's 3x3 core stays on every slice (the grid's top and bottom count as the same class).
    for (let k = 0; k < 3; k++) expect(eroded[3 + 7 * 3 + 49 * k]).toBe(1);
    expect(eroded[1 + 7 * 3]).toBe(0); // the square's edge
    expect(eroded[0 + 7 * 3]).toBe(0); // class 2 beside the square
    expect(eroded[0]).toBe(2); // class 2 in the grid's corner
    expect(erodeLabels(labels, dims, 0)).toBe(labels);
    // Twice: only the centre column of the square is left.
    expect(grid(new Uint8Array(147), dims, () => 0).map((_, v) => erodeLabels(labels, dims, 2)[v] === 1 ? 1 : 0).reduce((a, b) => a + b, 0)).toBe(3);
  });

  test('an over-called bright square loses its rim to the dark side; scribbles keep their class', () => {
    const dims: Dims = [16, 16, 1];
    const image = grid(new Float32Array(256), dims, (i, j) => (inSquare(i, j, 5, 10) ? 1 : 0));
    // The prediction calls an 8x8 square (a one-voxel rim too many); scribbles inside the square and in a corner.
    const labels = grid(new Uint8Array(256), dims, (i, j) => (inSquare(i, j, 4, 11) ? 1 : 2));
    const fixed = new Uint8Array(256);
    fixed[7 + 16 * 7] = 1;
    fixed[0] = 2;
    const changed = snapToEdges(labels, [(v) => image[v]], dims, [1, 1, 1], 1, 0.01, fixed);
    grid(new Uint8Array(256), dims, (i, j) => (inSquare(i, j, 5, 10) ? 1 : 2)).forEach((expected, v) => expect(labels[v]).toBe(expected));
    expect(changed.length).toBe(8 * 8 - 6 * 6);
    // A scribble wins its own voxel even against the image: class 2 painted on the bright square stays class 2.
    const again = grid(new Uint8Array(256), dims, (i, j) => (inSquare(i, j, 4, 11) ? 1 : 2));
    const painted = new Uint8Array(256);
    painted[7 + 16 * 7] = 2;
    snapToEdges(again, [(v) => image[v]], dims, [1, 1, 1], 1, 0.01, painted);
    expect(again[7 + 16 * 7]).toBe(2);
  });

  test('an under-called half grows to its edge; radius 0 changes nothing', () => {
    // 16x8x2: the image is bright for i >= 8; the prediction calls class 1 only from i >= 9.
    const dims: Dims = [16, 8, 2];
    const image = grid(new Float32Array(256), dims, (i) => (i >= 8 ? 1 : 0));
    const labels = grid(new Uint8Array(256), dims, (i) => (i >= 9 ? 1 : 2));
    const copy = labels.slice();
    expect(snapToEdges(copy, [(v) => image[v]], dims, [1, 1, 1], 0, 0.01).length).toBe(0);
    expect(copy).toEqual(labels);
    expect(snapToEdges(labels, [(v) => image[v]], dims, [1, 1, 1], 1, 0.01).length).toBe(16);
    grid(new Uint8Array(256), dims, (i) => (i >= 8 ? 1 : 2)).forEach((expected, v) => expect(labels[v]).toBe(expected));
  });

  test('a one-voxel-thin class with a scribble on it is regrown along its intensity, not erased', () => {
    // 20 x 9: a bright horizontal line (j 4) of class 3, dark class 1 above, dark class 2 below; one scribble on the line.
    const dims: Dims = [20, 9, 1];
    const image = grid(new Float32Array(180), dims, (_i, j) => (j === 4 ? 1 : 0));
    const labels = grid(new Uint8Array(180), dims, (_i, j) => (j === 4 ? 3 : j < 4 ? 1 : 2));
    const fixed = new Uint8Array(180);
    fixed[10 + 20 * 4] = 3;
    snapToEdges(labels, [(v) => image[v]], dims, [1, 1, 1], 1, 0.01, fixed);
    for (let i = 0; i < 20; i++) expect(labels[i + 20 * 4]).toBe(3);
    expect(labels[5 + 20 * 1]).toBe(1);
    expect(labels[5 + 20 * 7]).toBe(2);
  });

  test('at radius 2 a thin band the prediction is sure of stays; a thin branch it doubts goes', () => {
    // 24 x 16, bright class 1 on dark class 2: a band three voxels thick (j 2..4) and a block (j 10..15). The
    // prediction also calls a branch three voxels wide up from the block into the dark (i 10..12, j 7..9); it is sure
    // of everything but the branch.
    const dims: Dims = [24, 16, 1];
    const bright = (j: number) => (j >= 2 && j <= 4) || j >= 10;
    const inBranch = (i: number, j: number) => i >= 10 && i <= 12 && j >= 7 && j <= 9;
    const image = grid(new Float32Array(384), dims, (_i, j) => (bright(j) ? 1 : 0));
    const predicted = () => grid(new Uint8Array(384), dims, (i, j) => (bright(j) || inBranch(i, j) ? 1 : 2));
    const confidence = grid(new Float32Array(384), dims, (i, j) => (inBranch(i, j) ? 0.5 : 0.9));
    const fixed = new Uint8Array(384);
    fixed[0] = 2;
    const labels = predicted();
    snapToEdges(labels, [(v) => image[v]], dims, [1, 1, 1], 2, 0.01, fixed, { confidence, atLeast: 0.8 });
    grid(new Uint8Array(384), dims, (_i, j) => (bright(j) ? 1 : 2)).forEach((expected, v) => expect(labels[v]).toBe(expected));
    // Eroded two deep everywhere, the band has no seed left and the dark side takes it.
    const everywhere = predicted();
    snapToEdges(everywhere, [(v) => image[v]], dims, [1, 1, 1], 2, 0.01, fixed);
    expect(everywhere[5 + 24 * 3]).toBe(2);
    expect(everywhere[11 + 24 * 8]).toBe(2);
    // Eroded one deep everywhere (every voxel sure), the branch keeps its middle column.
    const shallow = predicted();
    snapToEdges(shallow, [(v) => image[v]], dims, [1, 1, 1], 2, 0.01, fixed, { confidence, atLeast: 0 });
    expect(shallow[11 + 24 * 8]).toBe(1);
    expect(shallow[5 + 24 * 3]).toBe(1);
  });
});
