import * as ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import JSZip from 'jszip';
import { completeUscc } from '../../src/regulated-entities/uscc';

let serial = Math.floor(Math.random() * 1e6);
/** A fresh valid USCC each call. */
export function freshUscc(): string {
  serial += 1;
  return completeUscc(`91120116${String(serial).padStart(6, '0')}MB`.slice(0, 16));
}

export function csv(rows: (string | number)[][]): string {
  return rows.map((r) => r.map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(',')).join('\r\n') + '\r\n';
}

export const utf8Bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
export const utf8 = (text: string) => Buffer.from(text, 'utf8');
export const gb18030 = (text: string) => iconv.encode(text, 'gb18030');

export async function xlsx(rows: (string | number)[][], sheetName = 'Sheet1'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A zip that claims to be a workbook and inflates to far more than it weighs. */
export async function zipBomb(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<Types/>');
  zip.file('xl/workbook.xml', '<workbook/>');
  zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(30 * 1024 * 1024, 0x61));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** supertest parser that keeps a binary body as a Buffer. */
export function binary(res: unknown, cb: (err: Error | null, body: Buffer) => void): void {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
}
