import { statusText } from '../../../../extension/panels/TrainingProgress';
import { panelReducer, PanelStateError } from '../../../../extension/state/panelReducer';
import { initialPanelState, type PanelState } from '../../../../extension/state/PanelState';
import { createStore } from '../../../../extension/state/createStore';
import { BRAIN_PRESET } from '../../../../extension/state/classPresets';
import type { PanelAction } from '../../../../extension/state/panelActions';

const run = (actions: PanelAction[], from: PanelState = initialPanelState()) => actions.reduce(panelReducer, from);

describe('panelReducer: classes', () => {
  it('adds classes with the next free value, a default name and colour, and selects the new one', () => {
    const s = run([{ type: 'classes/add' }, { type: 'classes/add', name: 'Lesion', color: [1, 2, 3] }]);
    expect(s.classes).toEqual([
      { value: 1, name: 'Class 1', color: expect.any(Array) },
      { value: 2, name: 'Lesion', color: [1, 2, 3] },
    ]);
    expect(s.activeClassValue).toBe(2);
  });

  it('keeps values stable when a class is removed (values are OHIF segment indices)', () => {
    const s = run([{ type: 'classes/add' }, { type: 'classes/add' }, { type: 'classes/add' }, { type: 'classes/remove', value: 2 }, { type: 'classes/add' }]);
    expect(s.classes.map((c) => c.value)).toEqual([1, 3, 4]);
  });

  it('renames (trimmed) and recolours; rejects empty names, bad colours and unknown classes', () => {
    const s = run([{ type: 'classes/add' }, { type: 'classes/rename', value: 1, name: '  GM ' }, { type: 'classes/recolour', value: 1, color: [10, 20, 30] }]);
    expect(s.classes[0]).toEqual({ value: 1, name: 'GM', color: [10, 20, 30] });
    expect(() => panelReducer(s, { type: 'classes/rename', value: 1, name: ' ' })).toThrow(/cannot be empty/);
    expect(() => panelReducer(s, { type: 'classes/recolour', value: 1, color: [300, 0, 0] })).toThrow(/0\.\.255/);
    expect(() => panelReducer(s, { type: 'classes/remove', value: 9 })).toThrow(PanelStateError);
    expect(() => panelReducer(s, { type: 'classes/select', value: 9 })).toThrow(/No class with value 9: expected one of \[1\]/);
  });

  it('clears the active class when it is removed', () => {
    const s = run([{ type: 'classes/add' }, { type: 'classes/add' }, { type: 'classes/select', value: 1 }, { type: 'classes/remove', value: 1 }]);
    expect(s.activeClassValue).toBeUndefined();
  });

  it('replaces the list with the brain preset without sharing its arrays', () => {
    const s = run([{ type: 'classes/replace', classes: [...BRAIN_PRESET] }]);
    expect(s.classes.map((c) => c.name)).toEqual(['CSF', 'Grey matter', 'White matter', 'Background']);
    expect(s.classes[0]).not.toBe(BRAIN_PRESET[0]);
    expect(s.activeClassValue).toBe(1);
  });
});

