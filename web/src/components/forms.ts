import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/**
 * Puts the API's Chinese error under the fields it names (details[].field, dotted paths like
 * "sampling.A" become ['sampling','A']); returns the message for anything not tied to a field.
 */
export function applyApiError(form: FormInstance | null, error: unknown, knownFields?: readonly string[]): string | null {
  const err = error instanceof ApiError ? error : ApiError.of(null);
  if (!form) return err.message;
  const byField = new Map<string, string[]>();
  for (const d of err.details) {
    if (!d.field) continue;
    const messages = d.constraints ? Object.values(d.constraints) : [err.message];
    byField.set(d.field, [...(byField.get(d.field) ?? []), ...messages]);
  }
  const present = (field: string) => !knownFields || knownFields.includes(field.split('.')[0]);
  const fields = [...byField].filter(([field]) => present(field));
  form.setFields(fields.map(([field, errors]) => ({ name: field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors })));
  // Whatever did not land under a field is shown above the form.
  return fields.length === byField.size && fields.length > 0 ? null : err.message;
}
