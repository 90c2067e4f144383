import type { ReactNode } from 'react';
import type { PredictionState, SliceImage } from '../state/PanelState';
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
        <ImageToCheck which="doubtful" image={d} session={session}>
          Least sure on image {d.image} of {d.images} ({d.unsureVoxels.toLocaleString('en')} unsure voxels there). Check it, paint strokes
          where it is wrong, then train again.
        </ImageToCheck>
      )}
      {m && (
        <ImageToCheck which="moved" image={m} session={session}>
          The refinement changed image {m.image} of {m.images} most ({m.changedVoxels.toLocaleString('en')} voxels changed class there).
          {d ? ' Check it too' : ' Check it'}: the model may be sure of a mistake there.
        </ImageToCheck>
      )}
    </>
  );
}

/** One image to check: what to look for there, and a button that scrolls the viewport to it. */
function ImageToCheck({ which, image, session, children }: { which: 'doubtful' | 'moved'; image: SliceImage; session: SsldecSession; children: ReactNode }) {
  return (
    <div data-testid={`ssldec-${which}-image`} data-image={image.image} data-images={image.images} style={{ margin: '4px 0' }}>
      <span>{children}</span>{' '}
      <Button data-testid={`ssldec-show-${which}-image`} onClick={() => void session.showImageToCheck(which)}>
        Go to image {image.image}
      </Button>
    </div>
  );
}
