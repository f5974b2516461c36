import { useQuery } from '@tanstack/react-query';
import { api, ApiError, call, takeEarly, type Schemas } from '../../api/client';
import { kvGet, kvSet, kvUpdate } from '../../offline/db';

/**
 * The inspector's data, in one place. Pages use these hooks and `fieldApi` only (never `api` directly).
 * Every answer read here is also kept on the device (IndexedDB, offline/db.ts); when the network is
 * gone the device's copy answers instead, so the whole check can be done offline. Writes go through
 * the outbox (offline/outbox.ts), never straight from a page.
 */
export type FieldTask = Schemas['TaskDto'];
export type FieldRecord = Schemas['RecordDto'];
export type FieldEvidence = Schemas['EvidenceDto'];
export type FormOptions = Schemas['CheckFormOptionsDto'];
export type MyTasks = Schemas['MyTaskPageDto'];
export type RecordFields = Schemas['RecordFieldsDto'];

export const fieldKeys = {
  myTasks: ['field', 'my-tasks'] as const,
  task: (id: string) => ['field', 'task', id] as const,
  record: (id: string) => ['field', 'record', id] as const,
  evidence: (recordId: string) => ['field', 'evidence', recordId] as const,
  options: ['field', 'form-options'] as const,
  draft: (taskId: string) => ['field', 'draft', taskId] as const,
};

/** A key the server remembers with the answer, so a retried create or submit happens once. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

interface DeviceCopy<T> {
  savedAt: string;
  value: T;
}

/** When the last answer for a key came from the device (no network): the copy's time, else undefined. */
const fromDevice = new Map<string, string>();
export function deviceCopyTime(key: string): string | undefined {
  return fromDevice.get(key);
}

const isNetworkError = (err: unknown) => err instanceof ApiError && err.status === 0;

/** The API's answer, kept on the device; without a network, the device's copy (if any). */
async function kept<T>(key: string, fetch: () => Promise<T>, fallback?: () => Promise<T | undefined>): Promise<T> {
  try {
    const value = await fetch();
    fromDevice.delete(key);
    // Written behind the answer, not before it (the page shows it a write sooner); writes to `kv` commit in
    // the order they were asked, so a later read or `keptAt` (keepForOffline) comes after this one.
    void kvSet(key, { savedAt: new Date().toISOString(), value } satisfies DeviceCopy<T>).catch(() => undefined);
    return value;
  } catch (err) {
    if (!isNetworkError(err)) throw err;
    const copy = await kvGet<DeviceCopy<T>>(key).catch(() => undefined);
    if (copy) {
      fromDevice.set(key, copy.savedAt);
      return copy.value;
    }
    const other = await fallback?.();
    if (other !== undefined) return other;
    throw err;
  }
}

/** The answer web/public/boot.js asked for while the app loaded (this page's session), if it is a good one. */
async function earlyMyTasks(): Promise<MyTasks | undefined> {
  const res = await takeEarly('myTasks')?.catch(() => null);
  return res?.ok ? ((await res.json().catch(() => undefined)) as MyTasks | undefined) : undefined;
}

/** Straight from the server (the outbox verifies against it, never against a device copy). */
export const remote = {
  myTasks: async () => (await earlyMyTasks()) ?? call(api.GET('/me/tasks', { params: { query: { page: 1, pageSize: 100 } } })),
  task: (id: string) => call(api.GET('/tasks/{id}', { params: { path: { id } } })),
  record: (id: string) => call(api.GET('/records/{id}', { params: { path: { id } } })),
  evidence: (recordId: string) => call(api.GET('/records/{id}/evidence', { params: { path: { id: recordId } } })),
  options: () => call(api.GET('/check-form/options')),
};

/** A task as last seen in my task list (a task never opened alone is still on the device through it). */
async function taskFromList(id: string): Promise<FieldTask | undefined> {
  return (await kvGet<DeviceCopy<MyTasks>>('myTasks').catch(() => undefined))?.value.items.find((t) => t.id === id);
}

export const fieldApi = {
  /** My tasks: up to 100 at once (an inspector has far fewer open at a time). */
  myTasks: () => kept('myTasks', remote.myTasks),
  task: (id: string) => kept(`task:${id}`, () => remote.task(id), () => taskFromList(id)),
  record: (id: string) => kept(`record:${id}`, () => remote.record(id)),
  evidence: (recordId: string) => kept(`evidence:${recordId}`, () => remote.evidence(recordId)),
  options: () => kept('options', remote.options),
  createRecord: (taskId: string, fields: RecordFields, idempotencyKey: string) =>
    call(api.POST('/tasks/{id}/record', { params: { path: { id: taskId }, header: { 'Idempotency-Key': idempotencyKey } }, body: fields })),
  /** `version`: the record's editVersion as read (the team's own evidence uploads since then are not a conflict). */
  saveRecord: (recordId: string, version: number, fields: RecordFields) => call(api.PATCH('/records/{id}', { params: { path: { id: recordId } }, body: { ...fields, version } })),
  submitRecord: (recordId: string, version: number, idempotencyKey: string) =>
    call(api.POST('/records/{id}/submit', { params: { path: { id: recordId }, header: { 'Idempotency-Key': idempotencyKey } }, body: { version } })),
  /** The key travels too (the server deduplicates evidence by its SHA-256 per record: see outbox.ts). */
  uploadEvidence: (recordId: string, blob: Blob, name: string, idempotencyKey: string) => {
    const form = new FormData();
    form.append('file', blob, name);
    return call(
      api.POST('/records/{id}/evidence', {
        params: { path: { id: recordId } },
        headers: { 'Idempotency-Key': idempotencyKey },
        body: form as unknown as { file: string },
        bodySerializer: (body) => body as unknown as FormData,
      }),
    );
  },
};

