import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ExcelJS from 'exceljs';
import { readBatches } from './readers';

/** The readers report the bytes read as they go: the import job's progress. */
describe('readers: bytes read', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readers-spec-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function readAll(file: string, format: 'csv' | 'xlsx'): Promise<{ rows: number; seen: number[] }> {
    const seen: number[] = [];
    let rows = 0;
    for await (const batch of readBatches(file, format, format === 'csv' ? 'utf-8' : null, (n) => seen.push(n))) rows += batch.length;
    return { rows, seen };
  }

  it('CSV: rising to the file size, chunk by chunk', async () => {
    const file = path.join(dir, 'big.csv');
    fs.writeFileSync(file, '名称,代码\r\n' + Array.from({ length: 60_000 }, (_, i) => `单位${i},${i}\r\n`).join(''));
    const { rows, seen } = await readAll(file, 'csv');
    expect(rows).toBe(60_001);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((n, i) => i === 0 || n > seen[i - 1])).toBe(true);
    expect(seen[seen.length - 1]).toBe(fs.statSync(file).size);
  });

  it('XLSX: rising to the file size', async () => {
    const file = path.join(dir, 'small.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow(['名称', '代码']);
    for (let i = 0; i < 500; i++) ws.addRow([`单位${i}`, i]);
    await wb.xlsx.writeFile(file);
    const { rows, seen } = await readAll(file, 'xlsx');
    expect(rows).toBe(501);
    expect(seen[seen.length - 1]).toBe(fs.statSync(file).size);
  });
});
