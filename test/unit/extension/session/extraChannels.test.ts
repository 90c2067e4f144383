/**
 * Issue 9, multi-channel input in the viewer: the panel offers the study's other series that lie on the active
 * series' grid, and a ticked one reaches the engine as a second channel of the volume, voxel for voxel in the
 * active series' slice order (the shown series lists its images in reverse, the other one in order).
 */
import { IDBFactory } from 'fake-indexeddb';
import * as engine from '../../../../src/ssldec';
import type { Volume } from '../../../../src/volume/Volume';
import { engineSession, paintTwoLines } from '../helpers/engineSession';
import { fakeOhif, type FakeSeries } from '../helpers/fakeOhif';
import { twoClassPhantom } from '../helpers/twoClassPhantom';

test('offers same-grid series only, and trains on the ticked one as a second channel', async () => {
  const { volume } = twoClassPhantom();
  // A "T2": another contrast on the same grid (value depends on the voxel, so a slice-order mix-up shows).
  const t2: Volume = { ...volume, channels: [Float32Array.from(volume.channels[0], (v, n) => 1000 - v + n)] };
  const series: FakeSeries[] = [
    { seriesInstanceUID: '1.2.3.2', description: 'T2 axial', volume: t2 },
    { seriesInstanceUID: '1.2.3.3', description: 'FLAIR shifted', volume: t2, shift: [0.5, 0, 0] },
    { seriesInstanceUID: '1.2.3.4', description: 'T2 fewer slices', volume: { ...t2, dimensions: [16, 16, 2], channels: [t2.channels[0].slice(0, 512)] } },
  ];
  const viewer = fakeOhif(volume, series);
  const seen: Volume[] = [];
  const recording: typeof engine = {
    ...engine,
    trainSsldec: async (...args: Parameters<typeof engine.trainSsldec>) => (seen.push(args[0]), engine.trainSsldec(...args)),
  };
  const idb = new IDBFactory();
  const session = engineSession(viewer.ohif, idb, recording);
  try {
    session.refreshChannels();
    expect(session.store.getState().channels.offered).toEqual([{ seriesInstanceUid: '1.2.3.2', label: 'MR #2 T2 axial' }]);
    session.chooseChannel('1.2.3.3', true); // not offered: ignored
    session.chooseChannel('1.2.3.2', true);
    expect(session.store.getState().channels.chosen).toEqual(['1.2.3.2']);

    for (const name of ['Dark', 'Bright']) await session.addClass(name);
    await session.selectClass(1);
    paintTwoLines(viewer, 1, 2, 1);
    await session.train();
    expect(session.store.getState().error).toBeUndefined();
    expect(seen[0].channels).toHaveLength(2);
    expect(seen[0].channelNames).toEqual(['MR', 'T2 axial']);
    expect(session.store.getState().notice).toContain('Trained on 2 channels: MR + T2 axial.');
    expect(Array.from(seen[0].channels[1])).toEqual(Array.from(t2.channels[0]));
    expect(Array.from(seen[0].channels[0])).toEqual(Array.from(volume.channels[0], (v) => Math.round(v / 2) * 2)); // the fake stores value / 2

    // After a reload the choice is kept with the model, so Retrain reads the same two channels.
    await session.persistNow();
    const reloaded = engineSession(fakeOhif(volume, series).ohif, idb, recording);
    try {
      expect(await reloaded.restoreWhenReady(2000, 10)).toBe(true);
      reloaded.refreshChannels();
      expect(reloaded.store.getState().channels.chosen).toEqual(['1.2.3.2']);
      await reloaded.train({ continueTraining: true });
      expect(reloaded.store.getState().error).toBeUndefined();
      expect(seen[1].channels).toHaveLength(2);
    } finally {
      reloaded.dispose();
    }

    // Unticked: the next Train reads one channel again.
    session.chooseChannel('1.2.3.2', false);
    await session.train();
    expect(seen[2].channels).toHaveLength(1);
  } finally {
    session.dispose();
  }
}, 60_000);
