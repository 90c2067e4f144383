/**
 * The filter bank computed before a run (the viewer's worker, while the clinician paints): the run that follows on the
 * same image finds it in the cache and gives the result it gives without one.
 */
import { FilterBankCache, prepareFilterBank, trainSsldec } from '../../../../src/ssldec';
import type { FilterBankInputs } from '../../../../src/ssldec/data/FilterBankCache';
import type { Volume } from '../../../../src/volume/Volume';
import { makePhantom } from '../helpers/phantom';

/** A cache that counts the banks it was given to keep. */
class CountingCache extends FilterBankCache {
  banks = 0;
  override keep(settings: string, image: Float32Array[], bank: FilterBankInputs): void {
    this.banks++;
    super.keep(settings, image, bank);
  }
}

const phantom = makePhantom([24, 20, 6], [2, 4]);
const copyOf = (v: Volume): Volume => ({ ...v, channels: v.channels.map((c) => c.slice()) });
const SCHEDULE = { backend: 'cpu', preset: 'default', seed: 1, supervisedSteps: 6, maxRounds: 1, roundSteps: 2, unlabelledPatches: 2, patchSize: 8 } as const;

describe('prepareFilterBank', () => {
  test('the next run on the image reuses the prepared bank and gives the same prediction as a run without a cache', async () => {
    const cache = new CountingCache();
    await prepareFilterBank(copyOf(phantom.volume), { backend: 'cpu', preset: 'default', filterBankCache: cache });
    expect(cache.banks).toBe(1);
    const prepared = await trainSsldec(copyOf(phantom.volume), phantom.scribbles, { ...SCHEDULE, filterBankCache: cache });
    expect(cache.banks).toBe(1); // found, not computed again
    const plain = await trainSsldec(phantom.volume, phantom.scribbles, SCHEDULE);
    expect(prepared.prediction.data).toEqual(plain.prediction.data);
    prepared.model.dispose();
    plain.model.dispose();
  }, 120_000);

  test('preparing the same image twice computes the bank once; another image, or a preset without a bank, not at all for it', async () => {
    const cache = new CountingCache();
    await prepareFilterBank(phantom.volume, { backend: 'cpu', preset: 'default', filterBankCache: cache });
    await prepareFilterBank(copyOf(phantom.volume), { backend: 'cpu', preset: 'default', filterBankCache: cache });
    expect(cache.banks).toBe(1);
    await prepareFilterBank(phantom.volume, { backend: 'cpu', preset: 'tiny', filterBankCache: cache });
    expect(cache.banks).toBe(1); // the tiny preset has no filter bank
    const other = copyOf(phantom.volume);
    other.channels[0][7] += 1;
    await prepareFilterBank(other, { backend: 'cpu', preset: 'default', filterBankCache: cache });
    expect(cache.banks).toBe(2);
  }, 60_000);

  test('a bank the cache would not keep is not computed', async () => {
    const cache = new CountingCache(1024);
    await prepareFilterBank(phantom.volume, { backend: 'cpu', preset: 'default', filterBankCache: cache });
    expect(cache.banks).toBe(0);
  });
});
