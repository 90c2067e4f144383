#!/usr/bin/env node
/**
 * One-off measurement (not a test, not in CI): Train → first result and final overlay on the demo study of `npm start` (Colin27 T1,
 * 91×106×87, scripts/lib/demoStudy.js) in the real prebuilt viewer in Debian's Chromium, the way a clinician does it:
 * a fresh browser profile per run, three classes, strokes painted with real mouse drags on the slice the viewer opens
 * on, then Train; times from the click to the preview (the panel's "first result at" figure) and to the final
 * prediction being available in the panel.
 *
 *   node bench/viewer/demoTrainTime.js [--preset tiny|panel-default] [--backend auto|wasm|webgpu|webgl|cpu]
 *                                      [--runs N] [--plugins <dist/plugins of another build>] [--cpu] [--background]
 *                                      [--json out.json]
 *
 * `--preset panel-default` sets no preset (what `npm start` without --preset serves); `--backend auto` lets the
 * panel choose (chooseBackend.ts). `--plugins` serves another build's bundles (e.g. an older commit's, built with
 * `npx webpack --mode production` in its worktree). Strokes: for each class a few short horizontal runs of
 * pixels inside an intensity band of the head (dark = CSF, middle = grey matter, bright = white matter).
 * `--background` adds the panel's Background class (its "Add Background" button) with strokes in the air around the
 * head, as the panel asks a clinician to: the engine's geodesic and appearance priors then run too.
 * `--cpu` (Linux) also reports what the viewer spends beside the training worker: the CPU of Chromium's GPU process
 * (the compositor; software-rendered without a GPU) and of its renderers, as cores over the run and CPU seconds in the
 * AFTER_S seconds after the result, and Cornerstone's segmentation renders in each (BENCHMARKS.md, "viewer: the
 * overlay's redundant re-renders").
 */
'use strict';
const { readdirSync, readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const { startOrthanc } = require(path.join(root, 'scripts/lib/orthanc'));
const { ensureViewer } = require(path.join(root, 'scripts/lib/viewer'));
const { ensurePluginBundles } = require(path.join(root, 'scripts/lib/viewerPlugins'));
const { startViewerServer } = require(path.join(root, 'scripts/lib/server'));
const { renderAppConfig, DATA_SOURCE_NAME } = require(path.join(root, 'scripts/lib/app-config'));
const { ensureDemoStudy } = require(path.join(root, 'scripts/lib/demoStudy'));
const { chromium } = require('playwright-core');

const FLAGS = ['--enable-unsafe-webgpu', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist', '--use-angle=swiftshader',
  '--no-sandbox', '--disable-gpu-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-quic'];

/** Seconds --cpu watches after the result. */
const AFTER_S = 8;

/** CPU seconds so far (Linux /proc, USER_HZ 100) of the GPU process and the renderers of the Chromium this process started. */
function chromiumCpuSeconds() {
  const parent = new Map();
  const processes = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // from field 3 (state) on
      parent.set(Number(pid), Number(fields[1]));
      processes.push({ pid: Number(pid), seconds: (Number(fields[11]) + Number(fields[12])) / 100, cmdline: readFileSync(`/proc/${pid}/cmdline`, 'utf8') });
    } catch {
      // the process ended while being read
    }
  }
  const browserPid = processes.find((p) => parent.get(p.pid) === process.pid && p.cmdline.includes('chrom'))?.pid;
  const under = (pid) => {
    for (let p = pid; p > 1; p = parent.get(p) ?? 0) if (p === browserPid) return true;
    return false;
  };
  const sums = { gpuProcess: 0, renderers: 0 };
  for (const { pid, seconds, cmdline } of processes.filter((p) => under(p.pid))) {
    if (cmdline.includes('--type=gpu-process')) sums.gpuProcess += seconds;
    else if (cmdline.includes('--type=renderer')) sums.renderers += seconds;
  }
  return sums;
}

/** Counts Cornerstone's segmentation renders from now on (window.__segmentationRenders). */
function countSegmentationRenders(page) {
  return page.evaluate(() => {
    window.__segmentationRenders = 0;
    window.cornerstone.eventTarget.addEventListener('CORNERSTONE_TOOLS_SEGMENTATION_RENDERED', () => window.__segmentationRenders++);
  });
}

