import type { SliceGeometry } from '../io/dicom/sliceGeometry';
import type { SourceFrame } from '../io/dicom/sourceFrames';
import { DERIVATION_SEGMENTATION, PURPOSE_SOURCE_IMAGE } from './codes';

/** DS values must fit 16 characters; 10 significant digits keep sub-micrometre precision. */
export function ds(value: number): number {
  return Number(value.toPrecision(10));
}

/**
 * SharedFunctionalGroupsSequence item: one plane orientation and pixel measures for all frames, copied from the
 * source so that the SEG lies in the acquisition plane (rule 4). SliceThickness is the distance between
 * slice positions, which is what a voxel of the labelmap covers.
 */
export function sharedFunctionalGroups(grid: SliceGeometry): Record<string, unknown> {
  const first = grid.slices.find((s): s is SourceFrame => s !== undefined)!;
  return {
    PlaneOrientationSequence: [{ ImageOrientationPatient: first.orientation.map(ds) }],
    PixelMeasuresSequence: [
      {
        PixelSpacing: first.pixelSpacing.map(ds),
        SliceThickness: ds(grid.geometry.spacing[2]),
        SpacingBetweenSlices: ds(grid.geometry.spacing[2]),
      },
    ],
  };
}

/**
 * PerFrameFunctionalGroupsSequence item of one SEG frame: where it lies (PlanePositionSequence), which
 * segment it shows (SegmentIdentificationSequence, rule 3), which source image it was derived from
 * (DerivationImageSequence/SourceImageSequence, with the frame number for multi-frame sources), and its
 * dimension index values [segment number, slice index + 1].
 */
export function perFrameFunctionalGroup(frame: SourceFrame, sliceIndex: number, segmentNumber: number): Record<string, unknown> {
  const source: Record<string, unknown> = {
    ReferencedSOPClassUID: frame.sopClassUID,
    ReferencedSOPInstanceUID: frame.sopInstanceUID,
    PurposeOfReferenceCodeSequence: [{ ...PURPOSE_SOURCE_IMAGE }],
    SpatialLocationsPreserved: 'YES',
  };
  if (frame.frameNumber !== undefined) source.ReferencedFrameNumber = frame.frameNumber;
  return {
    DerivationImageSequence: [{ SourceImageSequence: [source], DerivationCodeSequence: [{ ...DERIVATION_SEGMENTATION }] }],
    FrameContentSequence: [{ DimensionIndexValues: [segmentNumber, sliceIndex + 1] }],
    PlanePositionSequence: [{ ImagePositionPatient: frame.position.map(ds) }],
    SegmentIdentificationSequence: [{ ReferencedSegmentNumber: segmentNumber }],
  };
}

/** Tags used as dimension index pointers (AT values are written as group << 16 | element). */
const TAG = {
  ReferencedSegmentNumber: 0x0062000b,
  SegmentIdentificationSequence: 0x0062000a,
  ImagePositionPatient: 0x00200032,
  PlanePositionSequence: 0x00209113,
};

/** Multi-frame Dimension module: frames are indexed by segment, then by slice position. */
export function dimensionModule(dimensionOrganizationUID: string): Record<string, unknown> {
  return {
    DimensionOrganizationSequence: [{ DimensionOrganizationUID: dimensionOrganizationUID }],
    DimensionOrganizationType: '3D',
    DimensionIndexSequence: [
      {
        DimensionOrganizationUID: dimensionOrganizationUID,
        DimensionIndexPointer: TAG.ReferencedSegmentNumber,
        FunctionalGroupPointer: TAG.SegmentIdentificationSequence,
        DimensionDescriptionLabel: 'Segment Number',
      },
      {
        DimensionOrganizationUID: dimensionOrganizationUID,
        DimensionIndexPointer: TAG.ImagePositionPatient,
        FunctionalGroupPointer: TAG.PlanePositionSequence,
        DimensionDescriptionLabel: 'Image Position Patient',
      },
    ],
  };
}
