import type { TrainingState } from '../state/PanelState';
import { LossPlot } from './LossPlot';

const PHASE_TEXT: Record<string, string> = {
  reading: 'Reading voxels', setup: 'Preparing', supervised: 'Learning from scribbles', ssldec: 'Self-training (SSLDEC)',
  preview: 'Predicting a first result', inference: 'Predicting', writing: 'Showing the result',
};

/** The status line text: phase, step of total, ETA and backend; after a run, its outcome and "backend: <name>". */
export function statusText(t: TrainingState, restoredPrediction = false): string {
  const backend = t.backend ? ` · backend: ${t.backend}` : '';
  switch (t.status) {
    case 'idle':
      return restoredPrediction ? 'Showing the prediction kept from an earlier session; Train to make a new one.' : 'Not trained yet.';
    case 'running': {
      const phase = PHASE_TEXT[t.phase ?? 'reading'] ?? t.phase;
      const round = t.phase === 'ssldec' && t.round !== undefined ? ` round ${t.round}/${t.rounds ?? '?'},` : '';
      const step = t.total > 0 ? `${round} ${t.phase === 'inference' || t.phase === 'preview' ? 'part' : 'step'} ${t.step}/${t.total}` : '';
      const percent = ` · ${Math.round(t.fraction * 100)} %`;
      const eta = t.etaSeconds !== undefined && Number.isFinite(t.etaSeconds) ? ` · about ${Math.max(0, Math.round(t.etaSeconds))} s left` : '';
      const preview = t.msToPreview !== undefined ? ' · showing a first result, refining it' : '';
      return `${phase}${step}${percent}${eta}${preview}${backend}`;
    }
    case 'done': {
      const first = t.msToPreview !== undefined ? ` (first result at ${(t.msToPreview / 1000).toFixed(1)} s)` : '';
      return `Done${t.msToOverlay !== undefined ? ` in ${(t.msToOverlay / 1000).toFixed(1)} s` : ''}${first}${t.continued ? ' (retrained)' : ''}${backend}`;
    }
    case 'cancelled':
      return `Cancelled${backend}`;
    case 'failed':
      return `Failed${backend}`;
  }
}

/**
 * One bar for the whole run (learning, every SSLDEC round, prediction): its share is the worker's `fraction`, which
 * never goes back. data-fraction / data-eta carry the figures for tests; data-phase/step/total the phase's own count.
 */
export function TrainingProgress({ training, restoredPrediction = false }: { training: TrainingState; restoredPrediction?: boolean }) {
  const share = training.status === 'done' ? 1 : training.fraction;
  return (
    <section>
      <div
        data-testid="ssldec-progress" data-phase={training.phase ?? training.status} data-step={training.step} data-total={training.total}
        data-fraction={share.toFixed(4)} data-eta={training.etaSeconds?.toFixed(2) ?? ''}
        data-status={training.status} role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share * 100)}
        style={{ height: 6, background: '#223', borderRadius: 3, overflow: 'hidden', margin: '6px 0' }}
      >
        <div style={{ width: `${(share * 100).toFixed(1)}%`, height: '100%', background: '#5acbff' }} />
      </div>
      <div data-testid="ssldec-status" aria-live="polite">{statusText(training, restoredPrediction)}</div>
      <LossPlot losses={training.losses} />
    </section>
  );
}
