/**
 * The annual report as the files a bureau files: DOCX (heading, the paragraph, the table of
 * figures) and XLSX (统计数据, 检查对象, 公开情况). Built from the figures alone; no database here.
 */
import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
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
/**
 * GB/T 9704-2012 (党政机关公文格式), the format of the bureau's own report: A4; 天头 37 mm, 订口 28 mm,
 * 版心 156 × 225 mm (so bottom 35 mm, right 26 mm); 22 lines of 28 characters; title 2号小标宋 (22 pt),
 * body 3号仿宋_GB2312 (16 pt), headings 3号黑体, page numbers 4号宋体 "— 1 —". Fonts are named for East
 * Asian text (w:eastAsia) with Times New Roman for digits and Latin letters, the names Word and WPS
 * resolve (or substitute: 仿宋_GB2312 → 仿宋, 方正小标宋简体 → 宋体/华文中宋 where absent). Dimensions in twips.
 */
/** Millimetres to twips, rounded (docx's helper truncates: 37 mm would be 2097). */
const mm = (millimetres: number) => Math.round((millimetres * 1440) / 25.4);
const latin = (eastAsia: string) => ({ ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia, hint: 'eastAsia' as const });
export const GBT = {
  title: latin('方正小标宋简体'),
  body: latin('仿宋_GB2312'),
  heading: latin('黑体'),
  pageNumber: latin('宋体'),
  /** Half-points: 2号 22 pt, 3号 16 pt, tables 4号 14 pt. */
  titleSize: 44,
  bodySize: 32,
  tableSize: 28,
  margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
  /** 225 mm / 22 lines. */
  line: Math.floor(mm(225) / 22),
  /** 156 mm / 28 characters = 15.80 pt a character: 4096ths of a point beyond the 16 pt body size. */
  charSpace: Math.round((mm(156) / 28 / 20 - 16) * 4096),
} as const;

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

const DATE_FORMAT = 'yyyy-mm-dd';

/**
 * A date (or "YYYY-MM-DD HH:mm" Beijing time) as an Excel date: a serial number shown through the
 * column's format, so it sorts and filters as a date. Excel dates carry no zone: the wall time is stored.
 */
function excelDate(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}${text.length === 10 ? 'T00:00' : ''}:00Z`);
}

/** Beijing time to the minute, as staff read it. */
function chinaMinute(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export async function annualDocx(f: AnnualFigures, paragraph: string): Promise<Buffer> {
  const run = (text: string, font: typeof GBT.body = GBT.body, size: number = GBT.bodySize, bold = false) => new TextRun({ text, font, size, bold });
  const cell = (text: string, bold = false, align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.LEFT) =>
    new TableCell({ children: [new Paragraph({ alignment: align, children: [run(text, GBT.body, GBT.tableSize, bold)] })] });
  // One table per figure family, each with its caption (表1, 双随机抽查) above it.
  const families = [...new Set(figureRows(f).map((r) => r.section))];
  const tables = families.flatMap((section, i) => [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: Math.round(GBT.line / 2), line: GBT.line, lineRule: LineRuleType.EXACT }, keepNext: true, children: [run(`表${i + 1}\u3000${section}`, GBT.heading)] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      columnWidths: [6600, 2244],
      rows: [
        new TableRow({ tableHeader: true, children: [cell('指标', true, AlignmentType.CENTER), cell('数值', true, AlignmentType.CENTER)] }),
        ...figureRows(f)
          .filter((r) => r.section === section)
          .map((r) => new TableRow({ cantSplit: true, children: [cell(r.label), cell(figureText(r), false, AlignmentType.RIGHT)] })),
      ],
    }),
  ]);
  const body = { spacing: { line: GBT.line, lineRule: LineRuleType.EXACT } };
  const doc = new Document({
    creator: f.department.name,
    title: reportTitle(f),
    styles: { default: { document: { run: { font: GBT.body, size: GBT.bodySize } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: GBT.margin.top, bottom: GBT.margin.bottom, left: GBT.margin.left, right: GBT.margin.right, header: mm(15), footer: mm(20) },
          },
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: GBT.line, charSpace: GBT.charSpace },
        },
        footers: {
          default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: GBT.pageNumber, size: 28 })] })] }),
        },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: GBT.line, lineRule: LineRuleType.EXACT, after: GBT.line }, children: [run(reportTitle(f), GBT.title, GBT.titleSize)] }),
          new Paragraph({ ...body, alignment: AlignmentType.CENTER, children: [run(asOfLine(f))] }),
          // One run: the paragraph stays one string in word/document.xml, as written.
          new Paragraph({ ...body, alignment: AlignmentType.JUSTIFIED, indent: { firstLineChars: 200 }, children: [run(paragraph)] }),
          new Paragraph({ ...body, indent: { firstLineChars: 200 }, children: [run('附：统计数据', GBT.heading)] }),
          ...tables,
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
    // "—" (no rate, no names) is an empty cell, never text among the numbers.
    const row = figures.addRow({ section: r.section, label: r.label, value: r.value === '—' ? null : r.value });
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
  entities.getColumn('firstCheckDate').numFmt = DATE_FORMAT;
  lists.entities.forEach((e, i) => entities.addRow({ n: i + 1, name: e.name, uscc: e.uscc, firstCheckDate: excelDate(e.firstCheckDate), checks: e.checks, problem: e.problemFound ? '是' : '否' }).commit());
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
  for (const key of ['checkDate', 'deadline']) publications.getColumn(key).numFmt = DATE_FORMAT;
  publications.getColumn('publishedAt').numFmt = 'yyyy-mm-dd hh:mm';
  for (const p of lists.publications) {
    publications
      .addRow({
        entityName: p.entityName,
        uscc: p.uscc,
        checkDate: excelDate(p.checkDate),
        deadline: excelDate(p.deadline),
        publishedAt: p.publishedAt ? excelDate(chinaMinute(p.publishedAt)) : null,
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
