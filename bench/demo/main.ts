/**
 * bench:demo — the demo study of `npm start` (Colin27 T1 with scalp and skull, prepared as scripts/lib/demoStudy.js
 * does: cropped to the head, 2 mm) scribbled as a user of the brain preset would, and how much of the head outside
 * the brain the engine paints as CSF, grey or white matter (issue 9: "the prediction paints the scalp and skull as
 * concentric rings of GM, WM and CSF").
 *
 *   npm run bench:demo -- [--methods default,no-filter-bank,...] [--seeds 1,2,3] [--strokes air,outside] [--effort 3x3]
 *                         [--json out.json]
 *
 * Truth: the brain mask FSL's BET made of the same T1 (mricron-data's ch2bet.nii.gz), through the same crop and
 * downsampling (a mask voxel is brain when at least half of its 2x2x2 block was). CSF, GM and WM are not known
 * here: the strokes for them are placed on a 3-means split of the T1 inside the mask (only where to draw; never
 * scored). Background strokes follow `--strokes`: `air` = only in the air around the head, as the user drew
 * them; `outside` = anywhere outside the brain (air, scalp, skull). `--effort` slices x strokes per class (default 3x3,
 * bench/seg/simulateScribbles.ts). Figures per run: share of the head's non-brain tissue (outside the mask and
 * brighter than air) predicted CSF/GM/WM, share of the brain predicted background (also on the scribbled slices
 * alone, and in the first result, before the SSLDEC rounds), Dice of "any brain class" against the mask. Methods:
 * `default` and the ablations of bench/seg/ablations.ts.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readNifti } from '../../src/io/readNifti';
import { trainSsldec, type ClassInfo } from '../../src/ssldec';
import type { Labelmap, Volume } from '../../src/volume/Volume';
import { BenchArgumentError, choiceListFlag, effortList, numberListFlag, parseFlags } from '../lib/args';
import { startNodeBackend } from '../lib/nodeBackend';
import { ABLATIONS, type EngineOverrides } from '../seg/ablations';
import { simulateScribbles } from '../seg/simulateScribbles';

const { prepareDemoVolume, COLIN27_T1 } = require('../../scripts/lib/demoStudy') as {
  prepareDemoVolume: (v: Volume) => Volume;
  COLIN27_T1: string;
};

/** BET's brain mask of the same T1, shipped beside it by mricron-data. */
const BRAIN = COLIN27_T1.replace(/ch2\.nii\.gz$/, 'ch2bet.nii.gz');
const CLASSES: ClassInfo[] = [
  { value: 1, name: 'CSF' },
  { value: 2, name: 'Grey matter' },
  { value: 3, name: 'White matter' },
  { value: 4, name: 'Background' },
];
/** Air: below this share of the head's maximum T1 (the demo's own crop keeps voxels above 0.3 of it). */
const AIR_FRACTION = 0.12;

/** One run's figures (shares of voxels). */
interface DemoRecord {
  strokes: string;
  effort: string;
  seed: number;
  method: string;
  scribbledSlices: number[];
  headTissuePaintedBrain: number;
  brainPaintedBackground: number;
  /** The same share on the scribbled slices only: a far-from-the-strokes error spares them. */
  brainPaintedBackgroundOnScribbledSlices: number;
  /** The share in the first result (the preview, before the rounds); absent for a method without rounds. */
  firstResultBrainPaintedBackground?: number;
  brainDice: number;
  totalSeconds: number;
}

interface DemoHead {
  volume: Volume;
  brain: Uint8Array;
  /** Proxy tissue 1..3 inside the brain (3-means of T1), 0 outside: where strokes go, never scored. */
  tissue: Uint8Array;
  air: Uint8Array;
}

