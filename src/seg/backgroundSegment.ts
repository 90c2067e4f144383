import { namesBackground } from '../volume/backgroundName';
import type { Labelmap } from '../volume/Volume';
import type { SegmentInput } from './SegmentDescription';
import { SegmentationError } from './SegmentationError';

/**
 * A class is background when the caller says so, or when its label starts with the word "background" (the brain
 * preset's "Background", "background air", …). SSLDEC needs a background class to label every voxel, but as a SEG
 * segment it is noise: viewers draw it over the whole image and it has no anatomical code.
 */
export function isBackground(segment: SegmentInput): boolean {
  return segment.background ?? namesBackground(segment.label);
}

/**
 * The labelmap and segments without the background classes: their voxels become 0 (none), and the remaining
 * segments are renumbered 1..K in their order (segment numbers stay consecutive, rule 2).
 * @throws SegmentationError when every class is background (the SEG would be empty).
 */
export function withoutBackground(labelmap: Labelmap, segments: SegmentInput[]): { labelmap: Labelmap; segments: SegmentInput[] } {
  const kept = segments.filter((s) => !isBackground(s));
  if (kept.length === segments.length) return { labelmap, segments };
  if (kept.length === 0) {
    throw new SegmentationError(
      `every class (${segments.map((s) => `"${s.label}"`).join(', ')}) is background, so the SEG would hold no segment; ` +
        'store the background too ("include background"; includeBackground, ssldec --include-background) or name a class otherwise.',
    );
  }
  const table = new Uint8Array(256);
  let next = 0;
  segments.forEach((s, index) => (table[index + 1] = isBackground(s) ? 0 : ++next));
  // Labels above the segment count keep a distinct non-zero value so the writer still reports them.
  for (let v = segments.length + 1; v < 256; v++) table[v] = v;
  return { labelmap: { ...labelmap, data: labelmap.data.map((v) => table[v]) }, segments: kept };
}
