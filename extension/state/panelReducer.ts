/**
 * Pure reducer of the panel state. Class values are OHIF segment indices: stable while classes are added and
 * removed (gaps allowed); the worker gets contiguous 1..K values through engineClasses.ts.
 */
import type { PanelState } from './PanelState';
import type { PanelAction } from './panelActions';
import { defaultClassColor } from './classPresets';

/** Largest class value allowed: OHIF labelmaps are 8-bit. */
export const MAX_CLASS_VALUE = 255;

/** Error of a reducer action that cannot apply (unknown class, bad value); the state is left unchanged. */
export class PanelStateError extends Error {
  override name = 'PanelStateError';
}

function classIndex(state: PanelState, value: number): number {
  const i = state.classes.findIndex((c) => c.value === value);
  if (i < 0) {
    throw new PanelStateError(
      `No class with value ${value}: expected one of [${state.classes.map((c) => c.value).join(', ')}]. ` +
        'Reload the panel if the class list looks out of date.',
    );
  }
  return i;
}

/** The prediction state after the set of classes changed: a shown prediction no longer covers the classes. */
function staleIfShown(state: PanelState): PanelState['prediction'] {
  return state.prediction.available ? { ...state.prediction, stale: true } : state.prediction;
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** Applies one action. Never mutates `state`; throws PanelStateError for actions on unknown classes. */
export function panelReducer(state: PanelState, action: PanelAction): PanelState {
  switch (action.type) {
    case 'classes/add': {
      const value = state.classes.reduce((m, c) => Math.max(m, c.value), 0) + 1;
      if (value > MAX_CLASS_VALUE) {
        throw new PanelStateError(`Cannot add a class: values run to ${MAX_CLASS_VALUE} (8-bit labelmap). Remove a class first.`);
      }
      const added = { value, name: action.name ?? `Class ${value}`, color: action.color ?? defaultClassColor(value) };
      return { ...state, classes: [...state.classes, added], activeClassValue: value, prediction: staleIfShown(state) };
    }
    case 'classes/rename': {
      const name = action.name.trim();
      if (name === '') throw new PanelStateError('A class name cannot be empty: type a name such as "Grey matter".');
      const i = classIndex(state, action.value);
      const classes = state.classes.map((c, k) => (k === i ? { ...c, name } : c));
      return { ...state, classes };
    }
    case 'classes/recolour': {
      const i = classIndex(state, action.value);
      const color: [number, number, number] = [action.color[0], action.color[1], action.color[2]];
      if (color.some((v) => !Number.isInteger(v) || v < 0 || v > 255)) {
        throw new PanelStateError(`A colour needs three integers 0..255, got [${action.color.join(', ')}].`);
      }
      return { ...state, classes: state.classes.map((c, k) => (k === i ? { ...c, color } : c)) };
    }
    case 'classes/remove': {
      classIndex(state, action.value);
      const classes = state.classes.filter((c) => c.value !== action.value);
      const activeClassValue = state.activeClassValue === action.value ? undefined : state.activeClassValue;
      const voxelsPerClass = state.prediction.voxelsPerClass.map((n, v) => (v === action.value ? 0 : n));
      return { ...state, classes, activeClassValue, prediction: { ...staleIfShown(state), voxelsPerClass } };
    }
    case 'classes/replace': {
      const classes = action.classes.map((c) => ({ ...c }));
      const same = classes.length === state.classes.length && classes.every((c, i) => c.value === state.classes[i].value);
      return { ...state, classes, activeClassValue: action.classes[0]?.value, prediction: same ? state.prediction : staleIfShown(state) };
    }
    case 'classes/select':
      if (action.value !== undefined) classIndex(state, action.value);
      return { ...state, activeClassValue: action.value, brushClassValue: undefined };
    case 'brush/ready':
      return { ...state, brushClassValue: action.value };
    case 'brush/size':
      if (!(action.size > 0)) throw new PanelStateError(`Brush size must be positive (mm), got ${action.size}.`);
      return { ...state, brushSize: action.size };
    case 'training/started':
      return {
        ...state,
        error: undefined,
        notice: undefined,
        training: { status: 'running', phase: 'reading', step: 0, total: 0, fraction: 0, losses: [], continued: action.continued, startedAt: action.at },
      };
    case 'training/progress': {
      if (state.training.status !== 'running') return state; // late event of a cancelled run
      const p = action.progress;
      const losses = p.loss !== undefined && Number.isFinite(p.loss) ? [...state.training.losses, p.loss] : state.training.losses;
      return {
        ...state,
        training: {
          ...state.training, phase: p.phase, step: p.step, total: p.total, backend: p.backend ?? state.training.backend, losses,
          etaSeconds: p.etaSeconds ?? state.training.etaSeconds,
          fraction: Math.max(state.training.fraction, Math.min(1, p.fraction ?? 0)),
          round: p.round, rounds: p.rounds ?? state.training.rounds,
        },
      };
    }
    case 'training/preview': {
      const t = state.training;
      if (t.status !== 'running') return state; // a late preview of a cancelled run
      return { ...state, training: { ...t, msToPreview: t.startedAt !== undefined ? action.at - t.startedAt : undefined } };
    }
    case 'training/finished': {
      const t = state.training;
      const msToOverlay = t.startedAt !== undefined ? action.at - t.startedAt : undefined;
      return {
        ...state,
        hasModel: true,
        training: { ...t, status: 'done', backend: action.backend, etaSeconds: 0, fraction: 1, msToOverlay },
        prediction: {
          ...state.prediction, available: true, voxelsPerClass: action.voxelsPerClass, stale: false, missingClassValues: action.missingClassValues ?? [],
          other: action.other, otherVoxelsPerClass: action.other ? action.otherVoxelsPerClass : undefined, doubtful: undefined, moved: undefined,
        },
        save: { status: 'idle' },
      };
    }
    case 'training/cancelled':
      return { ...state, training: { ...state.training, status: 'cancelled', etaSeconds: undefined } };
    case 'training/failed':
      return { ...state, error: action.error, training: { ...state.training, status: 'failed', etaSeconds: undefined } };
    case 'prediction/opacity':
      return { ...state, prediction: { ...state.prediction, opacity: clamp01(action.opacity) } };
    case 'prediction/showConfidence':
      return { ...state, prediction: { ...state.prediction, showConfidence: action.show } };
    case 'prediction/restored':
      return {
        ...state,
        prediction: {
          ...state.prediction, available: true, voxelsPerClass: action.voxelsPerClass, stale: action.stale ?? false, missingClassValues: action.missingClassValues ?? [],
          other: action.other, otherVoxelsPerClass: action.other ? action.otherVoxelsPerClass : undefined, doubtful: undefined, moved: undefined,
        },
      };
    case 'prediction/counts':
      return { ...state, prediction: { ...state.prediction, voxelsPerClass: action.voxelsPerClass } };
    case 'prediction/switched':
      return {
        ...state,
        prediction: {
          ...state.prediction, voxelsPerClass: action.voxelsPerClass, missingClassValues: action.missingClassValues, other: action.other,
          otherVoxelsPerClass: action.otherVoxelsPerClass, doubtful: undefined, moved: undefined,
        },
        save: { status: 'idle' },
      };
    case 'prediction/imagesToCheck':
      return { ...state, prediction: { ...state.prediction, doubtful: action.doubtful, moved: action.moved } };
    case 'prediction/voxelMl':
      return { ...state, prediction: { ...state.prediction, voxelMl: action.voxelMl } };
    case 'save/started':
      return { ...state, save: { status: 'saving', message: 'Sending the segmentation to the PACS…' } };
    case 'save/succeeded':
      return {
        ...state,
        save: { status: 'saved', seriesInstanceUid: action.seriesInstanceUid, sopInstanceUid: action.sopInstanceUid, message: action.message },
      };
    case 'save/failed':
      return { ...state, save: { status: 'failed', message: action.message } };
    case 'model/available':
      // A model put in the worker (loaded, restored) replaces the last run's two: there is no other result left.
      return { ...state, hasModel: action.available, prediction: { ...state.prediction, other: undefined, otherVoxelsPerClass: undefined } };
    case 'error/set':
      return { ...state, error: action.error };
    case 'error/clear':
      return { ...state, error: undefined };
    case 'notice/set':
      return { ...state, notice: action.notice };
    case 'channels/offered':
      // Chosen series stay chosen while not offered (not loaded yet, or another series shown): the panel lists them
      // as unavailable, and Train says so rather than training without them.
      return { ...state, channels: { ...state.channels, offered: action.offered } };
    case 'channels/restored':
      return { ...state, channels: { ...state.channels, chosen: [...action.chosen] } };
    case 'channels/choose': {
      const { offered, chosen } = state.channels;
      const uid = action.seriesInstanceUid;
      if (!action.chosen) return { ...state, channels: { offered, chosen: chosen.filter((u) => u !== uid) } };
      if (chosen.includes(uid) || !offered.some((o) => o.seriesInstanceUid === uid)) return state;
      return { ...state, channels: { offered, chosen: [...chosen, uid] } };
    }
  }
}
