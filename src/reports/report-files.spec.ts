import * as ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { figureRows } from './figure-rows';
import { emptyFigures, seedFigures } from './fixtures/seed-figures';
import { annualParagraph } from './paragraph';
import { annualDocx, annualXlsx, ReportLists, reportTitle, SHEET_NAMES } from './report-files';

const lists: ReportLists = {
  entities: [
    { name: '康希诺生物股份公司', uscc: '91120116MA05JXXX0A', firstCheckDate: '2023-04-10', checks: 2, problemFound: false },
    { name: '天津生物化学制药有限公司', uscc: '91120116MA05JXXX1B', firstCheckDate: '2023-04-11', checks: 1, problemFound: true },
  ],
  publications: [
    { entityName: '康希诺生物股份公司', uscc: '91120116MA05JXXX0A', checkDate: '2023-04-10', deadline: '2023-05-12', publishedAt: '2023-05-12T01:30:00.000Z', onTime: true, currentState: 'published', currentVersion: 1 },
    { entityName: '天津生物化学制药有限公司', uscc: '91120116MA05JXXX1B', checkDate: '2023-04-11', deadline: '2023-05-15', publishedAt: null, onTime: null, currentState: 'pending', currentVersion: 1 },
  ],
};

/** The visible text of a Word document (runs joined per paragraph). */
async function documentXml(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  return zip.file('word/document.xml')!.async('string');
}

describe('annual report files', () => {
  it('DOCX: GB/T 9704-2012 layout, the heading, the paragraph as one run, one captioned table per figure family', async () => {
    const f = seedFigures();
    const paragraph = annualParagraph(f);
    const buffer = await annualDocx(f, paragraph);
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
    const xml = await documentXml(buffer);
    expect(xml).toContain(reportTitle(f));
    expect(reportTitle(f)).toBe('区科技局2023年度“双随机、一公开”监管执法情况');
    expect(xml).toContain(paragraph);
    expect(xml).toContain('（数据截至2026年11月25日）');
    const families = [...new Set(figureRows(f).map((r) => r.section))];
    expect(xml.match(/<w:tbl>/g)).toHaveLength(families.length);
    // A header row per table plus one row per figure.
    expect(xml.match(/<w:tr[ >]/g)).toHaveLength(figureRows(f).length + families.length);
    families.forEach((s, i) => expect(xml).toContain(`表${i + 1}\u3000${s}`));
    for (const label of ['法制审核合计', '检查对象（家）', '按时公开率', '87.5%']) expect(xml).toContain(label);
    // Title 2号小标宋 (22 pt = 44 half-points), body 3号仿宋_GB2312 (32), margins 37/35/28/26 mm, 22 lines.
    expect(xml).toMatch(/w:eastAsia="方正小标宋简体"[^>]*\/>(<[^>]+>)*<w:sz w:val="44"\/>/);
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(xml).toMatch(/<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-8\d\d"\/>/);
  });

  it('XLSX: figures, checked entities and publications, read back with exceljs', async () => {
    const f = seedFigures();
    const paragraph = annualParagraph(f);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await annualXlsx(f, paragraph, lists)) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual([SHEET_NAMES.figures, SHEET_NAMES.entities, SHEET_NAMES.publications]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['统计数据', '检查对象', '公开情况']);

    const figures = wb.getWorksheet('统计数据')!;
    expect(figures.getRow(1).values).toEqual([undefined, '类别', '指标', '数值']);
    const rows = figureRows(f);
    rows.forEach((r, i) => expect(figures.getRow(i + 2).values).toEqual([undefined, r.section, r.label, ...(r.value === '—' ? [] : [r.value])]));
    expect(figures.getRow(rows.length + 3).values).toEqual([undefined, '年度报告段落', paragraph]);

    const entities = wb.getWorksheet('检查对象')!;
    expect(entities.getRow(1).values).toEqual([undefined, '序号', '单位名称', '统一社会信用代码', '首次检查日期', '检查次数', '是否发现问题']);
    const day = (d: string) => new Date(`${d}T00:00:00Z`);
    expect(entities.getRow(2).values).toEqual([undefined, 1, '康希诺生物股份公司', '91120116MA05JXXX0A', day('2023-04-10'), 2, '否']);
    expect(entities.getRow(3).values).toEqual([undefined, 2, '天津生物化学制药有限公司', '91120116MA05JXXX1B', day('2023-04-11'), 1, '是']);
    expect(entities.getRow(2).getCell(4).numFmt).toBe('yyyy-mm-dd');
    expect(entities.rowCount).toBe(3);

    const publications = wb.getWorksheet('公开情况')!;
    expect(publications.getRow(2).values).toEqual([undefined, '康希诺生物股份公司', '91120116MA05JXXX0A', day('2023-04-10'), day('2023-05-12'), new Date('2023-05-12T09:30:00Z'), '是', '已公开', 1]);
    expect(publications.getRow(3).values).toEqual([undefined, '天津生物化学制药有限公司', '91120116MA05JXXX1B', day('2023-04-11'), day('2023-05-15'), undefined, undefined, '待公开', 1]); // empty cells while pending
  });

  it('writes both files for a year with no records', async () => {
    const f = emptyFigures();
    const paragraph = annualParagraph(f);
    expect(await documentXml(await annualDocx(f, paragraph))).toContain(paragraph);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await annualXlsx(f, paragraph, { entities: [], publications: [] })) as never);
    expect(wb.getWorksheet('检查对象')!.rowCount).toBe(1);
    expect(wb.getWorksheet('公开情况')!.rowCount).toBe(1);
  });
});
