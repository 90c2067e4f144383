import { loadModel, predictVolume, saveModel, trainSsldec, ModelFormatError, MODEL_FORMAT_VERSION, type TrainOptions } from '../../../../src/ssldec';
import { tf } from '../../../../src/ssldec/backend/tf';
import { makePhantom } from '../helpers/phantom';

const phantom = makePhantom([24, 24, 8], [3, 5]);

/** The artefact as an older engine wrote it: header config fields `dropped`, format version `version`. */
function asOlderVersion(bytes: Uint8Array, version: number, dropped: string[]): Uint8Array {
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(12, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + headerLength)));
  for (const field of dropped) delete header.config[field];
  const newHeader = new TextEncoder().encode(JSON.stringify(header));
  const oldStart = Math.ceil((16 + headerLength) / 4) * 4;
  const start = Math.ceil((16 + newHeader.length) / 4) * 4;
  const older = new Uint8Array(start + bytes.length - oldStart);
  older.set(bytes.subarray(0, 16));
  new DataView(older.buffer).setUint32(8, version, true);
  new DataView(older.buffer).setUint32(12, newHeader.length, true);
  older.set(newHeader, 16);
  older.set(bytes.subarray(oldStart), start);
  return older;
}

describe('saveModel / loadModel', () => {
  test('round trip gives identical predictions, classes, architecture and normalisation', async () => {
    const trained = await trainSsldec(phantom.volume, phantom.scribbles, {
      backend: 'cpu', preset: 'tiny', seed: 4, supervisedSteps: 6, mode: 'supervised',
      classes: [{ value: 1, name: 'Background' }, { value: 2, name: 'Shell', color: [255, 0, 0] }, { value: 3, name: 'Core' }],
    });
    const bytes = await saveModel(trained.model);
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe('SSLDECMD');
    expect(new DataView(bytes.buffer).getUint32(8, true)).toBe(MODEL_FORMAT_VERSION);
    const loaded = await loadModel(bytes);
    expect(loaded.config).toEqual(trained.model.config);
    expect(loaded.classes).toEqual(trained.model.classes);
    expect(loaded.normalisation).toEqual(trained.model.normalisation);
    const a = await predictVolume(trained.model, phantom.volume);
    const b = await predictVolume(loaded, phantom.volume);
    expect(b.labelmap.data).toEqual(a.labelmap.data);
    expect(b.confidence).toEqual(a.confidence);
    expect(a.labelmap.data).toEqual(trained.prediction.data);
    trained.model.dispose();
    loaded.dispose();
  }, 120000);

  test('a model with the geodesic prior keeps it and its background class: the loaded model predicts the same', async () => {
    const classes = [{ value: 1, name: 'Background' }, { value: 2, name: 'Shell' }, { value: 3, name: 'Core', background: false }];
    const trained = await trainSsldec(phantom.volume, phantom.scribbles, {
      backend: 'cpu', preset: 'tiny', seed: 4, supervisedSteps: 6, mode: 'supervised', classes, model: { geodesicInputs: true, geodesicPrior: 1 },
    });
    const loaded = await loadModel(await saveModel(trained.model));
    expect(loaded.config.geodesicPrior).toBe(1);
    expect(loaded.classes).toEqual(classes);
    const options = { scribbles: phantom.scribbles };
    const a = await predictVolume(trained.model, phantom.volume, options);
    const b = await predictVolume(loaded, phantom.volume, options);
    expect(b.labelmap.data).toEqual(a.labelmap.data);
    expect(b.confidence).toEqual(a.confidence);
    // The prior is on: without it the same network labels some voxels otherwise.
    const withoutPrior = await loadModel(await saveModel(trained.model));
    (withoutPrior.config as { geodesicPrior?: number }).geodesicPrior = 0;
    const c = await predictVolume(withoutPrior, phantom.volume, options);
    expect(c.confidence).not.toEqual(a.confidence);
    [trained.model, loaded, withoutPrior].forEach((m) => m.dispose());
  }, 120000);

  test('bad bytes give ModelFormatError saying what was expected', async () => {
    const before = tf.memory().numTensors;
    await expect(loadModel(new TextEncoder().encode('PK\u0003\u0004 not a model at all'))).rejects.toThrow(/expected the bytes to start with "SSLDECMD"/);
    const future = new Uint8Array(32);
    future.set(new TextEncoder().encode('SSLDECMD'));
    new DataView(future.buffer).setUint32(8, 99, true);
    await expect(loadModel(future)).rejects.toThrow(ModelFormatError);
    const trained = await trainSsldec(phantom.volume, phantom.scribbles, { backend: 'cpu', preset: 'tiny', supervisedSteps: 1, mode: 'supervised' });
    const bytes = await saveModel(trained.model);
    trained.model.dispose();
    await expect(loadModel(bytes.subarray(0, bytes.length - 8))).rejects.toThrow(/truncated or damaged/);
    expect(tf.memory().numTensors).toBe(before);
  }, 120000);

  test('a version-1 artefact (before windows and position inputs) still loads and predicts as before', async () => {
    const trained = await trainSsldec(phantom.volume, phantom.scribbles, { backend: 'cpu', preset: 'tiny', seed: 3, supervisedSteps: 4, mode: 'supervised' });
    const bytes = await saveModel(trained.model);
    expect(trained.model.config.intensityWindows).toEqual([]); // the phantom is not CT: percentile scaling
    expect(trained.model.config.positionInputs ?? false).toBe(false);
    // As version 1 wrote it: no intensityWindows or positionInputs field.
    const v1 = asOlderVersion(bytes, 1, ['intensityWindows', 'positionInputs']);
    const loaded = await loadModel(v1);
    expect((await predictVolume(loaded, phantom.volume)).labelmap.data).toEqual(trained.prediction.data);
    trained.model.dispose();
    loaded.dispose();
  }, 120000);
});

