import { DicomSeriesError } from '../../../src/io/dicom/DicomSeriesError';
import { readDicomSeries } from '../../../src/io/readDicomSeries';
import { expectSameGeometry, firstDifference } from '../../helpers/dicomCompare';
import { readDcmFolder, editDicom } from '../../helpers/dicomFiles';
import { describeWithSharedData } from '../../helpers/sharedData';

function expectProblem(run: () => unknown, problem: string, message: RegExp): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DicomSeriesError);
    expect((error as DicomSeriesError).problem).toBe(problem);
    expect((error as Error).message).toMatch(message);
    return;
  }
  throw new Error(`expected DicomSeriesError(${problem}), nothing was thrown`);
}

describeWithSharedData(
  'readDicomSeries on the real 63-slice sagittal MR',
  ['mr-brain-epi-63slices', 'ct-liver-seg-dcmqi/ct-3slice', 'ct-liver-seg-dcmqi/seg'],
  ([mrFolder, ctFolder, segFolder]) => {
    const files = readDcmFolder(mrFolder);

    it('orders slices by position along the normal: file order and reversed order give the same volume', () => {
      const forward = readDicomSeries(files);
      const reversed = readDicomSeries([...files].reverse());
      expect(forward.volume.dimensions).toEqual([86, 86, 63]);
      expectSameGeometry(reversed.volume, forward.volume, 0);
      expect(firstDifference(reversed.volume.channels[0], forward.volume.channels[0])).toBe(-1);
      // IOP 0\1\0\0\0\-1: normal = row × column = -x, so slice 0 is the one at x = +68.2 and k steps 2.2 mm.
      expect(forward.volume.direction).toEqual([0, 1, 0, 0, 0, -1, -1, 0, 0]);
      expect(forward.volume.origin[0]).toBeCloseTo(68.2, 3);
      expect(forward.volume.spacing[0]).toBeCloseTo(2.23256, 4);
      expect(forward.volume.spacing[2]).toBeCloseTo(2.2, 3);
      expect(forward.source.slices.map((s) => s?.position[0])).toEqual(
        forward.source.slices.map((s) => s?.position[0]).sort((a, b) => (b ?? 0) - (a ?? 0)),
      );
      expect(forward.source.instances[0].PixelData).toBeUndefined();
      expect(forward.warnings).toEqual([]);
    });

    it('fills a missing slice with zeros and warns', () => {
      const gap = readDicomSeries(files.filter((_, n) => n !== 30));
      expect(gap.volume.dimensions).toEqual([86, 86, 63]);
      expect(gap.warnings.join()).toMatch(/1 slice\(s\) missing/);
      const missing = gap.source.slices.findIndex((s) => s === undefined);
      expect(missing).toBeGreaterThan(0);
      expect(gap.volume.channels[0].subarray(missing * 86 * 86, (missing + 1) * 86 * 86).every((v) => v === 0)).toBe(true);
    });

    it('refuses a slice moved off the regular grid (irregular-spacing)', () => {
      const moved = files.map((f, n) =>
        n === 10 ? editDicom(f, (d) => { (d.ImagePositionPatient as number[])[0] += 1.1; }) : f,
      );
      expectProblem(() => readDicomSeries(moved), 'irregular-spacing', /irregular: .* usual step is 2.200 mm/);
    });

    it('refuses mixed orientations', () => {
      const tilted = files.map((f, n) => (n === 5 ? editDicom(f, (d) => { d.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]; }) : f));
      expectProblem(() => readDicomSeries(tilted), 'mixed-orientations', /different ImageOrientationPatient/);
    });

    it('separates mixed series and asks which one to read', () => {
      const ct = readDcmFolder(ctFolder);
      const mixed = [...files.slice(0, 20), ...ct, ...files.slice(20)];
      expectProblem(() => readDicomSeries(mixed), 'several-series', /2 image series.*--series/);
      const ctUid = readDicomSeries(ct).source.seriesInstanceUID;
      expect(readDicomSeries(mixed, { seriesInstanceUID: ctUid }).volume.dimensions).toEqual([512, 512, 3]);
    });

    it('says a SEG alone is not an image series, and skips non-DICOM files with a warning', () => {
      expectProblem(() => readDicomSeries(readDcmFolder(segFolder)), 'not-an-image', /no image series.*SEG/);
      const withJunk = readDicomSeries([new TextEncoder().encode('README').buffer as ArrayBuffer, ...readDcmFolder(ctFolder)]);
      expect(withJunk.warnings.join()).toMatch(/1 file\(s\) are not DICOM/);
    });
  },
);

describeWithSharedData(
  'readDicomSeries on enhanced multi-frame and odd widths',
  ['ct-liver-seg-dcmqi/tiny-23x38x3', 'ct-liver-seg-dcmqi/tiny-24x38x3'],
  (folders) => {
    it.each(folders.map((f, n) => [n === 0 ? 23 : 24, f]))('%i columns: multi-frame gives the same volume as the slices', (width, folder) => {
      const single = readDicomSeries(readDcmFolder(folder as string, (n) => n.startsWith('IMG')));
      const multi = readDicomSeries(readDcmFolder(folder as string, (n) => n === 'multiframe.dcm'));
      expect(single.volume.dimensions).toEqual([width, 38, 3]);
      expect(multi.volume.dimensions).toEqual([width, 38, 3]);
      for (const key of ['origin', 'spacing', 'direction'] as const) {
        multi.volume[key].forEach((v, n) => expect(v).toBeCloseTo(single.volume[key][n], 4));
      }
      expect(firstDifference(multi.volume.channels[0], single.volume.channels[0])).toBe(-1);
      expect(multi.source.slices.map((s) => s?.frameNumber)).toHaveLength(3);
    });
  },
);