/** The demo volume with the BET mask as a second channel through the same preparation, then split. */
function loadDemoHead(): DemoHead {
  for (const f of [COLIN27_T1, BRAIN]) {
    if (!existsSync(f)) throw new BenchArgumentError(`${f} is missing: install the Debian package mricron-data (npm start does)`);
  }
  const t1 = readNifti(readFileSync(COLIN27_T1));
  const bet = readNifti(readFileSync(BRAIN));
  if (bet.dimensions.join() !== t1.dimensions.join()) throw new Error(`ch2bet ${bet.dimensions} and ch2 ${t1.dimensions} differ`);
  const both: Volume = { ...t1, channels: [t1.channels[0], bet.channels[0].map((x) => (x > 0 ? 1000 : 0))] };
  const prepared = prepareDemoVolume(both);
  const [image, mask] = prepared.channels;
  const n = image.length;
  const brain = Uint8Array.from(mask, (x) => (x >= 500 ? 1 : 0));
  let max = 0;
  for (const x of image) max = Math.max(max, x);
  const air = Uint8Array.from(image, (x, v) => (!brain[v] && x <= max * AIR_FRACTION ? 1 : 0));
  const tissue = new Uint8Array(n);
  const centres = threeMeans(image.filter((_, v) => brain[v] === 1));
  for (let v = 0; v < n; v++) if (brain[v]) tissue[v] = 1 + nearest(centres, image[v]);
  return { volume: { ...prepared, channels: [image], channelNames: ['T1'], modality: 'MR' }, brain, tissue, air };
}

function nearest(centres: number[], x: number): number {
  return centres.reduce((best, c, q) => (Math.abs(x - c) < Math.abs(x - centres[best]) ? q : best), 0);
}

/** Three intensity centres, ascending (CSF, GM, WM on a T1), by Lloyd's iterations from the 20/50/80 % quantiles. */
function threeMeans(values: Float32Array): number[] {
  const sorted = Float32Array.from(values).sort();
  let centres = [0.2, 0.5, 0.8].map((q) => sorted[Math.floor(q * (sorted.length - 1))]);
  for (let it = 0; it < 30; it++) {
    const sum = [0, 0, 0], count = [0, 0, 0];
    for (const x of sorted) {
      const q = nearest(centres, x);
      sum[q] += x;
      count[q]++;
    }
    centres = centres.map((c, q) => (count[q] ? sum[q] / count[q] : c));
  }
  return centres;
}

/** The simulator's truth: tissue 1..3, 0 where Background strokes may go, 5 elsewhere (never scribbled). */
function strokeTruth(head: DemoHead, strokes: string): Labelmap {
  const data = new Uint8Array(head.brain.length);
  for (let v = 0; v < data.length; v++) {
    data[v] = head.brain[v] ? head.tissue[v] : strokes === 'air' && !head.air[v] ? 5 : 0;
  }
  return { ...head.volume, data };
}

/** Share of the brain's voxels (all, or those on slices `onSlices` of k) that `labels` gives no brain class (1..3). */
function brainPaintedBackground(labels: Uint8Array, head: DemoHead, onSlices?: number[]): number {
  const plane = head.volume.dimensions[0] * head.volume.dimensions[1];
  let brain = 0, background = 0;
  for (let v = 0; v < labels.length; v++) {
    if (!head.brain[v] || (onSlices && !onSlices.includes(Math.floor(v / plane)))) continue;
    brain++;
    if (!(labels[v] >= 1 && labels[v] <= 3)) background++;
  }
  return background / Math.max(1, brain);
}

