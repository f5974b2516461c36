/**
 * Row readers for stored import files: CSV (UTF-8 with or without BOM, or GB18030) and XLSX (first
 * worksheet), both streaming, yielding the spreadsheet row number and the cells as text.
 */
import { createReadStream } from 'node:fs';
import { TextDecoder } from 'node:util';
import * as ExcelJS from 'exceljs';
import { CsvChunkParser } from './csv-parser';
import { MalformedFileError } from './file-checks';

export interface SheetRow {
  /** 1-based; the header is row 1 (CSV: record number; XLSX: the worksheet's row number). */
  rowNumber: number;
  cells: string[];
}

/** Told the bytes of the file read so far, as reading goes (the job's progress). */
export type OnBytes = (bytesRead: number) => void;

export async function* readCsv(path: string, encoding: 'utf-8' | 'gb18030', onBytes?: OnBytes): AsyncGenerator<SheetRow[]> {
  let bytes = 0;
  const decoder = new TextDecoder(encoding, { fatal: true }); // strips a UTF-8 BOM
  const parser = new CsvChunkParser();
  let rowNumber = 0;
  const number = (records: string[][]): SheetRow[] => records.map((cells) => ({ rowNumber: ++rowNumber, cells }));
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      bytes += (chunk as Buffer).length;
      onBytes?.(bytes);
      const batch = number(parser.push(decoder.decode(chunk as Buffer, { stream: true })));
      if (batch.length) yield batch;
    }
    const last = number([...parser.push(decoder.decode()), ...parser.end()]);
    if (last.length) yield last;
  } catch (err) {
    if (err instanceof TypeError) throw new MalformedFileError('UNSUPPORTED_ENCODING', '文件编码无效');
    throw new MalformedFileError('MALFORMED_CSV', `CSV 格式错误（第${rowNumber + 1}行附近）：${(err as Error).message}`);
  }
}

export async function* readXlsx(path: string, onBytes?: OnBytes): AsyncGenerator<SheetRow[]> {
  const input = createReadStream(path);
  let bytes = 0;
  if (onBytes) input.on('data', (chunk) => onBytes((bytes += chunk.length)));
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  try {
    for await (const worksheet of workbook) {
      let batch: SheetRow[] = [];
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        if (cells.every((c) => c.trim() === '')) continue;
        batch.push({ rowNumber: row.number, cells });
        if (batch.length === 1000) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
      return; // the first worksheet only
    }
  } catch (err) {
    if (err instanceof MalformedFileError) throw err;
    throw new MalformedFileError('NOT_A_SPREADSHEET', `XLSX 文件无法读取：${(err as Error).message}`);
  }
}

/**
 * A number cell as text. From 16 digits on Excel cannot hold it exactly (15 significant digits): an 18-digit code
 * typed into a General-format cell is already wrong in the file. It reads as Excel shows it (9.11201E+17), so the
 * column refuses it (scientificNotation) instead of importing a code whose last digits were lost.
 */
export function numberText(v: number): string {
  if (!Number.isInteger(v) || Math.abs(v) < 1e15) return String(v);
  return v.toExponential(5).replace(/\.?0+e/, 'e').replace('e+', 'E+');
}

/** Text of an exceljs cell value: rich text, formulas (their result), hyperlinks, dates, numbers. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
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

/** Rows in batches (a chunk of the file at a time), header included. */
export function readBatches(path: string, format: 'csv' | 'xlsx', encoding: 'utf-8' | 'gb18030' | null, onBytes?: OnBytes): AsyncGenerator<SheetRow[]> {
  return format === 'csv' ? readCsv(path, encoding ?? 'utf-8', onBytes) : readXlsx(path, onBytes);
}

/** The header row (first non-empty row), read without loading the rest. */
export async function readHeader(path: string, format: 'csv' | 'xlsx', encoding: 'utf-8' | 'gb18030' | null): Promise<string[]> {
  const batches = readBatches(path, format, encoding);
  try {
    const first = await batches.next();
    if (first.done || !first.value.length) throw new MalformedFileError('EMPTY_FILE', '文件中没有表头行');
    return first.value[0].cells;
  } finally {
    await batches.return(undefined);
  }
}
