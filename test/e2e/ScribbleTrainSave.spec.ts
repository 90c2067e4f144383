/**
 * End to end, as a clinician would: open a study in the SSLDEC mode of the real OHIF 3.13 viewer (Debian's Chromium,
 * WebGPU on SwiftShader), paint strokes for three classes with the mouse, reload (scribbles survive), train a tiny
 * network on webgpu, see every class in the prediction overlay, save, find the SEG in Orthanc with QIDO, validate it
 * with dciodvfy, and open it again in OHIF's own SEG display. Steps share one browser and run in order.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, CHROMIUM, type BrowserSession } from '../helpers/browser';
import { startServedStack, type ServedStack } from '../helpers/browserStack';
import { dismissInvestigationalBanner, drag, pagePoints, segmentCounts, showSlice, waitForPanel } from './viewerProbes';

jest.setTimeout(10 * 60_000);

const DCIODVFY = '/usr/bin/dciodvfy';
const ready = existsSync(CHROMIUM) && existsSync('/usr/sbin/Orthanc');
const describeE2e = ready || process.env.CI === 'true' ? describe : describe.skip;
if (!ready) console.warn('SKIP e2e: needs /usr/bin/chromium and Orthanc (npm test installs them on Debian)');

/** Phantom classes painted by the test: 1 = background (air, scalp, skull), 2 = grey matter, 3 = white matter. */
const CLASSES = 3;
const SLICE = 8;
/** Strokes per class in phantom-normalised coordinates (see scripts/lib/demoPhantom.js for the tissue layout). */
const STROKES: Record<number, Array<Array<[number, number]>>> = {
  // Air beside and below the head; kept clear of the viewport's slice scrollbar at the right edge.
  1: [[[-0.93, -0.8], [-0.93, 0.8]], [[-0.5, 0.92], [0.5, 0.92]]],
  2: [[[-0.45, -0.35], [-0.35, -0.45]], [[0.45, 0.35], [0.35, 0.45]]],
  // White matter between the ventricles (|x| 0.02..0.22) and the grey matter (r > ~0.46).
  3: [[[0.28, -0.2], [0.34, 0.1]], [[-0.32, -0.05], [-0.3, 0.2]]],
};

