/**
 * The engine's image and label types. Geometry follows Cornerstone3D and DICOM:
 * voxel (i, j, k) sits at `origin + i*spacing[0]*direction[0..2] + j*spacing[1]*direction[3..5]
 * + k*spacing[2]*direction[6..8]` in patient coordinates (LPS, mm), and is stored at flat index
 * `i + j*columns + k*columns*rows` (i runs along a DICOM row, j down the columns, k over slices).
 */

/** Where voxels are in space. */
export interface Geometry {
  /** [columns, rows, slices] = voxel counts along i, j, k. */
  dimensions: [number, number, number];
  /** Voxel size in mm along i, j, k (k is the distance between slice positions, not SliceThickness). */
  spacing: [number, number, number];
  /** Patient position (LPS, mm) of voxel (0, 0, 0): ImagePositionPatient of the first slice. */
  origin: [number, number, number];
  /** Unit axes of i, j and k in LPS: [row cosines, column cosines, slice normal] (9 numbers). */
  direction: [number, number, number, number, number, number, number, number, number];
}

/** A scalar or multi-channel image volume (e.g. T1 and T2 sharing one frame of reference). */
export interface Volume extends Geometry {
  /** One array per channel, each of length columns*rows*slices, in real-world units (rescale applied). */
  channels: Float32Array[];
  /** Optional names, one per channel ("T1", "T2"). */
  channelNames?: string[];
  /**
   * DICOM Modality of the image ('CT', 'MR', ...) when known. The engine scales CT by fixed Hounsfield windows and
   * everything else by percentiles; when absent it guesses CT from the values (src/ssldec/data/modality.ts).
   */
  modality?: string;
}

/**
 * Scribbles or a prediction on a volume's grid: 0 = unlabelled (scribbles) or background-free voxel,
 * 1..K = the user's classes.
 */
export interface Labelmap extends Geometry {
  data: Uint8Array;
}

/** Number of voxels of a geometry. */
export function voxelCount(g: Pick<Geometry, 'dimensions'>): number {
  return g.dimensions[0] * g.dimensions[1] * g.dimensions[2];
}
