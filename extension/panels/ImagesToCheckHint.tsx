import type { PredictionState } from '../state/PanelState';
import type { SsldecSession } from '../session/SsldecSession';
import { Button } from './Button';

/**
 * Where to look first after a result: the image without strokes that the model doubts most and, when the run kept its
 * first result, the image the refinement changed most, each with a button that scrolls there. Strokes on what it got
 * wrong on both, then a new run, did best in the bench (session/imagesToCheck.ts). Hidden while the prediction is
 * stale or there is nothing to point at.
 */
export function ImagesToCheckHint({ session, prediction }: { session: SsldecSession; prediction: PredictionState }) {
  const { doubtful: d, moved: m } = prediction;
  if (!prediction.available || prediction.stale || (!d && !m)) return null;
  return (
    <>
      {d && (
        <div data-testid="ssldec-doubtful-image" data-image={d.image} data-images={d.images} style={{ margin: '4px 0' }}>
          <span>
            Least sure on image {d.image} of {d.images} ({d.unsureVoxels.toLocaleString('en')} unsure voxels there). Check it, paint strokes
            where it is wrong, then train again.
          </span>{' '}
          <Button data-testid="ssldec-show-doubtful-image" onClick={() => void session.showImageToCheck('doubtful')}>
            Go to image {d.image}
          </Button>
        </div>
      )}
      {m && (
        <div data-testid="ssldec-moved-image" data-image={m.image} data-images={m.images} style={{ margin: '4px 0' }}>
          <span>
            The refinement changed image {m.image} of {m.images} most ({m.changedVoxels.toLocaleString('en')} voxels changed class there).
            {d ? ' Check it too' : ' Check it'}: the model may be sure of a mistake there.
          </span>{' '}
          <Button data-testid="ssldec-show-moved-image" onClick={() => void session.showImageToCheck('moved')}>
            Go to image {m.image}
          </Button>
        </div>
      )}
    </>
  );
}
