/**
 * Writes a Volume as a classic single-frame MR (or CT) series: one DICOM Part-10 instance per slice, Explicit VR
 * Little Endian, 16-bit unsigned pixels, new UIDs. Used to turn NIfTI images (the `npm start` demo, test fixtures)
 * into a series a PACS and OHIF accept. dcmjs does the encoding (through the typed facade in ./dicom/dcmjs.ts).
 */
import type { Volume } from '../volume/Volume';
import { newUid, writePart10 } from './dicom/dcmjs';
// The project's one implementation identity in File Meta Information (shared with the SEG writer).
import { EXPLICIT_VR_LITTLE_ENDIAN, IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME } from './dicom/uids';

const SOP_CLASS = { MR: '1.2.840.10008.5.1.4.1.1.4', CT: '1.2.840.10008.5.1.4.1.1.2' } as const;
/** Largest stored value when intensities must be rescaled (12 bits, like most MR scanners). */
const RESCALED_MAX = 4095;

/** Raised when a volume cannot be written as a DICOM series; the message says what and what to do. */
export class DicomSeriesWriteError extends Error {
  override name = 'DicomSeriesWriteError';
}

/** Patient, study and series attributes of the written series; everything is optional. */
export interface DicomSeriesOptions {
  modality?: 'MR' | 'CT';
  /** DICOM PN, e.g. `Demo^Colin27`. */
  patientName?: string;
  patientId?: string;
  /** Reuse to add the series to an existing study; a new UID otherwise. */
  studyInstanceUID?: string;
  studyDescription?: string;
  /** DICOM DA (YYYYMMDD); default today. */
  studyDate?: string;
  studyId?: string;
  accessionNumber?: string;
  seriesDescription?: string;
  seriesNumber?: number;
  /** Reuse to keep a frame of reference shared with other series; a new UID otherwise. */
  frameOfReferenceUID?: string;
  /** Which channel of the volume to write (default 0). */
  channel?: number;
}

/** The written series. `files[k]` is slice k of the volume (k = 0 at `origin`). */
export interface DicomSeries {
  studyInstanceUID: string;
  seriesInstanceUID: string;
  frameOfReferenceUID: string;
  sopInstanceUIDs: string[];
  /** Part-10 bytes, one per slice, in volume k order. */
  files: ArrayBuffer[];
  /** Stored pixel = round((value - intercept) / slope); slope 1, intercept 0 when values were stored as they are. */
  storedValueMapping: { slope: number; intercept: number };
}

/**
 * @param volume voxels in real-world units; geometry in LPS mm (see Volume.ts). Slices are written along k.
 * @throws DicomSeriesWriteError for an empty volume, a missing channel, non-finite voxels or a bad geometry.
 */
export function writeDicomSeries(volume: Volume, options: DicomSeriesOptions = {}): DicomSeries {
  const [columns, rows, slices] = volume.dimensions;
  const channelIndex = options.channel ?? 0;
  const values = volume.channels[channelIndex];
  checkInput(volume, values, channelIndex);
  const { stored, mapping } = toStoredValues(values);
  const modality = options.modality ?? 'MR';
  const uid = newUid;
  const studyInstanceUID = options.studyInstanceUID ?? uid();
  const seriesInstanceUID = uid();
  const frameOfReferenceUID = options.frameOfReferenceUID ?? uid();
  const today = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  const [minStored, maxStored] = range(stored);
  const d = volume.direction;
  const normal: [number, number, number] = [d[6], d[7], d[8]];
  const sliceSize = columns * rows;

  const common: Record<string, unknown> = {
    SOPClassUID: SOP_CLASS[modality],
    // Value 3 is required for MR (OTHER: a converted image) and CT (AXIAL, the only fitting defined term).
    ImageType: ['DERIVED', 'SECONDARY', modality === 'MR' ? 'OTHER' : 'AXIAL'],
    PatientName: options.patientName ?? 'Anonymous',
    PatientID: options.patientId ?? 'SSLDEC-DEMO',
    PatientBirthDate: '',
    PatientSex: '',
    StudyInstanceUID: studyInstanceUID,
    StudyDate: options.studyDate ?? today,
    StudyTime: '120000',
    StudyID: options.studyId ?? '1',
    AccessionNumber: options.accessionNumber ?? '',
    ReferringPhysicianName: '',
    StudyDescription: options.studyDescription ?? '',
    Modality: modality,
    SeriesInstanceUID: seriesInstanceUID,
    SeriesNumber: options.seriesNumber ?? 1,
    SeriesDescription: options.seriesDescription ?? '',
    // Type 2C (paired body parts); unknown here, so present and empty, as validators ask.
    Laterality: '',
    PatientPosition: 'HFS',
    Manufacturer: 'SSLDEC',
    FrameOfReferenceUID: frameOfReferenceUID,
    PositionReferenceIndicator: '',
    ImageOrientationPatient: [d[0], d[1], d[2], d[3], d[4], d[5]].map(decimalString),
    // DICOM PixelSpacing is [between rows, between columns] = [spacing along j, spacing along i].
    PixelSpacing: [decimalString(volume.spacing[1]), decimalString(volume.spacing[0])],
    SliceThickness: decimalString(volume.spacing[2]),
    SpacingBetweenSlices: decimalString(volume.spacing[2]),
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: rows,
    Columns: columns,
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 0,
    WindowCenter: decimalString((minStored + maxStored) / 2),
    WindowWidth: decimalString(Math.max(1, maxStored - minStored)),
    ...(modality === 'MR' ? mrAttributes() : ctAttributes()),
  };

  const sopInstanceUIDs: string[] = [];
  const files: ArrayBuffer[] = [];
  for (let k = 0; k < slices; k++) {
    const sopInstanceUID = uid();
    const position = volume.origin.map((o, axis) => o + k * volume.spacing[2] * normal[axis]);
    const pixels = stored.slice(k * sliceSize, (k + 1) * sliceSize);
    const dataset: Record<string, unknown> = {
      ...common,
      SOPInstanceUID: sopInstanceUID,
      InstanceNumber: k + 1,
      ImagePositionPatient: position.map(decimalString),
      SliceLocation: decimalString(position[0] * normal[0] + position[1] * normal[1] + position[2] * normal[2]),
      PixelData: [pixels.buffer],
      _vrMap: { PixelData: 'OW' },
    };
    const meta = {
      FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
      MediaStorageSOPClassUID: SOP_CLASS[modality],
      MediaStorageSOPInstanceUID: sopInstanceUID,
      TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
      ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
      ImplementationVersionName: IMPLEMENTATION_VERSION_NAME,
    };
    sopInstanceUIDs.push(sopInstanceUID);
    files.push(writePart10(meta, dataset));
  }
  return { studyInstanceUID, seriesInstanceUID, frameOfReferenceUID, sopInstanceUIDs, files, storedValueMapping: mapping };
}

