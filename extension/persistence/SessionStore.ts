/**
 * IndexedDB storage of SessionRecords, keyed by study and series, so scribbles, classes and the last prediction
 * survive a reload and a failed save. Database `ssldec`, object store `sessions`.
 */
import { decodeSessionRecord, encodeSessionRecord, type SessionRecord, type StoredSessionRecord } from './SessionRecord';

/** Storage failure (quota, private mode, blocked database); the panel keeps working without persistence. */
export class PersistenceError extends Error {
  override name = 'PersistenceError';
}

/** Where a series' session lives. */
export function sessionKey(studyInstanceUid: string, seriesInstanceUid: string): string {
  return `${studyInstanceUid}|${seriesInstanceUid}`;
}

const DB_NAME = 'ssldec';
const STORE = 'sessions';

function promisify<T>(request: IDBRequest<T>, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(new PersistenceError(`IndexedDB ${what} failed: ${request.error?.message ?? 'unknown error'}. ` +
      'Scribbles are kept in this page only; free browser storage or leave private mode to keep them across reloads.'));
  });
}

/** Session storage on an IndexedDB factory (the browser's `indexedDB`; fake-indexeddb in tests). */
export class SessionStore {
  private db?: Promise<IDBDatabase>;

  constructor(private readonly factory: IDBFactory) {}

  private open(): Promise<IDBDatabase> {
    if (!this.db) {
      const request = this.factory.open(DB_NAME, 1);
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
      };
      this.db = promisify(request, 'open');
    }
    return this.db;
  }

  private async store(mode: IDBTransactionMode): Promise<IDBObjectStore> {
    return (await this.open()).transaction(STORE, mode).objectStore(STORE);
  }

  /** The stored session of `key`, or undefined when none was stored. Throws PersistenceError / SessionRecordError. */
  async load(key: string): Promise<SessionRecord | undefined> {
    const stored = await promisify((await this.store('readonly')).get(key) as IDBRequest<StoredSessionRecord | undefined>, 'read');
    return stored === undefined ? undefined : decodeSessionRecord(stored);
  }

  /** Stores (replaces) the session of `key`. */
  async save(key: string, record: SessionRecord): Promise<void> {
    await promisify((await this.store('readwrite')).put(encodeSessionRecord(record), key), 'write');
  }

  /** Deletes the session of `key`. */
  async remove(key: string): Promise<void> {
    await promisify((await this.store('readwrite')).delete(key), 'delete');
  }

  /** Closes the database connection. */
  async close(): Promise<void> {
    if (this.db) (await this.db).close();
    this.db = undefined;
  }
}
