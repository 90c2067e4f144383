import type { PanelClass, PredictionState } from '../state/PanelState';
import type { SsldecSession } from '../session/SsldecSession';
import { Button } from './Button';
import { DoubtfulImageHint } from './DoubtfulImageHint';

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

/** The refined result keeping less than this share of a class's voxels in the run's first result is a loss to flag. */
export const SHRUNK_SHARE = 0.25;

/**
 * Classes the SSLDEC rounds all but removed: the refined result on screen keeps less than a quarter of their voxels
 * in the run's first result. Measured once in the bench (BENCHMARKS.md, two doubtful-slice rounds on the whole
 * aorta): catch-all strokes on aorta-bright tissue, and the rounds took the aorta from 40 k voxels in the first
 * result (Dice 0.708) to 828 (0.022). Said by name, with the switch that brings it back.
 */
export function ShrunkClassesWarning({ prediction, classes }: { prediction: PredictionState; classes: readonly PanelClass[] }) {
  if (!prediction.available || prediction.stale || prediction.other !== 'first' || !prediction.otherVoxelsPerClass) return null;
  const first = prediction.otherVoxelsPerClass;
  const shrunk = classes.filter((c) => {
    const before = first[c.value] ?? 0;
    const now = prediction.voxelsPerClass[c.value] ?? 0;
    return before > 0 && now > 0 && now < SHRUNK_SHARE * before;
  });
  if (shrunk.length === 0) return null;
  const one = shrunk.length === 1;
  const kept = shrunk.map((c) => `${Math.round((100 * (prediction.voxelsPerClass[c.value] ?? 0)) / first[c.value])} %`);
  return (
    <div data-testid="ssldec-shrunk-classes" data-class-values={shrunk.map((c) => c.value).join(',')} role="alert" style={{ color: '#ffd27a', margin: '4px 0' }}>
      The refinement kept only {joinNames(shrunk.map((c, n) => `${kept[n]} of "${c.name}"`))} from the first result. If {one ? 'that class' : 'those classes'} should
      be larger, "Use the first result" brings {one ? 'it' : 'them'} back; strokes of another class on tissue that looks like {one ? 'it' : 'them'} can
      cause this.
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
      <ShrunkClassesWarning prediction={prediction} classes={classes} />
      <MissingClassesWarning prediction={prediction} classes={classes} />
      <DoubtfulImageHint session={session} prediction={prediction} />
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
