/**
 * Import columns: Chinese headers as bureaus export them, with English alternatives, and the cell
 * parsers that turn text into values or a row error. Pure: no framework imports.
 */
import { isDateOnly, todayInChina, unsafeTextCharacter } from '../common/validation';
import { snapshotSafeText } from '../plans/snapshot';

export type CellResult<T> = { ok: true; value: T } | { ok: false; message: string };

export interface ColumnSpec {
  /** Field name in the parsed record. */
  key: string;
  /** The header in the template (Chinese). */
  header: string;
  /** Other accepted headers: Chinese variants and the English field name. */
  aliases: string[];
  required: boolean;
  /** What the template's notes sheet says about the column. */
  note: string;
  example: string;
  /** Parses a non-empty cell (already trimmed). Empty cells are null, or a "required" error. */
  parse: (text: string) => CellResult<unknown>;
}

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = (message: string): CellResult<never> => ({ ok: false, message });

export const cell = {
  /** Names and addresses become public: the characters the API refuses in public text are refused here too (line breaks in a cell pass). */
  text:
    (max: number) =>
    (t: string): CellResult<string> => {
      if (t.length > max) return fail(`长度不能超过${max}个字符`);
      const bad = unsafeTextCharacter(t, true);
      return bad ? fail(`含有不允许的字符（${bad}）：不可见字符、文字方向控制符或无效字符`) : ok(t);
    },
  /** Text a plan snapshot stores (domains, units): also no "," TAB CR LF (snapshotSafeText). */
  snapshotText:
    (max: number) =>
    (t: string): CellResult<string> => {
      const r = cell.text(max)(t);
      const bad = r.ok ? snapshotSafeText(t) : null;
      return bad ? fail(bad) : r;
    },
  pattern:
    (re: RegExp, message: string, max = 100) =>
    (t: string): CellResult<string> =>
      t.length <= max && re.test(t) ? ok(t) : fail(message),
  /** 2023-05-01, 2023/5/1, 2023.5.1, 2023年5月1日, or an Excel serial day number. */
  date: (t: string): CellResult<string> => {
    const d = parseDate(t);
    return d ? ok(d) : fail('日期格式应为 YYYY-MM-DD');
  },
  /** A date that has happened (records of trainings, not plans). */
  pastDate: (t: string): CellResult<string> => {
    const d = parseDate(t);
    if (!d) return fail('日期格式应为 YYYY-MM-DD');
    return d <= todayInChina() ? ok(d) : fail('不能晚于今天');
  },
  number:
    (min: number, max: number, decimals: number) =>
    (t: string): CellResult<number> => {
      const plain = t.replace(/[,，]/g, '');
      const re = decimals > 0 ? new RegExp(`^\\d+(\\.\\d{1,${decimals}})?$`) : /^\d+$/;
      if (!re.test(plain)) return fail(decimals > 0 ? `应为最多${decimals}位小数的非负数` : '应为整数');
      const n = Number(plain);
      return n < min || n > max ? fail(`应在${min}至${max}之间`) : ok(n);
    },
  integer:
    (min: number, max: number) =>
    (t: string): CellResult<number> =>
      /^\d+$/.test(t) && Number(t) >= min && Number(t) <= max ? ok(Number(t)) : fail(`应为${min}至${max}之间的整数`),
  oneOf:
    <T>(labels: Record<string, T>, description: string) =>
    (t: string): CellResult<T> => {
      // Own keys only: a cell saying "constructor" or "__proto__" is not a label.
      const key = Object.hasOwn(labels, t) ? t : Object.hasOwn(labels, t.toLowerCase()) ? t.toLowerCase() : undefined;
      return key !== undefined ? ok(labels[key]) : fail(`应为${description}之一`);
    },
  /** A list in one cell: 、 , ， ; ； or newlines between values. */
  list:
    (maxItems: number, maxLength: number) =>
    (t: string): CellResult<string[]> => {
      const items = [...new Set(t.split(/[、,，;；\n]+/).map((s) => s.trim()).filter(Boolean))];
      if (items.length > maxItems) return fail(`最多${maxItems}项`);
      if (items.some((s) => s.length > maxLength)) return fail(`每项不能超过${maxLength}个字符`);
      return ok(items);
    },
  /** A list of values a plan snapshot stores (enforcement domains): , and line breaks separate, TAB or CR inside a value is refused. */
  snapshotList:
    (maxItems: number, maxLength: number) =>
    (t: string): CellResult<string[]> => {
      const r = cell.list(maxItems, maxLength)(t);
      const bad = r.ok ? r.value.map(snapshotSafeText).find((m) => m !== null) : null;
      return bad ? fail(bad) : r;
    },
};