describe('a model that snaps its prediction to intensity edges', () => {
  test('keeps its radius through save and load (format version 6 on) and predicts as it trained', async () => {
    const trained = await trainSsldec(phantom.volume, phantom.scribbles, {
      backend: 'cpu', preset: 'tiny', seed: 4, supervisedSteps: 6, mode: 'supervised', model: { edgeSnapRadius: 1 },
    });
    const bytes = await saveModel(trained.model);
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true)).toBe(MODEL_FORMAT_VERSION);
    const loaded = await loadModel(bytes);
    expect(loaded.config.edgeSnapRadius).toBe(1);
    // The scribbles are seeds of the snap, as in training.
    const again = await predictVolume(loaded, phantom.volume, { scribbles: phantom.scribbles });
    expect(again.labelmap.data).toEqual(trained.prediction.data);
    // The same network without the snap predicts otherwise somewhere (the phantom's boundaries are blurred).
    loaded.config.edgeSnapRadius = 0;
    const unsnapped = await predictVolume(loaded, phantom.volume, { scribbles: phantom.scribbles });
    expect(unsnapped.labelmap.data).not.toEqual(trained.prediction.data);
    trained.model.dispose();
    loaded.dispose();
  }, 120000);
});

describe("a model whose filter bank's mean is edge-aware", () => {
  test('keeps it through save and load (format version 7); a version-6 file without the field takes the Gaussian mean', async () => {
    const trained = await trainSsldec(phantom.volume, phantom.scribbles, {
      backend: 'cpu', preset: 'tiny', seed: 5, supervisedSteps: 6, mode: 'supervised', model: { filterScales: [1], filterMean: 'edgeAware' },
    });
    const bytes = await saveModel(trained.model);
    const loaded = await loadModel(bytes);
    expect(loaded.config.filterMean).toBe('edgeAware');
    expect((await predictVolume(loaded, phantom.volume)).labelmap.data).toEqual(trained.prediction.data);
    // As version 6 wrote it: no filterMean field. The same weights then read Gaussian means.
    const v6 = asOlderVersion(bytes, 6, ['filterMean']);
    const old = await loadModel(v6);
    expect(old.config.filterMean).toBeUndefined();
    const gaussian = await loadModel(bytes);
    gaussian.config.filterMean = 'gaussian';
    expect((await predictVolume(old, phantom.volume)).labelmap.data).toEqual((await predictVolume(gaussian, phantom.volume)).labelmap.data);
    for (const m of [trained.model, loaded, old, gaussian]) m.dispose();
  }, 120000);
});

describe('a model with geodesic inputs (distance to the scribbles)', () => {
  test('saves and loads; predicting needs the scribbles (clear error without them) and matches training', async () => {
    const trained = await trainSsldec(phantom.volume, phantom.scribbles, {
      backend: 'cpu', preset: 'tiny', seed: 2, supervisedSteps: 6, mode: 'supervised', model: { geodesicInputs: true, cleanupWeight: 1 },
    });
    const loaded = await loadModel(await saveModel(trained.model));
    expect(loaded.config.geodesicInputs).toBe(true);
    expect(loaded.config.cleanupWeight).toBe(1);
    await expect(predictVolume(loaded, phantom.volume)).rejects.toThrow(/pass the scribbles/);
    const again = await predictVolume(loaded, phantom.volume, { scribbles: phantom.scribbles });
    expect(again.labelmap.data).toEqual(trained.prediction.data);
    trained.model.dispose();
    loaded.dispose();
  }, 120000);
});

