/**
 * The filter bank of the last image trained on, kept for the next run on the same image. A clinician's corrective
 * strokes and Retrain run the engine again on the same series, and the filter bank, which depends on the image and
 * not on the strokes, is the largest part of a run's set-up (FS brain crop: 6.3 s of a 24 s first prediction,
 * src/ssldec/README.md). The training worker holds one cache, and the bench one per subject with --warm-filter-bank;
 * the CLI, which trains once per image, passes none.
 *
 * A hit needs the same settings and the same image values, compared bit for bit (one pass over the voxels, no hash
 * that two images could share). On a miss the kept bank is dropped before the new one is computed, so a run's peak
 * memory is what it is without a cache; a bank larger than KEEP_AT_MOST_BYTES is not kept between runs.
 */
import type { IntensityMap } from './normaliseIntensities';

/** The filter bank's features of each derived image channel and the maps that normalise them. */
export interface FilterBankInputs {
  features: Float32Array[];
  maps: IntensityMap[];
}

/** Largest bank (features and the kept copy of the image) held between runs: an idle worker holds no more. */
export const KEEP_AT_MOST_BYTES = 512 * 2 ** 20;

export class FilterBankCache {
  private kept?: { settings: string; image: Float32Array[]; bank: FilterBankInputs };

  /** @param keepAtMostBytes largest bank kept between runs (features and the image's copy). */
  constructor(private readonly keepAtMostBytes = KEEP_AT_MOST_BYTES) {}

  /**
   * The kept bank when these settings (a string naming everything the bank depends on besides the image) and image
   * channels match it; else undefined, and the kept bank is dropped, before the caller computes the new one.
   */
  lookup(settings: string, image: Float32Array[]): FilterBankInputs | undefined {
    const kept = this.kept;
    if (kept && kept.settings === settings && kept.image.length === image.length && kept.image.every((c, i) => sameBits(c, image[i]))) {
      return kept.bank;
    }
    this.kept = undefined;
    return undefined;
  }

  /** Whether a bank of `featureBytes` for these image channels would be kept (its features and the image's copy). */
  keeps(featureBytes: number, image: Float32Array[]): boolean {
    return featureBytes + image.reduce((sum, c) => sum + c.byteLength, 0) <= this.keepAtMostBytes;
  }

  /** Keeps a bank computed for these settings and image channels for the next run, when it is small enough. */
  keep(settings: string, image: Float32Array[], bank: FilterBankInputs): void {
    // A copy of the image: the caller's arrays may be handed on (a worker transfers them) or changed after the run.
    if (this.keeps(bank.features.reduce((sum, f) => sum + f.byteLength, 0), image)) {
      this.kept = { settings, image: image.map((c) => c.slice()), bank };
    }
  }
}

/** Whether two arrays hold the same values bit for bit (NaN equals the same NaN; 0 and −0 differ). */
function sameBits(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  const x = new Int32Array(a.buffer, a.byteOffset, a.length);
  const y = new Int32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
