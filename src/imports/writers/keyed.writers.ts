import type { PoolClient } from 'pg';
import { ImportWriter, WriteOutcome, WriterRowError } from './writer';

interface Pending {
  rowNumber: number;
  r: Record<string, unknown>;
}

/**
 * Writers for the small lists (inspectors, their trainings and exams, items): rows are kept until
 * the end, then applied one by one inside the job's transaction. Capped by MAX_ROWS.
 */
abstract class KeyedWriter implements ImportWriter {
  static readonly MAX_ROWS = 100_000;
  protected client!: PoolClient;
  protected rows: Pending[] = [];

  constructor(protected readonly departmentId: string) {}

  async begin(client: PoolClient): Promise<void> {
    this.client = client;
  }

  async addBatch(rows: { rowNumber: number; record: Record<string, unknown> }[]): Promise<void> {
    if (this.rows.length + rows.length > KeyedWriter.MAX_ROWS) throw new RangeError(`此类导入最多${KeyedWriter.MAX_ROWS}行`);
    for (const { rowNumber, record } of rows) this.rows.push({ rowNumber, r: record });
  }

  /** Same key twice in one file: the later row is an error naming the earlier one. */
  async check(): Promise<WriterRowError[]> {
    const seen = new Map<string, number>();
    const errors: WriterRowError[] = [];
    for (const { rowNumber, r } of this.rows) {
      const key = this.key(r);
      const first = seen.get(key);
      if (first !== undefined) errors.push({ rowNumber, column: this.keyColumn, value: key, message: `与第${first}行重复` });
      else seen.set(key, rowNumber);
    }
    return [...errors, ...(await this.checkReferences())];
  }

  abstract apply(skipRows: Set<number>): Promise<WriteOutcome>;

  async abort(): Promise<void> {
    // Nothing streams: plain queries only.
  }
  protected abstract key(r: Record<string, unknown>): string;
  protected abstract readonly keyColumn: string;
  protected async checkReferences(): Promise<WriterRowError[]> {
    return [];
  }

  protected live(skipRows: Set<number>): Pending[] {
    return this.rows.filter((p) => !skipRows.has(p.rowNumber));
  }
}

export class InspectorsWriter extends KeyedWriter {
  protected readonly keyColumn = '执法证号';
  protected key(r: Record<string, unknown>): string {
    return r.certificateNumber as string;
  }

  /** A certificate number registered by another department is not ours to change. */
  protected override async checkReferences(): Promise<WriterRowError[]> {
    const numbers = this.rows.map((p) => p.r.certificateNumber as string);
    const { rows } = await this.client.query<{ certificate_number: string }>(
      'SELECT certificate_number FROM inspectors WHERE certificate_number = ANY($1::text[]) AND department_id <> $2',
      [numbers, this.departmentId],
    );
    const taken = new Set(rows.map((r) => r.certificate_number));
    return this.rows
      .filter((p) => taken.has(p.r.certificateNumber as string))
      .map((p) => ({ rowNumber: p.rowNumber, column: '执法证号', value: p.r.certificateNumber as string, message: '该执法证号已登记在其他部门' }));
  }

