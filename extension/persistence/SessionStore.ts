/**
 * IndexedDB storage of SessionRecords, keyed by study and series, so scribbles, classes and the last prediction
 * survive a reload and a failed save. Database `ssldec`, object store `sessions`. Records are patient data kept in
 * the browser: each expires `maxAgeMs` after its last update (default 30 days; expired ones are deleted when the
 * database is first opened and never loaded), and `forgetStudy` deletes every record of a study on request.
 */
import { decodeSessionRecord, encodeSessionRecord, type SessionRecord, type StoredSessionRecord } from './SessionRecord';

/** Storage failure (quota, private mode, blocked database); the panel keeps working without persistence. */
export class PersistenceError extends Error {
  override name = 'PersistenceError';
}

/** Study and series UIDs never contain '|' (they are digits and dots), so it separates them in the key. */
const SEPARATOR = '|';

/** Where a series' session lives. */
export function sessionKey(studyInstanceUid: string, seriesInstanceUid: string): string {
  return `${studyInstanceUid}${SEPARATOR}${seriesInstanceUid}`;
}

/** How long a kept session lives after its last update unless configured otherwise. */
export const DEFAULT_SESSION_MAX_AGE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface SessionStoreOptions {
  /** Records older than this (since their last update) are deleted and not loaded. Default 30 days. */
  maxAgeMs?: number;
  now?: () => number;
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
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(private readonly factory: IDBFactory, options: SessionStoreOptions = {}) {
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_SESSION_MAX_AGE_DAYS * DAY_MS;
    this.now = options.now ?? Date.now;
  }

  private open(): Promise<IDBDatabase> {
    if (!this.db) {
      const request = this.factory.open(DB_NAME, 1);
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
      };
      this.db = promisify(request, 'open').then(async (db) => {
        await this.deleteWhere(db, (_key, stored) => this.expired(stored), 'expiry');
        return db;
      });
    }
    return this.db;
  }

  private expired(stored: StoredSessionRecord): boolean {
    return !(typeof stored?.updatedAt === 'number' && this.now() - stored.updatedAt <= this.maxAgeMs);
  }

  private async store(mode: IDBTransactionMode): Promise<IDBObjectStore> {
    return (await this.open()).transaction(STORE, mode).objectStore(STORE);
  }

  /**
   * Deletes the records that `match`; resolves with how many were deleted. Walks every record (a browser keeps a
   * handful) rather than a key range, so that no IDBKeyRange global is needed beside the factory.
   */
  private deleteWhere(db: IDBDatabase, match: (key: string, stored: StoredSessionRecord) => boolean, what: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, 'readwrite');
      let deleted = 0;
      const cursor = tx.objectStore(STORE).openCursor();
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (!c) return;
        if (match(String(c.key), c.value as StoredSessionRecord)) {
          c.delete();
          deleted++;
        }
        c.continue();
      };
      tx.oncomplete = () => resolve(deleted);
      tx.onerror = () => reject(new PersistenceError(`IndexedDB ${what} failed: ${tx.error?.message ?? 'unknown error'}.`));
    });
  }

  /** The stored session of `key`, or undefined when none was stored or it expired. Throws PersistenceError / SessionRecordError. */
  async load(key: string): Promise<SessionRecord | undefined> {
    const stored = await promisify((await this.store('readonly')).get(key) as IDBRequest<StoredSessionRecord | undefined>, 'read');
    if (stored === undefined) return undefined;
    if (this.expired(stored)) {
      await this.remove(key);
      return undefined;
    }
    return decodeSessionRecord(stored);
  }

  /** Stores (replaces) the session of `key`. */
  async save(key: string, record: SessionRecord): Promise<void> {
    await promisify((await this.store('readwrite')).put(encodeSessionRecord(record), key), 'write');
  }

  /** Deletes the session of `key`. */
  async remove(key: string): Promise<void> {
    await promisify((await this.store('readwrite')).delete(key), 'delete');
  }

  /** Deletes every kept session of a study (all its series); resolves with how many there were. */
  async forgetStudy(studyInstanceUid: string): Promise<number> {
    const prefix = `${studyInstanceUid}${SEPARATOR}`;
    return this.deleteWhere(await this.open(), (key) => key.startsWith(prefix), 'delete');
  }

  /** Closes the database connection. */
  async close(): Promise<void> {
    if (this.db) (await this.db).close();
    this.db = undefined;
  }
}
