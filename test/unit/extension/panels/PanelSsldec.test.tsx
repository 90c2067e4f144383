/**
 * The panel rendered to HTML with our React 18 (react-dom/server; no DOM needed): the contract's test ids exist and
 * show the store's state (docs/ohif-contract.md).
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { PanelSsldec } from '../../../../extension/panels/PanelSsldec';
import { statusText } from '../../../../extension/panels/TrainingProgress';
import { createStore } from '../../../../extension/state/createStore';
import { BRAIN_PRESET } from '../../../../extension/state/classPresets';
import { namesBackground } from '../../../../src/volume/backgroundName';
import type { SsldecSession } from '../../../../extension/session/SsldecSession';

function render(actions: Parameters<ReturnType<typeof createStore>['dispatch']>[0][]) {
  const store = createStore();
  actions.forEach((a) => store.dispatch(a));
  const session = { store, restoreWhenReady: async () => false } as unknown as SsldecSession;
  return renderToStaticMarkup(<PanelSsldec session={session} />);
}

const ids = (html: string) => [...html.matchAll(/data-testid="([^"]+)"/g)].map((m) => m[1]);

describe('PanelSsldec markup', () => {
  it('has every contract test id of an idle panel with the brain preset', () => {
    const html = render([{ type: 'classes/replace', classes: [...BRAIN_PRESET] }]);
    expect(ids(html)).toEqual(expect.arrayContaining([
      'ssldec-panel', 'ssldec-class-1', 'ssldec-class-2', 'ssldec-class-3', 'ssldec-class-4', 'ssldec-add-class', 'ssldec-preset-brain',
      'ssldec-brush-size', 'ssldec-train', 'ssldec-retrain', 'ssldec-cancel', 'ssldec-save', 'ssldec-status', 'ssldec-progress',
      'ssldec-prediction-opacity', 'ssldec-confidence-toggle', 'ssldec-forget-study', 'ssldec-include-background',
    ]));
    expect(html).toMatch(/<input(?![^>]*checked)[^>]*data-testid="ssldec-include-background"/); // off by default
    expect(html).not.toContain('ssldec-error');
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*data-testid="ssldec-retrain"/);
    expect(html).not.toMatch(/<button[^>]*disabled=""[^>]*data-testid="ssldec-train"/);
  });

  it('points at the most doubtful image with a button to go there; not while the prediction is stale', () => {
    const pointed: Parameters<ReturnType<typeof createStore>['dispatch']>[0][] = [
      { type: 'classes/replace', classes: [...BRAIN_PRESET] },
      { type: 'training/started', continued: false, at: 0 },
      { type: 'training/finished', backend: 'wasm', voxelsPerClass: [0, 5, 5, 5, 5], at: 1 },
      { type: 'prediction/imagesToCheck', doubtful: { slice: 3, image: 5, images: 8, unsureVoxels: 1234 }, moved: undefined },
    ];
    const html = render(pointed);
    expect(html).toMatch(/data-testid="ssldec-doubtful-image" data-image="5" data-images="8"/);
    expect(html).toContain('Least sure on image 5 of 8 (1,234 unsure voxels there)');
    expect(html).toMatch(/data-testid="ssldec-show-doubtful-image"[^>]*>Go to image 5</);
    expect(render([...pointed, { type: 'classes/remove', value: 4 }])).not.toContain('ssldec-doubtful-image');
    expect(render(pointed.slice(0, 3))).not.toContain('ssldec-doubtful-image');
    expect(html).not.toContain('ssldec-moved-image');
  });

  it('points at the image the refinement changed most too, alone when nothing is doubtful', () => {
    const finished: Parameters<ReturnType<typeof createStore>['dispatch']>[0][] = [
      { type: 'classes/replace', classes: [...BRAIN_PRESET] },
      { type: 'training/started', continued: false, at: 0 },
      { type: 'training/finished', backend: 'wasm', voxelsPerClass: [0, 5, 5, 5, 5], at: 1, other: 'first', otherVoxelsPerClass: [0, 4, 6, 5, 5] },
    ];
    const moved = { slice: 6, image: 2, images: 8, changedVoxels: 4321 };
    const both = render([...finished, { type: 'prediction/imagesToCheck', doubtful: { slice: 3, image: 5, images: 8, unsureVoxels: 1234 }, moved }]);
    expect(both).toContain('ssldec-doubtful-image');
    expect(both).toMatch(/data-testid="ssldec-moved-image" data-image="2" data-images="8"/);
    expect(both).toContain('The refinement changed image 2 of 8 most (4,321 voxels changed class there). Check it too');
    expect(both).toMatch(/data-testid="ssldec-show-moved-image"[^>]*>Go to image 2</);
    const alone = render([...finished, { type: 'prediction/imagesToCheck', doubtful: undefined, moved }]);
    expect(alone).not.toContain('ssldec-doubtful-image');
    expect(alone).toContain('most (4,321 voxels changed class there). Check it:');
    expect(render([...finished, { type: 'prediction/imagesToCheck', doubtful: undefined, moved }, { type: 'classes/remove', value: 4 }])).not.toContain('ssldec-moved-image');
  });

  it('names a class the refinement all but removed or flooded, and not one it merely trimmed', () => {
    const finished = (refined: number[], first: number[]): Parameters<ReturnType<typeof createStore>['dispatch']>[0][] => [
      { type: 'classes/replace', classes: [...BRAIN_PRESET] },
      { type: 'training/started', continued: false, at: 0 },
      { type: 'training/finished', backend: 'wasm', voxelsPerClass: refined, at: 1, other: 'first', otherVoxelsPerClass: first },
    ];
    const html = render(finished([0, 500, 828, 40000, 9000], [0, 600, 40000, 30000, 9000]));
    expect(html).toMatch(/data-testid="ssldec-shrunk-classes" data-class-values="2"/);
    expect(html).toContain('kept only 2 % of &quot;Grey matter&quot; from the first result');
    expect(html).not.toContain('ssldec-grown-classes');
    const flooded = render(finished([0, 600, 40000, 30000, 9000], [0, 600, 40000, 7000, 9000]));
    expect(flooded).toMatch(/data-testid="ssldec-grown-classes" data-class-values="3"/);
    expect(flooded).toContain('grew &quot;White matter&quot; to 4.3 times the first result');
    expect(flooded).not.toContain('ssldec-shrunk-classes');
    // A third of the first result is a trim, not a loss, and three times a growth, not a flood; after switching to
    // the first result nothing is said.
    const trimmed = render(finished([0, 200, 30000, 40000, 9000], [0, 600, 40000, 13400, 9000]));
    expect(trimmed).not.toContain('ssldec-shrunk-classes');
    expect(trimmed).not.toContain('ssldec-grown-classes');
    expect(render([...finished([0, 500, 828, 40000, 9000], [0, 600, 40000, 30000, 9000]),
      { type: 'prediction/switched', voxelsPerClass: [0, 600, 40000, 30000, 9000], missingClassValues: [], other: 'refined', otherVoxelsPerClass: [0, 500, 828, 40000, 9000] },
    ])).not.toContain('ssldec-shrunk-classes');
  });

  it('shows progress data attributes, status with backend, errors and the save result with its series UID', () => {
    const html = render([
      { type: 'classes/replace', classes: [...BRAIN_PRESET] },
      { type: 'training/started', continued: false, at: 0 },
      { type: 'training/progress', progress: { phase: 'supervised', step: 7, total: 40, loss: 0.5, etaSeconds: 12.4, backend: 'webgpu', fraction: 0.3 } },
    ]);
    expect(html).toMatch(/data-testid="ssldec-progress" data-phase="supervised" data-step="7" data-total="40" data-fraction="0.3000" data-eta="12.40"/);
    expect(html).toContain('Learning from scribbles step 7/40 · 30 % · about 12 s left · backend: webgpu');
    // A round restarts its own step count, but the bar (the whole run's share) never goes back.
    const round = render([
      { type: 'training/started', continued: false, at: 0 },
      { type: 'training/progress', progress: { phase: 'ssldec', step: 8, total: 8, round: 1, rounds: 3, backend: 'wasm', fraction: 0.6 } },
      { type: 'training/progress', progress: { phase: 'ssldec', step: 1, total: 8, round: 2, rounds: 3, backend: 'wasm', fraction: 0.55 } },
    ]);
    expect(round).toContain('Self-training (SSLDEC) round 2/3, step 1/8 · 60 %');
    expect(round).toContain('data-fraction="0.6000"');
    const done = render([
      { type: 'training/started', continued: false, at: 0 },
      { type: 'training/finished', backend: 'webgpu', voxelsPerClass: [], at: 2500 },
      { type: 'save/succeeded', seriesInstanceUid: '1.2.3.9', sopInstanceUid: '1.2.3.9.1', message: 'Saved as 1.2.3.9' },
      { type: 'error/set', error: { title: 'Save to PACS failed', message: 'HTTP 503' } },
    ]);
    expect(done).toContain('Done in 2.5 s · backend: webgpu');
    expect(done).toMatch(/data-testid="ssldec-save-result" data-status="saved" data-series-uid="1.2.3.9"/);
    expect(done).toMatch(/data-testid="ssldec-error"[^>]*>.*Save to PACS failed.*HTTP 503/);
  });

  it('tells where to paint Background only when a class is named so', () => {
    const hint = /data-testid="ssldec-background-hint"[^>]*>([^<]*)</;
    expect(render([{ type: 'classes/replace', classes: [...BRAIN_PRESET] }])).toMatch(hint);
    const text = render([{ type: 'classes/replace', classes: [...BRAIN_PRESET] }]).match(hint)![1].replace(/\s+/g, ' ');
    expect(text).toContain('not only on air');
    expect(text).toContain('several slices spread over it');
    expect(render([{ type: 'classes/replace', classes: BRAIN_PRESET.filter((c) => !namesBackground(c.name)) }])).not.toMatch(hint);
  });

  it('asks for a Background class, with a button that adds one, while no class is named so', () => {
    const none = render([{ type: 'classes/replace', classes: BRAIN_PRESET.filter((c) => !namesBackground(c.name)) }]);
    expect(ids(none)).toEqual(expect.arrayContaining(['ssldec-no-background-hint', 'ssldec-add-background']));
    expect(none).toMatch(/data-testid="ssldec-add-background"[^>]*>\+ Add Background</);
    expect(ids(render([{ type: 'classes/replace', classes: [...BRAIN_PRESET] }]))).not.toContain('ssldec-no-background-hint');
    expect(ids(render([]))).not.toContain('ssldec-no-background-hint'); // no class yet: the empty-list hint speaks
  });

  it('offers lower-resolution training only with a message that offers it, at the factor it names', () => {
    const html = render([{ type: 'error/set', error: { title: 'Volume too large for this device', message: '… 1/3 …', lowerResolutionFactor: 3 } }]);
    expect(ids(html)).toContain('ssldec-train-lowres');
    expect(html).toMatch(/data-testid="ssldec-train-lowres"[^>]*>Train at lower resolution \(1\/3\)/);
    expect(ids(render([{ type: 'error/set', error: { title: 'Save to PACS failed', message: 'HTTP 503' } }]))).not.toContain('ssldec-train-lowres');
    expect(statusText({ status: 'cancelled', step: 0, total: 0, fraction: 0, losses: [], continued: false, backend: 'cpu' })).toBe('Cancelled · backend: cpu');
    expect(render([{ type: 'prediction/restored', voxelsPerClass: [0, 5] }])).toContain('Showing the prediction kept from an earlier session');
  });

  it('warns by name when scribbled classes have no voxel in the prediction, and only for the prediction shown', () => {
    const trained = (missingClassValues: number[]) => [
      { type: 'classes/replace' as const, classes: [...BRAIN_PRESET] },
      { type: 'training/started' as const, continued: false, at: 0 },
      { type: 'training/finished' as const, backend: 'wasm', voxelsPerClass: [0, 10, 0, 30, 0], at: 1000, missingClassValues },
    ];
    const warning = (html: string) => /data-testid="ssldec-missing-classes"[^>]*>([^<]*)</.exec(html)?.[1].replace(/&quot;/g, '"');
    expect(warning(render(trained([2, 4])))).toBe(
      '"Grey matter" and "Background" have strokes but no voxel in the prediction: the model took their strokes for another class. ' +
        'Paint more strokes for them where they differ most from the neighbouring classes, then press Retrain.',
    );
    expect(render(trained([2, 4]))).toMatch(/data-testid="ssldec-missing-classes" role="alert"/);
    expect(warning(render([...trained([2]), { type: 'classes/rename', value: 2, name: 'GM' }]))).toMatch(/^"GM" has strokes but no voxel .* for it where it differs most/);
    expect(warning(render(trained([])))).toBeUndefined();
    // Removing a class makes the prediction stale: the warning was about the prediction, which now waits for Train.
    expect(warning(render([...trained([2, 4]), { type: 'classes/remove', value: 4 }]))).toBeUndefined();
    // A new run that finds every class clears it.
    expect(warning(render([...trained([2]), { type: 'training/started', continued: true, at: 2000 }, { type: 'training/finished', backend: 'wasm', voxelsPerClass: [0, 1, 1, 1, 1], at: 3000 }]))).toBeUndefined();
  });

  it('offers the run\'s first result after a run that had one, the refined one after switching, and neither when stale or restored', () => {
    const run = (other?: 'first') => [
      { type: 'classes/replace' as const, classes: [...BRAIN_PRESET] },
      { type: 'prediction/voxelMl' as const, voxelMl: 1 },
      { type: 'training/started' as const, continued: false, at: 0 },
      { type: 'training/finished' as const, backend: 'wasm', voxelsPerClass: [0, 10, 5, 30, 0], at: 1000, other, otherVoxelsPerClass: other && [0, 12, 4, 29, 0] },
    ];
    const switchOf = (html: string) => /data-testid="ssldec-result-switch" data-shown="([a-z]+)"/.exec(html)?.[1];
    const button = (html: string) => /<button[^>]*data-testid="ssldec-switch-result"[^>]*>([^<]*)</.exec(html)?.[1];
    expect(switchOf(render(run('first')))).toBe('refined');
    expect(button(render(run('first')))).toBe('Use the first result');
    // Each class's volume in the other result beside the shown one's: how far the rounds moved it.
    expect(render(run('first'))).toMatch(/data-class-value="1" data-voxels="10" data-other-voxels="12">CSF: 10 mL \(first result: 12 mL\)/);
    const switched = [...run('first'), { type: 'prediction/switched' as const, voxelsPerClass: [0, 12, 4, 29, 0], missingClassValues: [], other: 'refined' as const, otherVoxelsPerClass: [0, 10, 5, 30, 0] }];
    expect(switchOf(render(switched))).toBe('first');
    expect(button(render(switched))).toBe('Use the refined result');
    expect(render(switched)).toMatch(/data-class-value="1" data-voxels="12" data-other-voxels="10">CSF: 12 mL \(refined: 10 mL\)/);
    expect(render(run())).not.toContain('data-other-voxels');
    // Disabled while a new run trains; gone without a first result, when stale, restored or after a model load.
    expect(render([...switched, { type: 'training/started', continued: true, at: 2000 }])).toMatch(/<button[^>]*disabled=""[^>]*data-testid="ssldec-switch-result"/);
    expect(switchOf(render(run()))).toBeUndefined();
    expect(switchOf(render([...run('first'), { type: 'classes/remove', value: 4 }]))).toBeUndefined();
    expect(switchOf(render([...run('first'), { type: 'prediction/restored', voxelsPerClass: [0, 5] }]))).toBeUndefined();
    expect(switchOf(render([...run('first'), { type: 'model/available', available: true }]))).toBeUndefined();
  });

  it('offers same-grid series as extra channels only when there are some, ticked as chosen', () => {
    expect(ids(render([]))).not.toContain('ssldec-extra-channels');
    const html = render([
      { type: 'channels/offered', offered: [{ seriesInstanceUid: '1.2.3.2', label: 'MR #2 T2 axial' }, { seriesInstanceUid: '1.2.3.5', label: 'MR #5 FLAIR' }] },
      { type: 'channels/choose', seriesInstanceUid: '1.2.3.5', chosen: true },
    ]);
    expect(ids(html)).toContain('ssldec-extra-channels');
    expect(html).toMatch(/<input type="checkbox" data-testid="ssldec-extra-channel" data-series-uid="1.2.3.2"\/>MR #2 T2 axial/);
    expect(html).toMatch(/<input type="checkbox" data-testid="ssldec-extra-channel" data-series-uid="1.2.3.5" checked=""\/>MR #5 FLAIR/);
    // A chosen series not on offer now (kept from an earlier visit, not loaded yet) stays chosen, listed as such.
    const kept = render([{ type: 'channels/restored', chosen: ['1.2.3.5'] }, { type: 'channels/offered', offered: [{ seriesInstanceUid: '1.2.3.2', label: 'MR #2 T2 axial' }] }]);
    expect(kept).toMatch(/data-series-uid="1.2.3.5" checked=""\/>series 1.2.3.5 \(not on this grid, or not loaded yet\)/);
    // Only offered series can be ticked; any can be unticked.
    expect(render([{ type: 'channels/choose', seriesInstanceUid: '9.9', chosen: true }])).not.toContain('ssldec-extra-channels');
    expect(render([{ type: 'channels/restored', chosen: ['1.2.3.5'] }, { type: 'channels/choose', seriesInstanceUid: '1.2.3.5', chosen: false }])).not.toContain('ssldec-extra-channels');
  });
});
