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

  it('round-trips the last run\'s other result with its model, provenance and missing classes; drops one without its model', () => {
    const r = record();
    const other = {
      kind: 'first' as const, prediction: r.prediction!.map((v) => (v === 1 ? 3 : 1)), confidence: r.confidence!.map((c) => 1 - c),
      missingClassValues: [3], backend: 'wasm', rounds: 0, model: new Uint8Array([7, 8, 9]),
    };
    const back = decodeSessionRecord(encodeSessionRecord({ ...r, backend: 'wasm', rounds: 4, other }));
    expect(back).toMatchObject({ backend: 'wasm', rounds: 4 });
    expect(back.other).toMatchObject({ kind: 'first', prediction: other.prediction, missingClassValues: [3], backend: 'wasm', rounds: 0 });
    expect([...back.other!.model]).toEqual([7, 8, 9]);
    back.other!.confidence.forEach((c, i) => expect(Math.abs(c - other.confidence[i])).toBeLessThanOrEqual(0.5 / 255 + 1e-7));
    // An older record has neither; a damaged other result (no model) is dropped and the rest reads as before.
    expect(decodeSessionRecord(encodeSessionRecord(r))).toMatchObject({ backend: undefined, rounds: undefined, other: undefined });
    const stored = encodeSessionRecord({ ...r, other });
    const damaged = decodeSessionRecord({ ...stored, other: { ...stored.other!, model: undefined as unknown as Uint8Array } });
    expect(damaged.other).toBeUndefined();
    expect(damaged.prediction).toEqual(r.prediction);
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
    const first = new SessionStore(idb, { now: () => 1000 });
    expect(await first.load(key)).toBeUndefined();
    await first.save(key, record());
    await first.close();
    const second = new SessionStore(idb, { now: () => 1000 });
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

describe('SessionStore: kept sessions expire and can be forgotten', () => {
  const DAY = 86_400_000;

  it('ignores and deletes a record older than the maximum age (default 30 days), keeping younger ones', async () => {
    const idb = new IDBFactory();
    let now = 100 * DAY;
    const store = new SessionStore(idb, { now: () => now });
    await store.save(sessionKey('1.2', '1.2.1'), { ...record(), updatedAt: now - 30 * DAY });
    await store.save(sessionKey('1.2', '1.2.2'), { ...record(), updatedAt: now - 30 * DAY - 1 });
    expect(await store.load(sessionKey('1.2', '1.2.1'))).toBeDefined();
    expect(await store.load(sessionKey('1.2', '1.2.2'))).toBeUndefined();
    now += 1;
    expect(await store.load(sessionKey('1.2', '1.2.1'))).toBeUndefined();
    await store.close();
    // deleted, not only hidden: a store with a longer age limit does not find them either
    const longer = new SessionStore(idb, { now: () => now, maxAgeMs: 1000 * DAY });
    expect(await longer.load(sessionKey('1.2', '1.2.1'))).toBeUndefined();
    await longer.close();
  });

  it('deletes expired records of every study when the database is opened, with a configurable age', async () => {
    const idb = new IDBFactory();
    const writer = new SessionStore(idb, { now: () => 10 * DAY, maxAgeMs: 1000 * DAY });
    await writer.save(sessionKey('9.1', '9.1.1'), { ...record(), updatedAt: 1 * DAY });
    await writer.save(sessionKey('9.2', '9.2.1'), { ...record(), updatedAt: 9 * DAY });
    await writer.close();
    // a two-day limit: opening removes the 9-day-old record before anything is asked of it
    const reader = new SessionStore(idb, { now: () => 10 * DAY, maxAgeMs: 2 * DAY });
    expect(await reader.forgetStudy('none')).toBe(0);
    await reader.close();
    expect(await storedKeys(idb)).toEqual([sessionKey('9.2', '9.2.1')]);
  });

  it('forgets every series of one study and nothing of another (also one whose UID starts the same)', async () => {
    const idb = new IDBFactory();
    const store = new SessionStore(idb, { now: () => 1000 });
    for (const key of [sessionKey('1.2.3', 'a'), sessionKey('1.2.3', 'b'), sessionKey('1.2.34', 'c'), sessionKey('7', 'd')]) {
      await store.save(key, record());
    }
    expect(await store.forgetStudy('1.2.3')).toBe(2);
    expect(await store.load(sessionKey('1.2.3', 'a'))).toBeUndefined();
    expect(await store.forgetStudy('1.2.3')).toBe(0);
    await store.close();
    expect(await storedKeys(idb)).toEqual([sessionKey('1.2.34', 'c'), sessionKey('7', 'd')]);
  });
});

/** Every key in the store, read with plain IndexedDB calls (not through SessionStore). */
function storedKeys(idb: IDBFactory): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const open = idb.open('ssldec', 1);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const request = open.result.transaction('sessions', 'readonly').objectStore('sessions').getAllKeys();
      request.onsuccess = () => {
        open.result.close();
        resolve(request.result.map(String));
      };
      request.onerror = () => reject(request.error);
    };
  });
}
