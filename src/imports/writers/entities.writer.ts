import { once } from 'node:events';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Writable } from 'node:stream';
import { ImportWriter, WriteOutcome, WriterRowError } from './writer';

const STAGING_COLUMNS = [
  'row_no',
  'uscc',
  'name',
  'legal_representative',
  'registered_address',
  'district',
  'industry_code',
  'status',
  'risk_class',
  'risk_from',
  'contact_person',
  'contact_phone',
  'supervising_unit',
  'licence_type',
  'licence_number',
  'licence_valid_until',
] as const;
const RECORD_KEYS = [
  'uscc',
  'name',
  'legalRepresentative',
  'registeredAddress',
  'district',
  'industryCode',
  'status',
  'riskClass',
  'riskClassEffectiveFrom',
  'contactPerson',
  'contactPhone',
  'supervisingUnit',
  'licenceType',
  'licenceNumber',
  'licenceValidUntil',
] as const;

/** Staging columns an entity's repeated rows must not contradict, with their template headers. */
const DUPLICATE_COLUMNS: [string, string][] = [
  ['name', '名称'],
  ['legal_representative', '法定代表人'],
  ['registered_address', '注册地址'],
  ['district', '所属区域'],
  ['industry_code', '行业代码'],
  ['status', '经营状态'],
  ['risk_class', '信用风险分类'],
  ['risk_from', '分类生效日期'],
  ['contact_person', '联系人'],
  ['contact_phone', '联系电话'],
  ['supervising_unit', '监管单位'],
];

