/**
 * Reads back what the viewer shows for a segmentation: every labelmap image of OHIF's segmentation service, as
 * segment numbers per voxel, keyed by the SOP Instance UID of the source image it lies on. Uses OHIF's debug
 * globals, as OHIF's own Playwright tests do.
 */
import type { Page } from 'playwright-core';
import type { Labelmap } from '../../../src/volume/Volume';

/** Segment number per voxel (row-major, as the source image), per source SOP Instance UID. */
export type DisplayedLabelmap = Map<string, Uint8Array>;

export async function displayedLabelmap(page: Page, segmentationId: string): Promise<DisplayedLabelmap> {
  const slices: Record<string, string> = await page.evaluate((id) => {
    const w = window as any;
    const segmentation = w.services.segmentationService.getSegmentation(id);
    if (!segmentation) throw new Error(`no segmentation ${id} in the segmentation service`);
    const data = segmentation.representationData.Labelmap ?? {};
    const bindings: Record<string, { labelmapId: string; labelValue: number }> = data.segmentBindings ?? {};
    const layers: any[] = data.labelmaps && Object.keys(data.labelmaps).length ? Object.values(data.labelmaps) : [data];
    const out: Record<string, Uint8Array> = {};
    for (const layer of layers) {
      const bound = new Map<number, number>();
      for (const [segment, b] of Object.entries(bindings)) if (b.labelmapId === layer.labelmapId) bound.set(b.labelValue, Number(segment));
      for (const imageId of layer.imageIds ?? []) {
        const image = w.cornerstone.cache.getImage(imageId);
        const pixels = image?.voxelManager?.getScalarData?.() ?? image?.getPixelData?.();
        if (!pixels) throw new Error(`labelmap image ${imageId} has no pixels in the cache`);
        const sop = w.cornerstone.metaData.get('generalImageModule', image.referencedImageId)?.sopInstanceUID;
        if (!sop) throw new Error(`labelmap image ${imageId} has no source SOP Instance UID`);
        const values = (out[sop] ??= new Uint8Array(pixels.length));
        for (let p = 0; p < pixels.length; p++) {
          const v = pixels[p];
          if (v !== 0) values[p] = layer.labelToSegmentIndex?.[v] ?? bound.get(v) ?? v;
        }
      }
    }
    // Transfer as base64: a plain array of 512x512 numbers per slice is slow to serialise.
    const encoded: Record<string, string> = {};
    for (const [sop, values] of Object.entries(out)) {
      let binary = '';
      for (let p = 0; p < values.length; p += 0x8000) binary += String.fromCharCode(...values.subarray(p, p + 0x8000));
      encoded[sop] = btoa(binary);
    }
    return encoded;
  }, segmentationId);
  return new Map(Object.entries(slices).map(([sop, b64]) => [sop, new Uint8Array(Buffer.from(b64, 'base64'))]));
}

/**
 * Where the displayed labelmap differs from the written one, one line per wrong slice (empty when identical).
 * @param sopInstanceUIDs source SOP Instance UID of slice k of `written`
 */
export function labelmapDifferences(shown: DisplayedLabelmap, written: Labelmap, sopInstanceUIDs: string[]): string[] {
  const [columns, rows] = written.dimensions;
  const sliceVoxels = columns * rows;
  const differences: string[] = [];
  sopInstanceUIDs.forEach((sop, k) => {
    const want = written.data.subarray(k * sliceVoxels, (k + 1) * sliceVoxels);
    const got = shown.get(sop);
    if (!got) return differences.push(`slice ${k}: not shown`);
    let wrong = 0;
    let first = -1;
    for (let n = 0; n < sliceVoxels; n++) if (got[n] !== want[n]) (wrong++, first < 0 && (first = n));
    if (wrong) differences.push(`slice ${k}: ${wrong} voxels differ, first at ${first} (shown ${got[first]}, written ${want[first]})`);
  });
  return differences;
}
