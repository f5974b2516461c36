import { ApiError } from '../../api/client';
import type { FieldRecord, FieldTask, RecordFields } from './fieldData';

/** The check form's values: flat where the API nests, so each field has its own label and message. */
export interface CheckFormValues {
  checkDate: string;
  place: string;
  /** Inspectors present who showed their certificate. */
  present: string[];
  representativeName: string;
  representativeRole: string;
  findings: { itemVersionId: string; compliant?: 'yes' | 'no'; description?: string; legalClause?: string }[];
  resultCodes: string[];
  majorMarked: boolean;
  penaltyYuan: number | null;
  licenceRevocation: boolean;
  majorDescription: string;
  remarks: string;
}

/** What the form starts with: the record as saved, else the task's own facts (the entity's address, today). */
export function initialValues(task: FieldTask, record: FieldRecord | null | undefined, today: string): CheckFormValues {
  const findings = task.items.map((item) => {
    const f = record?.findings.find((x) => x.itemVersionId === item.itemVersionId);
    return {
      itemVersionId: item.itemVersionId,
      compliant: f ? (f.compliant ? ('yes' as const) : ('no' as const)) : undefined,
      description: f?.description ?? '',
      legalClause: f?.legalClause ?? '',
    };
  });
  const major = record?.majorDecision;
  const checkDate = record?.checkDate ?? (today >= task.windowStart && today <= task.windowEnd ? today : '');
  return {
    checkDate,
    place: record?.place ?? task.entity.registeredAddress ?? '',
    present: (record?.inspectorsPresent ?? []).filter((p) => p.certificateShown).map((p) => p.inspectorId),
    representativeName: record?.representative?.name ?? '',
    representativeRole: record?.representative?.role ?? '',
    findings,
    resultCodes: record?.results.map((r) => r.code) ?? [],
    majorMarked: major?.marked ?? false,
    penaltyYuan: major?.penaltyYuan ?? null,
    licenceRevocation: major?.licenceRevocation ?? false,
    majorDescription: major?.description ?? '',
    remarks: record?.remarks ?? '',
  };
}

const text = (v: string | undefined | null): string | null => (v && v.trim() ? v.trim() : null);

/**
 * The request body, and for each finding sent the form row it came from (the API names findings by
 * their index in what was sent; items not yet answered are not sent).
 */
export function toFields(v: CheckFormValues): { fields: RecordFields; findingRows: number[] } {
  const findingRows: number[] = [];
  const findings: RecordFields['findings'] = [];
  v.findings.forEach((f, row) => {
    if (!f.compliant) return;
    findingRows.push(row);
    findings.push({ itemVersionId: f.itemVersionId, compliant: f.compliant === 'yes', description: text(f.description), legalClause: f.compliant === 'no' ? text(f.legalClause) : null });
  });
  // The API takes a representative whole (name and role): a half-typed one stays in the form until complete.
  const name = text(v.representativeName);
  const role = text(v.representativeRole);
  const anyMajor = v.majorMarked || v.licenceRevocation || (v.penaltyYuan ?? 0) > 0;
  return {
    findingRows,
    fields: {
      checkDate: v.checkDate || null,
      place: text(v.place),
      inspectorsPresent: v.present.map((inspectorId) => ({ inspectorId, certificateShown: true })),
      representative: name && role ? { name, role } : null,
      findings,
      resultCodes: v.resultCodes as NonNullable<RecordFields['resultCodes']>,
      remarks: text(v.remarks),
      majorDecision: anyMajor ? { marked: v.majorMarked, licenceRevocation: v.licenceRevocation, penaltyYuan: v.penaltyYuan ?? null, description: text(v.majorDescription) } : null,
    },
  };
}

type NamePath = (string | number)[];

/** The form field an API error names (`findings[0].description`, `inspectorsPresent[1].inspectorId`, …). */
export function formPathOf(field: string, findingRows: number[]): NamePath | null {
  const finding = /^findings\[(\d+)\]\.(\w+)$/.exec(field);
  if (finding) {
    const row = findingRows[Number(finding[1])];
    if (row === undefined) return null;
    return ['findings', row, finding[2] === 'itemVersionId' ? 'compliant' : finding[2]];
  }
  if (field.startsWith('inspectorsPresent')) return ['present'];
  if (field.startsWith('representative')) return [/role$/.test(field) ? 'representativeRole' : 'representativeName'];
  if (field.startsWith('majorDecision')) return [/penaltyYuan/.test(field) ? 'penaltyYuan' : 'majorMarked'];
  if (['checkDate', 'place', 'resultCodes', 'remarks'].includes(field)) return [field];
  return null;
}

/**
 * Spreads an API error over the form: each message under the field it names, the rest returned to be
 * shown above the form. Submission errors name every missing field at once.
 */
export function fieldErrors(error: unknown, findingRows: number[]): { fields: { name: NamePath; errors: string[] }[]; general: string[] } {
  const err = error instanceof ApiError ? error : ApiError.of(null);
  const byPath = new Map<string, { name: NamePath; errors: string[] }>();
  const general: string[] = [];
  for (const d of err.details as { field?: string; message?: string; constraints?: Record<string, string> }[]) {
    const messages = d.constraints ? Object.values(d.constraints) : [d.message ?? err.message];
    const name = d.field ? formPathOf(d.field, findingRows) : null;
    if (!name) {
      general.push(...messages);
      continue;
    }
    const key = name.join('.');
    const entry = byPath.get(key) ?? { name, errors: [] };
    entry.errors.push(...messages.filter((m) => !entry.errors.includes(m)));
    byPath.set(key, entry);
  }
  if (byPath.size === 0 && general.length === 0) general.push(err.message);
  return { fields: [...byPath.values()], general: [...new Set(general)] };
}
