import type { PredictionState } from '../state/PanelState';
import type { SsldecSession } from '../session/SsldecSession';
import { Button } from './Button';

/**
 * Where to look first after a result: the image without strokes that the model doubts most, with a button that
 * scrolls there. Strokes on what it got wrong there, then a new run, help most (session/doubtfulImage.ts). Hidden
 * while the prediction is stale or there is nothing unsure to point at.
 */
export function DoubtfulImageHint({ session, prediction }: { session: SsldecSession; prediction: PredictionState }) {
  const d = prediction.doubtful;
  if (!prediction.available || prediction.stale || !d) return null;
  return (
    <div data-testid="ssldec-doubtful-image" data-image={d.image} data-images={d.images} style={{ margin: '4px 0' }}>
      <span>
        Least sure on image {d.image} of {d.images} ({d.unsureVoxels.toLocaleString('en')} unsure voxels there). Check it, paint strokes
        where it is wrong, then train again.
      </span>{' '}
      <Button data-testid="ssldec-show-doubtful-image" onClick={() => void session.showDoubtfulImage()}>
        Go to image {d.image}
      </Button>
    </div>
  );
}
