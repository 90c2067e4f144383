/**
 * Prepares a volume for patch extraction by a model: the image channels (read through intensity windows for CT, or
 * percentile maps), their filter-bank features (normalised on the fly by per-channel intensity maps), context
 * features, intensity bumps and, when the model asks, the voxel position. Image channels are never copied (a window
 * is a clipped linear map applied while patches are copied); filter-bank features are computed once per volume
 * (full-size arrays, one per feature: see featureBytes).
 */
import { voxelCount, type Volume } from '../../volume/Volume';
import { derivedChannelCount, type InputModel, type InputSpec } from './InputSpec';
import { computeContextFeatures } from './contextFeatures';
import type { Dims, VolumeSource } from './extractPatches';
import { edgeStopOf, FILTER_BANK_FEATURES } from './filterBank';
import { applyWindow } from './intensityWindows';
import { intensityMaps, type IntensityMap } from './normaliseIntensities';
import { lengthPerMmOf, prepareGeodesicFeatures, type PreparedGeodesic } from './geodesicFeatures';
import { computeSetup, type FilterTask, type SetupRunner } from './setupSchedule';
import type { FilterBankCache, FilterBankInputs } from './FilterBankCache';

/** Bytes of the full-size arrays volumeSource keeps for a model on a volume of `voxels` (filter-bank features). */
export function featureBytes(config: InputSpec, voxels: number): number {
  return 4 * voxels * derivedChannelCount(config) * FILTER_BANK_FEATURES.length * (config.filterScales?.length ?? 0);
}

type DerivedChannel = { values: Float32Array; window?: [number, number] };

/** The derived image channels: each raw channel once per window (clipped to 0..1), or as it is (percentile map). */
function derivedChannels(model: InputModel, volume: Volume): DerivedChannel[] {
  const windows = model.config.intensityWindows ?? [];
  return windows.length
    ? volume.channels.flatMap((values) => windows.map((w) => ({ values, window: w })))
    : volume.channels.map((values) => ({ values, window: undefined }));
}

/** Filters and context features see the windowed image, a copy made for them. */
function windowed(d: DerivedChannel): Float32Array {
  return d.window ? applyWindow(d.values, d.window) : d.values;
}

/** The filter-bank cache's key: everything the bank depends on besides the image values (FilterBankCache.ts). */
function filterBankKey(model: InputModel, volume: Volume): string {
  return JSON.stringify([[...volume.dimensions], volume.spacing, model.config.intensityWindows ?? [], model.config.filterScales ?? [],
    model.config.filterMean, model.normalisation]);
}

/** The bank's tasks, one per derived channel and scale; a CT channel's windowed copy lives until the set-up ends. */
function filterTasks(model: InputModel, volume: Volume, derived: DerivedChannel[]): FilterTask[] {
  const scales = model.config.filterScales ?? [];
  const dims = [...volume.dimensions] as Dims;
  return !scales.length ? [] : derived.flatMap((d) => {
    const values = windowed(d);
    const edgeStop = edgeStopOf(values, model.config.filterMean);
    return scales.map((sigmaMm) => ({ values, dims, spacing: volume.spacing, sigmaMm, mean: model.config.filterMean ?? 'gaussian', edgeStop }));
  });
}

/**
 * Computes the filter bank volumeSource would compute for this model and volume into `cache`, so that the next run on
 * the image finds it there: the viewer's worker does it while the clinician paints. Nothing when the cache holds it
 * already or would not keep it (FilterBankCache.keeps).
 */
export async function warmFilterBank(model: InputModel, volume: Volume, cache: FilterBankCache): Promise<void> {
  const bytes = featureBytes(model.config, voxelCount(volume));
  if (!(model.config.filterScales ?? []).length || !cache.keeps(bytes, volume.channels)) return;
  const settings = filterBankKey(model, volume);
  if (cache.lookup(settings, volume.channels)) return;
  const setup = await computeSetup(filterTasks(model, volume, derivedChannels(model, volume)), undefined);
  keepBank(model, volume, settings, setup.features, cache);
}

/** The bank of computed features with the maps that normalise them, kept in `cache` when there is one. */
function keepBank(model: InputModel, volume: Volume, settings: string, features: Float32Array[], cache?: FilterBankCache): FilterBankInputs {
  const bank = { features, maps: intensityMaps(features, model.normalisation) };
  cache?.keep(settings, volume.channels, bank);
  return bank;
}

/**
 * @param scribbles labels 0..K on the volume's grid; needed (and only read) when the model has geodesic inputs.
 * @param forTraining scribbled voxels read leave-one-stroke-out geodesic inputs (scribble dropout).
 * @param cache the filter bank of the last image, reused when this one is the same (FilterBankCache.ts).
 * @param there a second thread for the filter bank's scales and the geodesic distances' Dijkstra runs (setupSchedule.ts,
 *   setupThread.ts); absent: all here.
 */
export async function volumeSource(model: InputModel, volume: Volume, scribbles?: Uint8Array, forTraining = false,
  cache?: FilterBankCache, there?: SetupRunner): Promise<VolumeSource> {
  const dims = [...volume.dimensions] as Dims;
  const windows = model.config.intensityWindows ?? [];
  const derived = derivedChannels(model, volume);
  const imageMaps: IntensityMap[] = windows.length
    ? derived.map(({ window: [low, high] = [0, 1] }) => ({ offset: low, scale: 1 / (high - low), clip: true }))
    : intensityMaps(volume.channels, model.normalisation);
  // The geodesic distances' voxel reads first; their Dijkstra runs are tasks of the set-up beside the bank's.
  let geodesic: PreparedGeodesic | undefined;
  if (model.config.geodesicInputs) {
    if (!scribbles) throw new Error('volumeSource: a model with geodesic inputs needs the scribbles');
    const read = (ch: number, v: number) => {
      const m = imageMaps[ch];
      const x = (derived[ch].values[v] - m.offset) * m.scale;
      return m.clip ? (x < 0 ? 0 : x > 1 ? 1 : x) : x;
    };
    geodesic = prepareGeodesicFeatures(derived.length, read, dims, volume.spacing, scribbles, model.config.numClasses ?? 0, forTraining,
      lengthPerMmOf(model.config), model.config.geodesicClassBarrier ?? 0,
      model.config.geodesicSliceAxisFactor ?? 1, model.config.geodesicLookAdaptation ?? 0);
  }
  const settings = filterBankKey(model, volume);
  const keptBank = cache?.lookup(settings, volume.channels);
  const filters = keptBank ? [] : filterTasks(model, volume, derived);
  const setup = await computeSetup(filters, geodesic?.job, there);
  const bank = keptBank ?? keepBank(model, volume, settings, setup.features, cache);
  const radii = model.config.contextRadii ?? [];
  const context = radii.length ? computeContextFeatures(derived.map(windowed), dims, volume.spacing, radii) : [];
  return {
    geodesic: geodesic && setup.distances && geodesic.features(setup.distances),
    channels: [...derived.map((d) => d.values), ...bank.features],
    maps: [...imageMaps, ...bank.maps],
    dims,
    // Context features are in the windowed units (0..1): read them with an identity map.
    features: context,
    featureMaps: windows.length ? derived.map(() => ({ offset: 0, scale: 1 })) : imageMaps,
    bumps: model.config.intensityBumps ? { channels: derived.length, count: model.config.intensityBumps } : undefined,
    position: model.config.positionInputs === true ? (model.config.positionAxes ?? [true, true, true]) : undefined,
  };
}
