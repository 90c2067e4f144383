import { existsSync } from 'node:fs';
import { DicomWebClient } from '../../dicomweb/DicomWebClient';
import { DicomWebError } from '../../dicomweb/DicomWebError';
import { installXmlHttpRequest } from '../../dicomweb/node/installXmlHttpRequest';
import { writeNifti } from '../../io/writeNifti';
import { buildSegmentation } from '../../seg/buildSegmentation';
import { describeGap } from '../../io/dicom/sliceGeometry';
import { isHttpUrl } from '../../dicomweb/seriesUrl';
import { SegmentAlgorithmType } from '../../seg/enums';
import { VERSION } from '../../version';
import {
  countLabels, InsufficientScribblesError, InvalidVolumeError, leastConfidentSlice, loadModel, ModelFormatError, ModelMismatchError, mostChangedSlice, refinementChanges,
  saveModel, scribbledSlices, trainSsldec, type BackendName, type ChangedSlice, type DoubtfulSlice, type PresetName, type RefinementChange, type TrainResult,
} from '../../ssldec';
import type { Labelmap } from '../../volume/Volume';
import { checkOutputPath, readInputFile, writeFileAtomically } from '../cliFiles';
import { CliError, EXIT } from '../CliError';
import { addImageChannels } from '../addImageChannels';
import { loadImage } from '../loadImage';
import { loadScribbles } from '../loadScribbles';
import { setupThreadBeside } from '../nodeSetupRunner';
import { prepareNodeBackend } from '../prepareNodeBackend';
import { progressReporter, type ProgressSink } from '../progressBar';
import { refinementWarnings } from '../refinementWarnings';

/** Parsed `ssldec segment` options (see usage.ts). */
export interface SegmentOptions {
  image: string;
  /** Further co-registered images on the first one's grid (a repeated --image), trained on as extra channels. */
  moreImages?: string[];
  scribbles: string;
  out: string;
  stow?: string;
  model?: string;
  backend?: BackendName;
  seed: number;
  preset?: PresetName;
  classes?: string[];
  series?: string;
  headers: Record<string, string>;
  fractional: boolean;
  /** Store background classes as SEG segments too (default: left out; see src/seg/backgroundSegment.ts). */
  includeBackground?: boolean;
  /** `--first-result`: train without the SSLDEC rounds and write that (the run's first result, bit for bit). */
  firstResult?: boolean;
  /** `--refined-result`: write the refined result even where the engine would keep the first (TrainConfig.boundaryCheck off). */
  refinedResult?: boolean;
  quiet: boolean;
  /** Ceiling for one decoded image in bytes (`--max-image-mb`); the readers' default when absent. */
  maxBytes?: number;
  /** `--volume` for a 4-D NIfTI/MGH image. */
  volume?: number | 'all';
  /** DICOMweb request timeout in ms (`--timeout`). */
  timeoutMs?: number;
}

/** What `ssldec segment --json` prints. */
export interface SegmentSummary {
  out: string;
  format: 'SEG' | 'NIfTI';
  dimensions: [number, number, number];
  classes: { value: number; name: string; voxels: number }[];
  /** SEG only: the stored segments 1..K by label (background classes only with --include-background). */
  segments?: string[];
  backend: string;
  seed: number;
  rounds: number;
  /** Which of the run's results was written, when the engine compared them (TrainResult.kept; also a warning when 'first'). */
  kept?: 'first' | 'refined';
  seconds: { load: number; train: number; write: number; total: number };
  sopInstanceUID?: string;
  stow?: { root: string; stored: boolean; attempts: number };
  model?: string;
  warnings: string[];
  /** Names of scribbled classes without a predicted voxel (also in warnings). */
  missingClasses: string[];
  /**
   * The slice (k, 0-based along the third axis) the model doubts most among those without strokes, with its voxels
   * below UNSURE_BELOW (0.7) confidence: the first place to check and correct before training again.
   */
  doubtfulSlice: DoubtfulSlice;
  /**
   * The slice (k) where the first result and the refined one differ most among those without strokes, with its changed
   * voxels: the other place to check, where the rounds may have made a mistake the model is sure of. Absent with
   * --first-result.
   */
  movedSlice?: ChangedSlice;
  /**
   * The run's first result (the network before the SSLDEC rounds): voxels per class, and the classes the rounds all
   * but removed (`shrunk`: under a quarter of their voxels there) or flooded (`grown`: over four times), also in
   * warnings when the refined result was written. Absent with --first-result, which writes that result.
   */
  firstResult?: { classes: { value: number; name: string; voxels: number }[]; shrunk: string[]; grown: string[] };
}