describe('panelReducer: training, prediction, save', () => {
  it('tracks a run: started → progress (losses collected) → finished with time to overlay', () => {
    const s = run([
      { type: 'training/started', continued: false, at: 1000 },
      { type: 'training/progress', progress: { phase: 'supervised', step: 1, total: 40, loss: 1.2, etaSeconds: 30, backend: 'webgpu' } },
      { type: 'training/progress', progress: { phase: 'supervised', step: 2, total: 40, loss: 0.9, backend: 'webgpu' } },
      { type: 'training/progress', progress: { phase: 'inference', step: 1, total: 4, backend: 'webgpu' } },
      { type: 'training/finished', backend: 'webgpu', voxelsPerClass: [0, 10, 20], at: 4500 },
    ]);
    expect(s.training).toMatchObject({ status: 'done', phase: 'inference', step: 1, total: 4, backend: 'webgpu', losses: [1.2, 0.9], msToOverlay: 3500 });
    expect(s.prediction).toMatchObject({ available: true, voxelsPerClass: [0, 10, 20] });
    expect(s.hasModel).toBe(true);
  });

  it('records when the preview appeared (not after the run ended), without making it the saved prediction', () => {
    const s = run([
      { type: 'training/started', continued: false, at: 1000 },
      { type: 'training/progress', progress: { phase: 'preview', step: 2, total: 2, backend: 'wasm' } },
      { type: 'training/preview', at: 2200 },
    ]);
    expect(s.training).toMatchObject({ status: 'running', phase: 'preview', msToPreview: 1200 });
    expect(s.prediction.available).toBe(false);
    expect(statusText(s.training)).toBe('Predicting a first result part 2/2 · 0 % · showing a first result, refining it · backend: wasm');
    const done = run([{ type: 'training/finished', backend: 'wasm', voxelsPerClass: [0, 3], at: 5000 }], s);
    expect(statusText(done.training)).toBe('Done in 4.0 s (first result at 1.2 s) · backend: wasm');
    const late = run([{ type: 'training/cancelled' }, { type: 'training/preview', at: 9000 }], s);
    expect(late.training.msToPreview).toBe(1200);
  });

  it('ignores progress after a cancel, and a failure keeps the previous prediction', () => {
    const done = run([{ type: 'training/started', continued: false, at: 0 }, { type: 'training/finished', backend: 'cpu', voxelsPerClass: [0, 1], at: 1 }]);
    const cancelled = run([{ type: 'training/started', continued: true, at: 2 }, { type: 'training/cancelled' }], done);
    expect(panelReducer(cancelled, { type: 'training/progress', progress: { phase: 'ssldec', step: 3, total: 9 } })).toBe(cancelled);
    const failed = run([{ type: 'training/started', continued: true, at: 3 }, { type: 'training/failed', error: { title: 'T', message: 'M' } }], done);
    expect(failed.prediction.available).toBe(true);
    expect(failed.error).toEqual({ title: 'T', message: 'M' });
    expect(failed.training.status).toBe('failed');
  });

  it('keeps the images to check of the shown result only: a new, restored or switched result drops them', () => {
    const doubtful = { slice: 3, image: 5, images: 8, unsureVoxels: 120 };
    const moved = { slice: 1, image: 7, images: 8, changedVoxels: 40 };
    const pointed = run([
      { type: 'training/started', continued: false, at: 0 },
      { type: 'training/finished', backend: 'wasm', voxelsPerClass: [0, 5, 5], at: 1, other: 'first', otherVoxelsPerClass: [0, 4, 6] },
      { type: 'prediction/imagesToCheck', doubtful, moved },
    ]);
    expect(pointed.prediction).toMatchObject({ doubtful, moved });
    expect(run([{ type: 'prediction/opacity', opacity: 0.3 }], pointed).prediction).toMatchObject({ doubtful, moved });
    const next: PanelAction[] = [
      { type: 'training/finished', backend: 'wasm', voxelsPerClass: [0, 5, 5], at: 2 },
      { type: 'prediction/restored', voxelsPerClass: [0, 5, 5] },
      { type: 'prediction/switched', voxelsPerClass: [0, 4, 6], missingClassValues: [], other: 'refined', otherVoxelsPerClass: [0, 5, 5] },
    ];
    for (const action of next) {
      expect(run([action], pointed).prediction.doubtful).toBeUndefined();
      expect(run([action], pointed).prediction.moved).toBeUndefined();
    }
  });

  it('clamps opacity to 0..1 and records save outcomes', () => {
    expect(run([{ type: 'prediction/opacity', opacity: 3 }]).prediction.opacity).toBe(1);
    const saved = run([{ type: 'save/started' }, { type: 'save/succeeded', seriesInstanceUid: '1.2', sopInstanceUid: '1.2.3', message: 'ok' }]);
    expect(saved.save).toEqual({ status: 'saved', seriesInstanceUid: '1.2', sopInstanceUid: '1.2.3', message: 'ok' });
    expect(run([{ type: 'save/failed', message: 'HTTP 500' }]).save).toEqual({ status: 'failed', message: 'HTTP 500' });
  });

  it('rejects a non-positive brush size', () => {
    expect(() => run([{ type: 'brush/size', size: 0 }])).toThrow(/positive/);
  });
});

describe('createStore', () => {
  it('notifies subscribers on change only, and unsubscribes', () => {
    const store = createStore();
    const seen: number[] = [];
    const off = store.subscribe((s) => seen.push(s.classes.length));
    store.dispatch({ type: 'classes/add' });
    store.dispatch({ type: 'training/progress', progress: { phase: 'setup', step: 0, total: 0 } }); // no-op: not running
    off();
    store.dispatch({ type: 'classes/add' });
    expect(seen).toEqual([1]);
    expect(store.getState().classes).toHaveLength(2);
  });
});
