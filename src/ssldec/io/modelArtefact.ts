/**
 * One versioned binary artefact per model, readable in Node and browsers:
 * bytes 0..7 ASCII "SSLDECMD", 8..11 uint32 LE format version, 12..15 uint32 LE header length H,
 * 16..16+H UTF-8 JSON header {config, classes, normalisation, tensors: [{shape}] in SsldecModel.variables() order},
 * zero padding to a multiple of 4, then the float32 LE weights of every tensor, concatenated.
 */
import { tf, makeVariable } from '../backend/tf';
import { ModelFormatError } from '../errors';
import { modelConfigProblems, type ModelConfig } from '../model/ModelConfig';
import { SsldecModel, type NormalisationSpec } from '../model/SsldecModel';
import type { ClassInfo } from '../types';

const MAGIC = 'SSLDECMD';
/**
 * Version written by saveModel; loadModel reads versions up to this one. 2 added inputs an older engine would
 * silently ignore (config.intensityWindows, config.positionInputs), so older engines must refuse it; version-1
 * artefacts lack both fields, which means percentile scaling and no position: they load unchanged. 3 added
 * config.geodesicInputs (and config.cleanupWeight): version-2 files lack them (no geodesic inputs, no clean-up).
 * 4 added config.geodesicPrior (and classes[].background): version-3 files lack it (no prior). 5 added
 * config.appearancePrior: version-4 files lack it (no appearance prior). 6 added config.edgeSnapRadius: version-5
 * files lack it (no snapping). 7 added config.filterMean: version-6 files lack it (the filter bank's Gaussian mean).
 * 8 added config.geodesicLengthPerMm: version-7 files lack it (the length term 0.01 per mm they were trained with).
 * 9 added config.geodesicClassBarrier: version-8 files lack it (no barrier). 10 added config.geodesicSliceAxisFactor:
 * version-9 files lack it (the same length term along every axis). 11 added config.intensityBumps: version-10 files
 * lack it (no bumps). 12 added config.geodesicLookAdaptation: version-11 files lack it (the strokes' look alone).
 * 13 added config.rimMeansRadius: version-12 files lack it (no step after the snap). 14 added
 * config.edgeSnapSureConfidence: version-13 files lack it (every voxel eroded the snap's radius deep).
 */
export const MODEL_FORMAT_VERSION = 14;

interface Header {
  config: ModelConfig;
  classes: ClassInfo[];
  normalisation: NormalisationSpec;
  tensors: { shape: number[] }[];
}

const isLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Serialises a model (weights read with `await data()`, safe on webgpu). */
export async function saveModel(model: SsldecModel): Promise<Uint8Array> {
  if (model.isDisposed) throw new ModelFormatError('Cannot save a disposed model; save it before dispose().');
  const vars = model.variables();
  const header: Header = {
    config: model.config, classes: model.classes, normalisation: model.normalisation,
    tensors: vars.map((v) => ({ shape: v.shape })),
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const start = Math.ceil((16 + headerBytes.length) / 4) * 4;
  const values = await Promise.all(vars.map((v) => v.data() as Promise<Float32Array>));
  const floats = values.reduce((n, a) => n + a.length, 0);
  const bytes = new Uint8Array(start + floats * 4);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  const view = new DataView(bytes.buffer);
  view.setUint32(8, MODEL_FORMAT_VERSION, true);
  view.setUint32(12, headerBytes.length, true);
  bytes.set(headerBytes, 16);
  let o = start;
  for (const a of values) {
    if (isLittleEndian) bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), o);
    else for (let i = 0; i < a.length; i++) view.setFloat32(o + 4 * i, a[i], true);
    o += a.byteLength;
  }
  return bytes;
}

/**
 * Reads an artefact written by saveModel into variables on the current backend.
 * @throws ModelFormatError when the bytes are not a model artefact, the version is newer, or sizes disagree.
 */
export async function loadModel(bytes: Uint8Array): Promise<SsldecModel> {
  const magic = new TextDecoder().decode(bytes.subarray(0, 8));
  if (bytes.length < 16 || magic !== MAGIC) {
    throw new ModelFormatError(`Not an SSLDEC model: expected the bytes to start with "${MAGIC}", got ` +
      `"${magic.replace(/[^\x20-\x7e]/g, '?')}". Load a file written by saveModel (the viewer's Save model, or "ssldec segment --model <file>").`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version < 1 || version > MODEL_FORMAT_VERSION) {
    throw new ModelFormatError(`Model format version ${version} is not supported; this engine reads 1..${MODEL_FORMAT_VERSION}. ` +
      'Update the viewer/CLI, or retrain the model.');
  }
  const headerLength = view.getUint32(12, true);
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + headerLength))) as Header;
  } catch (e) {
    throw new ModelFormatError(`Model header is not valid JSON (${(e as Error).message}); the file is damaged.`);
  }
  const problems = modelConfigProblems(header.config);
  if (problems.length) throw new ModelFormatError(`Model header has an invalid architecture: ${problems.join('; ')}.`);
  const start = Math.ceil((16 + headerLength) / 4) * 4;
  const sizes = header.tensors.map((t) => t.shape.reduce((a, b) => a * b, 1));
  const expected = start + 4 * sizes.reduce((a, b) => a + b, 0);
  if (bytes.length !== expected || header.tensors.length !== 2 * (header.config.depth + 1) + 1) {
    throw new ModelFormatError(`Model artefact has ${bytes.length} bytes and ${header.tensors.length} tensors; the ` +
      `header describes ${expected} bytes and needs ${2 * (header.config.depth + 1) + 1} tensors. The file is truncated or damaged.`);
  }
  let o = start;
  const vars = header.tensors.map((t, n) => {
    const data = new Float32Array(sizes[n]);
    for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(o + 4 * i, true);
    o += 4 * sizes[n];
    return makeVariable(() => tf.tensor(data, t.shape));
  });
  const centres = vars.pop()!;
  const layers = [];
  for (let l = 0; l < vars.length; l += 2) layers.push({ kernel: vars[l], bias: vars[l + 1] });
  return new SsldecModel(header.config, header.classes, header.normalisation, layers, centres);
}