/**
 * `ssldec segment`: read image and scribbles, train SSLDEC, write the prediction (SEG or NIfTI), optionally STOW
 * it. The output file is written before any PACS traffic, so a PACS failure (exit 5) leaves it on disk.
 */
export async function segmentCommand(options: SegmentOptions, stderr: ProgressSink, signal?: AbortSignal): Promise<SegmentSummary> {
  const wantsSeg = /\.dcm$/i.test(options.out);
  if (!wantsSeg && !/\.nii(\.gz)?$/i.test(options.out)) {
    throw new CliError(EXIT.USAGE, `--out ${options.out}: expected a .dcm (DICOM-SEG) or .nii/.nii.gz path.`);
  }
  if (options.stow && !wantsSeg) throw new CliError(EXIT.USAGE, '--stow needs a DICOM-SEG output (--out ending in .dcm).');
  // Outputs are checked before anything is read or trained: a bad --out must not cost a training run.
  const inputs = [{ option: '--scribbles', path: options.scribbles }];
  for (const path of [options.image, ...(options.moreImages ?? [])]) if (!isHttpUrl(path)) inputs.push({ option: '--image', path });
  checkOutputPath(options.out, '--out', inputs);
  if (options.model) checkOutputPath(options.model, '--model', [...inputs, { option: '--out', path: options.out }]);
  const t0 = performance.now();
  const loadOptions = { headers: options.headers, maxBytes: options.maxBytes, volume: options.volume, timeoutMs: options.timeoutMs };
  const more = [];
  for (const path of options.moreImages ?? []) more.push({ path, image: await loadImage(path, loadOptions) });
  const image = addImageChannels(await loadImage(options.image, { ...loadOptions, series: options.series }), options.image, more);
  if (wantsSeg && !image.dicom) {
    throw new CliError(EXIT.USAGE, `--out ${options.out} is a DICOM-SEG, which needs a DICOM --image (a folder or DICOMweb URL); write .nii.gz instead.`);
  }
  const gaps = image.dicom?.gaps ?? [];
  if (wantsSeg && gaps.length) {
    throw new CliError(
      EXIT.INPUT,
      `--image ${options.image}: ${gaps.map(describeGap).join('; ')}. A SEG cannot reference slices that are not in the ` +
        'series: restore the missing file(s), or write --out labels.nii.gz (the missing slices are left unlabelled).',
    );
  }
  const { scribbles, classes } = loadScribbles(options.scribbles, image, options.classes, { maxBytes: options.maxBytes });
  const warnings = [...image.warnings];
  const cleared = clearSlices(scribbles.data, missingSlices(image), sliceVoxels(scribbles.dimensions));
  if (cleared) warnings.push(`${cleared} scribbled voxel(s) lie on missing slices and were ignored.`);
  const initialModel = options.model && existsSync(options.model) ? await readModel(options.model) : undefined;
  // In Node the wasm backend gives the cpu backend's result (same voxel counts on the 63-slice MR) about 20x
  // faster, so it is the CLI's default; the engine's own default order (webgpu, webgl, cpu) targets browsers.
  const backend = options.backend ?? 'wasm';
  await prepareNodeBackend(backend);
  const t1 = performance.now();
  const progress = options.quiet ? undefined : progressReporter(stderr);
  let result: TrainResult;
  // The first result, to tell when the rounds all but removed or flooded a class and where they moved it most (the
  // preview costs one more pass over the volume; the panel shows it anyway).
  let firstLabels: Labelmap | undefined;
  // The set-up (filter bank, geodesic distances) shared with a second thread (beside the CLI's bundle).
  const setupRunner = setupThreadBeside(__filename, (e) =>
    warnings.push(`The set-up ran on the main thread alone (slower, the same result): its second thread failed: ${e.message}`));
  try {
    result = await trainSsldec(image.volume, scribbles, {
      classes, backend, seed: options.seed, preset: options.preset, initialModel, signal,
      setupRunner,
      mode: options.firstResult ? 'supervised' : undefined,
      ...(options.refinedResult ? { boundaryCheck: false } : {}),
      onPreview: options.firstResult ? undefined : (preview) => {
        clearSlices(preview.prediction.data, missingSlices(image), sliceVoxels(preview.prediction.dimensions));
        firstLabels = preview.prediction;
      },
      onProgress: progress ? (p) => progress.update(p) : undefined,
    });
  } catch (error) {
    // Errors about the inputs' content name the input they are about.
    if (error instanceof InvalidVolumeError) throw new CliError(EXIT.INPUT, `--image ${options.image}: ${error.message}`);
    if (error instanceof InsufficientScribblesError) throw new CliError(EXIT.INPUT, `--scribbles ${options.scribbles}: ${error.message}`);
    if (error instanceof ModelMismatchError) throw new CliError(EXIT.INPUT, `--model ${options.model}: ${error.message}`);
    throw error;
  } finally {
    progress?.done();
    initialModel?.dispose();
  }
  // Missing slices hold zeros, not image: whatever the model predicts there is left unlabelled.
  clearSlices(result.prediction.data, missingSlices(image), sliceVoxels(result.prediction.dimensions));
  const t2 = performance.now();
  const dims = result.prediction.dimensions;
  const skipped = [...scribbledSlices(scribbles.data, dims), ...missingSlices(image)];
  const doubtfulSlice = leastConfidentSlice(result.confidence, dims, skipped);
  // The refined result, whichever was written (the engine may have kept the first).
  const refinedLabels = result.refined?.prediction ?? result.prediction;
  if (result.refined) clearSlices(refinedLabels.data, missingSlices(image), sliceVoxels(dims));
  const movedSlice = firstLabels && mostChangedSlice(firstLabels.data, refinedLabels.data, dims, skipped);
  const firstVoxels = firstLabels && countLabels(firstLabels);
  // Notes and missing classes reach stderr once, as summary warnings (runCli prints them after the command).
  const missing = result.missingClasses.map((c) => c.name);
  const missingWarning = missing.length
    ? [`scribbled class(es) ${missing.map((n) => `"${n}"`).join(', ')} appear nowhere in the prediction (the model ` +
      'confused them with another class); add strokes where they are missed and train again.']
    : [];
  const writtenVoxels = countLabels(result.prediction);
  const changes = firstVoxels && refinementChanges(firstVoxels, countLabels(refinedLabels), classes.map((c) => c.value));
  const nameOf = (c: RefinementChange) => classes.find((k) => k.value === c.value)!.name;
  // The refinement's warnings advise --first-result: for a written refined result only.
  const refinementNotes = result.kept === 'first'
    ? ['run again with --refined-result to write the refined result instead of the first.']
    : changes ? refinementWarnings(changes, nameOf) : [];
  let sopInstanceUID: string | undefined;
  let segments: string[] | undefined;
  let segBytes: ArrayBuffer | undefined;
  try {
    if (wantsSeg) {
      const seg = buildSegmentation({
        sourceInstances: image.dicom!.instances,
        labelmap: result.prediction,
        segments: classes.map((c) => ({ label: c.name, color: c.color })),
        algorithm: {
          type: SegmentAlgorithmType.SEMIAUTOMATIC, name: 'SSLDEC', version: VERSION,
          parameters: { seed: options.seed, backend: result.backend, preset: options.preset ?? 'auto', rounds: result.rounds },
        },
        fractional: options.fractional ? { confidence: result.confidence } : undefined,
        includeBackground: options.includeBackground ?? false,
        seriesDescription: 'SSLDEC segmentation',
        softwareVersion: VERSION,
      });
      segBytes = seg.bytes;
      sopInstanceUID = seg.sopInstanceUID;
      segments = seg.segmentLabels;
      writeFileAtomically(options.out, new Uint8Array(seg.bytes), '--out');
    } else {
      writeFileAtomically(options.out, writeNifti(result.prediction, { gzip: /\.gz$/i.test(options.out), description: 'SSLDEC prediction' }), '--out');
    }
    if (options.model) writeFileAtomically(options.model, await saveModel(result.model), '--model');
  } finally {
    result.model.dispose();
  }
  const t3 = performance.now();
  const summary: SegmentSummary = {
    out: options.out,
    format: wantsSeg ? 'SEG' : 'NIfTI',
    dimensions: [...result.prediction.dimensions],
    classes: classes.map(({ value, name }) => ({ value, name, voxels: writtenVoxels[value] })),
    ...(segments ? { segments } : {}),
    backend: result.backend,
    seed: options.seed,
    rounds: result.rounds,
    ...(result.kept ? { kept: result.kept } : {}),
    seconds: { load: s(t1 - t0), train: s(t2 - t1), write: s(t3 - t2), total: 0 },
    sopInstanceUID,
    model: options.model,
    warnings: [...warnings, ...result.notes, ...missingWarning, ...refinementNotes],
    missingClasses: missing,
    doubtfulSlice,
    ...(movedSlice ? { movedSlice } : {}),
    ...(changes ? {
      firstResult: {
        classes: classes.map(({ value, name }) => ({ value, name, voxels: firstVoxels![value] })),
        shrunk: changes.shrunk.map(nameOf),
        grown: changes.grown.map(nameOf),
      },
    } : {}),
  };
  if (options.stow && segBytes) summary.stow = await stow(options.stow, options.headers, segBytes, options.out);
  summary.seconds.total = s(performance.now() - t0);
  return summary;
}