/** COPY text format: backslash escapes for the four special characters; \N is NULL. */
function copyText(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  return String(v).replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/**
 * The entity directory import, set-based for large files: rows stream into a temporary staging
 * table with COPY while they are parsed, then a few statements update, insert, add risk classes
 * and licences. Blank optional cells leave existing values unchanged.
 */
export class EntitiesWriter implements ImportWriter {
  private client!: PoolClient;
  private copy!: Writable;
  private copyDone!: Promise<unknown>;
  /** A COPY failure (e.g. a value PostgreSQL refuses), kept until the next flush or check reports it. */
  private copyError: Error | null = null;
  private buffer: string[] = [];

  constructor(
    private readonly departmentId: string,
    private readonly today: string,
  ) {}

  async begin(client: PoolClient): Promise<void> {
    this.client = client;
    await client.query(`CREATE TEMP TABLE import_staging (
      row_no int NOT NULL, uscc text NOT NULL, name text NOT NULL, legal_representative text, registered_address text,
      district text, industry_code text, status text, risk_class text, risk_from date, contact_person text,
      contact_phone text, supervising_unit text, licence_type text, licence_number text, licence_valid_until date
    ) ON COMMIT DROP`);
    this.copy = client.query(copyFrom(`COPY import_staging (${STAGING_COLUMNS.join(', ')}) FROM STDIN`));
    this.copyDone = new Promise((resolve, reject) => {
      this.copy.on('finish', resolve);
      this.copy.on('error', (err: Error) => {
        this.copyError = err;
        reject(err);
      });
    });
    this.copyDone.catch(() => undefined); // reported by flush()/check(), never left unhandled
  }

  async addBatch(rows: { rowNumber: number; record: Record<string, unknown> }[]): Promise<void> {
    for (const { rowNumber, record } of rows) {
      let line = String(rowNumber);
      for (const key of RECORD_KEYS) line += '\t' + copyText(record[key]);
      this.buffer.push(line);
    }
    if (this.buffer.length >= 2000) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.copyError) throw this.copyError;
    if (!this.buffer.length) return;
    const chunk = this.buffer.join('\n') + '\n';
    this.buffer = [];
    if (!this.copy.write(chunk)) await Promise.race([once(this.copy, 'drain'), this.copyDone]);
  }

  async abort(): Promise<void> {
    if (!this.copy || this.copy.writableFinished) return;
    // destroy() makes pg-copy-streams send CopyFail; the server then ends the COPY with an error.
    this.copy.destroy(new Error('import aborted'));
    await this.copyDone.catch(() => undefined);
  }

  async check(): Promise<WriterRowError[]> {
    await this.flush();
    this.copy.end();
    await this.copyDone;
    await this.client.query('ANALYZE import_staging');
    const errors = await this.duplicateRows();
    // The class history is never rewritten: another class already recorded for that date is a row error.
    const history = await this.client.query<{ row_no: number; risk_class: string; effective_from: string }>(
      `SELECT s.row_no, r.risk_class, to_char(r.effective_from, 'YYYY-MM-DD') AS effective_from
         FROM import_staging s
         JOIN regulated_entities e ON e.department_id = $1 AND e.uscc = s.uscc
         JOIN entity_risk_classes r ON r.entity_id = e.id AND r.effective_from = COALESCE(s.risk_from, $2::date)
        WHERE s.risk_class IS NOT NULL AND r.risk_class <> s.risk_class
        ORDER BY s.row_no`,
      [this.departmentId, this.today],
    );
    for (const h of history.rows) {
      errors.push({ rowNumber: h.row_no, column: '信用风险分类', value: null, message: `${h.effective_from}已记录信用风险分类${h.risk_class}，历史分类不可修改；请使用新的生效日期` });
    }
    return errors;
  }

  /**
   * The same USCC may appear on several rows only to list several licences (one per row): its other cells must be
   * blank or repeat the first row's. A row that differs, or repeats the entity with no licence, is a row error —
   * never merged silently with the first row's fields winning.
   */
  private async duplicateRows(): Promise<WriterRowError[]> {
    const firsts = DUPLICATE_COLUMNS.map(([c]) => `first_value(${c}) OVER w AS f_${c}`).join(', ');
    const diffs = DUPLICATE_COLUMNS.map(([c]) => `(${c} IS NOT NULL AND ${c} IS DISTINCT FROM f_${c}) AS d_${c}`).join(', ');
    const { rows } = await this.client.query<Record<string, unknown> & { row_no: number; first_row: number; no_licence: boolean }>(`
      SELECT row_no, first_row, licence_type IS NULL AS no_licence, ${diffs} FROM (
        SELECT s.*, first_value(row_no) OVER w AS first_row, ${firsts}
          FROM import_staging s WINDOW w AS (PARTITION BY uscc ORDER BY row_no)
      ) t WHERE row_no <> first_row ORDER BY row_no`);
    return rows.filter((r) => r.no_licence || DUPLICATE_COLUMNS.some(([c]) => r[`d_${c}`])).map((r) => {
      const differing = DUPLICATE_COLUMNS.find(([c]) => r[`d_${c}`]);
      if (differing?.[0] === 'name') return { rowNumber: r.row_no, column: '名称', value: null, message: `与第${r.first_row}行统一社会信用代码相同但名称不一致` };
      if (differing) {
        return { rowNumber: r.row_no, column: differing[1], value: null, message: `与第${r.first_row}行统一社会信用代码相同但「${differing[1]}」不一致：同一对象的多行只用于登记多个许可证，其余各列应留空或与第${r.first_row}行相同` };
      }
      return { rowNumber: r.row_no, column: '统一社会信用代码', value: null, message: `与第${r.first_row}行统一社会信用代码重复：同一对象的多行只用于登记多个许可证，请删除重复行` };
    });
  }

  async apply(skipRows: Set<number>): Promise<WriteOutcome> {
    const c = this.client;
    if (skipRows.size) await c.query('DELETE FROM import_staging WHERE row_no = ANY($1::int[])', [[...skipRows]]);
    await c.query(`CREATE TEMP TABLE import_entities ON COMMIT DROP AS SELECT DISTINCT ON (uscc) * FROM import_staging ORDER BY uscc, row_no`);
    await c.query('CREATE UNIQUE INDEX ON import_entities (uscc)');
    await c.query('ANALYZE import_entities');
    const dept = this.departmentId;
    const updated = await c.query(
      `UPDATE regulated_entities e SET
          name = s.name,
          legal_representative = COALESCE(s.legal_representative, e.legal_representative),
          registered_address = COALESCE(s.registered_address, e.registered_address),
          district = COALESCE(s.district, e.district),
          industry_code = COALESCE(s.industry_code, e.industry_code),
          status = COALESCE(s.status, e.status),
          contact_person = COALESCE(s.contact_person, e.contact_person),
          contact_phone = COALESCE(s.contact_phone, e.contact_phone),
          supervising_unit = COALESCE(s.supervising_unit, e.supervising_unit),
          version = e.version + 1,
          updated_at = now()
         FROM import_entities s
        WHERE e.department_id = $1 AND e.uscc = s.uscc
          AND (e.name, e.legal_representative, e.registered_address, e.district, e.industry_code, e.status, e.contact_person, e.contact_phone, e.supervising_unit)
              IS DISTINCT FROM
              (s.name, COALESCE(s.legal_representative, e.legal_representative), COALESCE(s.registered_address, e.registered_address), COALESCE(s.district, e.district),
               COALESCE(s.industry_code, e.industry_code), COALESCE(s.status, e.status), COALESCE(s.contact_person, e.contact_person),
               COALESCE(s.contact_phone, e.contact_phone), COALESCE(s.supervising_unit, e.supervising_unit))`,
      [dept],
    );
    // New entities and their first class in one statement: no history to compare with yet.
    const inserted = await c.query(
      `WITH ins AS (
         INSERT INTO regulated_entities (department_id, uscc, name, legal_representative, registered_address, district, industry_code, status, contact_person, contact_phone, supervising_unit)
         SELECT $1, s.uscc, s.name, s.legal_representative, s.registered_address, s.district, s.industry_code, COALESCE(s.status, 'active'), s.contact_person, s.contact_phone, s.supervising_unit
           FROM import_entities s
          WHERE NOT EXISTS (SELECT 1 FROM regulated_entities e WHERE e.department_id = $1 AND e.uscc = s.uscc)
         RETURNING id, uscc
       ), classes AS (
         INSERT INTO entity_risk_classes (entity_id, risk_class, effective_from)
         SELECT ins.id, s.risk_class, COALESCE(s.risk_from, $2::date) FROM ins JOIN import_entities s USING (uscc) WHERE s.risk_class IS NOT NULL
       )
       SELECT count(*)::int AS n FROM ins`,
      [dept, this.today],
    );
    // Entities that already existed: a class is recorded only when it differs from the one in force on its date.
    await c.query(
      `INSERT INTO entity_risk_classes (entity_id, risk_class, effective_from)
       SELECT e.id, s.risk_class, COALESCE(s.risk_from, $2::date)
         FROM import_entities s
         JOIN regulated_entities e ON e.department_id = $1 AND e.uscc = s.uscc
        WHERE s.risk_class IS NOT NULL
          AND e.created_at < now() -- not inserted by this transaction (now() is its start)
          AND s.risk_class IS DISTINCT FROM (SELECT r.risk_class FROM entity_risk_classes r WHERE r.entity_id = e.id AND r.effective_from <= COALESCE(s.risk_from, $2::date) ORDER BY r.effective_from DESC LIMIT 1)
       ON CONFLICT ON CONSTRAINT uq_entity_risk_classes_entity_effective DO NOTHING`,
      [dept, this.today],
    );
    await c.query(
      `INSERT INTO entity_licences (entity_id, type, number, valid_until)
       SELECT DISTINCT ON (e.id, s.licence_type, s.licence_number) e.id, s.licence_type, s.licence_number, s.licence_valid_until
         FROM import_staging s
         JOIN regulated_entities e ON e.department_id = $1 AND e.uscc = s.uscc
        WHERE s.licence_type IS NOT NULL
        ORDER BY e.id, s.licence_type, s.licence_number, s.row_no DESC
       ON CONFLICT ON CONSTRAINT uq_entity_licences_entity_type_number DO UPDATE SET valid_until = COALESCE(EXCLUDED.valid_until, entity_licences.valid_until)
         WHERE entity_licences.valid_from IS NULL OR EXCLUDED.valid_until IS NULL OR EXCLUDED.valid_until >= entity_licences.valid_from`,
      [dept],
    );
    return { inserted: (inserted.rows[0] as { n: number }).n, updated: updated.rowCount ?? 0, errors: [] };
  }
}
