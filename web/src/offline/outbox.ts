import { ApiError } from '../api/client';
import { fieldApi, noteRecord, remote, taskSync, type FieldEvidence, type FieldRecord, type RecordFields } from '../pages/field/fieldData';
import { kvDelete, kvGet, outboxAll, outboxDelete, outboxPut, photoDelete, photoGet, putPhotoAndItem } from './db';
import type { PreparedPhoto } from './photos';
import { describeError, sameFields, transientNote } from './outboxRules';

/**
 * The outbox: every write of the inspector's pages is queued here first (IndexedDB), then sent in
 * order — on enqueue, when the network returns, every 30 s and on app start — exactly once:
 * - creating the record and submitting it carry an Idempotency-Key generated once and stored with the
 *   item (the record's create key once per task), so a repeat gets the server's first answer;
 * - a photo is stored by its SHA-256 on the server (one per record): a repeat after a lost answer is
 *   answered EVIDENCE_EXISTS and is found in the record's evidence list by that hash;
 * - a save (PATCH) repeated after a lost answer meets a version conflict; it counts as done when the
 *   record now holds exactly what was sent.
 * An item refused by the server (4xx) stops its task's later items until retried or discarded on 待同步.
 */
export type OutboxKind = 'record' | 'photo' | 'submit';

export interface OutboxError {
  code: string;
  status: number;
  message: string;
  details: string[];
  hint: string;
}

export interface OutboxItem {
  seq?: number;
  id: string;
  kind: OutboxKind;
  taskId: string;
  entityName: string;
  createdAt: string;
  state: 'waiting' | 'error' | 'sent';
  /** Idempotency-Key of this request, generated once (a photo's also travels with its upload). */
  key: string;
  fields?: RecordFields;
  photo?: { id: string; name: string; sha256: string; size: number };
  /** A submit's version, fixed at its first attempt (a repeat must be the same request). */
  version?: number;
  attempts: number;
  /** Why it waits (no network, server busy, signed out), in Chinese. */
  note?: string;
  error?: OutboxError;
  sentAt?: string;
  outcome?: string;
}

export type Outcome = { kind: 'sent'; item: OutboxItem; record?: FieldRecord } | { kind: 'error'; item: OutboxItem; error: ApiError } | { kind: 'deferred' };

const KEEP_SENT = 50;
const listeners = new Set<() => void>();
const waiters = new Map<string, ((o: Outcome) => void)[]>();

export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed(): void {
  for (const l of listeners) l();
}

export function newKey(): string {
  return crypto.randomUUID();
}

const bySeq = (a: OutboxItem, b: OutboxItem) => (a.seq ?? 0) - (b.seq ?? 0);

export async function outboxItems(): Promise<OutboxItem[]> {
  return (await outboxAll<OutboxItem>()).sort(bySeq);
}

function base(kind: OutboxKind, task: { id: string; entityName: string }): OutboxItem {
  return { id: newKey(), kind, taskId: task.id, entityName: task.entityName, createdAt: new Date().toISOString(), state: 'waiting', key: newKey(), attempts: 0 };
}

/** Errors of this task's record and submit are replaced by what the form sends now (it carries the fix). */
async function dropRefused(taskId: string): Promise<void> {
  for (const it of await outboxItems()) if (it.taskId === taskId && it.state === 'error' && it.kind !== 'photo') await outboxDelete(it.seq!);
}

/** Queues the record's fields; a save not yet tried is updated in place rather than queued twice. */
export async function queueSave(task: { id: string; entityName: string }, fields: RecordFields): Promise<OutboxItem> {
  await dropRefused(task.id);
  // Photos wait for the record to exist, not for its fields: a save never tried takes the newest fields
  // where it stands (one create, not a create and a save).
  const untried = (await outboxItems()).find((i) => i.taskId === task.id && i.kind === 'record' && i.state === 'waiting' && i.attempts === 0);
  const item: OutboxItem = untried ? { ...untried, fields, createdAt: new Date().toISOString() } : { ...base('record', task), fields };
  item.seq = await outboxPut(item);
  changed();
  return item;
}

export async function queueSubmit(task: { id: string; entityName: string }): Promise<OutboxItem> {
  const item = base('submit', task);
  item.seq = await outboxPut(item);
  changed();
  return item;
}

export async function queuePhoto(task: { id: string; entityName: string }, photo: PreparedPhoto): Promise<OutboxItem> {
  const item = base('photo', task);
  item.photo = { id: item.id, name: photo.name, sha256: photo.sha256, size: photo.blob.size };
  item.seq = await putPhotoAndItem({ id: item.id, blob: photo.blob, name: photo.name, sha256: photo.sha256, size: photo.blob.size }, item);
  changed();
  return item;
}