describeE2e('SSLDEC in OHIF: scribble, train on WebGPU, save to the PACS', () => {
  let stack: ServedStack;
  let browser: BrowserSession;
  let scribblesBefore: Record<number, number> = {};
  let predicted: Record<number, number> = {};
  let savedSeriesUid = '';

  beforeAll(async () => {
    stack = await startServedStack({ preset: 'tiny', backend: 'webgpu', maxRounds: 1, seed: 7 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  afterEach(() => {
    if (browser?.problems.length) console.log(`Browser problems so far:\n${browser.problems.slice(-15).join('\n')}`);
  });

  async function openStudy(): Promise<void> {
    const { page } = browser;
    await page.goto(stack.studyUrl);
    await page.locator('[data-testid="ssldec-panel"]').waitFor({ timeout: 120_000 });
    await page.locator('.cornerstone-canvas').first().waitFor({ timeout: 120_000 });
    await page.waitForFunction(
      () => {
        const w = window as any;
        const engine = w.cornerstone?.getRenderingEngines?.().find((e: any) => e.id !== '_thumbnails');
        return !!engine?.getViewports?.()[0]?.getCurrentImageId?.();
      },
      undefined,
      { timeout: 120_000 },
    );
    await dismissInvestigationalBanner(page);
  }

  it('opens the study in the SSLDEC mode with the panel first', async () => {
    await openStudy();
    const { page } = browser;
    await showSlice(page, stack.phantom.volume, SLICE);
    expect(await page.locator('[data-testid="ssldec-train"]').isVisible()).toBe(true);
    await browser.screenshot('01-study-in-ssldec-mode');
  });

  it('paints strokes for three classes with real mouse drags', async () => {
    const { page } = browser;
    for (let n = 0; n < CLASSES; n++) await page.locator('[data-testid="ssldec-add-class"]').click();
    for (let value = 1; value <= CLASSES; value++) {
      await page.locator(`[data-testid="ssldec-class-${value}"]`).click();
      // The brush paints this class only once OHIF has the scribble segmentation with this segment active.
      await page.locator(`[data-testid="ssldec-class-${value}"][data-brush="true"]`).waitFor({ timeout: 60_000 });
      await page.waitForTimeout(300);
      for (const stroke of STROKES[value]) {
        await drag(page, await pagePoints(page, stack.phantom.volume, SLICE, stroke));
      }
    }
    await page.waitForTimeout(1500); // the panel persists scribbles shortly after the last edit
    // Quick "Add class" clicks once made a scribble segmentation per click, and strokes went to an orphan one.
    const scribbleSegmentations = await page.evaluate(() =>
      (window as any).services.segmentationService.getSegmentations().filter((s: any) => s.label === 'SSLDEC scribbles').length);
    expect(scribbleSegmentations).toBe(1);
    scribblesBefore = (await segmentCounts(page, { label: 'SSLDEC scribbles' })) ?? {};
    for (let value = 1; value <= CLASSES; value++) expect(scribblesBefore[value]).toBeGreaterThan(3);
    await browser.screenshot('02-scribbles');
  });

  it('keeps the scribbles and classes across a page reload', async () => {
    const { page } = browser;
    await page.reload();
    await openStudy();
    await page.locator(`[data-testid="ssldec-class-${CLASSES}"]`).waitFor({ timeout: 30_000 });
    let after: Record<number, number> | undefined;
    const deadline = Date.now() + 30_000;
    do {
      after = await segmentCounts(page, { label: 'SSLDEC scribbles' });
      if (after && Object.keys(after).length >= CLASSES) break;
      await page.waitForTimeout(500);
    } while (Date.now() < deadline);
    expect(after).toEqual(scribblesBefore);
    await showSlice(page, stack.phantom.volume, SLICE);
    await browser.screenshot('03-scribbles-after-reload');
  });

  it('trains a tiny network on webgpu and shows every class in the prediction overlay', async () => {
    const { page } = browser;
    const started = Date.now();
    await page.locator('[data-testid="ssldec-train"]').click();
    await waitForPanel(page, '[data-testid="ssldec-prediction"][data-available="true"]', 8 * 60_000);
    const firstOverlayMs = Date.now() - started;
    const status = await page.locator('[data-testid="ssldec-status"]').innerText();
    console.log(`Train → first overlay: ${(firstOverlayMs / 1000).toFixed(1)} s; status: ${status}`);
    expect(status).toContain('backend: webgpu');
    predicted = (await segmentCounts(page, { label: 'SSLDEC prediction' })) ?? {};
    for (let value = 1; value <= CLASSES; value++) expect(predicted[value]).toBeGreaterThan(0);
    await showSlice(page, stack.phantom.volume, SLICE);
    await browser.screenshot('04-prediction');
  });

  it('saves a BINARY SEG to the PACS that QIDO finds and dciodvfy accepts', async () => {
    const { page } = browser;
    await page.locator('[data-testid="ssldec-save"]').click();
    const saved = '[data-testid="ssldec-save-result"][data-status="saved"]';
    await waitForPanel(page, saved, 60_000);
    const result = page.locator(saved);
    savedSeriesUid = (await result.getAttribute('data-series-uid')) ?? '';
    expect(savedSeriesUid).toMatch(/^[0-9.]+$/);
    expect(await result.innerText()).toContain(savedSeriesUid);
    await browser.screenshot('05-saved');

    const study = stack.series.studyInstanceUID;
    const qido = await fetch(`${stack.dicomWebRoot}/studies/${study}/series?Modality=SEG`, { headers: { ...stack.pacsHeaders, accept: 'application/dicom+json' } });
    const seriesFound = ((await qido.json()) as any[]).map((s) => s['0020000E'].Value[0]);
    expect(seriesFound).toContain(savedSeriesUid);

    const bytes = await retrieveFirstInstance(stack.dicomWebRoot, study, savedSeriesUid, stack.pacsHeaders);
    const dir = mkdtempSync(join(tmpdir(), 'ssldec-e2e-seg-'));
    try {
      const path = join(dir, 'seg.dcm');
      writeFileSync(path, bytes);
      const r = spawnSync(DCIODVFY, [path], { encoding: 'utf8' });
      const errors = `${r.stdout}${r.stderr}`.split('\n').filter((l) => l.startsWith('Error'));
      expect(errors).toEqual([]);
      expect(`${r.stdout}${r.stderr}`).toContain('Segmentation');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("opens the saved SEG in OHIF's SEG display after a reload, voxel for voxel", async () => {
    const { page } = browser;
    await page.reload();
    await openStudy();
    // The study browser lists the new SEG series; double-clicking its thumbnail opens OHIF's SEG viewport.
    const thumbnail = page.locator('[data-cy^="study-browser-thumbnail"]').filter({ hasText: 'SEG' }).first();
    await thumbnail.waitFor({ timeout: 60_000 });
    await thumbnail.dblclick();
    const segmentationId = await page.waitForFunction(
      (uid) => {
        const w = window as any;
        const seg = w.services.displaySetService.getActiveDisplaySets().find((d: any) => d.Modality === 'SEG' && d.SeriesInstanceUID === uid);
        return seg?.isLoaded && w.services.segmentationService.getSegmentation(seg.displaySetInstanceUID) ? seg.displaySetInstanceUID : false;
      },
      savedSeriesUid,
      { timeout: 60_000 },
    );
    const reopened = (await segmentCounts(page, { id: String(await segmentationId.jsonValue()) })) ?? {};
    // OHIF decoded our bit-packed frames onto the source slices: the same voxels per class as the prediction.
    for (let value = 1; value <= CLASSES; value++) expect(reopened[value] ?? 0).toBe(predicted[value]);
    await showSlice(page, stack.phantom.volume, SLICE).catch(() => undefined); // the SEG viewport's stack, if it allows
    await browser.screenshot('06-seg-reopened-in-ohif');
  });
});

/** WADO-RS retrieve of the first instance of a series, as Part-10 bytes (one-part multipart/related). */
async function retrieveFirstInstance(dicomWebRoot: string, study: string, series: string, auth: Record<string, string>): Promise<Buffer> {
  const list = await fetch(`${dicomWebRoot}/studies/${study}/series/${series}/instances`, { headers: { ...auth, accept: 'application/dicom+json' } });
  const sop = ((await list.json()) as any[])[0]['00080018'].Value[0];
  const r = await fetch(`${dicomWebRoot}/studies/${study}/series/${series}/instances/${sop}`, {
    headers: { ...auth, accept: 'multipart/related; type="application/dicom"' },
  });
  const boundary = /boundary="?([^";]+)"?/.exec(r.headers.get('content-type') ?? '')?.[1];
  if (!boundary) throw new Error(`WADO-RS answered ${r.status} without a multipart boundary`);
  const body = Buffer.from(await r.arrayBuffer());
  const start = body.indexOf('\r\n\r\n', body.indexOf(`--${boundary}`)) + 4;
  const end = body.indexOf(`\r\n--${boundary}`, start);
  return body.subarray(start, end);
}
