/**
 * The filter bank kept between runs on the same image (a correction, a Retrain): reused only for the same settings and
 * the same image values, recomputed otherwise, never held when larger than its limit, and dropped before a new bank
 * is computed so that a run's peak memory is what it is without a cache.
 */
import { FilterBankCache, type FilterBankInputs } from '../../../../src/ssldec/data/FilterBankCache';
import { volumeSource } from '../../../../src/ssldec/data/volumeSource';
import { MODEL_PRESETS, type ModelConfig } from '../../../../src/ssldec/model/ModelConfig';
import { DEFAULT_NORMALISATION } from '../../../../src/ssldec/model/buildFcn';
import type { Volume } from '../../../../src/volume/Volume';
import { makePhantom } from '../helpers/phantom';

const phantom = makePhantom([24, 20, 6], [2, 4]);
const config: ModelConfig = { ...MODEL_PRESETS.default, inputChannels: 1, numClasses: 3 };
const model = { config, normalisation: DEFAULT_NORMALISATION };
const scribbles = phantom.scribbles.data;
/** The volume as a new request brings it: the same values in new arrays. */
const copyOf = (v: Volume): Volume => ({ ...v, channels: v.channels.map((c) => c.slice()) });
/** The source's filter-bank features (after the image channel). */
const featuresOf = async (config_: ModelConfig, volume: Volume, cache?: FilterBankCache) =>
  (await volumeSource({ ...model, config: config_ }, volume, scribbles, true, cache)).channels.slice(volume.channels.length);

/** As volumeSource asks: the kept bank, else one computed and kept. */
const bankOf = (cache: FilterBankCache, settings: string, image: Float32Array[], compute: () => FilterBankInputs) => {
  const kept = cache.lookup(settings, image);
  if (kept) return kept;
  const bank = compute();
  cache.keep(settings, image, bank);
  return bank;
};

describe('FilterBankCache', () => {
  test('a second run on the same image reuses the bank, whose values are those computed afresh', async () => {
    const cache = new FilterBankCache();
    const first = await featuresOf(config, copyOf(phantom.volume), cache);
    expect(first).toHaveLength(9); // three scales × mean, Laplacian, gradient
    const second = await featuresOf(config, copyOf(phantom.volume), cache);
    second.forEach((f, i) => expect(f).toBe(first[i]));
    expect(second).toEqual(await featuresOf(config, phantom.volume));
  });

  test('one voxel changed, or other filter settings, compute the bank again', async () => {
    const cache = new FilterBankCache();
    const first = await featuresOf(config, phantom.volume, cache);
    const changed = copyOf(phantom.volume);
    changed.channels[0][100] += 1;
    const afterChange = await featuresOf(config, changed, cache);
    expect(afterChange[0]).not.toBe(first[0]);
    expect(afterChange).toEqual(await featuresOf(config, changed));
    expect(afterChange).not.toEqual(first);
    const twoScales = { ...config, filterScales: [1, 2] };
    const other = await featuresOf(twoScales, changed, cache);
    expect(other).toHaveLength(6);
    expect(other[0]).not.toBe(afterChange[0]);
  });

  test('a bank over the limit is not kept; a miss drops the kept bank before computing the new one', () => {
    const image = [new Float32Array(16)];
    const bank = (): FilterBankInputs => ({ features: [new Float32Array(16)], maps: [{ offset: 0, scale: 1 }] });
    const small = new FilterBankCache(64);
    let computed = 0;
    const counted = () => { computed++; return bank(); };
    bankOf(small, 'a', image, counted);
    bankOf(small, 'a', image, counted);
    expect(computed).toBe(2); // 128 bytes with the image's copy: over 64, so computed each time
    const cache = new FilterBankCache();
    bankOf(cache, 'a', image, counted);
    expect(() => bankOf(cache, 'b', image, () => { throw new Error('out of memory'); })).toThrow('out of memory');
    bankOf(cache, 'a', image, counted);
    expect(computed).toBe(4); // 'a' was dropped when 'b' missed
    bankOf(cache, 'a', image, counted);
    expect(computed).toBe(4);
  });
});