/** MR Image module attributes that are required but unknown for a converted image (type 2 = present, empty). */
function mrAttributes(): Record<string, unknown> {
  return {
    ScanningSequence: 'RM',
    SequenceVariant: 'NONE',
    ScanOptions: '',
    MRAcquisitionType: '3D',
    EchoTime: '',
    EchoTrainLength: '',
    RepetitionTime: '',
  };
}

/** CT Image module: stored values are Hounsfield units after the rescale. */
function ctAttributes(): Record<string, unknown> {
  return { KVP: '', AcquisitionNumber: 1, RescaleIntercept: '0', RescaleSlope: '1', RescaleType: 'HU' };
}

function checkInput(volume: Volume, values: Float32Array | undefined, channelIndex: number): asserts values is Float32Array {
  const [columns, rows, slices] = volume.dimensions;
  if (!values) {
    throw new DicomSeriesWriteError(`channel ${channelIndex} requested, the volume has ${volume.channels.length}.`);
  }
  if (!(columns > 0 && rows > 0 && slices > 0) || columns > 65535 || rows > 65535) {
    throw new DicomSeriesWriteError(`dimensions must be 1..65535 in-plane and at least 1 slice, got ${volume.dimensions.join('x')}.`);
  }
  if (values.length !== columns * rows * slices) {
    throw new DicomSeriesWriteError(`channel ${channelIndex} has ${values.length} voxels, dimensions ${volume.dimensions.join('x')} need ${columns * rows * slices}.`);
  }
  if (!volume.spacing.every((s) => Number.isFinite(s) && s > 0)) {
    throw new DicomSeriesWriteError(`spacing must be positive mm, got ${volume.spacing.join(', ')}.`);
  }
}

/**
 * Non-negative integers up to 65535 are stored as they are (e.g. a uint8 T1). Anything else is mapped linearly
 * onto 0..4095, because the MR Image IOD has no rescale slope to undo it; the mapping is returned to the caller.
 */
function toStoredValues(values: Float32Array): { stored: Uint16Array; mapping: { slope: number; intercept: number } } {
  let integral = true;
  for (let n = 0; n < values.length; n++) {
    const v = values[n];
    if (!Number.isFinite(v)) throw new DicomSeriesWriteError(`voxel ${n} is ${v}; replace non-finite values before writing.`);
    if (integral && (v < 0 || v > 65535 || Math.round(v) !== v)) integral = false;
  }
  const stored = new Uint16Array(values.length);
  if (integral) {
    stored.set(values);
    return { stored, mapping: { slope: 1, intercept: 0 } };
  }
  const [min, max] = range(values);
  const slope = max > min ? (max - min) / RESCALED_MAX : 1;
  for (let n = 0; n < values.length; n++) stored[n] = Math.round((values[n] - min) / slope);
  return { stored, mapping: { slope, intercept: min } };
}

function range(values: ArrayLike<number>): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let n = 0; n < values.length; n++) {
    if (values[n] < min) min = values[n];
    if (values[n] > max) max = values[n];
  }
  return [min, max];
}

/** A DICOM DS value (at most 16 characters). */
function decimalString(x: number): string {
  if (Object.is(x, -0) || Math.abs(x) < 1e-10) return '0';
  const plain = String(Number(x.toPrecision(10)));
  return plain.length <= 16 ? plain : x.toExponential(8);
}
