import { mergeSlice, stackLayersOf } from '../../../../extension/ohif/labelmapLayers';

describe('stackLayersOf', () => {
  it('reads a legacy single-layer labelmap with identity values', () => {
    const { layers, volumeLayerIds } = stackLayersOf({ imageIds: ['a', 'b'], referencedImageIds: ['s1', 's2'] });
    expect(layers).toHaveLength(1);
    expect(layers[0].imageIds).toEqual(['a', 'b']);
    expect(layers[0].valueToSegment(3)).toBe(3);
    expect(volumeLayerIds).toEqual([]);
  });

  it('maps stored values through layer tables and segment bindings (Cornerstone 5 layers)', () => {
    const { layers, volumeLayerIds } = stackLayersOf({
      labelmaps: {
        main: { labelmapId: 'main', imageIds: ['m1'] },
        extra: { labelmapId: 'extra', imageIds: ['e1'], labelToSegmentIndex: { 1: 5 } },
        vol: { labelmapId: 'vol', volumeId: 'v' },
      },
      segmentBindings: { 4: { labelmapId: 'main', labelValue: 2 } },
    });
    const main = layers.find((l) => l.labelmapId === 'main')!;
    const extra = layers.find((l) => l.labelmapId === 'extra')!;
    expect(main.valueToSegment(2)).toBe(4);
    expect(main.valueToSegment(1)).toBe(1);
    expect(extra.valueToSegment(1)).toBe(5);
    expect(volumeLayerIds).toEqual(['vol']);
  });
});

describe('mergeSlice', () => {
  it('writes mapped non-zero values at slice k and drops values mapped to 0', () => {
    const target = new Uint8Array(8);
    const written = mergeSlice(target, [0, 1, 2, 3], 1, 4, (v) => v, (s) => (s === 3 ? 0 : s * 10));
    expect([...target]).toEqual([0, 0, 0, 0, 0, 10, 20, 0]);
    expect(written).toBe(2);
  });
});
