import { addImageChannels } from '../../../src/cli/addImageChannels';
import { CliError, EXIT } from '../../../src/cli/CliError';
import type { LoadedImage } from '../../../src/cli/loadImage';
import type { Volume } from '../../../src/volume/Volume';

function image(fill: number, extra: Partial<Volume> = {}): LoadedImage {
  return {
    volume: {
      dimensions: [2, 2, 1], spacing: [1, 1, 3], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
      channels: [new Float32Array(4).fill(fill)], ...extra,
    },
    warnings: [],
  };
}

describe('addImageChannels (--image repeated)', () => {
  test('stacks co-registered images as channels of the first, named by path', () => {
    const out = addImageChannels(image(1), 't1c.nii.gz', [{ path: 'flair.nii.gz', image: image(2, { origin: [0, 0, 0.004] }) }]);
    expect(out.volume.channels.map((c) => c[0])).toEqual([1, 2]);
    expect(out.volume.channelNames).toEqual(['t1c.nii.gz', 'flair.nii.gz']);
    expect(out.volume.dimensions).toEqual([2, 2, 1]);
  });

  test('one image is returned as it is', () => {
    const one = image(1, { modality: 'CT' });
    expect(addImageChannels(one, 'ct', [])).toBe(one);
  });

  test('mixed modalities drop the modality (percentile scaling per channel); equal ones keep it', () => {
    expect(addImageChannels(image(1, { modality: 'CT' }), 'a', [{ path: 'b', image: image(2, { modality: 'MR' }) }]).volume.modality).toBeUndefined();
    expect(addImageChannels(image(1, { modality: 'MR' }), 'a', [{ path: 'b', image: image(2, { modality: 'MR' }) }]).volume.modality).toBe('MR');
  });

  test.each([
    ['dimensions', { dimensions: [2, 1, 2] as [number, number, number], channels: [new Float32Array(4)] }],
    ['spacing', { spacing: [1, 1, 2] as [number, number, number] }],
    ['origin', { origin: [0, 5, 0] as [number, number, number] }],
  ])('another grid (%s) is an input error naming both images and what to do', (what, extra) => {
    let error: unknown;
    try {
      addImageChannels(image(1), 't1c.nii.gz', [{ path: 'flair.nii.gz', image: image(2, extra) }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(EXIT.INPUT);
    expect((error as Error).message).toMatch(new RegExp(`--image flair.nii.gz: ${what} .* first --image t1c.nii.gz .*resample`));
  });
});