export async function discard(item: OutboxItem): Promise<void> {
  await outboxDelete(item.seq!);
  if (item.photo) await photoDelete(item.photo.id);
  changed();
}

export async function retry(item: OutboxItem): Promise<void> {
  await outboxPut({ ...item, state: 'waiting', error: undefined, note: undefined });
  changed();
  void syncNow();
}

/** Resolves when the item was sent, refused, or has to wait (no network, an earlier item refused). */
export function outcomeOf(item: OutboxItem): Promise<Outcome> {
  return new Promise((resolve) => waiters.set(item.id, [...(waiters.get(item.id) ?? []), resolve]));
}

function settle(id: string, outcome: Outcome): void {
  for (const resolve of waiters.get(id) ?? []) resolve(outcome);
  waiters.delete(id);
}

let running: Promise<void> | null = null;
let again = false;

/** Sends what waits, one item at a time, one tab at a time (Web Locks). */
export function syncNow(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  const locked = (fn: () => Promise<void>) => (navigator.locks ? navigator.locks.request('ssgk-outbox', fn) : fn());
  running = locked(drain)
    .catch(() => undefined)
    .finally(() => {
      running = null;
      // Whatever this run could not send waits (no network, an earlier item refused) — unless a run follows.
      if (!again) for (const id of [...waiters.keys()]) settle(id, { kind: 'deferred' });
      if (again) {
        again = false;
        void syncNow();
      }
    });
  return running;
}

let backoff = 0;
let backoffTimer: ReturnType<typeof setTimeout> | undefined;

async function drain(): Promise<void> {
  for (;;) {
    if (!navigator.onLine) return;
    const next = await pick(await outboxItems());
    if (!next) return;
    if ((await send(next)) === 'deferred') {
      // Online but the request failed (a connection cut mid-upload, a server restarting): again soon, then less often.
      backoff = Math.min(30_000, backoff ? backoff * 2 : 2_000);
      clearTimeout(backoffTimer);
      backoffTimer = setTimeout(() => void syncNow(), backoff);
      return;
    }
    backoff = 0;
  }
}

/** The first waiting item of a task with nothing refused before it; a photo or submit waits for its record. */
async function pick(items: OutboxItem[]): Promise<OutboxItem | undefined> {
  const blocked = new Set<string>();
  for (const [i, it] of items.entries()) {
    if (it.state === 'sent' || blocked.has(it.taskId)) continue;
    if (it.state === 'error') {
      blocked.add(it.taskId);
      continue;
    }
    if (it.kind !== 'record' && !(await taskSync(it.taskId)).recordId) {
      const record = items.slice(i + 1).find((x) => x.taskId === it.taskId && x.kind === 'record' && x.state === 'waiting');
      if (record) return record;
    }
    return it;
  }
  return undefined;
}

async function send(item: OutboxItem): Promise<'sent' | 'error' | 'deferred'> {
  item.attempts += 1;
  await outboxPut(item);
  try {
    const [text, record] = await perform(item);
    item.outcome = text;
    item.state = 'sent';
    item.sentAt = new Date().toISOString();
    item.note = undefined;
    item.error = undefined;
    delete item.fields; // on the server now; the sent list keeps what and when
    await outboxPut(item);
    await pruneSent();
    changed();
    settle(item.id, { kind: 'sent', item, record });
    return 'sent';
  } catch (err) {
    const e = err instanceof ApiError ? err : new ApiError(0, 'CLIENT', err instanceof Error ? err.message : String(err));
    const note = transientNote(e);
    if (note) {
      item.note = note;
      await outboxPut(item);
      changed();
      return 'deferred';
    }
    item.state = 'error';
    item.error = describeError(e, item.kind);
    await outboxPut(item);
    changed();
    settle(item.id, { kind: 'error', item, error: e });
    return 'error';
  }
}

async function pruneSent(): Promise<void> {
  const sent = (await outboxItems()).filter((i) => i.state === 'sent');
  for (const old of sent.slice(0, Math.max(0, sent.length - KEEP_SENT))) await outboxDelete(old.seq!);
}

type Done = [outcome: string, record?: FieldRecord];

async function perform(item: OutboxItem): Promise<Done> {
  if (item.kind === 'record') return sendRecord(item);
  if (item.kind === 'photo') return sendPhoto(item);
  return sendSubmit(item);
}

const refused = (code: string, message: string) => new ApiError(400, code, message);

