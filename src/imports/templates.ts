/** Downloadable import templates, generated from the column definitions. */
import * as ExcelJS from 'exceljs';
import { IMPORT_COLUMNS, KIND_LABELS } from './import-kinds';
import type { ImportKind } from './import-job.entity';

function csvField(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** UTF-8 with BOM, so Excel opens the Chinese headers correctly. Headers only: an example row would be imported. */
export function csvTemplate(kind: ImportKind): Buffer {
  const specs = IMPORT_COLUMNS[kind];
  return Buffer.from('\uFEFF' + specs.map((s) => csvField(s.header)).join(',') + '\r\n', 'utf8');
}

export async function xlsxTemplate(kind: ImportKind): Promise<Buffer> {
  const specs = IMPORT_COLUMNS[kind];
  const workbook = new ExcelJS.Workbook();
  const data = workbook.addWorksheet('数据');
  data.addRow(specs.map((s) => s.header)); // no example row here: it would be imported; examples are on 说明
  data.getRow(1).font = { bold: true };
  specs.forEach((s, i) => {
    const column = data.getColumn(i + 1);
    column.width = Math.max(12, s.header.length * 2 + 4);
    column.numFmt = '@'; // text: keeps 18-digit codes and leading zeros intact
  });
  const notes = workbook.addWorksheet('说明');
  notes.addRow([`${KIND_LABELS[kind]}导入模板`]);
  notes.addRow(['只读取第一个工作表；第一行为表头；可使用下列中文表头或其英文名。']);
  notes.addRow([]);
  notes.addRow(['表头', '英文名', '必填', '说明', '示例', '也可写作']);
  for (const s of specs) notes.addRow([s.header, s.key, s.required ? '是' : '否', s.note, s.example, s.aliases.join('、')]);
  notes.getColumn(1).width = 22;
  notes.getColumn(4).width = 50;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
