/**
 * The inspector's device store (IndexedDB, raw API: three small stores do not need a wrapper library).
 * - `kv`: copies of what the API answered (my tasks, each task, records, evidence lists, the form's
 *   options), drafts, per-task sync state, and the device's owner (the last signed-in user).
 * - `outbox`: the writes waiting for the network, in order (auto-increment `seq`), and those sent.
 * - `photos`: the photos taken, as Blobs with their SHA-256, until the server has them.
 * Everything is the signed-in user's: cleared on logout and when another user signs in (session.tsx).
 */
const DB_NAME = 'ssgk-field';
const DB_VERSION = 1;

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('kv')) db.createObjectStore('kv');
      if (!db.objectStoreNames.contains('outbox')) db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      if (!db.objectStoreNames.contains('photos')) db.createObjectStore('photos', { keyPath: 'id' });
    };
    req.onsuccess = () => {
      const db = req.result;
      // Another tab upgrading the schema: let it, and reopen on the next use.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    req.onerror = () => {
      opening = null;
      reject(req.error ?? new Error('IndexedDB unavailable'));
    };
  });
  return opening;
}

type StoreName = 'kv' | 'outbox' | 'photos';

/** One transaction; resolves with `fn`'s value once the transaction has committed (not merely requested). */
async function tx<T>(stores: StoreName[], mode: IDBTransactionMode, fn: (t: IDBTransaction) => Promise<T> | T): Promise<T> {
  const db = await open();
  const t = db.transaction(stores, mode);
  const done = new Promise<void>((resolve, reject) => {
    t.oncomplete = () => resolve();
    t.onerror = () => reject(t.error ?? new Error('IndexedDB transaction failed'));
    t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted'));
  });
  const value = await fn(t);
  await done;
  return value;
}

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

export async function kvGet<T>(key: string): Promise<T | undefined> {
  return tx(['kv'], 'readonly', (t) => req(t.objectStore('kv').get(key) as IDBRequest<T | undefined>));
}

export async function kvSet(key: string, value: unknown): Promise<void> {
  await tx(['kv'], 'readwrite', (t) => req(t.objectStore('kv').put(value, key)));
}

export async function kvDelete(key: string): Promise<void> {
  await tx(['kv'], 'readwrite', (t) => req(t.objectStore('kv').delete(key)));
}

/** Read-modify-write of one key in one transaction (two tabs cannot lose each other's change). */
export async function kvUpdate<T>(key: string, update: (old: T | undefined) => T): Promise<T> {
  return tx(['kv'], 'readwrite', async (t) => {
    const store = t.objectStore('kv');
    const next = update((await req(store.get(key))) as T | undefined);
    await req(store.put(next, key));
    return next;
  });
}

export async function outboxAll<T>(): Promise<T[]> {
  return tx(['outbox'], 'readonly', (t) => req(t.objectStore('outbox').getAll() as IDBRequest<T[]>));
}

export async function outboxGet<T>(seq: number): Promise<T | undefined> {
  return tx(['outbox'], 'readonly', (t) => req(t.objectStore('outbox').get(seq) as IDBRequest<T | undefined>));
}

/** Adds (no `seq`) or replaces (with `seq`) an item; answers its `seq`. */
export async function outboxPut(item: object): Promise<number> {
  return tx(['outbox'], 'readwrite', (t) => req(t.objectStore('outbox').put(item)) as Promise<number>);
}

export async function outboxDelete(seq: number): Promise<void> {
  await tx(['outbox'], 'readwrite', (t) => req(t.objectStore('outbox').delete(seq)));
}

/** A photo and its queue item in one transaction: the queue never names a photo that is not stored. */
export async function putPhotoAndItem(photo: StoredPhoto, item: object): Promise<number> {
  return tx(['outbox', 'photos'], 'readwrite', async (t) => {
    await req(t.objectStore('photos').put(photo));
    return (await req(t.objectStore('outbox').put(item))) as number;
  });
}

export interface StoredPhoto {
  id: string;
  blob: Blob;
  name: string;
  sha256: string;
  size: number;
}

export async function photoGet(id: string): Promise<StoredPhoto | undefined> {
  return tx(['photos'], 'readonly', (t) => req(t.objectStore('photos').get(id) as IDBRequest<StoredPhoto | undefined>));
}

export async function photoDelete(id: string): Promise<void> {
  await tx(['photos'], 'readwrite', (t) => req(t.objectStore('photos').delete(id)));
}

/** Everything of the device's user goes (logout, another user signing in). */
export async function clearAll(): Promise<void> {
  await tx(['kv', 'outbox', 'photos'], 'readwrite', async (t) => {
    await Promise.all([req(t.objectStore('kv').clear()), req(t.objectStore('outbox').clear()), req(t.objectStore('photos').clear())]);
  });
}
