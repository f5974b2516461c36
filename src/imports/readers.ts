/**
 * Row readers for stored import files: CSV (UTF-8 with or without BOM, or GB18030) and XLSX (first
 * worksheet), both streaming, yielding the spreadsheet row number and the cells as text.
 */
import { createReadStream } from 'node:fs';
import { Transform, TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import { parse } from 'csv-parse';
import * as ExcelJS from 'exceljs';
import { MalformedFileError } from './file-checks';

export interface SheetRow {
  /** 1-based; the header is row 1 (CSV: record number; XLSX: the worksheet's row number). */
  rowNumber: number;
  cells: string[];
}

class Decode extends Transform {
  private readonly decoder: TextDecoder;
  constructor(encoding: 'utf-8' | 'gb18030') {
    super({ decodeStrings: true });
    this.decoder = new TextDecoder(encoding, { fatal: true }); // strips a UTF-8 BOM
  }
  override _transform(chunk: Buffer, _e: BufferEncoding, cb: TransformCallback): void {
    try {
      cb(null, this.decoder.decode(chunk, { stream: true }));
    } catch {
      cb(new MalformedFileError('UNSUPPORTED_ENCODING', '文件编码无效'));
    }
  }
  override _flush(cb: TransformCallback): void {
    try {
      cb(null, this.decoder.decode());
    } catch {
      cb(new MalformedFileError('UNSUPPORTED_ENCODING', '文件编码无效'));
    }
  }
}

export async function* readCsv(path: string, encoding: 'utf-8' | 'gb18030'): AsyncGenerator<SheetRow> {
  const parser = createReadStream(path, { highWaterMark: 1 << 20 })
    .pipe(new Decode(encoding))
    .pipe(parse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true }));
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber += 1;
      yield { rowNumber, cells: record };
    }
  } catch (err) {
    if (err instanceof MalformedFileError) throw err;
    throw new MalformedFileError('MALFORMED_CSV', `CSV 格式错误（第${rowNumber + 1}行附近）：${(err as Error).message}`);
  }
}

export async function* readXlsx(path: string): AsyncGenerator<SheetRow> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  try {
    for await (const worksheet of workbook) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        if (cells.every((c) => c.trim() === '')) continue;
        yield { rowNumber: row.number, cells };
      }
      return; // the first worksheet only
    }
  } catch (err) {
    if (err instanceof MalformedFileError) throw err;
    throw new MalformedFileError('NOT_A_SPREADSHEET', `XLSX 文件无法读取：${(err as Error).message}`);
  }
}

/** Text of an exceljs cell value: rich text, formulas (their result), hyperlinks, dates, numbers. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (o.error) return '';
  }
  return String(v);
}

export function readRows(path: string, format: 'csv' | 'xlsx', encoding: 'utf-8' | 'gb18030' | null): AsyncGenerator<SheetRow> {
  return format === 'csv' ? readCsv(path, encoding ?? 'utf-8') : readXlsx(path);
}

/** The header row (first non-empty row), read without loading the rest. */
export async function readHeader(path: string, format: 'csv' | 'xlsx', encoding: 'utf-8' | 'gb18030' | null): Promise<string[]> {
  const rows = readRows(path, format, encoding);
  try {
    const first = await rows.next();
    if (first.done) throw new MalformedFileError('EMPTY_FILE', '文件中没有表头行');
    return first.value.cells;
  } finally {
    await rows.return(undefined);
  }
}
