import { text } from '../io/dicom/attributes';
import type { SourceFrame } from '../io/dicom/sourceFrames';
import { newUid, writePart10, type NaturalizedDataset } from '../io/dicom/dcmjs';
import { voxelCount, type Labelmap } from '../volume/Volume';
import { EXPLICIT_VR_LITTLE_ENDIAN, IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME } from '../io/dicom/uids';
import { VERSION } from '../version';
import { SEGMENTATION_STORAGE, SegmentAlgorithmType, type SegmentationType } from './enums';
import { withoutBackground } from './backgroundSegment';
import { dimensionModule, perFrameFunctionalGroup, sharedFunctionalGroups } from './functionalGroups';
import { needsUtf8, patientStudyAttributes } from './patientStudyAttributes';
import { MANUAL, segmentSequence, type AlgorithmInput, type SegmentInput } from './SegmentDescription';
import { segmentationPixels } from './segmentationPixels';
import { segmentationTypeFor } from './segmentationType';
import { SegmentationError } from './SegmentationError';
import { reorderOntoGrid, sourceGrid } from './sourceGrid';

/** Everything needed to write a DICOM-SEG; usable in a browser (OHIF) and in Node. */
export interface BuildSegmentationInput {
  /**
   * The segmented image series as dcmjs-naturalized instance metadata, in any order, pixel data not needed
   * (OHIF's `displaySet.instances`, or `DicomVolume.source.instances`).
   */
  sourceInstances: NaturalizedDataset[];
  /** Classes on the source grid: 0 = none, s = segment s (1-based index into `segments`). */
  labelmap: Labelmap;
  /**
   * Every class the user defined, in label order; each becomes a segment even when empty (rule 2), except the
   * background (see `includeBackground`).
   */
  segments: SegmentInput[];
  /** How the labels were made; default MANUAL (scribbles). A trained model is SEMIAUTOMATIC. */
  algorithm?: AlgorithmInput;
  /**
   * Store background classes (backgroundSegment.ts) as segments too. Default: only in MANUAL SEGs — scribbles,
   * whose background strokes are training input; a result (SEMIAUTOMATIC/AUTOMATIC) leaves them out, their voxels
   * become "none" and the other segments are renumbered 1..K.
   */
  includeBackground?: boolean;
  /**
   * Write a FRACTIONAL (PROBABILITY, 8-bit) SEG instead of BINARY: segment s holds `confidence` where the
   * labelmap is s. `confidence` has one value in 0..1 per voxel (the labelmap's layout).
   */
  fractional?: { confidence: Float32Array };
  /**
   * Force BINARY or FRACTIONAL. Default: BINARY when Rows×Columns is a multiple of 8, else FRACTIONAL with
   * values 0/255 (see segmentationType.ts for why: OHIF 3.13 cannot show BINARY frames that start mid-byte).
   */
  segmentationType?: SegmentationType;
  seriesDescription?: string;
  /** Reuse to add a new instance to an existing SEG series (re-save); a new series otherwise (rule 8). */
  seriesInstanceUID?: string;
  seriesNumber?: number;
  /** Increment on re-save into the same series. Default 1. */
  instanceNumber?: number;
  /** ContentCreatorName (PN), e.g. the clinician. */
  contentCreatorName?: string;
  /** SoftwareVersions of the writer; default the package version. */
  softwareVersion?: string;
}

/** The written SEG: Part-10 bytes plus the identifiers a caller needs (STOW de-duplication, logs). */
export interface BuiltSegmentation {
  bytes: ArrayBuffer;
  sopInstanceUID: string;
  seriesInstanceUID: string;
  studyInstanceUID: string;
  numberOfFrames: number;
  /** SegmentLabel of segment 1..K as written (without background classes unless they were included). */
  segmentLabels: string[];
}

/**
 * Builds a DICOM Segmentation (Part 10, Explicit VR Little Endian, uncompressed) on the source grid, following
 * every rule of docs/dicom-seg-and-pacs.md: BINARY 1-bit when frames are byte-aligned, else FRACTIONAL 0/255
 * (segmentationType.ts; soft FRACTIONAL on request), all user classes except the background (unless asked or
 * MANUAL) as segments numbered from 1, one frame per (segment, source slice) — empty frames included, so
 * every segment has the same explicit frame set — per-frame segment, position and source-image references,
 * the source FrameOfReferenceUID and ReferencedSeriesSequence, sanitised patient/study attributes, new
 * SOP Instance UID on every call.
 * @throws GeometryMismatchError when the labelmap is not on the source grid; SegmentationError for invalid
 * segments, labels beyond the segment count, or labels on slices missing from the source.
 */