/** Per task: the record's id and edit version as this device knows them, and the create's key (made once). */
export interface TaskSync {
  recordId: string | null;
  editVersion: number | null;
  createKey: string;
}

export function taskSync(taskId: string): Promise<TaskSync> {
  return kvUpdate<TaskSync>(`sync:${taskId}`, (old) => old ?? { recordId: null, editVersion: null, createKey: newIdempotencyKey() });
}

/** A record the server answered: its id and edit version for the next write, and its device copy. */
export async function noteRecord(taskId: string, r: FieldRecord): Promise<void> {
  await kvUpdate<TaskSync>(`sync:${taskId}`, (old) => ({ createKey: old?.createKey ?? newIdempotencyKey(), recordId: r.id, editVersion: r.editVersion }));
  await kvSet(`record:${r.id}`, { savedAt: new Date().toISOString(), value: r } satisfies DeviceCopy<FieldRecord>);
}

/** Everything a check needs offline, fetched behind my task list: the options, each open task's record and photos. */
export async function keepForOffline(tasks: FieldTask[]): Promise<string> {
  await fieldApi.options();
  await Promise.all(
    tasks
      .filter((t) => t.state === 'assigned')
      .map(async (t) => {
        await kvSet(`task:${t.id}`, { savedAt: new Date().toISOString(), value: t } satisfies DeviceCopy<FieldTask>);
        if (t.record) await Promise.all([fieldApi.record(t.record.id), fieldApi.evidence(t.record.id)]);
      }),
  );
  const at = new Date().toISOString();
  await kvSet('keptAt', at);
  return at;
}

export interface Draft {
  values: unknown;
  updatedAt: string;
}

export const drafts = {
  get: (taskId: string) => kvGet<Draft>(`draft:${taskId}`).then((d) => d ?? null),
  put: (taskId: string, values: unknown) => kvSet(`draft:${taskId}`, { values, updatedAt: new Date().toISOString() } satisfies Draft),
};

// networkMode 'always': the query functions answer from the device without a network (TanStack Query
// would otherwise pause them while the browser says it is offline).
export function useMyTasks() {
  return useQuery({ networkMode: 'always', queryKey: fieldKeys.myTasks, queryFn: fieldApi.myTasks });
}

/**
 * The device's copy of my tasks, read when the list opens and shown only until the server's answer
 * arrives (opening from the device: ADR 0020). Only while the device's owner is `userId`: a copy left by
 * someone else (cleared a moment later by claimDevice) is never shown.
 */
export function useMyTasksCopy(userId: string, enabled: boolean) {
  return useQuery({
    networkMode: 'always',
    queryKey: [...fieldKeys.myTasks, 'device', userId],
    queryFn: async () => {
      const [owner, copy] = await Promise.all([kvGet<{ id: string }>('owner'), kvGet<DeviceCopy<MyTasks>>('myTasks')]);
      return owner?.id === userId && copy ? copy : null;
    },
    enabled,
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
}

export function useTask(id: string) {
  return useQuery({ networkMode: 'always', queryKey: fieldKeys.task(id), queryFn: () => fieldApi.task(id), refetchOnMount: 'always' });
}

export function useRecord(id: string | null | undefined) {
  // Read fresh when a page opens it (a teammate may have changed it), never refetched under a form being typed in.
  return useQuery({ networkMode: 'always', queryKey: fieldKeys.record(id ?? ''), queryFn: () => fieldApi.record(id!), enabled: !!id, staleTime: 0, refetchOnWindowFocus: false, refetchOnReconnect: false });
}

export function useEvidence(recordId: string | null | undefined) {
  return useQuery({ networkMode: 'always', queryKey: fieldKeys.evidence(recordId ?? ''), queryFn: () => fieldApi.evidence(recordId!), enabled: !!recordId });
}

export function useFormOptions() {
  return useQuery({ networkMode: 'always', queryKey: fieldKeys.options, queryFn: fieldApi.options, staleTime: 600_000 });
}

/** The form as last typed on this device (autosaved), read fresh each time the form opens. */
export function useDraft(taskId: string) {
  return useQuery({ networkMode: 'always', queryKey: fieldKeys.draft(taskId), queryFn: () => drafts.get(taskId), staleTime: 0, refetchOnMount: 'always', refetchOnWindowFocus: false, retry: false });
}