async function sendRecord(item: OutboxItem): Promise<Done> {
  const fields = item.fields!;
  const sync = await taskSync(item.taskId);
  let saved: FieldRecord;
  if (!sync.recordId) {
    try {
      saved = await fieldApi.createRecord(item.taskId, fields, sync.createKey);
    } catch (err) {
      // The first create went through with an earlier body (its answer was lost): save onto it.
      if (!(err instanceof ApiError && err.code === 'IDEMPOTENCY_KEY_REUSED')) throw err;
      const recordId = (await remote.task(item.taskId)).record?.id;
      if (!recordId) throw err;
      saved = await patch(item, recordId, (await remote.record(recordId)).editVersion, fields);
    }
  } else {
    saved = await patch(item, sync.recordId, sync.editVersion ?? 1, fields);
  }
  await noteRecord(item.taskId, saved);
  // What was typed up to this save is on the server: the draft goes unless typed in since.
  const draft = await kvGet<{ updatedAt: string }>(`draft:${item.taskId}`);
  if (draft && draft.updatedAt <= item.createdAt) await kvDelete(`draft:${item.taskId}`);
  return [sync.recordId ? '检查记录已保存' : '检查记录已建立', saved];
}

async function patch(item: OutboxItem, recordId: string, version: number, fields: RecordFields): Promise<FieldRecord> {
  try {
    return await fieldApi.saveRecord(recordId, version, fields);
  } catch (err) {
    // An earlier attempt may have been saved with its answer lost: the record then holds exactly this.
    if (err instanceof ApiError && err.isConflict && item.attempts > 1) {
      const now = await remote.record(recordId);
      if (sameFields(now, fields)) return now;
    }
    throw err;
  }
}

async function sendPhoto(item: OutboxItem): Promise<Done> {
  const { recordId } = await taskSync(item.taskId);
  if (!recordId) throw refused('RECORD_MISSING', '检查记录尚未建立，照片无处附加');
  const meta = item.photo!;
  const stored = await photoGet(meta.id);
  let evidence: FieldEvidence | undefined;
  if (stored) {
    try {
      evidence = await fieldApi.uploadEvidence(recordId, stored.blob, stored.name, item.key);
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 'EVIDENCE_EXISTS')) throw err;
    }
  }
  // Already there (an earlier attempt's answer was lost): found by its hash.
  evidence ??= (await remote.evidence(recordId)).find((e) => e.sha256 === meta.sha256);
  if (!evidence) throw refused('PHOTO_MISSING', '本机已找不到该照片');
  if (evidence.sha256 !== meta.sha256) throw refused('HASH_MISMATCH', `服务器保存的文件（SHA-256 ${evidence.sha256.slice(0, 12)}…）与本机拍摄的不一致`);
  await photoDelete(meta.id);
  return ['照片已上传，服务器 SHA-256 与本机一致'];
}

async function sendSubmit(item: OutboxItem): Promise<Done> {
  const sync = await taskSync(item.taskId);
  if (!sync.recordId) throw refused('RECORD_MISSING', '检查记录尚未建立，不能提交');
  if (item.version === undefined) {
    item.version = sync.editVersion ?? 1;
    await outboxPut(item);
  }
  let submitted: FieldRecord;
  try {
    submitted = await fieldApi.submitRecord(sync.recordId, item.version, item.key);
  } catch (err) {
    if (!(err instanceof ApiError && err.isConflict && item.attempts > 1)) throw err;
    const now = await remote.record(sync.recordId);
    if (now.state === 'in_progress' || now.state === 'returned') throw err;
    submitted = now;
  }
  await noteRecord(item.taskId, submitted);
  await kvDelete(`draft:${item.taskId}`);
  return ['检查记录已提交', submitted];
}

/** Whether this task has an item of this kind not yet sent. */
export async function hasPending(taskId: string, kind?: OutboxKind): Promise<boolean> {
  return (await outboxItems()).some((i) => i.taskId === taskId && i.state !== 'sent' && (!kind || i.kind === kind));
}

/**
 * A record read from the server becomes the base of this device's next save — unless something typed
 * here is not yet on the server (a draft or a queued item): that work keeps the version it was based on,
 * so a teammate's edit since is a conflict to resolve, not silently overwritten.
 */
export async function adoptRecord(taskId: string, record: FieldRecord): Promise<void> {
  if ((await hasPending(taskId)) || (await kvGet(`draft:${taskId}`))) {
    const sync = await taskSync(taskId);
    if (sync.recordId) return;
  }
  await noteRecord(taskId, record);
}

let started = false;

/** Once per app: send on start, when the network returns, and every 30 s while anything waits. */
export function startOutbox(): void {
  if (started) return;
  started = true;
  window.addEventListener('online', () => void syncNow());
  setInterval(() => {
    if (navigator.onLine) void syncNow();
  }, 30_000);
  void syncNow();
}