/** 9.11201E+17, 9.11201e17: a long number Excel turned into scientific notation (its last digits are lost). */
export function isScientificNotation(t: string): boolean {
  return /^\d+(\.\d+)?E\+?\d+$/i.test(t.trim());
}

/** The row error for a code column Excel stored as a number: how to keep it as text. */
export function scientificNotationMessage(t: string): string {
  return `：“${t}”被Excel存成了数字（科学计数法），后几位已丢失，不能导入。请将该列设置为文本格式（选中整列→右键“设置单元格格式”→“文本”）后重新输入或粘贴完整代码，或在代码前加英文单引号'；使用本系统下载的模板，代码列已是文本格式`;
}

export function parseDate(t: string): string | null {
  const s = t.trim();
  if (/^\d{5}(\.0+)?$/.test(s)) {
    // Excel serial date (days since 1899-12-30), as some exports write dates.
    const d = new Date(Date.UTC(1899, 11, 30) + Number(s) * 86_400_000).toISOString().slice(0, 10);
    return isDateOnly(d) ? d : null;
  }
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]00:00(?::00(?:\.0+)?)?(?:Z)?)?$/.exec(s);
  if (!m) return null;
  const d = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isDateOnly(d) ? d : null;
}

/** Header as typed by people and exported by tools: no BOM, spaces, full-width brackets or asterisks. */
export function normaliseHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .normalize('NFKC')
    .replace(/[\s*＊]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase();
}

export interface HeaderMapping {
  /** Column index in the file for each spec key (absent: not in the file). */
  indexByKey: Map<string, number>;
  /** Cache for parseRow: the file column of each spec, in spec order (-1: absent). */
  indexes?: number[];
  missingRequired: ColumnSpec[];
  unknownHeaders: string[];
  duplicateHeaders: string[];
}

export function mapHeaders(headers: string[], specs: ColumnSpec[]): HeaderMapping {
  const lookup = new Map<string, ColumnSpec>();
  for (const spec of specs) for (const name of [spec.header, ...spec.aliases, spec.key]) lookup.set(normaliseHeader(name), spec);
  const indexByKey = new Map<string, number>();
  const unknownHeaders: string[] = [];
  const duplicateHeaders: string[] = [];
  headers.forEach((raw, index) => {
    const name = normaliseHeader(raw ?? '');
    if (!name) return;
    const spec = lookup.get(name);
    if (!spec) unknownHeaders.push(raw.trim());
    else if (indexByKey.has(spec.key)) duplicateHeaders.push(raw.trim());
    else indexByKey.set(spec.key, index);
  });
  return { indexByKey, missingRequired: specs.filter((s) => s.required && !indexByKey.has(s.key)), unknownHeaders, duplicateHeaders };
}

export interface RowError {
  column: string | null;
  value: string | null;
  message: string;
}

/** Parses one data row; returns the record or every problem in it. */
export function parseRow(cells: readonly string[], specs: ColumnSpec[], mapping: HeaderMapping): { record: Record<string, unknown> | null; errors: RowError[] } {
  const indexes = mapping.indexes ?? (mapping.indexes = specs.map((s) => mapping.indexByKey.get(s.key) ?? -1));
  const record: Record<string, unknown> = {};
  let errors: RowError[] | null = null;
  for (let k = 0; k < specs.length; k++) {
    const spec = specs[k];
    const index = indexes[k];
    const raw = index < 0 ? undefined : cells[index];
    const text = raw === undefined ? '' : raw.trim();
    if (text.includes('\u0000')) {
      (errors ??= []).push({ column: spec.header, value: null, message: `${spec.header}含有无效字符（NUL）` });
      continue;
    }
    if (text === '') {
      if (spec.required) (errors ??= []).push({ column: spec.header, value: null, message: `${spec.header}不能为空` });
      record[spec.key] = null;
      continue;
    }
    const result = spec.parse(text);
    if (result.ok) record[spec.key] = result.value;
    else (errors ??= []).push({ column: spec.header, value: text.slice(0, 200), message: `${spec.header}${result.message}` });
  }
  return errors ? { record: null, errors } : { record, errors: NO_ERRORS };
}

const NO_ERRORS: RowError[] = [];