  async apply(skipRows: Set<number>): Promise<WriteOutcome> {
    let inserted = 0;
    let updated = 0;
    const errors: WriterRowError[] = [];
    for (const { rowNumber, r } of this.live(skipRows)) {
      const { rows } = await this.client.query<{ inserted: boolean }>(
        `INSERT INTO inspectors (department_id, name, certificate_number, issuing_authority, certificate_valid_from, certificate_valid_until, domains, unit)
         VALUES ($1, $2, $3, $4, $5, $6, COALESCE($7::varchar[], '{}'), $8)
         ON CONFLICT ON CONSTRAINT uq_inspectors_certificate_number DO UPDATE SET
           name = EXCLUDED.name, issuing_authority = EXCLUDED.issuing_authority,
           certificate_valid_from = EXCLUDED.certificate_valid_from, certificate_valid_until = EXCLUDED.certificate_valid_until,
           domains = CASE WHEN $7::varchar[] IS NULL THEN inspectors.domains ELSE EXCLUDED.domains END,
           unit = COALESCE(EXCLUDED.unit, inspectors.unit), version = inspectors.version + 1, updated_at = now()
         WHERE inspectors.department_id = $1
           AND (inspectors.name, inspectors.issuing_authority, inspectors.certificate_valid_from, inspectors.certificate_valid_until, inspectors.domains, inspectors.unit)
               IS DISTINCT FROM
               (EXCLUDED.name, EXCLUDED.issuing_authority, EXCLUDED.certificate_valid_from, EXCLUDED.certificate_valid_until,
                CASE WHEN $7::varchar[] IS NULL THEN inspectors.domains ELSE EXCLUDED.domains END, COALESCE(EXCLUDED.unit, inspectors.unit))
         RETURNING (xmax = 0) AS inserted`,
        [this.departmentId, r.name, r.certificateNumber, r.issuingAuthority, r.certificateValidFrom, r.certificateValidUntil, r.domains, r.unit],
      );
      if (rows[0]?.inserted) inserted += 1;
      else if (rows[0]) updated += 1;
      else {
        // Nothing returned: unchanged, or registered by another department after checkReferences ran.
        const owner = await this.client.query<{ department_id: string }>('SELECT department_id FROM inspectors WHERE certificate_number = $1', [r.certificateNumber]);
        if (owner.rows[0]?.department_id !== this.departmentId) {
          errors.push({ rowNumber, column: '执法证号', value: r.certificateNumber as string, message: '该执法证号已登记在其他部门' });
        }
      }
    }
    return { inserted, updated, errors };
  }
}

/** Trainings and exams belong to inspectors already registered in the department. */
abstract class InspectorRecordWriter extends KeyedWriter {
  protected ids = new Map<string, string>();

  protected override async checkReferences(): Promise<WriterRowError[]> {
    const numbers = [...new Set(this.rows.map((p) => p.r.certificateNumber as string))];
    const { rows } = await this.client.query<{ id: string; certificate_number: string }>(
      'SELECT id, certificate_number FROM inspectors WHERE certificate_number = ANY($1::text[]) AND department_id = $2',
      [numbers, this.departmentId],
    );
    this.ids = new Map(rows.map((r) => [r.certificate_number, r.id]));
    return this.rows
      .filter((p) => !this.ids.has(p.r.certificateNumber as string))
      .map((p) => ({ rowNumber: p.rowNumber, column: '执法证号', value: p.r.certificateNumber as string, message: '本部门执法人员名录中没有该执法证号' }));
  }
}

export class TrainingsWriter extends InspectorRecordWriter {
  protected readonly keyColumn = '培训内容';
  protected key(r: Record<string, unknown>): string {
    return `${r.certificateNumber as string}|${r.date as string}|${r.topic as string}`;
  }

  async apply(skipRows: Set<number>): Promise<WriteOutcome> {
    let inserted = 0;
    let updated = 0;
    for (const { r } of this.live(skipRows)) {
      const { rows } = await this.client.query<{ inserted: boolean }>(
        `INSERT INTO inspector_trainings (inspector_id, date, hours, topic) VALUES ($1, $2, $3, $4)
         ON CONFLICT ON CONSTRAINT uq_inspector_trainings_inspector_date_topic DO UPDATE SET hours = EXCLUDED.hours
         WHERE inspector_trainings.hours IS DISTINCT FROM EXCLUDED.hours
         RETURNING (xmax = 0) AS inserted`,
        [this.ids.get(r.certificateNumber as string), r.date, r.hours, r.topic],
      );
      if (rows[0]?.inserted) inserted += 1;
      else if (rows[0]) updated += 1;
    }
    return { inserted, updated, errors: [] };
  }
}

export class ExamsWriter extends InspectorRecordWriter {
  protected readonly keyColumn = '年度';
  protected key(r: Record<string, unknown>): string {
    return `${r.certificateNumber as string}|${r.year as number}`;
  }

