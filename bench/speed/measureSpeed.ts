/**
 * Throughput of the engine's segmentation model on the active backend, the same code in Node and in a browser
 * page (no Node imports here): training steps per second through trainSsldec (supervised phase only, on a small
 * phantom so its closing prediction is cheap) and predictVolume time on a phantom of `inferDimensions` after a
 * warm-up pass on GPU backends (compilation excluded), extrapolated per voxel to 256x256x160 when smaller.
 */
import * as tf from '@tensorflow/tfjs-core';
import { predictVolume, trainSsldec, type BackendName, type PresetName } from '../../src/ssldec';
import { makePhantom } from '../lib/phantom';
import { resetTensorPeak, tensorPeakBytes } from '../lib/tensorPeak';
import { simulateScribbles } from '../seg/simulateScribbles';

/** The volume the issue asks about: 256x256x160 voxels. */
export const REFERENCE_DIMENSIONS: [number, number, number] = [256, 256, 160];

/** What to measure. */
export interface SpeedRequest {
  backend: BackendName;
  preset: PresetName;
  /** Optimisation steps to time (the first, which compiles shaders/kernels, is reported apart). */
  trainSteps: number;
  /** Inference volume; 256x256x15 (one forward batch of the engine's default tiling), extrapolated to 160 slices. */
  inferDimensions: [number, number, number];
}

/** Measured figures. Seconds are wall-clock. */
export interface SpeedResult {
  backend: string;
  preset: string;
  trainSteps: number;
  /** Seconds of the first training step (includes kernel/shader compilation). */
  firstStepSeconds: number;
  /** Steps per second over the steps after the first. */
  stepsPerSecond: number;
  inferDimensions: [number, number, number];
  inferSeconds: number;
  /** inferSeconds scaled by voxel count to 256x256x160 (equal to inferSeconds when measured at that size). */
  inferSeconds256x256x160: number;
  extrapolated: boolean;
  /** Peak bytes in TF.js tensors during the run (MiB); on GPU backends, GPU memory. */
  peakTensorMiB: number;
}

/** Run the measurement; the caller has started `request.backend` already. */
/** Training figures, reported before inference starts so a run cut short by a time limit still yields them. */
export type TrainingFigures = Pick<SpeedResult, 'backend' | 'preset' | 'trainSteps' | 'firstStepSeconds' | 'stepsPerSecond'>;

export async function measureSpeed(
  request: SpeedRequest,
  sampleMemory: () => void = () => undefined,
  onTrained: (figures: TrainingFigures) => void = () => undefined,
): Promise<SpeedResult> {
  if (tf.getBackend() !== request.backend) {
    throw new Error(`measureSpeed asked for '${request.backend}' but TF.js is on '${tf.getBackend()}'; start the backend first`);
  }
  resetTensorPeak();
  const sample = sampleMemory;

  const train = makePhantom([48, 48, 12], 7);
  const scribbles = simulateScribbles(train.truth, { slices: 2, strokesPerClass: 3, seed: 7 }).scribbles;
  const stepEnds: number[] = [];
  const started = performance.now();
  const result = await trainSsldec(train.volume, scribbles, {
    backend: request.backend,
    preset: request.preset,
    mode: 'supervised',
    seed: 1,
    supervisedSteps: request.trainSteps,
    onProgress: (p) => {
      if (p.phase === 'supervised') stepEnds.push(performance.now());
      sample();
    },
  });
  if (stepEnds.length < 2) throw new Error(`Expected ${request.trainSteps} supervised steps, saw ${stepEnds.length} progress events`);
  const firstStepSeconds = (stepEnds[0] - started) / 1000;
  const stepsPerSecond = (stepEnds.length - 1) / ((stepEnds[stepEnds.length - 1] - stepEnds[0]) / 1000);
  onTrained({ backend: tf.getBackend(), preset: request.preset, trainSteps: stepEnds.length, firstStepSeconds, stepsPerSecond });

  const inferPhantom = makePhantom(request.inferDimensions, 11);
  const infer = inferPhantom.volume;
  // The default models read the distance to the scribbles, so prediction needs them (as in the viewer and the CLI).
  const inferScribbles = simulateScribbles(inferPhantom.truth, { slices: 2, strokesPerClass: 3, seed: 11 }).scribbles;
  // GPU backends compile a shader per tensor shape: a first pass over the same volume keeps compilation out of the time.
  if (request.backend === 'webgpu' || request.backend === 'webgl') await predictVolume(result.model, infer, { scribbles: inferScribbles });
  const inferStarted = performance.now();
  const predicted = await predictVolume(result.model, infer, { scribbles: inferScribbles, onProgress: sample });
  const inferSeconds = (performance.now() - inferStarted) / 1000;
  sample();
  result.model.dispose();
  const voxels = (d: number[]) => d[0] * d[1] * d[2];
  if (predicted.labelmap.data.length !== voxels(request.inferDimensions)) throw new Error('predictVolume returned a labelmap of the wrong size');
  return {
    backend: tf.getBackend(),
    preset: request.preset,
    trainSteps: stepEnds.length,
    firstStepSeconds,
    stepsPerSecond,
    inferDimensions: request.inferDimensions,
    inferSeconds,
    inferSeconds256x256x160: (inferSeconds * voxels(REFERENCE_DIMENSIONS)) / voxels(request.inferDimensions),
    extrapolated: voxels(request.inferDimensions) !== voxels(REFERENCE_DIMENSIONS),
    peakTensorMiB: Math.round((tensorPeakBytes() / 2 ** 20) * 10) / 10,
  };
}
