import { useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';

/**
 * The inspector's data, in one place. Pages use these hooks and `fieldApi` only (never `api` directly),
 * so the offline store (issue 14: IndexedDB copies of tasks and records, a queue of writes with their
 * idempotency keys) can later sit under this module without the pages changing.
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
};

/** A key the server remembers with the answer, so a retried create or submit happens once. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

export const fieldApi = {
  /** My tasks: up to 100 at once (an inspector has far fewer open at a time). */
  myTasks: () => call(api.GET('/me/tasks', { params: { query: { page: 1, pageSize: 100 } } })),
  task: (id: string) => call(api.GET('/tasks/{id}', { params: { path: { id } } })),
  record: (id: string) => call(api.GET('/records/{id}', { params: { path: { id } } })),
  evidence: (recordId: string) => call(api.GET('/records/{id}/evidence', { params: { path: { id: recordId } } })),
  options: () => call(api.GET('/check-form/options')),
  createRecord: (taskId: string, fields: RecordFields, idempotencyKey: string) =>
    call(api.POST('/tasks/{id}/record', { params: { path: { id: taskId }, header: { 'Idempotency-Key': idempotencyKey } }, body: fields })),
  /** `version`: the record's editVersion as read (the team's own evidence uploads since then are not a conflict). */
  saveRecord: (recordId: string, version: number, fields: RecordFields) => call(api.PATCH('/records/{id}', { params: { path: { id: recordId } }, body: { ...fields, version } })),
  submitRecord: (recordId: string, version: number, idempotencyKey: string) =>
    call(api.POST('/records/{id}/submit', { params: { path: { id: recordId }, header: { 'Idempotency-Key': idempotencyKey } }, body: { version } })),
  uploadEvidence: (recordId: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return call(
      api.POST('/records/{id}/evidence', {
        params: { path: { id: recordId } },
        body: form as unknown as { file: string },
        bodySerializer: (body) => body as unknown as FormData,
      }),
    );
  },
};

export function useMyTasks() {
  return useQuery({ queryKey: fieldKeys.myTasks, queryFn: fieldApi.myTasks });
}

export function useTask(id: string) {
  return useQuery({ queryKey: fieldKeys.task(id), queryFn: () => fieldApi.task(id), refetchOnMount: 'always' });
}

export function useRecord(id: string | null | undefined) {
  // Read fresh when a page opens it (a teammate may have changed it), never refetched under a form being typed in.
  return useQuery({ queryKey: fieldKeys.record(id ?? ''), queryFn: () => fieldApi.record(id!), enabled: !!id, staleTime: 0, refetchOnWindowFocus: false, refetchOnReconnect: false });
}

export function useEvidence(recordId: string | null | undefined) {
  return useQuery({ queryKey: fieldKeys.evidence(recordId ?? ''), queryFn: () => fieldApi.evidence(recordId!), enabled: !!recordId });
}

export function useFormOptions() {
  return useQuery({ queryKey: fieldKeys.options, queryFn: fieldApi.options, staleTime: 600_000 });
}