/** The overrides of `default` (none) or of an ablation of bench/seg/ablations.ts. */
function methodOverrides(name: string): EngineOverrides {
  return ABLATIONS.find((a) => a.name === name)?.options ?? {};
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), ['methods', 'seeds', 'strokes', 'effort', 'json']);
  const methods = choiceListFlag(flags, 'methods', ['default', ...ABLATIONS.map((a) => a.name)], ['default']);
  const seeds = numberListFlag(flags, 'seeds', [1, 2, 3]);
  const strokeModes = choiceListFlag(flags, 'strokes', ['air', 'outside'], ['air', 'outside']);
  const efforts = effortList(flags.get('effort') ?? '3x3', 'effort');
  if (efforts.length !== 1) throw new BenchArgumentError(`--effort takes one pair such as 5x5, got "${flags.get('effort')}"`);
  const [[slices, strokesPerClass]] = efforts;
  const effort = `${slices}x${strokesPerClass}`;
  const overrides = methods.map(methodOverrides);
  const head = loadDemoHead();
  const n = head.brain.length;
  let brainVoxels = 0, headTissue = 0;
  for (let v = 0; v < n; v++) {
    brainVoxels += head.brain[v];
    if (!head.brain[v] && !head.air[v]) headTissue++;
  }
  console.error(`bench:demo ${head.volume.dimensions.join('x')} at ${head.volume.spacing.join('x')} mm: brain ${brainVoxels} voxels, non-brain head tissue ${headTissue}`);
  const backend = await startNodeBackend('wasm');
  const records: DemoRecord[] = [];
  for (const strokes of strokeModes) {
    for (const seed of seeds) {
      const sim = simulateScribbles(strokeTruth(head, strokes), { slices, strokesPerClass, seed, truthClasses: [0, 1, 2, 3] });
      for (const [m, method] of methods.entries()) {
        const first: { share?: number } = {};
        const result = await trainSsldec(head.volume, sim.scribbles, {
          ...overrides[m], classes: CLASSES, backend, seed,
          onPreview: (preview) => { first.share = brainPaintedBackground(preview.prediction.data, head); },
        });
        result.model.dispose();
        const p = result.prediction.data;
        let tissueAsBrain = 0, both = 0, predicted = 0;
        for (let v = 0; v < n; v++) {
          const brainClass = p[v] >= 1 && p[v] <= 3;
          if (brainClass) predicted++;
          if (brainClass && head.brain[v]) both++;
          if (brainClass && !head.brain[v] && !head.air[v]) tissueAsBrain++;
        }
        const record: DemoRecord = {
          strokes, effort, seed, method, scribbledSlices: sim.slices,
          headTissuePaintedBrain: tissueAsBrain / headTissue,
          brainPaintedBackground: brainPaintedBackground(p, head),
          brainPaintedBackgroundOnScribbledSlices: brainPaintedBackground(p, head, sim.slices),
          ...(first.share !== undefined ? { firstResultBrainPaintedBackground: first.share } : {}),
          brainDice: (2 * both) / (predicted + brainVoxels),
          totalSeconds: result.seconds.total,
        };
        records.push(record);
        console.error(`${strokes} ${effort} seed=${seed} ${method}: head tissue painted brain ${record.headTissuePaintedBrain.toFixed(3)}, ` +
          `brain painted background ${record.brainPaintedBackground.toFixed(3)} (on the scribbled slices ` +
          `${record.brainPaintedBackgroundOnScribbledSlices.toFixed(3)}; first result ${first.share?.toFixed(3) ?? '-'}), ` +
          `brain Dice ${record.brainDice.toFixed(3)}; ${record.totalSeconds.toFixed(1)} s`);
      }
    }
  }
  const summary = strokeModes.flatMap((strokes) => methods.map((method) => {
    const rs = records.filter((r) => r.strokes === strokes && r.method === method);
    const mean = (f: (r: DemoRecord) => number) => rs.reduce((a, r) => a + f(r), 0) / rs.length;
    return { strokes, effort, method, runs: rs.length, headTissuePaintedBrain: mean((r) => r.headTissuePaintedBrain),
      brainPaintedBackground: mean((r) => r.brainPaintedBackground),
      brainPaintedBackgroundOnScribbledSlices: mean((r) => r.brainPaintedBackgroundOnScribbledSlices),
      ...(rs.every((r) => r.firstResultBrainPaintedBackground !== undefined)
        ? { firstResultBrainPaintedBackground: mean((r) => r.firstResultBrainPaintedBackground!) } : {}),
      brainDice: mean((r) => r.brainDice) };
  }));
  for (const s of summary) {
    console.error(`mean ${s.strokes} ${s.effort} ${s.method} (${s.runs} runs): head tissue painted brain ${s.headTissuePaintedBrain.toFixed(3)}, ` +
      `brain painted background ${s.brainPaintedBackground.toFixed(3)} (on the scribbled slices ` +
      `${s.brainPaintedBackgroundOnScribbledSlices.toFixed(3)}; first result ${s.firstResultBrainPaintedBackground?.toFixed(3) ?? '-'}), ` +
      `brain Dice ${s.brainDice.toFixed(3)}`);
  }
  const json = JSON.stringify({ benchmark: 'demo-head', backend, summary, records });
  if (flags.has('json')) writeFileSync(flags.get('json')!, json);
  console.log('JSON:');
  console.log(json);
}

main().catch((error) => {
  console.error(error instanceof BenchArgumentError ? error.message : error);
  process.exit(error instanceof BenchArgumentError ? 2 : 1);
});
