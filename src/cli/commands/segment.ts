import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { DicomWebClient } from '../../dicomweb/DicomWebClient';
import { DicomWebError } from '../../dicomweb/DicomWebError';
import { installXmlHttpRequest } from '../../dicomweb/node/installXmlHttpRequest';
import { writeNifti } from '../../io/writeNifti';
import { buildSegmentation } from '../../seg/buildSegmentation';
import { SegmentAlgorithmType } from '../../seg/enums';
import { VERSION } from '../../version';
import { loadModel, saveModel, trainSsldec, type BackendName, type TrainResult } from '../../ssldec';
import { CliError, EXIT } from '../CliError';
import { loadImage } from '../loadImage';
import { loadScribbles } from '../loadScribbles';
import { prepareNodeBackend } from '../prepareNodeBackend';
import { progressReporter, type ProgressSink } from '../progressBar';

/** Parsed `ssldec segment` options (see usage.ts). */
export interface SegmentOptions {
  image: string;
  scribbles: string;
  out: string;
  stow?: string;
  model?: string;
  backend?: BackendName;
  seed: number;
  preset?: 'default' | 'cpu' | 'tiny';
  classes?: string[];
  series?: string;
  headers: Record<string, string>;
  fractional: boolean;
  quiet: boolean;
}

/** What `ssldec segment --json` prints. */
export interface SegmentSummary {
  out: string;
  format: 'SEG' | 'NIfTI';
  dimensions: [number, number, number];
  classes: { value: number; name: string; voxels: number }[];
  backend: string;
  seed: number;
  rounds: number;
  seconds: { load: number; train: number; write: number; total: number };
  sopInstanceUID?: string;
  stow?: { root: string; stored: boolean; attempts: number };
  model?: string;
  warnings: string[];
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
  const t0 = performance.now();
  const image = await loadImage(options.image, { series: options.series, headers: options.headers });
  if (wantsSeg && !image.dicom) {
    throw new CliError(EXIT.USAGE, `--out ${options.out} is a DICOM-SEG, which needs a DICOM --image (a folder or DICOMweb URL); write .nii.gz instead.`);
  }
  const { scribbles, classes } = loadScribbles(options.scribbles, image, options.classes);
  const initialModel = options.model && existsSync(options.model) ? await loadModel(new Uint8Array(readFileSync(options.model))) : undefined;
  // In Node the wasm backend gives the cpu backend's result (same voxel counts on the 63-slice MR) about 20x
  // faster, so it is the CLI's default; the engine's own default order (webgpu, webgl, cpu) targets browsers.
  const backend = options.backend ?? 'wasm';
  await prepareNodeBackend(backend);
  const t1 = performance.now();
  const progress = options.quiet ? undefined : progressReporter(stderr);
  let result: TrainResult;
  try {
    result = await trainSsldec(image.volume, scribbles, {
      classes, backend, seed: options.seed, preset: options.preset, initialModel, signal,
      onProgress: progress ? (p) => progress.update(p) : undefined,
    });
  } finally {
    progress?.done();
    initialModel?.dispose();
  }
  const t2 = performance.now();
  let sopInstanceUID: string | undefined;
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
        seriesDescription: 'SSLDEC segmentation',
        softwareVersion: VERSION,
      });
      segBytes = seg.bytes;
      sopInstanceUID = seg.sopInstanceUID;
      writeFileSync(options.out, new Uint8Array(seg.bytes));
    } else {
      writeFileSync(options.out, writeNifti(result.prediction, { gzip: /\.gz$/i.test(options.out), description: 'SSLDEC prediction' }));
    }
    if (options.model) writeFileSync(options.model, await saveModel(result.model));
  } finally {
    result.model.dispose();
  }
  const t3 = performance.now();
  const summary: SegmentSummary = {
    out: options.out,
    format: wantsSeg ? 'SEG' : 'NIfTI',
    dimensions: [...result.prediction.dimensions],
    classes: classes.map(({ value, name }) => ({ value, name, voxels: count(result.prediction.data, value) })),
    backend: result.backend,
    seed: options.seed,
    rounds: result.rounds,
    seconds: { load: s(t1 - t0), train: s(t2 - t1), write: s(t3 - t2), total: 0 },
    sopInstanceUID,
    model: options.model,
    warnings: image.warnings,
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

function count(data: Uint8Array, value: number): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) if (data[i] === value) n++;
  return n;
}

function s(ms: number): number {
  return Math.round(ms) / 1000;
}
