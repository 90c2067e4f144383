/**
 * One list of preset names and one of backend names, which the presets, the CLI and the panel settings all follow;
 * each preset is the default plus the differences stated here (the values trainSsldec has always used).
 */
import { BACKEND_NAMES, MODEL_PRESETS, PRESET_NAMES, presetForBackend, TRAIN_PRESETS } from '../../../src/ssldec';
import { readSsldecConfig } from '../../../extension/session/SsldecConfig';
import { runCli } from '../../../src/cli/runCli';

/** Fields of `preset` that differ from `base`. */
function differences<T extends object>(preset: T, base: T): Partial<T> {
  return Object.fromEntries(Object.entries(preset).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(base[k as keyof T]))) as Partial<T>;
}

describe('presets', () => {
  it('exist for every preset name, and only those', () => {
    expect(Object.keys(TRAIN_PRESETS)).toEqual([...PRESET_NAMES]);
    expect(Object.keys(MODEL_PRESETS)).toEqual([...PRESET_NAMES]);
  });

  it('differ from the default preset only where stated', () => {
    expect(TRAIN_PRESETS.default).toMatchObject({ patchSize: 32, supervisedSteps: 200, maxRounds: 10, roundSteps: 20, unlabelledPatches: 48, targetPrior: 'initial', l2: 1e-2, pottsWeight: 3 });
    expect(differences(TRAIN_PRESETS.cpu, TRAIN_PRESETS.default)).toEqual({ supervisedSteps: 120, maxRounds: 6, roundSteps: 15, unlabelledPatches: 32 });
    expect(differences(TRAIN_PRESETS.tiny, TRAIN_PRESETS.default)).toEqual({
      patchSize: 24, patchDepth: 6, batchSize: 4, supervisedSteps: 40, learningRate: 5e-2, finalLearningRate: 1e-2, roundLearningRate: 2e-2,
      maxRounds: 3, roundSteps: 8, unlabelledPatches: 12, l2: 1e-4, pottsWeight: 0,
    });
    expect(MODEL_PRESETS.default).toEqual({
      kind: '2d', sliceStack: 1, depth: 3, width: 32, kernelSize: 3, spatialLayers: 0, filterScales: [1, 2, 4], filterMean: 'edgeAware', positionInputs: false,
      cleanupWeight: 1, geodesicInputs: true, geodesicLengthPerMm: 0.01, geodesicClassBarrier: 1, geodesicLookAdaptation: 1, geodesicSliceAxisFactor: 0.5, geodesicPrior: 1,
      appearancePrior: 0.5, edgeSnapRadius: 2, edgeSnapSureConfidence: 0.8, rimMeansRadius: 2,
    });
    expect(differences(MODEL_PRESETS.cpu, MODEL_PRESETS.default)).toEqual({ width: 16 });
    expect(differences(MODEL_PRESETS.tiny, MODEL_PRESETS.default)).toEqual({
      depth: 2, width: 8, filterScales: [], cleanupWeight: 0, geodesicInputs: false, geodesicPrior: 0, appearancePrior: 0, edgeSnapRadius: 0,
      rimMeansRadius: 0,
    });
  });
});

describe('the preset a run gets when none is asked for', () => {
  it('is the default model on every backend but the plain-JS cpu one (wasm included: the bench chose width 32 there)', () => {
    expect(BACKEND_NAMES.map((b) => [b, presetForBackend(b)])).toEqual([['webgpu', 'default'], ['webgl', 'default'], ['wasm', 'default'], ['cpu', 'cpu']]);
    expect(presetForBackend(undefined)).toBe('default');
  });
});

describe('preset and backend names at the edges', () => {
  it('the panel settings accept every name and name the list when refusing one', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const preset of PRESET_NAMES) expect(readSsldecConfig({ preset }).preset).toBe(preset);
    for (const backend of BACKEND_NAMES) expect(readSsldecConfig({ backend }).backend).toBe(backend);
    expect(readSsldecConfig({ preset: 'huge', backend: 'cuda' })).toEqual({});
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`expected ${PRESET_NAMES.join(' | ')}`));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`expected ${BACKEND_NAMES.join(' | ')}`));
    warn.mockRestore();
  });

  it('the CLI refuses an unknown preset or backend with exit 2, naming every accepted value', async () => {
    for (const [flag, value, names] of [['--preset', 'huge', PRESET_NAMES], ['--backend', 'cuda', BACKEND_NAMES]] as const) {
      let stderr = '';
      const code = await runCli(['segment', '--image', 'a', '--scribbles', 'b', '--out', 'c.dcm', flag, value],
        { stdout: { write: () => true }, stderr: { write: (t: string) => (stderr += t), isTTY: false } });
      expect(code).toBe(2);
      for (const name of names) expect(stderr).toContain(name);
    }
  });
});