/** A tiny supervised model with geodesic inputs and `model`'s settings, its saved bytes, and those loaded back. */
async function geodesicModelSavedAndLoaded(model: NonNullable<TrainOptions['model']>, scribbles = phantom.scribbles) {
  const trained = await trainSsldec(phantom.volume, scribbles, {
    backend: 'cpu', preset: 'tiny', seed: 2, supervisedSteps: 6, mode: 'supervised', model: { geodesicInputs: true, ...model },
  });
  const bytes = await saveModel(trained.model);
  return { trained, bytes, loaded: await loadModel(bytes) };
}

/**
 * `bytes` written as `version` wrote them (no `field`) load without the field and predict as the same weights with
 * `field` at `legacyValue`, not as `same` (the saved model's prediction).
 */
async function expectOlderFileReadsLegacy(bytes: Uint8Array, same: { confidence: unknown }, field: 'geodesicLengthPerMm' | 'geodesicLookAdaptation',
  version: number, legacyValue: number) {
  const options = { scribbles: phantom.scribbles };
  const old = await loadModel(asOlderVersion(bytes, version, [field]));
  expect(old.config[field]).toBeUndefined();
  const legacy = await loadModel(bytes);
  legacy.config[field] = legacyValue;
  const fromOld = await predictVolume(old, phantom.volume, options);
  expect(fromOld.confidence).toEqual((await predictVolume(legacy, phantom.volume, options)).confidence);
  expect(fromOld.confidence).not.toEqual(same.confidence);
  for (const m of [old, legacy]) m.dispose();
}

describe("a model's geodesic length term", () => {
  test('keeps it through save and load (format version 8); a version-7 file without the field measures with 0.01 per mm', async () => {
    const { trained, bytes, loaded } = await geodesicModelSavedAndLoaded({ geodesicLengthPerMm: 0.005 });
    expect(loaded.config.geodesicLengthPerMm).toBe(0.005);
    const same = await predictVolume(loaded, phantom.volume, { scribbles: phantom.scribbles });
    // As version 7 wrote it: no field. The same weights then read distances measured at 0.01 per mm, which differ.
    await expectOlderFileReadsLegacy(bytes, same, 'geodesicLengthPerMm', 7, 0.01);
    for (const m of [trained.model, loaded]) m.dispose();
  }, 120000);
});

describe("a model's geodesic class barrier", () => {
  test('keeps it through save and load (format version 9); a version-8 file without the field has none', async () => {
    const { trained, bytes, loaded } = await geodesicModelSavedAndLoaded({ geodesicClassBarrier: 1 });
    expect(loaded.config.geodesicClassBarrier).toBe(1);
    const options = { scribbles: phantom.scribbles };
    const same = await predictVolume(loaded, phantom.volume, options);
    expect(same.confidence).toEqual((await predictVolume(trained.model, phantom.volume, options)).confidence);
    // As version 8 wrote it: no field, no barrier. The same weights then read other distances.
    const old = await loadModel(asOlderVersion(bytes, 8, ['geodesicClassBarrier']));
    expect(old.config.geodesicClassBarrier).toBeUndefined();
    expect((await predictVolume(old, phantom.volume, options)).confidence).not.toEqual(same.confidence);
    for (const m of [trained.model, loaded, old]) m.dispose();
  }, 120000);
});

describe("a model's slice axis factor", () => {
  test('keeps it through save and load (format version 10); a version-9 file without the field measures every axis alike', async () => {
    // The phantom's strokes are one voxel rows (which say nothing of the view): widen each to two rows, so they lie
    // on slices of k and nowhere else.
    const scribbles = { ...phantom.scribbles, data: phantom.scribbles.data.slice() };
    const [nx] = phantom.volume.dimensions;
    for (let v = scribbles.data.length - nx - 1; v >= 0; v--) if (phantom.scribbles.data[v] && !scribbles.data[v + nx]) scribbles.data[v + nx] = phantom.scribbles.data[v];
    const { trained, bytes, loaded } = await geodesicModelSavedAndLoaded({ geodesicSliceAxisFactor: 0.5 }, scribbles);
    expect(loaded.config.geodesicSliceAxisFactor).toBe(0.5);
    const options = { scribbles };
    const same = await predictVolume(loaded, phantom.volume, options);
    expect(same.confidence).toEqual((await predictVolume(trained.model, phantom.volume, options)).confidence);
    // As version 9 wrote it: no field, φ 1. The same weights then read other distances.
    const old = await loadModel(asOlderVersion(bytes, 9, ['geodesicSliceAxisFactor']));
    expect(old.config.geodesicSliceAxisFactor).toBeUndefined();
    expect((await predictVolume(old, phantom.volume, options)).confidence).not.toEqual(same.confidence);
    for (const m of [trained.model, loaded, old]) m.dispose();
  }, 120000);
});

