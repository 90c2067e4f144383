import type { ChannelsState } from '../state/PanelState';
import type { SsldecSession } from '../session/SsldecSession';

/**
 * The study's other series on the active series' grid, offered as extra input channels (T1 + T2, T1c + FLAIR): the
 * network then sees each voxel in every ticked series. Shown only when the study has such a series.
 */
export function ExtraChannels({ session, channels, disabled }: { session: SsldecSession; channels: ChannelsState; disabled: boolean }) {
  if (channels.offered.length === 0) return null;
  return (
    <fieldset data-testid="ssldec-extra-channels" style={{ border: 0, padding: 0, margin: 0 }}>
      <legend style={{ fontWeight: 600 }}>Extra channels (series on this grid)</legend>
      {channels.offered.map((o) => (
        <label key={o.seriesInstanceUid} style={{ display: 'flex', gap: 6, alignItems: 'center' }} title={o.seriesInstanceUid}>
          <input
            type="checkbox" data-testid="ssldec-extra-channel" data-series-uid={o.seriesInstanceUid} disabled={disabled}
            checked={channels.chosen.includes(o.seriesInstanceUid)} onChange={(e) => session.chooseChannel(o.seriesInstanceUid, e.target.checked)}
          />
          {o.label}
        </label>
      ))}
      {channels.chosen.length > 0 && (
        <div style={{ fontSize: 12, color: '#aaa' }}>Used from the next Train; a model trained with other channels needs Train, not Retrain.</div>
      )}
    </fieldset>
  );
}
