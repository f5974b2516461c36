import * as ExcelJS from 'exceljs';
import { NestExpressApplication } from '@nestjs/platform-express';
import { bootApp, dataSourceOf, http } from './support/app';
import { binary, csv, freshUscc, utf8Bom } from './support/files';
import { bearer, makeDepartmentWithStaff, unique } from './support/fixtures';

type Staff = Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
type RowError = { rowNumber: number; column: string; message: string };

/** A real code whose 18th character fails GB 32100's check (reported in hutool issue 4119). */
const REAL_BAD_CHECK = '91350203M0001QKT19';

/** Directory edge cases (issue 16 §7): codes accepted by hand, repeated rows, files saved by Excel. */
describe('directory edge cases', () => {
  let app: NestExpressApplication;
  let a: Staff;
  const upload = (body: Buffer, name: string) => http(app).post('/imports/entities?wait=true').set(bearer(a.supervisor)).attach('file', body, name);
  const errorsOf = async (id: string) => (await http(app).get(`/imports/${id}/errors`).set(bearer(a.supervisor)).expect(200)).body as RowError[];

  beforeAll(async () => {
    app = await bootApp({}, { clockFixedAt: '2026-10-09T02:00:00Z' });
    a = await makeDepartmentWithStaff(app);
  });
  afterAll(async () => {
    await app.close();
  });

  it('a code failing its check character is accepted only with the supervisor\'s reason, flagged on the entity and in the audit chain', async () => {
    const S = bearer(a.supervisor);
    const refused = (await http(app).post('/entities').set(S).send({ uscc: REAL_BAD_CHECK, name: '厦门测试实业有限公司' }).expect(400)).body;
    expect(refused.details[0].field).toBe('uscc');
    expect(JSON.stringify(refused)).toMatch(/第18位校验码.*人工核实.*usccCheckOverrideReason/);

    const reason = '已在国家企业信用信息公示系统核实，营业执照代码即为此（校验位由登记机关赋码时产生）';
    const created = (await http(app).post('/entities').set(S).send({ uscc: REAL_BAD_CHECK, name: '厦门测试实业有限公司', usccCheckOverrideReason: reason }).expect(201)).body;
    expect(created.uscc).toBe(REAL_BAD_CHECK);
    expect(created.usccCheckOverride).toEqual({ failure: '第18位校验码应为“F”，实际为“9”', reason, by: a.supervisor.id, at: '2026-10-09T02:00:00.000Z' });
    expect((await http(app).get(`/entities/${created.id}`).set(S).expect(200)).body.usccCheckOverride).toMatchObject({ reason });
    const events: { action: string }[] = await dataSourceOf(app).query(`SELECT action FROM audit_events WHERE subject_type = 'entity' AND subject_id = $1 ORDER BY seq`, [created.id]);
    expect(events.map((e) => e.action).sort()).toEqual(['entity.create', 'entity.uscc_check_override']);

    // A valid code carries no flag; a wrong length or character is never a real code, reason or not.
    const valid = (await http(app).post('/entities').set(S).send({ uscc: freshUscc(), name: '正常代码公司' }).expect(201)).body;
    expect(valid.usccCheckOverride).toBeNull();
    const tooShort = (await http(app).post('/entities').set(S).send({ uscc: '91350203M0001QKT1', name: '位数不对公司', usccCheckOverrideReason: reason }).expect(400)).body;
    expect(JSON.stringify(tooShort)).toContain('应为18位');
  });

  it('the entities import reports repeated USCC rows instead of merging them silently (licence rows still allowed)', async () => {
    const tag = unique('重复');
    const [u1, u2] = [freshUscc(), freshUscc()];
    const rows = [
      ['统一社会信用代码', '名称', '注册地址', '许可证类型', '许可证编号'],
      [u1, `${tag}甲公司`, '天津市滨海新区一号路', '实验动物使用许可证', 'SYXK(津)2026-0001'],
      [u1, `${tag}甲公司`, '', '实验动物生产许可证', 'SCXK(津)2026-0001'], // a second licence: fine
      [u1, `${tag}甲公司`, '天津市和平区二号路', '', ''], // another address: contradicts row 2
      [u2, `${tag}乙公司`, '', '', ''],
      [u2, `${tag}乙公司`, '', '', ''], // the same entity again, nothing added
    ];
    const res = await upload(utf8Bom(csv(rows)), 'dup.csv').expect(200);
    const errors = await errorsOf(res.body.id);
    expect(res.body).toMatchObject({ state: 'failed', rowsFailed: 2, inserted: 0 });
    expect(errors.map((e) => [e.rowNumber, e.column])).toEqual([
      [4, '注册地址'],
      [6, '统一社会信用代码'],
    ]);
    expect(errors[0].message).toContain('与第2行统一社会信用代码相同但「注册地址」不一致');
    expect(errors[1].message).toContain('与第5行统一社会信用代码重复');
    const report = await http(app).get(`/imports/${res.body.id}/errors.csv`).set(bearer(a.supervisor)).buffer(true).parse(binary).expect(200);
    expect((report.body as Buffer).toString('utf8')).toContain('重复');

    const fine = await upload(utf8Bom(csv(rows.slice(0, 3))), 'licences.csv').expect(200);
    expect(fine.body).toMatchObject({ state: 'succeeded', inserted: 1 });
  });

  it('an XLSX saved by Excel: an 18-digit code stored as a number is refused with how to format the column as text; date serials read as dates', async () => {
    const tag = unique('表格');
    const good = freshUscc();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['统一社会信用代码', '名称', '信用风险分类', '分类生效日期']);
    ws.addRow([911201000000000000, `${tag}数字代码公司`, 'B', '']); // typed into a General cell: Excel keeps a number
    const dated = ws.addRow([good, `${tag}日期公司`, 'C', new Date(Date.UTC(2025, 0, 21))]); // a date cell: a serial (45678) with a date format
    dated.getCell(4).numFmt = 'yyyy/m/d';
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(file, '名录.xlsx').expect(200);
    expect(res.body).toMatchObject({ state: 'failed', rowsFailed: 1 });
    const [error] = await errorsOf(res.body.id);
    expect(error).toMatchObject({ rowNumber: 2, column: '统一社会信用代码' });
    expect(error.message).toMatch(/9\.11201E\+17.*科学计数法.*文本/);

    // Without the broken row the date serial is the date it shows.
    ws.spliceRows(2, 1);
    const ok = await upload(Buffer.from(await wb.xlsx.writeBuffer()), '名录.xlsx').expect(200);
    expect(ok.body).toMatchObject({ state: 'succeeded', inserted: 1 });
    const entity = (await http(app).get(`/entities?uscc=${good}`).set(bearer(a.supervisor)).expect(200)).body.items[0];
    expect(entity.riskClassHistory).toEqual([{ riskClass: 'C', effectiveFrom: '2025-01-21' }]);
  });

  it('a CSV saved by Excel (its display text: 9.11201E+17, a serial 45678) is read the same way', async () => {
    const tag = unique('逗号');
    const good = freshUscc();
    const text = `统一社会信用代码,名称,信用风险分类,分类生效日期\r\n9.11201E+17,${tag}数字代码公司,B,\r\n${good},${tag}日期公司,D,45678\r\n`;
    const res = await upload(utf8Bom(text), 'excel.csv').expect(200);
    const errors = await errorsOf(res.body.id);
    expect(errors.map((e) => [e.rowNumber, e.column])).toEqual([[2, '统一社会信用代码']]);
    expect(errors[0].message).toContain('设置单元格格式');
    const again = await upload(utf8Bom(`统一社会信用代码,名称,信用风险分类,分类生效日期\r\n${good},${tag}日期公司,D,45678\r\n`), 'excel.csv').expect(200);
    expect(again.body.state).toBe('succeeded');
    const entity = (await http(app).get(`/entities?uscc=${good}`).set(bearer(a.supervisor)).expect(200)).body.items[0];
    expect(entity.riskClassHistory).toEqual([{ riskClass: 'D', effectiveFrom: '2025-01-21' }]);
  });

  it('the templates format the code and date columns as text', async () => {
    const x = await http(app).get('/imports/templates/entities').set(bearer(a.supervisor)).buffer(true).parse(binary).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as never);
    const sheet = wb.getWorksheet('数据')!;
    const headers = (sheet.getRow(1).values as string[]).slice(1);
    for (const h of ['统一社会信用代码', '分类生效日期', '许可证有效期至']) expect(sheet.getColumn(headers.indexOf(h) + 1).numFmt).toBe('@');
  });
});
