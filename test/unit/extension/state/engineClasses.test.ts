import { engineClassMap, remapLabels } from '../../../../extension/state/engineClasses';

describe('engineClassMap', () => {
  it('numbers panel classes with gaps 1..K and maps both ways; removed classes map to 0', () => {
    const map = engineClassMap([
      { value: 1, name: 'A', color: [1, 1, 1] },
      { value: 3, name: 'C', color: [3, 3, 3] },
      { value: 7, name: 'G', color: [7, 7, 7] },
    ]);
    expect(map.classes.map((c) => [c.value, c.name])).toEqual([[1, 'A'], [2, 'C'], [3, 'G']]);
    const panel = new Uint8Array([0, 1, 2, 3, 7, 9]);
    const engine = remapLabels(panel, map.toEngine);
    expect([...engine]).toEqual([0, 1, 0, 2, 3, 0]);
    expect([...remapLabels(engine, map.toPanel)]).toEqual([0, 1, 0, 3, 7, 0]);
  });
});
