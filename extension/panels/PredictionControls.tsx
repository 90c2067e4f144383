import type { PanelClass, PredictionState } from '../state/PanelState';
import type { SsldecSession } from '../session/SsldecSession';

/** Class volume in mL (one decimal below 10 mL), from voxels × voxel volume. */
export function formatMl(voxels: number, voxelMl: number): string {
  const ml = voxels * voxelMl;
  return `${ml < 10 ? ml.toFixed(1) : Math.round(ml).toLocaleString('en')} mL`;
}

/** Overlay opacity, confidence view, the volume per class of the last prediction, and whether it is stale. */
export function PredictionControls({ session, prediction, classes }: { session: SsldecSession; prediction: PredictionState; classes: PanelClass[] }) {
  return (
    <section data-testid="ssldec-prediction" data-available={prediction.available ? 'true' : 'false'} data-stale={prediction.stale ? 'true' : 'false'}>
      <h3 style={{ fontWeight: 600, margin: '8px 0 4px' }}>Prediction</h3>
      {prediction.available && prediction.stale && (
        <div data-testid="ssldec-prediction-stale" style={{ color: '#ffd27a' }}>
          Made for other classes than the ones listed: press Train to update it before saving.
        </div>
      )}
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
          {classes.map((c) => (
            <li key={c.value} data-class-value={c.value} data-voxels={prediction.voxelsPerClass[c.value] ?? 0}>
              {c.name}: {formatMl(prediction.voxelsPerClass[c.value] ?? 0, prediction.voxelMl)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
