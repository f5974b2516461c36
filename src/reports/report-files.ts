/**
 * The annual report as the files a bureau files: DOCX (heading, the paragraph, the table of
 * figures) and XLSX (统计数据, 检查对象, 公开情况). Built from the figures alone; no database here.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import * as ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { figureRows, figureText } from './figure-rows';
import { AnnualFigures } from './report-figures';

/** One checked entity (检查对象 sheet), in the configured order. */
export interface CheckedEntityRow {
  name: string;
  uscc: string;
  firstCheckDate: string;
  checks: number;
  problemFound: boolean;
}

/** One result of the year's checks (公开情况 sheet): the original publication and where it stands now. */
export interface PublicationRow {
  entityName: string;
  uscc: string;
  checkDate: string;
  deadline: string;
  /** First publication time, ISO; null while pending. */
  publishedAt: string | null;
  onTime: boolean | null;
  currentState: 'pending' | 'published' | 'withdrawn';
  currentVersion: number;
}

export interface ReportLists {
  entities: CheckedEntityRow[];
  publications: PublicationRow[];
}

export const SHEET_NAMES = { figures: '统计数据', entities: '检查对象', publications: '公开情况' } as const;

const STATE_LABELS: Record<PublicationRow['currentState'], string> = { pending: '待公开', published: '已公开', withdrawn: '已撤回' };
const FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };

export function reportTitle(f: AnnualFigures): string {
  return `${f.department.name}${f.year}年度“双随机、一公开”监管执法情况`;
}

/** The file name offered for download, without extension. */
export function reportFileName(f: AnnualFigures): string {
  return `${f.department.name}${f.year}年度双随机一公开年度报告`;
}

function asOfLine(f: AnnualFigures): string {
  const [y, m, d] = f.asOf.split('-').map(Number);
  return `（数据截至${y}年${m}月${d}日）`;
}

/** Beijing time to the minute, as staff read it. */
function chinaMinute(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export async function annualDocx(f: AnnualFigures, paragraph: string): Promise<Buffer> {
  const cell = (text: string, bold = false, align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.LEFT) =>
    new TableCell({ children: [new Paragraph({ alignment: align, children: [new TextRun({ text, bold })] })] });
  const rows = figureRows(f);
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [1800, 5400, 1800],
    rows: [
      new TableRow({ tableHeader: true, children: [cell('类别', true), cell('指标', true), cell('数值', true, AlignmentType.RIGHT)] }),
      ...rows.map((r) => new TableRow({ children: [cell(r.section), cell(r.label), cell(figureText(r), false, AlignmentType.RIGHT)] })),
    ],
  });
  const doc = new Document({
    creator: f.department.name,
    title: reportTitle(f),
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, alignment: AlignmentType.CENTER, children: [new TextRun({ text: reportTitle(f), font: FONT })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(asOfLine(f))] }),
          // One run: the paragraph stays one string in word/document.xml, as written.
          new Paragraph({ indent: { firstLineChars: 200 }, spacing: { line: 360 }, children: [new TextRun(paragraph)] }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: '统计数据', font: FONT })] }),
          table,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/**
 * Streamed (exceljs WorkbookWriter): a year can list 200,000 entities and as many results, which
 * the in-memory workbook holds several times over. Rows are committed as they are written.
 */
export async function annualXlsx(f: AnnualFigures, paragraph: string, lists: ReportLists): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = f.department.name;
  wb.title = reportTitle(f);
  const sheet = (name: string, columns: Partial<ExcelJS.Column>[]) => {
    const ws = wb.addWorksheet(name);
    ws.columns = columns;
    ws.getRow(1).font = { bold: true };
    return ws;
  };

  const figures = sheet(SHEET_NAMES.figures, [
    { header: '类别', key: 'section', width: 14 },
    { header: '指标', key: 'label', width: 44 },
    { header: '数值', key: 'value', width: 40 },
  ]);
  for (const r of figureRows(f)) {
    const row = figures.addRow({ section: r.section, label: r.label, value: r.value });
    // A rate stays a number (87.5) and shows its "%" through the format.
    if (r.percent) row.getCell('value').numFmt = '0.0"%"';
    row.commit();
  }
  figures.addRow({}).commit();
  figures.addRow({ section: '年度报告段落', label: paragraph }).commit();
  figures.commit();

  const entities = sheet(SHEET_NAMES.entities, [
    { header: '序号', key: 'n', width: 8 },
    { header: '单位名称', key: 'name', width: 40 },
    { header: '统一社会信用代码', key: 'uscc', width: 22 },
    { header: '首次检查日期', key: 'firstCheckDate', width: 14 },
    { header: '检查次数', key: 'checks', width: 10 },
    { header: '是否发现问题', key: 'problem', width: 14 },
  ]);
  lists.entities.forEach((e, i) => entities.addRow({ n: i + 1, name: e.name, uscc: e.uscc, firstCheckDate: e.firstCheckDate, checks: e.checks, problem: e.problemFound ? '是' : '否' }).commit());
  entities.commit();

  const publications = sheet(SHEET_NAMES.publications, [
    { header: '单位名称', key: 'entityName', width: 40 },
    { header: '统一社会信用代码', key: 'uscc', width: 22 },
    { header: '检查日期', key: 'checkDate', width: 14 },
    { header: '公开期限', key: 'deadline', width: 14 },
    { header: '公开时间（北京时间）', key: 'publishedAt', width: 20 },
    { header: '是否按时', key: 'onTime', width: 10 },
    { header: '当前状态', key: 'state', width: 10 },
    { header: '当前版本', key: 'version', width: 10 },
  ]);
  for (const p of lists.publications) {
    publications
      .addRow({
        entityName: p.entityName,
        uscc: p.uscc,
        checkDate: p.checkDate,
        deadline: p.deadline,
        publishedAt: p.publishedAt ? chinaMinute(p.publishedAt) : null,
        onTime: p.onTime === null ? null : p.onTime ? '是' : '否',
        state: STATE_LABELS[p.currentState],
        version: p.currentVersion,
      })
      .commit();
  }
  publications.commit();
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}
