/**
 * The SSLDEC panel (inside our own React island): classes, brush, Train / Retrain / Cancel, progress, prediction
 * controls, Save to PACS, model save/load, errors. State comes from the session's store; actions call the session.
 * DOM test ids follow docs/ohif-contract.md.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { SsldecSession } from '../session/SsldecSession';
import { ClassList } from './ClassList';
import { TrainingProgress } from './TrainingProgress';
import { PredictionControls } from './PredictionControls';
import { ModelControls } from './ModelControls';
import { Button } from './Button';
import { ExtraChannels } from './ExtraChannels';

/** The panel. `session.restoreWhenReady()` runs once on mount to bring back kept scribbles. */
export function PanelSsldec({ session }: { session: SsldecSession }) {
  const state = useSyncExternalStore(session.store.subscribe, session.store.getState, session.store.getState);
  const [includeBackground, setIncludeBackground] = useState(false);
  useEffect(() => {
    // Once a series is shown (or the wait gave up), offer the study's other series on its grid as channels.
    void session.restoreWhenReady().then(() => session.refreshChannels());
  }, [session]);
  const running = state.training.status === 'running';
  const { save } = state;
  const lowerResolution = state.error?.lowerResolutionFactor;
  return (
    <div data-testid="ssldec-panel" className="text-white" style={{ padding: 8, fontSize: 13, display: 'flex', flexDirection: 'column', gap: 8 }}>
      <ClassList session={session} classes={state.classes} activeValue={state.activeClassValue} brushValue={state.brushClassValue} />
      <label style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
        Brush width {state.brushSize} mm
        <input
          type="range" data-testid="ssldec-brush-size" min={1} max={100} step={1} value={state.brushSize}
          onChange={(e) => void session.setBrushSize(Number(e.target.value))}
        />
      </label>
      <ExtraChannels session={session} channels={state.channels} disabled={running} />
      <div style={{ display: 'flex', gap: 6, flexWrap: 'wrap' }}>
        <Button data-testid="ssldec-train" disabled={running} onClick={() => void session.train()}>Train</Button>
        <Button data-testid="ssldec-retrain" disabled={running || !state.hasModel || state.prediction.stale} onClick={() => void session.train({ continueTraining: true })}>
          Retrain
        </Button>
        <Button data-testid="ssldec-cancel" disabled={!running} onClick={() => session.cancel()}>Cancel</Button>
        {lowerResolution !== undefined && (
          <Button data-testid="ssldec-train-lowres" disabled={running} onClick={() => void session.train({ factor: lowerResolution })}>
            Train at lower resolution (1/{lowerResolution})
          </Button>
        )}
      </div>
      <TrainingProgress training={state.training} restoredPrediction={state.prediction.available} />
      {state.notice && <div data-testid="ssldec-notice" style={{ color: '#ffd27a' }}>{state.notice}</div>}
      {state.error && (
        <div data-testid="ssldec-error" role="alert" style={{ border: '1px solid #c55', borderRadius: 4, padding: 6, background: '#3a1111' }}>
          <strong>{state.error.title}</strong>
          <div>{state.error.message}</div>
          <Button onClick={() => session.store.dispatch({ type: 'error/clear' })}>Dismiss</Button>
        </div>
      )}
      <PredictionControls session={session} prediction={state.prediction} classes={state.classes} busy={state.training.status === 'running'} />
      <div>
        <Button data-testid="ssldec-save" disabled={!state.prediction.available || state.prediction.stale || save.status === 'saving'} onClick={() => void session.save('prediction', { includeBackground })}>
          Save to PACS
        </Button>{' '}
        <Button data-testid="ssldec-save-scribbles" disabled={state.classes.length === 0 || save.status === 'saving'} onClick={() => void session.save('scribbles')}>
          Save scribbles to PACS
        </Button>
        <label style={{ display: 'block', marginTop: 4 }} title="Off: the background class is left out of the SEG, as DICOM-SEG treats unlabelled voxels as background">
          <input data-testid="ssldec-include-background" type="checkbox" checked={includeBackground} onChange={(e) => setIncludeBackground(e.target.checked)} />{' '}
          Include background as a segment
        </label>
        {save.status !== 'idle' && (
          <div data-testid="ssldec-save-result" data-status={save.status} data-series-uid={save.seriesInstanceUid ?? ''} style={{ marginTop: 4, wordBreak: 'break-all' }}>
            {save.message}
          </div>
        )}
      </div>
      <ModelControls session={session} hasModel={state.hasModel} />
      <div>
        <Button data-testid="ssldec-forget-study" title="Delete the classes, scribbles and predictions this browser keeps for this study" onClick={() => void session.forgetStudy()}>
          Forget this study
        </Button>
      </div>
    </div>
  );
}
