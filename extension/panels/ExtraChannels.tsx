import type { ChannelsState } from '../state/PanelState';
import type { SsldecSession } from '../session/SsldecSession';

/**
 * The study's other series on the active series' grid, offered as extra input channels (T1 + T2, T1c + FLAIR): the
 * network then sees each voxel in every ticked series. A ticked series that is not on offer now (not loaded yet, or
 * another series shown) is listed as unavailable, so it can be unticked. Shown only when there is something to list.
 */
export function ExtraChannels({ session, channels, disabled }: { session: SsldecSession; channels: ChannelsState; disabled: boolean }) {
  const unavailable = channels.chosen.filter((uid) => !channels.offered.some((o) => o.seriesInstanceUid === uid));
  const rows = [
    ...channels.offered.map((o) => ({ uid: o.seriesInstanceUid, label: o.label })),
    ...unavailable.map((uid) => ({ uid, label: `series ${uid} (not on this grid, or not loaded yet)` })),
  ];
  if (rows.length === 0) return null;
  return (
    <fieldset data-testid="ssldec-extra-channels" style={{ border: 0, padding: 0, margin: 0 }}>
      <legend style={{ fontWeight: 600 }}>Extra channels (series on this grid)</legend>
      {rows.map((row) => (
        <label key={row.uid} style={{ display: 'flex', gap: 6, alignItems: 'center' }} title={row.uid}>
          <input
            type="checkbox" data-testid="ssldec-extra-channel" data-series-uid={row.uid} disabled={disabled}
            checked={channels.chosen.includes(row.uid)} onChange={(e) => session.chooseChannel(row.uid, e.target.checked)}
          />
          {row.label}
        </label>
      ))}
      {channels.chosen.length > 0 && (
        <div style={{ fontSize: 12, color: '#aaa' }}>Used from the next Train; a model trained with other channels needs Train, not Retrain.</div>
      )}
    </fieldset>
  );
}