function flag(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** Intensity bands (fractions of the head's sorted intensities) per class: CSF, grey matter, white matter. */
const BANDS = [[0.03, 0.15], [0.45, 0.6], [0.9, 0.99]];

/**
 * Page coordinates of strokes for each class on the shown slice: runs of 6 pixels inside the class's band; with
 * `air`, a fourth class's runs of 6 pixels below 2 % of the slice's maximum.
 */
async function strokesOnShownSlice(page, air) {
  return page.evaluate(([bands, air]) => {
    const w = window;
    const viewport = w.cornerstone.getRenderingEngines().find((e) => e.id !== '_thumbnails').getViewports()[0];
    const imageId = viewport.getCurrentImageId();
    const image = w.cornerstone.cache.getImage(imageId);
    const pixels = image.voxelManager?.getScalarData?.() ?? image.getPixelData();
    const { columns, rows, imagePositionPatient: o, rowCosines: rc, columnCosines: cc, columnPixelSpacing: dx, rowPixelSpacing: dy } =
      w.cornerstone.metaData.get('imagePlaneModule', imageId);
    const max = pixels.reduce((a, b) => Math.max(a, b), 0);
    const head = [...pixels].filter((v) => v > 0.1 * max).sort((a, b) => a - b);
    const rect = viewport.canvas.getBoundingClientRect();
    const toPage = (i, j) => {
      const world = [0, 1, 2].map((a) => o[a] + i * dx * rc[a] + j * dy * cc[a]);
      const [x, y] = viewport.worldToCanvas(world);
      return [rect.left + x, rect.top + y];
    };
    const ranges = bands.map(([lo, hi]) => [head[Math.floor(lo * (head.length - 1))], head[Math.floor(hi * (head.length - 1))]]);
    if (air) ranges.push([-Infinity, 0.02 * max]);
    return ranges.map(([a, b]) => {
      const inBand = (i, j) => pixels[j * columns + i] >= a && pixels[j * columns + i] <= b;
      const strokes = [];
      for (let j = 4; j < rows - 4 && strokes.length < 4; j += 3) {
        for (let i = 4; i < columns - 10; i++) {
          let run = 0;
          while (run < 6 && inBand(i + run, j)) run++;
          if (run === 6 && !strokes.some((s) => Math.abs(s.j - j) < 8)) {
            strokes.push({ j, path: [toPage(i, j), toPage(i + 5, j)] });
            break;
          }
        }
      }
      return strokes.map((s) => s.path);
    });
  }, [BANDS, air]);
}

async function drag(page, points) {
  await page.mouse.move(points[0][0], points[0][1]);
  await page.mouse.down();
  for (const [x, y] of points.slice(1)) await page.mouse.move(x, y, { steps: 6 });
  await page.mouse.up();
}

/** One run in a fresh browser: paint, Train, time to the overlay; the panel's status and notice. */
async function oneRun(studyUrl, cpu, background) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: FLAGS });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await page.goto(studyUrl, { waitUntil: 'domcontentloaded', timeout: 180_000 });
    await page.locator('[data-testid="ssldec-panel"]').waitFor({ timeout: 120_000 });
    await page.waitForFunction(() => !!window.cornerstone?.getRenderingEngines?.().find((e) => e.id !== '_thumbnails')?.getViewports?.()[0]?.getCurrentImageId?.(), undefined, { timeout: 120_000 });
    const banner = page.getByRole('button', { name: 'Confirm and hide' });
    if (await banner.isVisible().catch(() => false)) await banner.click();
    await page.waitForTimeout(1000);
    const strokes = await strokesOnShownSlice(page, background);
    for (let n = 0; n < 3; n++) await page.locator('[data-testid="ssldec-add-class"]').click();
    if (background) await page.locator('[data-testid="ssldec-add-background"]').click();
    for (let value = 1; value <= strokes.length; value++) {
      await page.locator(`[data-testid="ssldec-class-${value}"]`).click();
      await page.locator(`[data-testid="ssldec-class-${value}"][data-brush="true"]`).waitFor({ timeout: 60_000 });
      await page.waitForTimeout(300);
      for (const stroke of strokes[value - 1]) await drag(page, stroke);
    }
    await page.waitForTimeout(1500);
    if (cpu) await countSegmentationRenders(page);
    const cpuAtStart = cpu && chromiumCpuSeconds();
    const started = Date.now();
    await page.locator('[data-testid="ssldec-train"]').click();
    const done = page.locator('[data-testid="ssldec-prediction"][data-available="true"]').waitFor({ timeout: 600_000 });
    const failed = page.locator('[data-testid="ssldec-error"]').waitFor({ timeout: 600_000 }).then(async () => {
      throw new Error(`panel error: ${await page.locator('[data-testid="ssldec-error"]').innerText()}`);
    });
    await Promise.race([done, failed]);
    const seconds = (Date.now() - started) / 1000;
    const viewerCpu = cpu ? await viewerCpuFigures(page, cpuAtStart, seconds) : undefined;
    const status = await page.locator('[data-testid="ssldec-status"]').innerText();
    const notice = await page.locator('[data-testid="ssldec-notice"]').innerText().catch(() => '');
    // The panel times the preview (the supervised model's prediction, shown while the rounds run) itself.
    const firstResult = /\(first result at ([\d.]+) s\)/.exec(status)?.[1];
    return {
      trainToFirstResultSeconds: firstResult !== undefined ? Number(firstResult) : null, trainToFinalOverlaySeconds: Math.round(seconds * 10) / 10,
      strokesPerClass: strokes.map((s) => s.length), status, notice, ...(viewerCpu ? { viewerCpu } : {}),
    };
  } finally {
    await browser.close();
  }
}