  async apply(skipRows: Set<number>): Promise<WriteOutcome> {
    let inserted = 0;
    let updated = 0;
    for (const { r } of this.live(skipRows)) {
      const { rows } = await this.client.query<{ inserted: boolean }>(
        `INSERT INTO inspector_exams (inspector_id, year, passed, score) VALUES ($1, $2, $3, $4)
         ON CONFLICT ON CONSTRAINT uq_inspector_exams_inspector_year DO UPDATE SET passed = EXCLUDED.passed, score = EXCLUDED.score
         WHERE (inspector_exams.passed, inspector_exams.score) IS DISTINCT FROM (EXCLUDED.passed, EXCLUDED.score)
         RETURNING (xmax = 0) AS inserted`,
        [this.ids.get(r.certificateNumber as string), r.year, r.passed, r.score],
      );
      if (rows[0]?.inserted) inserted += 1;
      else if (rows[0]) updated += 1;
    }
    return { inserted, updated, errors: [] };
  }
}

const ITEM_FIELDS = ['name', 'subItems', 'legalBasis', 'category', 'targetType', 'method', 'enforcementDomain', 'frequency'] as const;

/** Items: a new code makes version 1; a known code with changed content makes the next version. */
export class ItemsWriter extends KeyedWriter {
  protected readonly keyColumn = '事项编码';
  protected key(r: Record<string, unknown>): string {
    return r.code as string;
  }

  constructor(
    departmentId: string,
    private readonly userId: string | null,
  ) {
    super(departmentId);
  }

  async apply(skipRows: Set<number>): Promise<WriteOutcome> {
    let inserted = 0;
    let updated = 0;
    for (const { r } of this.live(skipRows)) {
      const content = {
        name: r.name,
        subItems: r.subItems ?? [],
        legalBasis: r.legalBasis,
        category: r.category,
        targetType: r.targetType,
        method: r.method,
        enforcementDomain: r.enforcementDomain,
        defaultRatios: { A: r.ratioA, B: r.ratioB, C: r.ratioC, D: r.ratioD },
        frequency: r.frequency,
        targetFilter: { industryCodes: r.industryCodes ?? [], licenceTypes: r.licenceTypes ?? [], districts: r.districts ?? [] },
      };
      const existing = await this.client.query<{ id: string; current_version: number }>(
        'SELECT id, current_version FROM inspection_items WHERE department_id = $1 AND code = $2 FOR UPDATE',
        [this.departmentId, r.code],
      );
      let itemId: string;
      let version = 1;
      if (!existing.rows.length) {
        itemId = (await this.client.query<{ id: string }>('INSERT INTO inspection_items (department_id, code, current_version) VALUES ($1, $2, 1) RETURNING id', [this.departmentId, r.code])).rows[0].id;
        inserted += 1;
      } else {
        itemId = existing.rows[0].id;
        const current = (
          await this.client.query<Record<string, unknown>>(
            `SELECT name, sub_items AS "subItems", legal_basis AS "legalBasis", category, target_type AS "targetType", method, enforcement_domain AS "enforcementDomain",
                    default_ratios AS "defaultRatios", frequency, target_filter AS "targetFilter"
               FROM inspection_item_versions WHERE item_id = $1 AND version = $2`,
            [itemId, existing.rows[0].current_version],
          )
        ).rows[0];
        if (sameContent(current, content)) continue;
        version = existing.rows[0].current_version + 1;
        await this.client.query('UPDATE inspection_items SET current_version = $2, updated_at = now() WHERE id = $1', [itemId, version]);
        updated += 1;
      }
      await this.client.query(
        `INSERT INTO inspection_item_versions (item_id, version, name, sub_items, legal_basis, category, target_type, method, enforcement_domain, default_ratios, frequency, target_filter, change_note, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          itemId,
          version,
          content.name,
          JSON.stringify(content.subItems),
          content.legalBasis,
          content.category,
          content.targetType,
          content.method,
          content.enforcementDomain,
          JSON.stringify(content.defaultRatios),
          content.frequency,
          JSON.stringify(content.targetFilter),
          version === 1 ? null : '批量导入更新',
          this.userId,
        ],
      );
    }
    return { inserted, updated, errors: [] };
  }
}

function sameContent(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  for (const k of [...ITEM_FIELDS, 'defaultRatios', 'targetFilter']) {
    if (JSON.stringify(normalise(a[k])) !== JSON.stringify(normalise(b[k]))) return false;
  }
  return true;
}

function normalise(v: unknown): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)).map(([k, x]) => [k, normalise(x)]));
  }
  return v;
}
