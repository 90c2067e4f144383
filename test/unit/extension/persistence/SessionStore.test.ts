/** IndexedDB persistence of a session, on fake-indexeddb (a full IndexedDB implementation in Node). */
import { IDBFactory } from 'fake-indexeddb';
import { SessionStore, sessionKey } from '../../../../extension/persistence/SessionStore';
import { encodeSessionRecord, decodeSessionRecord, SessionRecordError, type SessionRecord } from '../../../../extension/persistence/SessionRecord';

function record(n = 4096): SessionRecord {
  const scribbles = new Uint8Array(n);
  scribbles[10] = 1;
  scribbles[2000] = 3;
  const prediction = new Uint8Array(n).map((_, i) => (i % 2 ? 1 : 3));
  const confidence = new Float32Array(n).map((_, i) => (i % 7) / 6);
  return { classes: [{ value: 1, name: 'CSF', color: [1, 2, 3] }, { value: 3, name: 'WM', color: [4, 5, 6] }], dimensions: [16, 16, 16], scribbles, prediction, confidence, updatedAt: 42 };
}

describe('SessionRecord encoding', () => {
  it('round-trips labelmaps exactly and confidence to 1/255, compressing sparse scribbles', () => {
    const r = record();
    const stored = encodeSessionRecord(r);
    expect(stored.scribbles!.length).toBeLessThan(100);
    const back = decodeSessionRecord(stored);
    expect(back.scribbles).toEqual(r.scribbles);
    expect(back.prediction).toEqual(r.prediction);
    back.confidence!.forEach((c, i) => expect(Math.abs(c - r.confidence![i])).toBeLessThanOrEqual(0.5 / 255 + 1e-7));
    expect(back.classes).toEqual(r.classes);
  });

  it('rejects a record whose arrays do not fit its dimensions, or another version', () => {
    const stored = encodeSessionRecord(record());
    expect(() => decodeSessionRecord({ ...stored, dimensions: [16, 16, 15] })).toThrow(/has 4096 voxels, expected 3840/);
    expect(() => decodeSessionRecord({ ...stored, version: 2 as 1 })).toThrow(SessionRecordError);
  });
});

describe('SessionStore on IndexedDB', () => {
  it('saves, loads (also from a second connection, like after a reload), replaces and removes per series', async () => {
    const idb = new IDBFactory();
    const key = sessionKey('1.2.3', '1.2.3.4');
    const first = new SessionStore(idb);
    expect(await first.load(key)).toBeUndefined();
    await first.save(key, record());
    await first.close();
    const second = new SessionStore(idb);
    const loaded = await second.load(key);
    expect(loaded?.scribbles).toEqual(record().scribbles);
    await second.save(key, { ...record(), scribbles: undefined, updatedAt: 43 });
    expect((await second.load(key))?.scribbles).toBeUndefined();
    expect(await second.load(sessionKey('1.2.3', 'other'))).toBeUndefined();
    await second.remove(key);
    expect(await second.load(key)).toBeUndefined();
    await second.close();
  });
});
