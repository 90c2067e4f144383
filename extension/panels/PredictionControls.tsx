import { keptPercent, refinementChanges, type RefinementChange } from '../../src/ssldec/infer/refinementChanges';
import type { PanelClass, PredictionState } from '../state/PanelState';
import type { SsldecSession } from '../session/SsldecSession';
import { Button } from './Button';
import { ImagesToCheckHint } from './ImagesToCheckHint';

/** Class volume in mL (one decimal below 10 mL), from voxels × voxel volume. */
export function formatMl(voxels: number, voxelMl: number): string {
  const ml = voxels * voxelMl;
  return `${ml < 10 ? ml.toFixed(1) : Math.round(ml).toLocaleString('en')} mL`;
}

/** The names of `values` in list order, quoted and joined ("A", "B" and "C"). */
export function namesOf(classes: readonly PanelClass[], values: readonly number[]): string[] {
  return classes.filter((c) => values.includes(c.value)).map((c) => `"${c.name}"`);
}

function joinNames(names: string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Scribbled classes that the last prediction has no voxel of: the model took their strokes for another class. Said
 * by name, with what helps; hidden while the prediction is stale (it was made for other classes).
 */
export function MissingClassesWarning({ prediction, classes }: { prediction: PredictionState; classes: readonly PanelClass[] }) {
  const names = namesOf(classes, prediction.missingClassValues);
  if (!prediction.available || prediction.stale || names.length === 0) return null;
  const one = names.length === 1;
  return (
    <div data-testid="ssldec-missing-classes" role="alert" style={{ color: '#ffd27a', margin: '4px 0' }}>
      {joinNames(names)} {one ? 'has' : 'have'} strokes but no voxel in the prediction: the model took {one ? 'its' : 'their'} strokes for
      another class. Paint more strokes for {one ? 'it' : 'them'} where {one ? 'it differs' : 'they differ'} most from the neighbouring
      classes, then press Retrain.
    </div>
  );
}

/**
 * Classes the SSLDEC rounds all but removed or flooded (the engine's `refinementChanges`: under a quarter, or over
 * four times, their voxels in the run's first result). Said by name, with the switch that brings the first result back.
 */
export function RefinementWarning({ prediction, classes }: { prediction: PredictionState; classes: readonly PanelClass[] }) {
  if (!prediction.available || prediction.stale || prediction.other !== 'first' || !prediction.otherVoxelsPerClass) return null;
  const changes = refinementChanges(prediction.otherVoxelsPerClass, prediction.voxelsPerClass, classes.map((c) => c.value));
  const named = (list: RefinementChange[]) => list.map((c) => ({ ...c, name: classes.find((k) => k.value === c.value)!.name }));
  const shrunk = named(changes.shrunk);
  const grown = named(changes.grown);
  if (shrunk.length + grown.length === 0) return null;
  const back = '"Use the first result" brings the first one back';
  return (
    <div role="alert" style={{ color: '#ffd27a', margin: '4px 0' }}>
      {shrunk.length > 0 && (
        <div data-testid="ssldec-shrunk-classes" data-class-values={shrunk.map((c) => c.value).join(',')}>
          The refinement kept only {joinNames(shrunk.map((c) => `${keptPercent(c.ratio)} of "${c.name}"`))} from the first result. If
          that is too little, {back}; strokes of another class on tissue that looks like {shrunk.length === 1 ? 'it' : 'them'} can cause this.
        </div>
      )}
      {grown.length > 0 && (
        <div data-testid="ssldec-grown-classes" data-class-values={grown.map((c) => c.value).join(',')}>
          The refinement grew {joinNames(grown.map((c) => `"${c.name}" to ${c.ratio.toFixed(1)} times`))} the first result. If it now covers
          tissue that is not {grown.length === 1 ? 'that class' : 'those classes'}, {back}; strokes of the right class on that tissue help the next run.
        </div>
      )}
    </div>
  );
}

/**
 * Switch between the last run's refined result and its first one (the supervised model's, shown while the SSLDEC
 * rounds ran): the rounds move the classes a long way from the first result, and on some anatomy that makes it
 * worse, which the clinician sees and the engine cannot (src/ssldec/README.md).
 */
export function ResultSwitch({ session, prediction, busy }: { session: SsldecSession; prediction: PredictionState; busy: boolean }) {
  if (!prediction.available || prediction.stale || !prediction.other) return null;
  const toFirst = prediction.other === 'first';
  return (
    <div data-testid="ssldec-result-switch" data-shown={toFirst ? 'refined' : 'first'} style={{ display: 'flex', gap: 6, alignItems: 'center', margin: '4px 0' }}>
      <span>{toFirst ? 'Showing the refined result.' : 'Showing the first result (before refinement).'}</span>
      <Button data-testid="ssldec-switch-result" disabled={busy} onClick={() => void session.switchResult()}>
        {toFirst ? 'Use the first result' : 'Use the refined result'}
      </Button>
    </div>
  );
}

/** Overlay opacity, confidence view, the volume per class of the last prediction, and whether it is stale. */
export function PredictionControls({ session, prediction, classes, busy = false }: {
  session: SsldecSession; prediction: PredictionState; classes: PanelClass[]; busy?: boolean;
}) {
  return (
    <section data-testid="ssldec-prediction" data-available={prediction.available ? 'true' : 'false'} data-stale={prediction.stale ? 'true' : 'false'}>
      <h3 style={{ fontWeight: 600, margin: '8px 0 4px' }}>Prediction</h3>
      {prediction.available && prediction.stale && (
        <div data-testid="ssldec-prediction-stale" style={{ color: '#ffd27a' }}>
          Made for other classes than the ones listed: press Train to update it before saving.
        </div>
      )}
      <ResultSwitch session={session} prediction={prediction} busy={busy} />
      <RefinementWarning prediction={prediction} classes={classes} />
      <MissingClassesWarning prediction={prediction} classes={classes} />
      <ImagesToCheckHint session={session} prediction={prediction} />
      <label style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
        Opacity
        <input
          type="range" data-testid="ssldec-prediction-opacity" min={0} max={1} step={0.05} value={prediction.opacity}
          disabled={!prediction.available} onChange={(e) => void session.setOpacity(Number(e.target.value))}
        />
      </label>
      <label style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
        <input
          type="checkbox" data-testid="ssldec-confidence-toggle" checked={prediction.showConfidence} disabled={!prediction.available}
          onChange={(e) => void session.setShowConfidence(e.target.checked)}
        />
        Show unsure voxels (confidence &lt; {prediction.confidenceThreshold})
      </label>
      {prediction.available && (
        <ul data-testid="ssldec-class-volumes" style={{ listStyle: 'none', padding: 0, margin: '4px 0', fontSize: 12 }}>
          {classes.map((c) => {
            const other = prediction.other && prediction.otherVoxelsPerClass ? prediction.otherVoxelsPerClass[c.value] ?? 0 : undefined;
            return (
              <li key={c.value} data-class-value={c.value} data-voxels={prediction.voxelsPerClass[c.value] ?? 0} data-other-voxels={other}>
                {c.name}: {formatMl(prediction.voxelsPerClass[c.value] ?? 0, prediction.voxelMl)}
                {other !== undefined && ` (${prediction.other === 'first' ? 'first result' : 'refined'}: ${formatMl(other, prediction.voxelMl)})`}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
