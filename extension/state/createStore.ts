import { initialPanelState, type PanelState } from './PanelState';
import type { PanelAction } from './panelActions';
import { panelReducer } from './panelReducer';

/** A minimal observable store around {@link panelReducer} (no Redux dependency; one per viewer session). */
export interface PanelStore {
  getState(): PanelState;
  /** Applies an action and notifies listeners when the state changed. Throws what the reducer throws. */
  dispatch(action: PanelAction): void;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: (state: PanelState) => void): () => void;
}

/** Creates a store, starting from `initial` (default: a fresh panel). */
export function createStore(initial: PanelState = initialPanelState()): PanelStore {
  let state = initial;
  const listeners = new Set<(s: PanelState) => void>();
  return {
    getState: () => state,
    dispatch(action) {
      const next = panelReducer(state, action);
      if (next === state) return;
      state = next;
      for (const l of [...listeners]) l(state);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