describe("a model's intensity bumps", () => {
  test('a version-10 file (no field) is a model without bumps: it loads and predicts as it did', async () => {
    const { trained, bytes } = await geodesicModelSavedAndLoaded({ intensityBumps: 0 });
    const old = await loadModel(asOlderVersion(bytes, 10, ['intensityBumps']));
    expect(old.config.intensityBumps).toBeUndefined();
    const options = { scribbles: phantom.scribbles };
    expect((await predictVolume(old, phantom.volume, options)).confidence).toEqual((await predictVolume(trained.model, phantom.volume, options)).confidence);
    for (const m of [trained.model, old]) m.dispose();
  }, 120000);
});

describe("a model's adapted class-barrier look", () => {
  test('keeps it through save and load (format version 12); a version-11 file without the field reads the strokes\' look alone', async () => {
    const { trained, bytes, loaded } = await geodesicModelSavedAndLoaded({ geodesicClassBarrier: 1, geodesicLookAdaptation: 1 });
    expect(loaded.config.geodesicLookAdaptation).toBe(1);
    const options = { scribbles: phantom.scribbles };
    const same = await predictVolume(loaded, phantom.volume, options);
    expect(same.confidence).toEqual((await predictVolume(trained.model, phantom.volume, options)).confidence);
    // As version 11 wrote it: no field, α 0. The same weights then read distances with another barrier.
    await expectOlderFileReadsLegacy(bytes, same, 'geodesicLookAdaptation', 11, 0);
    for (const m of [trained.model, loaded]) m.dispose();
  }, 120000);
});

/**
 * A tiny model trained with `model`, which sets `field` of a step of the prediction: save and load keep the field and
 * the labels; a file of format `version` without the field loads without it and predicts as the same weights with the
 * field at `legacy` (undefined: absent), which differs on the phantom from what the saved model predicts.
 */
async function expectPredictionStepRoundTrip(model: TrainOptions['model'] & object, field: 'rimMeansRadius' | 'edgeSnapSureConfidence',
  version: number, legacy: number | undefined) {
  const trained = await trainSsldec(phantom.volume, phantom.scribbles, {
    backend: 'cpu', preset: 'tiny', seed: 4, supervisedSteps: 6, mode: 'supervised', model,
  });
  const bytes = await saveModel(trained.model);
  const loaded = await loadModel(bytes);
  expect(loaded.config[field]).toBe(model[field]);
  const options = { scribbles: phantom.scribbles };
  expect((await predictVolume(loaded, phantom.volume, options)).labelmap.data).toEqual(trained.prediction.data);
  const old = await loadModel(asOlderVersion(bytes, version, [field]));
  expect(old.config[field]).toBeUndefined();
  const fromOld = await predictVolume(old, phantom.volume, options);
  loaded.config[field] = legacy;
  expect(fromOld.labelmap.data).toEqual((await predictVolume(loaded, phantom.volume, options)).labelmap.data);
  expect(fromOld.labelmap.data).not.toEqual(trained.prediction.data);
  for (const m of [trained.model, loaded, old]) m.dispose();
}

describe("a model's step to the rim's local means", () => {
  test('keeps its radius through save and load (format version 13); a version-12 file without the field has no such step', async () => {
    // As version 12 wrote it: no field, no step. The phantom's blurred boundaries then part elsewhere.
    await expectPredictionStepRoundTrip({ rimMeansRadius: 2 }, 'rimMeansRadius', 12, 0);
  }, 120000);
});

describe("a model's snap that spares the voxels it is sure of", () => {
  test('keeps its threshold through save and load (format version 14); a version-13 file without it erodes every voxel as deep', async () => {
    // As version 13 wrote it: no field, so every voxel is eroded two deep, not one.
    await expectPredictionStepRoundTrip({ edgeSnapRadius: 2, edgeSnapSureConfidence: 0 }, 'edgeSnapSureConfidence', 13, undefined);
  }, 120000);
});
