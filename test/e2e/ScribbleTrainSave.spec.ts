/**
 * End to end, as a clinician would, on a study with odd dimensions (91×106 in-plane, 8 slices): open it in the SSLDEC
 * mode of the real OHIF 3.13 viewer (Debian's Chromium; it opens on the middle slice), paint strokes for three classes with the mouse, reload
 * (scribbles survive), train on the backend the panel chooses for this machine (wasm: the only WebGPU adapter is
 * SwiftShader, a software one) with one monotone progress bar whose ETA is checked against the measured time, go to
 * the image the model doubts most (the panel's "Go to image N"), reload
 * again (prediction, the run's first result and the model survive) and Retrain, remove and rename classes (strokes, overlay and counts follow;
 * the prediction goes stale and Save waits), add the Background class the panel asks for and leave it unpainted,
 * train, save (the new SEG series appears in the viewer's series list without a reload; the Background is not a
 * segment of it), find the SEG in Orthanc with QIDO, and validate it with dciodvfy. Steps share one browser and run in order. (Reopening saved SEGs at odd sizes is the SEG reopen spec's.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, CHROMIUM, type BrowserSession } from '../helpers/browser';
import { startServedStack, type ServedStack } from '../helpers/browserStack';
import {
  dismissInvestigationalBanner, drag, middleSliceIndex, pagePoints, segmentCounts, showSlice, shownSlice, waitForPanel, waitForViewportImage,
} from './viewerProbes';

jest.setTimeout(10 * 60_000);

const DCIODVFY = '/usr/bin/dciodvfy';
const ready = existsSync(CHROMIUM) && existsSync('/usr/sbin/Orthanc');
const describeE2e = ready || process.env.CI === 'true' ? describe : describe.skip;
if (!ready) console.warn('SKIP e2e: needs /usr/bin/chromium and Orthanc (npm test installs them on Debian)');

/** Phantom classes painted by the test: 1 = background (air, scalp, skull), 2 = grey matter, 3 = white matter. */
const CLASSES = 3;
/** Odd in-plane size: 91×106 = 9646 pixels per frame, not a multiple of 8 (bit-packed SEG frames do not start on a byte). */
const SIZE: [number, number, number] = [91, 106, 16];
/**
 * Volume slice k painted on, shown by position before painting: next to the stack's middle, where the viewer opens
 * (stack index 4 of 8; OHIF's stack runs opposite to k here, so that is k = 3).
 */
const SLICE = 4;
/** Strokes per class in phantom-normalised coordinates (see scripts/lib/demoPhantom.js for the tissue layout). */
const STROKES: Record<number, Array<Array<[number, number]>>> = {
  // Air beside and below the head; kept clear of the viewport's slice scrollbar at the right edge.
  1: [[[-0.93, -0.8], [-0.93, 0.8]], [[-0.5, 0.92], [0.5, 0.92]]],
  2: [[[-0.45, -0.35], [-0.35, -0.45]], [[0.45, 0.35], [0.35, 0.45]]],
  // White matter between the ventricles (|x| 0.02..0.22) and the grey matter (r > ~0.46).
  3: [[[0.28, -0.2], [0.34, 0.1]], [[-0.32, -0.05], [-0.3, 0.2]]],
};

