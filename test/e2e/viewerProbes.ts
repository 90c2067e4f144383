/**
 * What the end-to-end test reads from and does to the running viewer. Reading uses OHIF's debug globals
 * (`window.services`, `window.cornerstone`), as OHIF's own Playwright tests do; painting uses real mouse drags.
 */
import type { Page } from 'playwright-core';
import type { Volume } from '../../src/volume/Volume';

/**
 * Voxel counts per segment index of a segmentation, found by its label or its id (0 = unlabelled is left out);
 * undefined while no such segmentation exists.
 */
export async function segmentCounts(page: Page, which: { label: string } | { id: string }): Promise<Record<number, number> | undefined> {
  return page.evaluate((wanted) => {
    const w = window as any;
    const segmentation = w.services.segmentationService
      .getSegmentations()
      .find((s: any) => ('label' in wanted ? s.label === wanted.label : s.segmentationId === wanted.id));
    if (!segmentation) return undefined;
    const data = segmentation.representationData.Labelmap ?? {};
    const bindings: Record<string, { labelmapId: string; labelValue: number }> = data.segmentBindings ?? {};
    const layers: any[] = data.labelmaps && Object.keys(data.labelmaps).length ? Object.values(data.labelmaps) : [data];
    const counts: Record<number, number> = {};
    for (const layer of layers) {
      const bound = new Map<number, number>();
      for (const [segment, b] of Object.entries(bindings)) if (b.labelmapId === layer.labelmapId) bound.set(b.labelValue, Number(segment));
      for (const imageId of layer.imageIds ?? []) {
        const image = w.cornerstone.cache.getImage(imageId);
        const pixels = image?.voxelManager?.getScalarData?.() ?? image?.getPixelData?.();
        if (!pixels) continue;
        for (let p = 0; p < pixels.length; p++) {
          const v = pixels[p];
          if (v === 0) continue;
          const segment = layer.labelToSegmentIndex?.[v] ?? bound.get(v) ?? v;
          counts[segment] = (counts[segment] ?? 0) + 1;
        }
      }
    }
    return counts;
  }, which);
}

/** Shows slice `k` of the volume (k = 0 at the volume origin) in the first viewport, waiting for the render. */
export async function showSlice(page: Page, volume: Volume, k: number): Promise<void> {
  const z = volume.origin[2] + k * volume.spacing[2] * volume.direction[8];
  await page.evaluate(async (sliceZ) => {
    const w = window as any;
    const viewport = w.cornerstone.getRenderingEngines().find((e: any) => e.id !== '_thumbnails').getViewports()[0];
    const ids: string[] = viewport.getImageIds();
    // The stack's order is the viewer's; find the image at this slice position.
    const index = ids.findIndex((id) => Math.abs(w.cornerstone.metaData.get('imagePlaneModule', id).imagePositionPatient[2] - sliceZ) < 1e-3);
    if (index < 0) throw new Error(`No image at z=${sliceZ} in the viewport's stack of ${ids.length}`);
    await viewport.setImageIdIndex(index);
    viewport.render();
  }, z);
  await page.waitForTimeout(300);
}

/**
 * Page coordinates of points given in the phantom's normalised coordinates (-1..1 across columns and rows) on the
 * slice shown, through the viewport's own world-to-canvas transform.
 */
export async function pagePoints(page: Page, volume: Volume, k: number, points: Array<[number, number]>): Promise<Array<[number, number]>> {
  const worlds = points.map(([x, y]) => {
    const i = ((x + 1) * volume.dimensions[0]) / 2 - 0.5;
    const j = ((y + 1) * volume.dimensions[1]) / 2 - 0.5;
    const d = volume.direction;
    return [0, 1, 2].map((a) => volume.origin[a] + i * volume.spacing[0] * d[a] + j * volume.spacing[1] * d[3 + a] + k * volume.spacing[2] * d[6 + a]);
  });
  return page.evaluate((ws) => {
    const w = window as any;
    const viewport = w.cornerstone.getRenderingEngines().find((e: any) => e.id !== '_thumbnails').getViewports()[0];
    const rect = viewport.canvas.getBoundingClientRect();
    return ws.map((world: number[]) => {
      const [cx, cy] = viewport.worldToCanvas(world);
      return [rect.left + cx, rect.top + cy] as [number, number];
    });
  }, worlds);
}

/** A real mouse drag through the points (left button), in small steps like a hand. */
export async function drag(page: Page, path: Array<[number, number]>): Promise<void> {
  await page.mouse.move(path[0][0], path[0][1]);
  await page.mouse.down();
  for (const [x, y] of path.slice(1)) await page.mouse.move(x, y, { steps: 4 });
  await page.mouse.up();
}

/**
 * Waits until `selector` is visible; if the panel shows its error box first, fails at once with the panel's message
 * (so a failing step says why, not just "timeout").
 */
export async function waitForPanel(page: Page, selector: string, timeoutMs: number): Promise<void> {
  const error = page.locator('[data-testid="ssldec-error"]');
  // Settles only by failing: when no error shows, the wait for `selector` alone decides (its timeout included).
  const errorShown = error.waitFor({ timeout: timeoutMs }).then(
    async () => {
      throw new Error(`The SSLDEC panel showed an error while waiting for ${selector}: ${await error.innerText()}`);
    },
    () => new Promise<never>(() => undefined),
  );
  await Promise.race([page.locator(selector).waitFor({ timeout: timeoutMs }), errorShown]);
}

/** Waits until the main viewport shows an image (the thumbnails' rendering engine does not count). */
export async function waitForViewportImage(page: Page, timeoutMs = 120_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const w = window as any;
      const engine = w.cornerstone?.getRenderingEngines?.().find((e: any) => e.id !== '_thumbnails');
      return !!engine?.getViewports?.()[0]?.getCurrentImageId?.();
    },
    undefined,
    { timeout: timeoutMs },
  );
}

/** Closes OHIF 3.13's "for investigational use only" banner, which covers the bottom of the viewport. */
export async function dismissInvestigationalBanner(page: Page): Promise<void> {
  const button = page.getByRole('button', { name: 'Confirm and hide' });
  if (await button.isVisible().catch(() => false)) await button.click();
}

/** The slice the first viewport shows: its index in the viewport's stack and the stack's length. */
export async function shownSlice(page: Page): Promise<{ index: number; count: number }> {
  return page.evaluate(() => {
    const w = window as any;
    const viewport = w.cornerstone.getRenderingEngines().find((e: any) => e.id !== '_thumbnails').getViewports()[0];
    return { index: viewport.getCurrentImageIdIndex(), count: viewport.getImageIds().length };
  });
}

/** OHIF 3.13's "middle" initial image of a stack of `count` (CornerstoneViewportService._getInitialImageIndex). */
export function middleSliceIndex(count: number): number {
  return Math.ceil((count - 1) / 2);
}
