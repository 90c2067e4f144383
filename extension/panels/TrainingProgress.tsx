import type { TrainingState } from '../state/PanelState';
import { LossPlot } from './LossPlot';

const PHASE_TEXT: Record<string, string> = {
  reading: 'Reading voxels', setup: 'Preparing', supervised: 'Learning from scribbles', ssldec: 'Self-training (SSLDEC)',
  inference: 'Predicting', writing: 'Showing the result',
};

/** The status line text: phase, step of total, ETA and backend; after a run, its outcome and "backend: <name>". */
export function statusText(t: TrainingState, restoredPrediction = false): string {
  const backend = t.backend ? ` · backend: ${t.backend}` : '';
  switch (t.status) {
    case 'idle':
      return restoredPrediction ? 'Showing the prediction kept from an earlier session; Train to make a new one.' : 'Not trained yet.';
    case 'running': {
      const phase = PHASE_TEXT[t.phase ?? 'reading'] ?? t.phase;
      const step = t.total > 0 ? ` ${t.step}/${t.total}` : '';
      const eta = t.etaSeconds !== undefined && Number.isFinite(t.etaSeconds) ? ` · about ${Math.max(0, Math.round(t.etaSeconds))} s left` : '';
      return `${phase}${step}${eta}${backend}`;
    }
    case 'done':
      return `Done${t.msToOverlay !== undefined ? ` in ${(t.msToOverlay / 1000).toFixed(1)} s` : ''}${t.continued ? ' (retrained)' : ''}${backend}`;
    case 'cancelled':
      return `Cancelled${backend}`;
    case 'failed':
      return `Failed${backend}`;
  }
}

/** Progress bar with data-phase/step/total, the status text and the live loss plot. */
export function TrainingProgress({ training, restoredPrediction = false }: { training: TrainingState; restoredPrediction?: boolean }) {
  const share = training.total > 0 ? Math.min(1, training.step / training.total) : training.status === 'done' ? 1 : 0;
  return (
    <section>
      <div
        data-testid="ssldec-progress" data-phase={training.phase ?? training.status} data-step={training.step} data-total={training.total}
        data-status={training.status} role="progressbar" aria-valuemin={0} aria-valuemax={training.total} aria-valuenow={training.step}
        style={{ height: 6, background: '#223', borderRadius: 3, overflow: 'hidden', margin: '6px 0' }}
      >
        <div style={{ width: `${(share * 100).toFixed(1)}%`, height: '100%', background: '#5acbff' }} />
      </div>
      <div data-testid="ssldec-status" aria-live="polite">{statusText(training, restoredPrediction)}</div>
      <LossPlot losses={training.losses} />
    </section>
  );
}