describeE2e('SSLDEC in OHIF: scribble, train on the machine\'s backend, reload, edit classes, save to the PACS', () => {
  let stack: ServedStack;
  let browser: BrowserSession;
  /** What the page's workers wrote to their consoles (the training worker says when its set-up worker failed). */
  const workerConsole: string[] = [];
  let scribblesBefore: Record<number, number> = {};
  let predicted: Record<number, number> = {};
  // Which result the panel showed after training (the engine keeps the first where its boundaries follow the image).
  let shownAfterTraining: 'refined' | 'first' = 'refined';

  beforeAll(async () => {
    // No backend forced: the panel chooses by what the machine is. The 'cpu' preset (120 + 15 steps) on 16 slices
    // makes a run long enough (seconds on wasm) for the progress bar's ETA to be checked; one SSLDEC round, because
    // later rounds may stop early when labels settle, which no ETA can know in advance (it then errs long, never short).
    // Two wasm threads asked for, so that TF.js's thread workers start here too (on two cores the default is one).
    stack = await startServedStack({ preset: 'cpu', maxRounds: 1, seed: 7, wasmThreads: 2 }, SIZE);
    browser = await launchBrowser();
    browser.page.setDefaultTimeout(90_000); // a shared 2-core machine under load answers slowly
    browser.page.on('worker', (worker) => worker.on('console', (message) => workerConsole.push(message.text())));
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
    // 'load' waits for every image of the study; on a busy shared machine that alone took over 30 s.
    await page.goto(stack.studyUrl, { waitUntil: 'domcontentloaded', timeout: 180_000 });
    await page.locator('[data-testid="ssldec-panel"]').waitFor({ timeout: 120_000 });
    await page.locator('.cornerstone-canvas').first().waitFor({ timeout: 120_000 });
    await waitForViewportImage(page);
    await dismissInvestigationalBanner(page);
  }

  it('opens the study in the SSLDEC mode with the panel first, on the middle slice', async () => {
    await openStudy();
    const { page } = browser;
    const opened = await shownSlice(page);
    expect(opened.count).toBe(SIZE[2]);
    expect(opened.index).toBe(middleSliceIndex(SIZE[2]));
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
    await page.reload({ waitUntil: 'domcontentloaded', timeout: 180_000 });
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

  it('trains on wasm (chosen over the SwiftShader WebGPU adapter), with one monotone bar and an honest ETA', async () => {
    const { page } = browser;
    await recordProgress(page);
    // What the browser fetched while it trained: the training worker starts its own worker to share its set-up.
    const fetched: string[] = [];
    const record = (response: { url(): string; status(): number }) => fetched.push(`${response.status()} ${response.url()}`);
    browser.context.on('response', record);
    const started = Date.now();
    await page.locator('[data-testid="ssldec-train"]').click();
    await waitForPanel(page, '[data-testid="ssldec-prediction"][data-available="true"]', 5 * 60_000);
    const firstOverlayMs = Date.now() - started;
    const status = await page.locator('[data-testid="ssldec-status"]').innerText();
    const notice = await page.locator('[data-testid="ssldec-notice"]').innerText();
    console.log(`Train → final overlay: ${(firstOverlayMs / 1000).toFixed(1)} s; status: ${status}; notice: ${notice}`);
    expect(status).toContain('backend: wasm');
    // The supervised model's prediction was on screen before the SSLDEC rounds finished (the panel times it).
    const firstResult = Number(/\(first result at ([\d.]+) s\)/.exec(status)?.[1]);
    expect(firstResult).toBeGreaterThan(0);
    expect(firstResult * 1000).toBeLessThan(firstOverlayMs);
    expect(notice).toMatch(/Trained on wasm \(SIMD.*\) because the only WebGPU adapter is a software one/);
    // Threads on: the page is cross-origin isolated and the training worker's CSP lets TF.js start its blob: thread
    // workers; the count is the site's (wasmThreads 2), and the notice says how many actually run.
    expect(notice).toContain('wasm (SIMD, 2 threads)');
    expect(browser.problems.filter((p) => p.startsWith('pageerror'))).toEqual([]);
    browser.context.off('response', record);
    // ... and shared it: where that worker fails, the training worker computes all of it and says so.
    expect(fetched.filter((f) => f.includes('/plugins/ssldec-setup-worker.js'))).toEqual([expect.stringMatching(/^200 /)]);
    expect(workerConsole.filter((m) => m.includes('set-up'))).toEqual([]);
    predicted = (await segmentCounts(page, { label: 'SSLDEC prediction' })) ?? {};
    for (let value = 1; value <= CLASSES; value++) expect(predicted[value]).toBeGreaterThan(0);
    checkProgress(await progressSamples(page));
    await showSlice(page, stack.phantom.volume, SLICE);
    await browser.screenshot('04-prediction-on-wasm');
    // The run's other result stays at hand: the first one, or the refined one where the engine kept the first (its
    // class boundaries on stronger image edges; the notice says so). Switching shows it (its overlay painted), and
    // switching back restores the kept one voxel for voxel.
    const resultSwitch = page.locator('[data-testid="ssldec-result-switch"]');
    shownAfterTraining = (await resultSwitch.getAttribute('data-shown')) as 'refined' | 'first';
    expect(['refined', 'first']).toContain(shownAfterTraining);
    expect(/Kept the first result/.test(notice)).toBe(shownAfterTraining === 'first');
    const otherShown = shownAfterTraining === 'refined' ? 'first' : 'refined';
    await page.locator('[data-testid="ssldec-switch-result"]').click();
    await waitForPanel(page, `[data-testid="ssldec-result-switch"][data-shown="${otherShown}"]`, 30_000);
    const other = (await segmentCounts(page, { label: 'SSLDEC prediction' })) ?? {};
    for (let value = 1; value <= CLASSES; value++) expect(other[value]).toBeGreaterThan(0);
    await page.locator('[data-testid="ssldec-switch-result"]').click();
    await waitForPanel(page, `[data-testid="ssldec-result-switch"][data-shown="${shownAfterTraining}"]`, 30_000);
    expect(await segmentCounts(page, { label: 'SSLDEC prediction' })).toEqual(predicted);
    expect(browser.problems.filter((p) => p.startsWith('pageerror'))).toEqual([]);
  });

  it('points at the image it doubts most (not the scribbled one) and scrolls the viewport there', async () => {
    const { page } = browser;
    await showSlice(page, stack.phantom.volume, SLICE);
    const scribbled = await shownSlice(page);
    const hint = page.locator('[data-testid="ssldec-doubtful-image"]');
    await hint.waitFor({ timeout: 10_000 });
    const image = Number(await hint.getAttribute('data-image'));
    expect(Number(await hint.getAttribute('data-images'))).toBe(SIZE[2]);
    expect(image).toBeGreaterThanOrEqual(1);
    expect(image).toBeLessThanOrEqual(SIZE[2]);
    expect(image).not.toBe(scribbled.index + 1); // the slice with strokes is never the one offered
    expect(await hint.innerText()).toContain(`Least sure on image ${image} of ${SIZE[2]}`);
    await page.locator('[data-testid="ssldec-show-doubtful-image"]').click();
    await page.waitForFunction((wanted) => {
      const w = window as any;
      const viewport = w.cornerstone.getRenderingEngines().find((e: any) => e.id !== '_thumbnails').getViewports()[0];
      return viewport.getCurrentImageIdIndex() === wanted;
    }, image - 1, { timeout: 10_000 });
    expect(await shownSlice(page)).toEqual({ index: image - 1, count: SIZE[2] });
    expect(await page.locator('[data-testid="ssldec-error"]').count()).toBe(0);
    await browser.screenshot('04b-the-image-it-doubts-most');
  });

  it('after a reload keeps the prediction, the run\'s first result and the model: Retrain continues from it', async () => {
    const { page } = browser;
    await page.reload({ waitUntil: 'domcontentloaded', timeout: 180_000 });
    await openStudy();
    // The restore loads the kept model into a fresh worker (wasm starts there first): slow on a busy machine.
    await page.locator('[data-testid="ssldec-notice"]', { hasText: 'Restored' }).waitFor({ timeout: 180_000 });
    expect(await page.locator('[data-testid="ssldec-notice"]').innerText()).toContain('the trained model');
    expect(await page.locator('[data-testid="ssldec-prediction"]').getAttribute('data-available')).toBe('true');
    // The run's other result came back from IndexedDB too, with its model: the switch is offered again.
    const otherKind = shownAfterTraining === 'refined' ? 'first' : 'refined';
    expect(await page.locator('[data-testid="ssldec-notice"]').innerText()).toContain(`the run's ${otherKind} result to switch to`);
    expect(await page.locator('[data-testid="ssldec-result-switch"]').getAttribute('data-shown')).toBe(shownAfterTraining);
    const retrain = page.locator('[data-testid="ssldec-retrain"]:not([disabled])');
    await retrain.waitFor({ timeout: 10_000 });
    await recordProgress(page);
    await retrain.click();
    await waitForPanel(page, '[data-testid="ssldec-progress"][data-status="done"]', 5 * 60_000);
    expect(await page.locator('[data-testid="ssldec-status"]').innerText()).toMatch(/Done in .* \(retrained\) · backend: wasm/);
    checkProgress(await progressSamples(page));
    await showSlice(page, stack.phantom.volume, SLICE);
    await browser.screenshot('05-retrained-after-reload');
  });

  it('removing and renaming classes updates strokes, overlay and counts; the stale prediction cannot be saved; the asked-for Background is one click', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Remove Class 2' }).click();
    await page.locator('[data-testid="ssldec-prediction"][data-stale="true"]').waitFor({ timeout: 10_000 });
    const scribbles = (await segmentCounts(page, { label: 'SSLDEC scribbles' })) ?? {};
    const overlay = (await segmentCounts(page, { label: 'SSLDEC prediction' })) ?? {};
    expect(scribbles[2] ?? 0).toBe(0);
    expect(scribbles[1]).toBe(scribblesBefore[1]);
    expect(overlay[2] ?? 0).toBe(0);
    expect(await page.locator('[data-testid="ssldec-class-volumes"] [data-class-value="2"]').count()).toBe(0);
    expect(await page.locator('[data-testid="ssldec-save"]').isDisabled()).toBe(true);
    expect(await page.locator('[data-testid="ssldec-retrain"]').isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Rename Class 3' }).click();
    const name = page.getByRole('textbox', { name: 'Class name' });
    await name.fill('White matter');
    await name.press('Enter');
    await page.locator('[data-testid="ssldec-class-3"]', { hasText: 'White matter' }).waitFor({ timeout: 10_000 });
    const labels = await page.evaluate(() => {
      const seg = (window as any).services.segmentationService;
      const prediction = seg.getSegmentations().find((s: any) => s.label === 'SSLDEC prediction');
      return { three: prediction.segments[3]?.label, two: prediction.segments[2]?.label ?? null };
    });
    expect(labels).toEqual({ three: 'White matter', two: null });
    await showSlice(page, stack.phantom.volume, SLICE);
    await browser.screenshot('06-class-removed-and-renamed');

    // No class is named Background, so the panel asks for one; its button adds it (value 4) and the hint goes.
    const hint = page.locator('[data-testid="ssldec-no-background-hint"]');
    expect(await hint.count()).toBe(1);
    await page.locator('[data-testid="ssldec-add-background"]').click();
    await page.locator('[data-testid="ssldec-class-4"]', { hasText: 'Background' }).waitFor({ timeout: 10_000 });
    await hint.waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('trains for the classes now listed; Save is possible again', async () => {
    const { page } = browser;
    await page.locator('[data-testid="ssldec-train"]').click();
    await waitForPanel(page, '[data-testid="ssldec-prediction"][data-stale="false"][data-available="true"]', 5 * 60_000);
    await waitForPanel(page, '[data-testid="ssldec-progress"][data-status="done"]', 60_000);
    predicted = (await segmentCounts(page, { label: 'SSLDEC prediction' })) ?? {};
    expect(predicted[1]).toBeGreaterThan(0);
    expect(predicted[3]).toBeGreaterThan(0);
    expect(predicted[2] ?? 0).toBe(0);
    // The unpainted Background is the catch-all of the engine's geodesic prior: it may take voxels far from every
    // stroke, is not a missing class (it had no strokes), and the notice asks for its strokes.
    expect(await page.locator('[data-testid="ssldec-missing-classes"]').count()).toBe(0);
    expect(await page.locator('[data-testid="ssldec-notice"]').innerText()).toContain('No strokes for "Background"');
    expect(await page.locator('[data-testid="ssldec-save"]').isDisabled()).toBe(false);
  });

  it('saves a SEG (FRACTIONAL 0/255 at this odd 91x106 size) with the classes as listed that QIDO finds and dciodvfy accepts', async () => {
    const { page } = browser;
    await page.locator('[data-testid="ssldec-save"]').click();
    const saved = '[data-testid="ssldec-save-result"][data-status="saved"]';
    await waitForPanel(page, saved, 60_000);
    const result = page.locator(saved);
    const savedSeriesUid = (await result.getAttribute('data-series-uid')) ?? '';
    expect(savedSeriesUid).toMatch(/^[0-9.]+$/);
    expect(await result.innerText()).toContain(savedSeriesUid);
    // Listed in the viewer at once, as OHIF's own saved SEGs are (no reload), and it opens from there with the
    // voxels saved: the classes as listed, renumbered 1..K (Class 1 → 1, White matter → 2), Background left out.
    const thumbnail = page.locator('[data-cy^="study-browser-thumbnail"]').filter({ hasText: 'SSLDEC segmentation' });
    await thumbnail.first().waitFor({ timeout: 10_000 });
    expect(await thumbnail.count()).toBe(1);
    await thumbnail.first().dblclick();
    const opened = await page.waitForFunction(
      (uid) => {
        const w = window as any;
        const seg = w.services.displaySetService.getActiveDisplaySets().find((d: any) => d.Modality === 'SEG' && d.SeriesInstanceUID === uid);
        return seg?.isLoaded && w.services.segmentationService.getSegmentation(seg.displaySetInstanceUID) ? seg.displaySetInstanceUID : false;
      },
      savedSeriesUid,
      { timeout: 60_000 },
    );
    expect(await segmentCounts(page, { id: String(await opened.jsonValue()) })).toEqual({ 1: predicted[1], 2: predicted[3] });
    await browser.screenshot('07-saved-and-reopened-from-the-series-list');

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
      // The SEG's segments are the classes as listed now: the removed one is gone, the renamed one has its new name,
      // and the Background is left out (the writer's default).
      const dump = spawnSync('dcmdump', ['+P', '0062,0005', path], { encoding: 'utf8' }).stdout;
      expect([...dump.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1])).toEqual(['Class 1', 'White matter']);
      // 91x106 frames are not byte-aligned bit-packed, so the writer stores FRACTIONAL 0/255, which OHIF reopens.
      expect(spawnSync('dcmdump', ['+P', '0062,0001', path], { encoding: 'utf8' }).stdout).toContain('[FRACTIONAL]');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Starts recording the progress bar's share and ETA on every change (page time, ms). */
async function recordProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as any;
    w.__ssldecProgress?.observer.disconnect();
    const samples: Array<{ t: number; fraction: number; eta: number; status: string; phase: string }> = [];
    const bar = () => document.querySelector('[data-testid="ssldec-progress"]') as HTMLElement;
    const record = () => {
      const el = bar();
      samples.push({
        t: performance.now(), fraction: Number(el.dataset.fraction), eta: Number(el.dataset.eta || NaN), status: el.dataset.status ?? '', phase: el.dataset.phase ?? '',
      });
    };
    const observer = new MutationObserver(record);
    observer.observe(bar(), { attributes: true });
    w.__ssldecProgress = { observer, samples };
  });
}

type ProgressSample = { t: number; fraction: number; eta: number; status: string; phase: string };

async function progressSamples(page: Page): Promise<ProgressSample[]> {
  return page.evaluate(() => (window as any).__ssldecProgress.samples);
}

/**
 * The bar never goes back within a run, and once past 20 % the ETA is honest about the time that was actually left
 * until the prediction was ready (the worker's end: the panel then only draws it): in each phase the median of
 * ETA / actual lies within a factor of 2 (a phase priced wrong, like the preview pass once at 0.44×, fails here), and
 * every single sample within a factor of 3. The last 3 s are not judged (a third of a run shorter than 9 s, at least
 * 1.5 s: a Retrain here takes about 4 s): there the ratio of two small numbers swings with the machine's load. Single samples swing too: over 20 timed runs (ten executions of this spec on a 2-core
 * machine) the largest ratio was 0.89–1.28 on 17, but 1.72, 2.05 and 1.67 on three Retrains after a reload, early in
 * the supervised phase with 2.6, 2.5 and 4.5 s left. A phase is judged by its median only with five samples or more:
 * a Retrain after a reload once had a single preview sample past 20 %, at 0.46 with 3.1 s left (CI, 2-core machine),
 * while its supervised phase's 110 had a median of 0.72.
 */
const MIN_PHASE_SAMPLES = 5;

function checkProgress(samples: ProgressSample[]): void {
  const running = samples.filter((s) => s.status === 'running');
  const end = samples.find((s) => s.phase === 'writing' || s.status === 'done')?.t;
  expect(running.length).toBeGreaterThan(5);
  expect(end).toBeDefined();
  for (let i = 1; i < running.length; i++) expect(running[i].fraction).toBeGreaterThanOrEqual(running[i - 1].fraction);
  // The tail not judged: 3 s, or a third of a shorter run (a Retrain on this phantom takes about 4 s).
  const tail = Math.min(3000, Math.max(1500, (end! - running[0].t) / 3));
  const judged = running.filter((s) => s.fraction >= 0.2 && Number.isFinite(s.eta) && end! - s.t >= tail);
  const ratios = judged.map((s) => ({ ...s, left: (end! - s.t) / 1000, ratio: (s.eta * 1000) / (end! - s.t) }));
  const sorted = [...ratios].sort((a, b) => a.ratio - b.ratio);
  const show = (r: (typeof ratios)[number]) => `${r.ratio.toFixed(2)} (${r.phase} at ${(r.fraction * 100).toFixed(0)} %: ETA ${r.eta.toFixed(1)} s, ${r.left.toFixed(1)} s left)`;
  const phases = [...new Set(ratios.map((r) => r.phase))].map((phase) => {
    const inPhase = ratios.filter((r) => r.phase === phase).map((r) => r.ratio).sort((a, b) => a - b);
    return { phase, samples: inPhase.length, median: inPhase[inPhase.length >> 1] };
  });
  console.log(`progress: ${running.length} updates over ${((end! - running[0].t) / 1000).toFixed(1)} s; ETA/actual past 20 %: ` +
    `min ${show(sorted[0])}, max ${show(sorted[sorted.length - 1])} (${ratios.length} samples); median by phase ` +
    phases.map((p) => `${p.phase} ${p.median.toFixed(2)} (${p.samples})`).join(', '));
  expect(judged.length).toBeGreaterThan(0);
  // A phase's median needs a few samples: a median of one is a single sample, judged by the factor of 3 below.
  for (const p of phases.filter((q) => q.samples >= MIN_PHASE_SAMPLES)) {
    expect(p.median).toBeGreaterThan(0.5);
    expect(p.median).toBeLessThan(2);
  }
  for (const r of ratios) {
    expect(r.ratio).toBeGreaterThan(1 / 3);
    expect(r.ratio).toBeLessThan(3);
  }
}

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