async function stow(root: string, headers: Record<string, string>, bytes: ArrayBuffer, kept: string) {
  installXmlHttpRequest();
  try {
    const result = await new DicomWebClient({ root, headers }).storeOnce(bytes);
    return { root, stored: result.stored, attempts: result.attempts };
  } catch (error) {
    if (error instanceof DicomWebError) {
      throw new CliError(EXIT.PACS, `${error.message}\nThe SEG was NOT stored in the PACS; it is kept at ${kept}. Store it later with --stow or your PACS tools.`);
    }
    throw error;
  }
}

/** `--model` to start from, read and decoded with the file named in any error. */
async function readModel(path: string) {
  const bytes = readInputFile(path, '--model');
  try {
    return await loadModel(bytes);
  } catch (error) {
    if (error instanceof ModelFormatError) throw new CliError(EXIT.INPUT, `--model ${path}: ${error.message}`);
    throw error;
  }
}

/** Indices k of the slices missing from a DICOM series (zero-filled in the volume). */
function missingSlices(image: { dicom?: { gaps: { start: number; count: number }[] } }): number[] {
  return (image.dicom?.gaps ?? []).flatMap((g) => Array.from({ length: g.count }, (_, n) => g.start + n));
}

function sliceVoxels(dimensions: readonly number[]): number {
  return dimensions[0] * dimensions[1];
}

/** Sets the given slices of a labelmap to 0 (unlabelled); returns how many labelled voxels were cleared. */
function clearSlices(data: Uint8Array, slices: number[], voxelsPerSlice: number): number {
  let cleared = 0;
  for (const k of slices) {
    const slice = data.subarray(k * voxelsPerSlice, (k + 1) * voxelsPerSlice);
    for (const v of slice) if (v) cleared++;
    slice.fill(0);
  }
  return cleared;
}

function s(ms: number): number {
  return Math.round(ms) / 1000;
}
