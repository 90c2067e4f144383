import { isBackground, withoutBackground } from '../../../src/seg/backgroundSegment';
import { SegmentationError } from '../../../src/seg/SegmentationError';
import type { Labelmap } from '../../../src/volume/Volume';

const grid = { dimensions: [6, 1, 1] as [number, number, number], spacing: [1, 1, 1] as [number, number, number], origin: [0, 0, 0] as [number, number, number], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] as Labelmap['direction'] };

describe('isBackground', () => {
  it('goes by the label starting with the word "background", unless the caller says otherwise', () => {
    expect(['Background', 'background', ' BACKGROUND ', 'Background (air)'].map((label) => isBackground({ label }))).toEqual([true, true, true, true]);
    expect(['Backgrounds', 'CSF', 'no background', 'bg'].map((label) => isBackground({ label }))).toEqual([false, false, false, false]);
    expect(isBackground({ label: 'Air', background: true })).toBe(true);
    expect(isBackground({ label: 'Background', background: false })).toBe(false);
  });
});

describe('withoutBackground', () => {
  it('clears background voxels and renumbers the other segments 1..K in order', () => {
    const segments = [{ label: 'CSF' }, { label: 'Background' }, { label: 'WM' }];
    const out = withoutBackground({ ...grid, data: Uint8Array.from([0, 1, 2, 3, 2, 1]) }, segments);
    expect(out.segments.map((s) => s.label)).toEqual(['CSF', 'WM']);
    expect(Array.from(out.labelmap.data)).toEqual([0, 1, 0, 2, 0, 1]);
  });

  it('returns the input unchanged when there is no background class', () => {
    const labelmap = { ...grid, data: Uint8Array.from([0, 1, 2, 1, 2, 0]) };
    const segments = [{ label: 'CSF' }, { label: 'WM' }];
    expect(withoutBackground(labelmap, segments)).toEqual({ labelmap, segments });
  });

  it('keeps labels beyond the described segments non-zero, so the writer still refuses them', () => {
    const out = withoutBackground({ ...grid, data: Uint8Array.from([1, 2, 7, 0, 0, 0]) }, [{ label: 'Background' }, { label: 'CSF' }]);
    expect(Array.from(out.labelmap.data)).toEqual([0, 1, 7, 0, 0, 0]);
  });

  it('refuses when every class is background, saying what to do', () => {
    const only = () => withoutBackground({ ...grid, data: new Uint8Array(6) }, [{ label: 'Background' }]);
    expect(only).toThrow(SegmentationError);
    expect(only).toThrow(/every class \("Background"\) is background.*includeBackground/);
  });
});