/** --cpu's figures: the run's (from `atStart`, `seconds` long), then the AFTER_S seconds after it. */
async function viewerCpuFigures(page, atStart, seconds) {
  const atEnd = chromiumCpuSeconds();
  const rendersDuringRun = await page.evaluate(() => window.__segmentationRenders);
  await page.waitForTimeout(AFTER_S * 1000);
  const after = chromiumCpuSeconds();
  const rendersAfter = (await page.evaluate(() => window.__segmentationRenders)) - rendersDuringRun;
  const round = (x, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
  return {
    gpuProcessCores: round((atEnd.gpuProcess - atStart.gpuProcess) / seconds), rendererCores: round((atEnd.renderers - atStart.renderers) / seconds),
    segmentationRendersDuringRun: rendersDuringRun,
    [`gpuProcessCpuSecondsIn${AFTER_S}sAfter`]: round(after.gpuProcess - atEnd.gpuProcess, 1), [`segmentationRendersIn${AFTER_S}sAfter`]: rendersAfter,
  };
}

async function main() {
  const preset = flag('preset', 'tiny');
  const backend = flag('backend', 'auto');
  const runs = Number(flag('runs', '1'));
  const cpu = process.argv.includes('--cpu');
  const background = process.argv.includes('--background');
  const ssldec = { ...(preset === 'panel-default' ? {} : { preset }), ...(backend === 'auto' ? {} : { backend }) };
  const viewerDir = ensureViewer(root, { log: () => undefined });
  const plugins = flag('plugins')
    ? { dir: path.resolve(flag('plugins')), version: `m${Date.now()}` }
    : await ensurePluginBundles(root, { log: (m) => console.error(m) });
  const orthanc = await startOrthanc({ say: () => undefined });
  let server;
  try {
    const demo = await ensureDemoStudy(root, orthanc.dicomWebRoot, { headers: orthanc.authHeaders, log: (m) => console.error(m) });
    server = await startViewerServer({
      viewerDir, pluginsDir: plugins.dir, appConfig: renderAppConfig({ pluginVersion: plugins.version, ssldec }),
      pacsRoot: orthanc.dicomWebRoot, pacsHeaders: orthanc.authHeaders, port: 0, log: () => undefined,
    });
    const studyUrl = `${server.url.replace('localhost', '127.0.0.1')}/ssldec/${DATA_SOURCE_NAME}?StudyInstanceUIDs=${demo.studyInstanceUID}`;
    const results = [];
    for (let r = 0; r < runs; r++) {
      const result = await oneRun(studyUrl, cpu, background).catch((e) => ({ error: e.message.slice(0, 300) }));
      console.error(JSON.stringify(result));
      results.push(result);
    }
    const json = { measurement: 'viewer Train → first result (preview) and final overlay, demo study', preset, backend, background, plugins: flag('plugins') ?? 'this checkout', runs: results };
    if (flag('json')) writeFileSync(flag('json'), JSON.stringify(json, null, 2));
    console.log('JSON:\n' + JSON.stringify(json));
  } finally {
    await server?.close();
    await orthanc.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
