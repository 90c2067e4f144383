import type { Geometry } from '../../../../src/volume/Volume';

/**
 * OHIF-style naturalized instance metadata (no pixel data) of a single-frame MR series on `g`, one instance per
 * slice k, as `displaySet.instances` holds them. UIDs are fixed per call so tests can check references.
 */
export function naturalizedMrInstances(g: Geometry, studyInstanceUID: string, seriesInstanceUID: string): Record<string, unknown>[] {
  const [columns, rows, slices] = g.dimensions;
  const d = g.direction;
  return Array.from({ length: slices }, (_, k) => ({
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.4',
    SOPInstanceUID: `${seriesInstanceUID}.${k + 1}`,
    StudyInstanceUID: studyInstanceUID,
    SeriesInstanceUID: seriesInstanceUID,
    FrameOfReferenceUID: `${studyInstanceUID}.9`,
    Modality: 'MR',
    PatientName: 'Phantom^Two Class',
    PatientID: 'PHANTOM-1',
    PatientBirthDate: '19700101',
    PatientSex: 'O',
    StudyDate: '20260101',
    StudyTime: '120000',
    StudyID: '1',
    AccessionNumber: '',
    ReferringPhysicianName: '',
    SeriesNumber: 1,
    InstanceNumber: k + 1,
    Rows: rows,
    Columns: columns,
    PixelSpacing: [g.spacing[1], g.spacing[0]],
    SliceThickness: g.spacing[2],
    ImageOrientationPatient: [...d.slice(0, 6)],
    ImagePositionPatient: [0, 1, 2].map((a) => g.origin[a] + k * g.spacing[2] * d[6 + a]),
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 1,
  }));
}
