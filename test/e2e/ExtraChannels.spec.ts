/**
 * Issue 9, multi-channel input in the real viewer: a study with two co-registered series (a phantom "T1" and a
 * "T2" of inverted contrast on the same grid, one frame of reference) opens in the SSLDEC mode; the panel offers
 * the other series as an extra channel, and training with it ticked runs on two channels. Small and quick (tiny
 * preset): the scribble-train-save loop itself is ScribbleTrainSave's.
 */
import { existsSync } from 'node:fs';
import { launchBrowser, CHROMIUM, type BrowserSession } from '../helpers/browser';
import { startServedStack, type ServedStack } from '../helpers/browserStack';
import { writeDicomSeries } from '../../src/io/writeDicomSeries';
import { dismissInvestigationalBanner, drag, pagePoints, showSlice, waitForPanel, waitForViewportImage } from './viewerProbes';

jest.setTimeout(10 * 60_000);

const { stowInstances } = require('../../scripts/lib/demoStudy') as { stowInstances(root: string, files: ArrayBuffer[], headers?: Record<string, string>): Promise<void> };

const ready = existsSync(CHROMIUM) && existsSync('/usr/sbin/Orthanc');
const describeE2e = ready || process.env.CI === 'true' ? describe : describe.skip;
if (!ready) console.warn('SKIP e2e: needs /usr/bin/chromium and Orthanc (npm test installs them on Debian)');

const SIZE: [number, number, number] = [48, 56, 6];
const SLICE = 3;
/** Phantom-normalised strokes (scripts/lib/demoPhantom.js): air beside the head, white matter. */
const STROKES: Record<number, Array<[number, number]>> = { 1: [[-0.9, -0.6], [-0.9, 0.6]], 2: [[0.28, -0.2], [0.34, 0.1]] };

describeE2e('SSLDEC in OHIF: a co-registered series as an extra channel', () => {
  let stack: ServedStack;
  let browser: BrowserSession;
  let t2Uid = '';

  beforeAll(async () => {
    stack = await startServedStack({ preset: 'tiny', maxRounds: 1, seed: 7 }, SIZE);
    const { volume } = stack.phantom;
    const t2 = writeDicomSeries({ ...volume, channels: [Float32Array.from(volume.channels[0], (v) => 1000 - v)] }, {
      patientName: 'Phantom^E2E', patientId: 'SSLDEC-E2E', studyInstanceUID: stack.series.studyInstanceUID, studyDescription: 'SSLDEC end-to-end',
      seriesDescription: 'Brain phantom T2', seriesNumber: 2, frameOfReferenceUID: stack.series.frameOfReferenceUID,
    });
    t2Uid = t2.seriesInstanceUID;
    await stowInstances(stack.dicomWebRoot, t2.files, stack.pacsHeaders);
    browser = await launchBrowser();
    browser.page.setDefaultTimeout(90_000);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('offers the series on the same grid and trains on both', async () => {
    const { page } = browser;
    await page.goto(stack.studyUrl, { waitUntil: 'domcontentloaded', timeout: 180_000 });
    await page.locator('[data-testid="ssldec-panel"]').waitFor({ timeout: 120_000 });
    await waitForViewportImage(page);
    await dismissInvestigationalBanner(page);
    // The series the active viewport does not show is offered (which one OHIF hangs first is its choice).
    const shown = await page.evaluate(() => {
      const w = window as any;
      const vp = w.services.viewportGridService.getActiveViewportId();
      const uid = w.services.viewportGridService.getDisplaySetsUIDsForViewport(vp)[0];
      return w.services.displaySetService.getDisplaySetByUID(uid).SeriesInstanceUID as string;
    });
    const other = shown === t2Uid ? stack.series.seriesInstanceUID : t2Uid;
    const box = page.locator(`[data-testid="ssldec-extra-channel"][data-series-uid="${other}"]`);
    await box.waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid="ssldec-extra-channel"]').count()).toBe(1);
    await box.check();

    for (let n = 0; n < 2; n++) await page.locator('[data-testid="ssldec-add-class"]').click();
    await showSlice(page, stack.phantom.volume, SLICE);
    for (const value of [1, 2]) {
      await page.locator(`[data-testid="ssldec-class-${value}"]`).click();
      await page.locator(`[data-testid="ssldec-class-${value}"][data-brush="true"]`).waitFor({ timeout: 60_000 });
      await page.waitForTimeout(300);
      await drag(page, await pagePoints(page, stack.phantom.volume, SLICE, STROKES[value]));
    }
    await page.locator('[data-testid="ssldec-train"]').click();
    await waitForPanel(page, '[data-testid="ssldec-progress"][data-status="done"]', 5 * 60_000);
    const notice = await page.locator('[data-testid="ssldec-notice"]').innerText();
    expect(notice).toMatch(/Trained on 2 channels: MR \+ Brain phantom (T1|T2)\./);
    await browser.screenshot('08-extra-channel');
  });
});