export function buildSegmentation(input: BuildSegmentationInput): BuiltSegmentation {
  const algorithm = input.algorithm ?? MANUAL;
  const grid = sourceGrid(input.sourceInstances);
  // A labelmap stored with axes swapped or flipped (e.g. read from a dcm2niix NIfTI) is reordered onto the grid.
  const reorder = reorderOntoGrid(input.labelmap, grid.geometry);
  const onGrid = { ...grid.geometry, data: reorder(input.labelmap.data) };
  const includeBackground = input.includeBackground ?? algorithm.type === SegmentAlgorithmType.MANUAL;
  const { labelmap, segments } = includeBackground ? { labelmap: onGrid, segments: input.segments } : withoutBackground(onGrid, input.segments);
  const segmentItems = segmentSequence(segments, algorithm);
  if (input.fractional && input.fractional.confidence.length !== voxelCount(labelmap)) {
    throw new SegmentationError(
      `fractional.confidence has ${input.fractional.confidence.length} values; expected one per voxel (${voxelCount(labelmap)}).`,
    );
  }
  const confidence = input.fractional && reorder(input.fractional.confidence);
  const [columns, rows] = labelmap.dimensions;
  const type = segmentationTypeFor(rows, columns, input.segmentationType, !!input.fractional);
  const pixels = segmentationPixels(labelmap, grid.slices, segments.length, type, confidence);
  const first = input.sourceInstances.find((i) => text(i.SOPInstanceUID) === grid.slices.find(Boolean)!.sopInstanceUID)!;
  const patientStudy = patientStudyAttributes(first);
  const sopInstanceUID = newUid();
  const seriesInstanceUID = input.seriesInstanceUID ?? newUid();
  const now = new Date();
  const perFrame = pixels.frames.map(({ segmentNumber, sliceIndex }) =>
    perFrameFunctionalGroup(grid.slices[sliceIndex]!, sliceIndex, segmentNumber),
  );
  const dataset: NaturalizedDataset = {
    ...(needsUtf8(patientStudy) ? { SpecificCharacterSet: 'ISO_IR 192' } : {}),
    SOPClassUID: SEGMENTATION_STORAGE,
    SOPInstanceUID: sopInstanceUID,
    ...patientStudy,
    Modality: 'SEG',
    SeriesInstanceUID: seriesInstanceUID,
    SeriesNumber: input.seriesNumber ?? 300,
    SeriesDescription: (input.seriesDescription ?? `SSLDEC ${algorithm.type.toLowerCase()}`).slice(0, 64),
    InstanceNumber: input.instanceNumber ?? 1,
    ImageType: ['DERIVED', 'PRIMARY'],
    ContentDate: dicomDate(now),
    ContentTime: dicomTime(now),
    ContentLabel: 'SSLDEC',
    ContentDescription: `${segments.length} classes`,
    ContentCreatorName: input.contentCreatorName ?? '',
    Manufacturer: 'SSLDEC for OHIF',
    ManufacturerModelName: 'ssldec',
    DeviceSerialNumber: '1',
    SoftwareVersions: input.softwareVersion ?? VERSION,
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: labelmap.dimensions[1],
    Columns: labelmap.dimensions[0],
    BitsAllocated: pixels.bitsAllocated,
    BitsStored: pixels.bitsAllocated,
    HighBit: pixels.bitsAllocated - 1,
    PixelRepresentation: 0,
    LossyImageCompression: '00',
    ...pixels.typeAttributes,
    SegmentsOverlap: 'NO',
    SegmentSequence: segmentItems,
    NumberOfFrames: pixels.frames.length,
    ...dimensionModule(newUid()),
    SharedFunctionalGroupsSequence: [sharedFunctionalGroups(grid)],
    PerFrameFunctionalGroupsSequence: perFrame,
    ReferencedSeriesSequence: [referencedSeries(input.sourceInstances, grid.slices)],
    PixelData: [pixels.data.buffer],
    // OB for both: 1-bit data must be OB, and 8-bit FRACTIONAL frames are bytes too.
    _vrMap: { PixelData: 'OB' },
  };
  const meta: NaturalizedDataset = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: SEGMENTATION_STORAGE,
    MediaStorageSOPInstanceUID: sopInstanceUID,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: IMPLEMENTATION_VERSION_NAME,
  };
  return {
    bytes: writePart10(meta, dataset),
    sopInstanceUID,
    seriesInstanceUID,
    studyInstanceUID: text(patientStudy.StudyInstanceUID),
    numberOfFrames: pixels.frames.length,
    segmentLabels: segmentItems.map((item) => String(item.SegmentLabel)),
  };
}

/** ReferencedSeriesSequence item: the source series and each of its instances once (multi-frame: once). */
function referencedSeries(instances: NaturalizedDataset[], slices: (SourceFrame | undefined)[]) {
  const seen = new Map<string, string>();
  for (const s of slices) if (s) seen.set(s.sopInstanceUID, s.sopClassUID);
  return {
    SeriesInstanceUID: text(instances[0].SeriesInstanceUID),
    ReferencedInstanceSequence: [...seen].map(([uid, cls]) => ({ ReferencedSOPClassUID: cls, ReferencedSOPInstanceUID: uid })),
  };
}

function dicomDate(d: Date): string {
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

function dicomTime(d: Date): string {
  return [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()].map((v) => String(v).padStart(2, '0')).join('');
}
