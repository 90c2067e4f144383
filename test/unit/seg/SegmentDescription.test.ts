import { rgbToDicomLab } from '../../../src/seg/cielab';
import { codesForLabel } from '../../../src/seg/codes';
import { SegmentAlgorithmType } from '../../../src/seg/enums';
import { segmentSequence } from '../../../src/seg/SegmentDescription';
import { SegmentationError } from '../../../src/seg/SegmentationError';

describe('segmentSequence', () => {
  it('numbers segments from 1 and codes known brain tissues with SNOMED CT', () => {
    const items = segmentSequence([{ label: 'CSF' }, { label: 'Grey matter' }, { label: 'WM' }, { label: 'background' }], {
      type: SegmentAlgorithmType.SEMIAUTOMATIC,
      name: 'SSLDEC',
      version: '0.1.0',
    });
    expect(items.map((i) => i.SegmentNumber)).toEqual([1, 2, 3, 4]);
    const types = items.map((i) => (i.SegmentedPropertyTypeCodeSequence as { CodeValue: string }[])[0].CodeValue);
    expect(types).toEqual(['65216001', '389081007', '389080008', '85756007']);
  });

  it('requires algorithm name and version unless MANUAL, naming the keywords', () => {
    expect(() => segmentSequence([{ label: 'a' }], { type: SegmentAlgorithmType.SEMIAUTOMATIC })).toThrow(
      /SegmentAlgorithmName and AlgorithmVersion/,
    );
    expect(() => segmentSequence([{ label: '' }], { type: SegmentAlgorithmType.MANUAL })).toThrow(SegmentationError);
    expect(() => segmentSequence([], { type: SegmentAlgorithmType.MANUAL })).toThrow(/expected 1..255/);
  });

  it('generic labels get the Tissue code', () => {
    expect(codesForLabel('lesion').type.CodeMeaning).toBe('Tissue');
  });
});

describe('rgbToDicomLab', () => {
  it('maps white to L*=100, a*=b*=0 and black to L*=0 in DICOM scaling', () => {
    const [L, a, b] = rgbToDicomLab([255, 255, 255]);
    expect(L).toBe(65535);
    expect(Math.abs(a - 32896)).toBeLessThan(60);
    expect(Math.abs(b - 32896)).toBeLessThan(60);
    expect(rgbToDicomLab([0, 0, 0])[0]).toBe(0);
  });
});
