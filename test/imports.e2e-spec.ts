import * as ExcelJS from 'exceljs';
import { NestExpressApplication } from '@nestjs/platform-express';
import { bootApp, dataSourceOf, http } from './support/app';
import { binary, csv, freshUscc, gb18030, utf8, utf8Bom, xlsx, zipBomb } from './support/files';
import { bearer, makeDepartmentWithStaff, unique } from './support/fixtures';

type Staff = Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
const ENTITY_HEADERS = ['统一社会信用代码', '名称', '法定代表人', '注册地址', '行业代码', '经营状态', '信用风险分类', '分类生效日期', '联系电话', '许可证类型', '许可证编号'];

describe('bulk import', () => {
  let app: NestExpressApplication;
  let a: Staff;
  let b: Staff;
  beforeAll(async () => {
    app = await bootApp();
    [a, b] = await Promise.all([makeDepartmentWithStaff(app), makeDepartmentWithStaff(app)]);
  });
  afterAll(async () => {
    await app.close();
  });

  const upload = (who: Staff['supervisor'], kind: string, body: Buffer, name: string, query = 'wait=true') =>
    http(app).post(`/imports/${kind}?${query}`).set(bearer(who)).attach('file', body, name);
  const entitiesNamed = async (prefix: string) =>
    (await dataSourceOf(app).query('SELECT uscc, name, status, industry_code FROM regulated_entities WHERE name LIKE $1 ORDER BY name', [`${prefix}%`])) as {
      uscc: string;
      name: string;
      status: string;
      industry_code: string | null;
    }[];

  describe('entities', () => {
    it('imports a UTF-8 CSV with BOM and Chinese headers, and updates on a second import', async () => {
      const tag = unique('导入甲');
      const [u1, u2] = [freshUscc(), freshUscc()];
      const file = csv([
        ENTITY_HEADERS,
        [u1, `${tag}康希诺生物股份公司`, '宇学峰', '天津经济技术开发区', 'M7340', '存续', 'B', '2023-01-01', '022-12345678', '实验动物使用许可证', 'SYXK(津)2023-0001'],
        [u1, `${tag}康希诺生物股份公司`, '', '', '', '', '', '', '', '病原微生物实验室备案', 'BA-2023-9'],
        [u2, `${tag}天津生物化学制药有限公司`, '', '', 'C2710', '停业', '', '', '', '', ''],
      ]);
      const res = await upload(a.supervisor, 'entities', utf8Bom(file), '名录.csv').expect(200);
      expect(res.body).toMatchObject({ state: 'succeeded', kind: 'entities', format: 'csv', encoding: 'utf-8', fileName: '名录.csv', rowsTotal: 3, rowsFailed: 0, inserted: 2, updated: 0 });
      const rows = await entitiesNamed(tag);
      expect(rows.map((r) => [r.name, r.status])).toEqual([
        [`${tag}天津生物化学制药有限公司`, 'closed'],
        [`${tag}康希诺生物股份公司`, 'active'],
      ]);
      const list = await http(app).get(`/entities?uscc=${u1}`).set(bearer(a.supervisor)).expect(200);
      expect(list.body.items[0]).toMatchObject({ currentRiskClass: { riskClass: 'B', effectiveFrom: '2023-01-01' }, contactPhone: '022-12345678' });
      expect(list.body.items[0].licences.map((l: { type: string }) => l.type).sort()).toEqual(['实验动物使用许可证', '病原微生物实验室备案']);

      // The same bytes again: detected by SHA-256.
      const again = await upload(a.supervisor, 'entities', utf8Bom(file), '名录.csv').expect(409);
      expect(again.body).toMatchObject({ code: 'IMPORT_DUPLICATE', details: [{ previousJobId: res.body.id }] });
      // A changed file updates; blank cells keep what was there.
      const changed = csv([ENTITY_HEADERS, [u2, `${tag}天津生物化学制药有限公司`, '', '', '', '存续', 'C', '2024-01-01', '', '', '']]);
      const upd = await upload(a.supervisor, 'entities', utf8Bom(changed), 'update.csv').expect(200);
      expect(upd.body).toMatchObject({ state: 'succeeded', inserted: 0, updated: 1 });
      expect((await entitiesNamed(`${tag}天津`))[0]).toMatchObject({ status: 'active', industry_code: 'C2710' });
      const forced = await upload(a.supervisor, 'entities', utf8Bom(changed), 'update.csv', 'wait=true&force=true').expect(200);
      expect(forced.body).toMatchObject({ state: 'succeeded', inserted: 0, updated: 0 }); // nothing changed, nothing bumped
    });

    it('reads GB18030 and BOM-less UTF-8 CSVs, and English headers', async () => {
      const tag = unique('编码');
      const gb = await upload(a.supervisor, 'entities', gb18030(csv([['统一社会信用代码', '名称'], [freshUscc(), `${tag}有济(天津)医药科技有限公司`]])), 'gbk.csv').expect(200);
      expect(gb.body).toMatchObject({ state: 'succeeded', encoding: 'gb18030', inserted: 1 });
      const plain = await upload(a.supervisor, 'entities', utf8(csv([['uscc', 'name', 'status'], [freshUscc(), `${tag}无BOM公司`, 'active']])), 'plain.csv').expect(200);
      expect(plain.body).toMatchObject({ state: 'succeeded', encoding: 'utf-8', inserted: 1 });
      expect((await entitiesNamed(tag)).map((r) => r.name)).toEqual([`${tag}无BOM公司`, `${tag}有济(天津)医药科技有限公司`]);
    });

    it('imports an XLSX with Chinese headers', async () => {
      const tag = unique('表格');
      const file = await xlsx([
        ['统一社会信用代码', '名称', '信用风险分类', '分类生效日期'],
        [freshUscc(), `${tag}一号公司`, 'A', '2023/3/1'],
        [freshUscc(), `${tag}二号公司`, 'D类', '2023年3月1日'],
      ]);
      const res = await upload(a.supervisor, 'entities', file, '名录.xlsx').expect(200);
      expect(res.body).toMatchObject({ state: 'succeeded', format: 'xlsx', encoding: null, inserted: 2, rowsTotal: 2 });
      const two = await http(app).get(`/entities?q=${encodeURIComponent(tag + '二号')}`).set(bearer(a.supervisor)).expect(200);
      expect(two.body.items[0].riskClassHistory).toEqual([{ riskClass: 'D', effectiveFrom: '2023-03-01' }]);
    });

    const mixed = (tag: string, good1: string, good2: string) =>
      csv([
        ['统一社会信用代码', '名称', '经营状态', '分类生效日期'],
        [good1, `${tag}好公司一`, '存续', ''],
        ['91350100M000100Y44', `${tag}坏代码`, '', ''],
        [freshUscc(), `${tag}坏状态`, '营业中', ''],
        [freshUscc(), '', '', '2023-02-30'],
        [good2, `${tag}好公司二`, '', ''],
        [good1, `${tag}同码异名`, '', ''],
      ]);

    it('all-or-nothing: a file with bad rows writes nothing and reports every problem', async () => {
      const tag = unique('全无');
      const res = await upload(a.supervisor, 'entities', utf8Bom(mixed(tag, freshUscc(), freshUscc())), 'mixed.csv').expect(200);
      expect(res.body).toMatchObject({ state: 'failed', mode: 'all-or-nothing', rowsTotal: 6, rowsFailed: 4, inserted: 0 });
      expect(res.body.message).toContain('未写入任何数据');
      expect(await entitiesNamed(tag)).toEqual([]);
      const errors = (await http(app).get(`/imports/${res.body.id}/errors`).set(bearer(a.supervisor)).expect(200)).body as { rowNumber: number; column: string; message: string }[];
      expect(errors.map((e) => [e.rowNumber, e.column])).toEqual([
        [3, '统一社会信用代码'],
        [4, '经营状态'],
        [5, '名称'],
        [5, '分类生效日期'],
        [7, '名称'],
      ]);
      expect(errors[0].message).toContain('第18位');
      expect(errors[4].message).toContain('第2行');
      const report = await http(app).get(`/imports/${res.body.id}/errors.csv`).set(bearer(a.supervisor)).buffer(true).parse(binary);
      expect(report.status).toBe(200);
      expect(report.headers['content-type']).toContain('text/csv');
      const text = (report.body as Buffer).toString('utf8');
      expect(text.startsWith('\uFEFF行号,列,值,错误说明')).toBe(true);
      expect(text).toContain('3,统一社会信用代码,91350100M000100Y44,');
    });

    it('valid-only: good rows are written, bad rows reported', async () => {
      const tag = unique('有效');
      const res = await upload(a.supervisor, 'entities', utf8Bom(mixed(tag, freshUscc(), freshUscc())), 'mixed.csv', 'wait=true&mode=valid-only').expect(200);
      expect(res.body).toMatchObject({ state: 'succeeded', mode: 'valid-only', rowsTotal: 6, rowsFailed: 4, inserted: 2 });
      expect((await entitiesNamed(tag)).map((r) => r.name)).toEqual([`${tag}好公司一`, `${tag}好公司二`]);
    });

    it.each([
      ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'x.csv', 'NOT_A_SPREADSHEET'],
      ['binary junk', Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x10]), 'x.csv', 'NOT_A_SPREADSHEET'],
      ['a legacy .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'x.xls', 'LEGACY_XLS'],
      ['UTF-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('名称\r\n', 'utf16le')]), 'x.csv', 'UNSUPPORTED_ENCODING'],
      ['bytes in no supported encoding', Buffer.from([0x41, 0x2c, 0x42, 0x0a, 0xff, 0xfe, 0xfd, 0x0a]), 'x.csv', 'UNSUPPORTED_ENCODING'],
      ['a broken zip named .xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]), 'x.xlsx', 'NOT_A_SPREADSHEET'],
      ['an empty file', Buffer.alloc(0), 'x.csv', 'EMPTY_FILE'],
    ])('refuses %s with 400 and writes nothing', async (_what, body, name, code) => {
      const before = await dataSourceOf(app).query('SELECT count(*)::int AS n FROM import_jobs WHERE department_id = $1', [a.department.id]);
      const res = await upload(a.supervisor, 'entities', body, name).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code });
      const after = await dataSourceOf(app).query('SELECT count(*)::int AS n FROM import_jobs WHERE department_id = $1', [a.department.id]);
      expect(after[0].n).toBe(before[0].n);
    });

    it('a file broken after its header fails as a job, writes nothing, and the next import still runs', async () => {
      const tag = unique('断尾');
      const rows: string[][] = [['统一社会信用代码', '名称']];
      for (let i = 0; i < 2500; i++) rows.push([freshUscc(), `${tag}${i}`]);
      const broken = utf8Bom(csv(rows) + `${freshUscc()},"${tag}未闭合`);
      const res = await upload(a.supervisor, 'entities', broken, 'broken.csv').expect(200);
      expect(res.body).toMatchObject({ state: 'failed', inserted: 0 });
      expect(res.body.message).toContain('引号未闭合');
      expect(await entitiesNamed(tag)).toEqual([]);
      const next = await upload(a.supervisor, 'entities', utf8Bom(csv([['统一社会信用代码', '名称'], [freshUscc(), `${tag}之后`]])), 'next.csv').expect(200);
      expect(next.body).toMatchObject({ state: 'succeeded', inserted: 1 });
    });

    it('turns values the database would refuse into row errors (NUL after the first 8 KB, year 0)', async () => {
      const tag = unique('坏值');
      const rows: string[][] = [['统一社会信用代码', '名称', '分类生效日期', '信用风险分类']];
      for (let i = 0; i < 2100; i++) rows.push([freshUscc(), `${tag}${i}`, '', '']);
      rows.push([freshUscc(), `${tag}含\u0000字符`, '', '']);
      rows.push([freshUscc(), `${tag}零年`, '0000-01-01', 'B']);
      const res = await upload(a.supervisor, 'entities', utf8Bom(csv(rows)), 'bad-values.csv', 'wait=true&mode=valid-only').expect(200);
      expect(res.body).toMatchObject({ state: 'succeeded', inserted: 2100, rowsFailed: 2 });
    });

    it('never rewrites the risk-class history: another class for a recorded date is a row error', async () => {
      const uscc = freshUscc();
      const tag = unique('历史');
      await upload(a.supervisor, 'entities', utf8Bom(csv([['统一社会信用代码', '名称', '信用风险分类', '分类生效日期'], [uscc, tag, 'B', '2023-01-01']])), 'h1.csv').expect(200);
      const res = await upload(a.supervisor, 'entities', utf8Bom(csv([['统一社会信用代码', '名称', '信用风险分类', '分类生效日期'], [uscc, tag, 'D', '2023-01-01']])), 'h2.csv').expect(200);
      expect(res.body).toMatchObject({ state: 'failed', rowsFailed: 1 });
      const e = (await http(app).get(`/entities?uscc=${uscc}`).set(bearer(a.supervisor)).expect(200)).body.items[0];
      expect(e.riskClassHistory).toEqual([{ riskClass: 'B', effectiveFrom: '2023-01-01' }]);
    });

    it('does not let a report cell run as a spreadsheet formula', async () => {
      const res = await upload(a.supervisor, 'entities', utf8Bom(csv([['统一社会信用代码', '名称'], ['=HYPERLINK("http://x")', '某公司']])), 'f.csv').expect(200);
      const report = await http(app).get(`/imports/${res.body.id}/errors.csv`).set(bearer(a.supervisor)).buffer(true).parse(binary).expect(200);
      expect((report.body as Buffer).toString('utf8')).toContain(`"'=HYPERLINK(""http://x"")"`);
    });

    it('refuses a zip bomb', async () => {
      const res = await upload(a.supervisor, 'entities', await zipBomb(), 'bomb.xlsx').expect(400);
      expect(res.body.code).toBe('ZIP_BOMB');
    });

    it('refuses a file missing required columns, naming them', async () => {
      const res = await upload(a.supervisor, 'entities', utf8Bom(csv([['名称', '备注'], ['某公司', '某地']])), 'x.csv').expect(400);
      expect(res.body).toMatchObject({ code: 'MISSING_COLUMNS', details: { missing: ['统一社会信用代码'], unknown: ['备注'] } });
      expect(res.body.message).toContain('统一社会信用代码');
      const x = await upload(a.supervisor, 'entities', await xlsx([['名称'], ['某公司']]), 'x.xlsx').expect(400);
      expect(x.body.code).toBe('MISSING_COLUMNS');
    });

    it('refuses requests without a file, with a bad kind or mode', async () => {
      expect((await http(app).post('/imports/entities').set(bearer(a.supervisor)).expect(400)).body.code).toBe('FILE_REQUIRED');
      await upload(a.supervisor, 'planets', utf8('a'), 'x.csv').expect(400);
      await upload(a.supervisor, 'entities', utf8('a'), 'x.csv', 'mode=sometimes').expect(400);
      await upload(a.inspector, 'entities', utf8('a'), 'x.csv').expect(403);
    });
  });

  describe('inspectors, trainings, exams and items', () => {
    it('imports inspectors, then their training and exam rows, and eligibility follows', async () => {
      const cert = unique('IMP');
      const inspectors = csv([
        ['姓名', '执法证号', '发证机关', '有效期起', '有效期止', '执法领域', '所属单位'],
        ['王芳', cert, '天津市人民政府', '2022-01-01', '2027-12-31', '科技、实验动物', '第一监管所'],
      ]);
      const r1 = await upload(a.supervisor, 'inspectors', utf8Bom(inspectors), 'inspectors.csv').expect(200);
      expect(r1.body).toMatchObject({ state: 'succeeded', inserted: 1 });
      const trainings = await xlsx([
        ['执法证号', '培训日期', '学时', '培训内容'],
        [cert, '2023-03-01', 24, '《行政处罚法》专题培训'],
        [cert, '2023-09-01', '16.5', '实验动物管理条例'],
        ['NO-SUCH-CERT', '2023-09-01', 8, '无此人'],
      ]);
      const r2 = await upload(a.supervisor, 'inspector-trainings', trainings, 'trainings.xlsx', 'wait=true&mode=valid-only').expect(200);
      expect(r2.body).toMatchObject({ state: 'succeeded', inserted: 2, rowsFailed: 1 });
      const r3 = await upload(a.supervisor, 'inspector-exams', gb18030(csv([['执法证号', '年度', '是否通过', '成绩'], [cert, 2023, '通过', 88]])), 'exams.csv').expect(200);
      expect(r3.body).toMatchObject({ state: 'succeeded', inserted: 1, encoding: 'gb18030' });
      const inspector = (await http(app).get(`/inspectors?certificateNumber=${cert}`).set(bearer(a.supervisor)).expect(200)).body.items[0];
      expect(inspector).toMatchObject({ domains: ['科技', '实验动物'], unit: '第一监管所' });
      const elig = await http(app).get(`/inspectors/${inspector.id}/eligibility?date=2023-10-01`).set(bearer(a.supervisor)).expect(200);
      expect(elig.body).toMatchObject({ eligible: true, trainingHours: 40.5 });
      // Another department cannot take over the certificate number by importing it.
      const hijack = await upload(b.supervisor, 'inspectors', utf8Bom(inspectors), 'inspectors.csv').expect(200);
      expect(hijack.body).toMatchObject({ state: 'failed', inserted: 0 });
      const errs = (await http(app).get(`/imports/${hijack.body.id}/errors`).set(bearer(b.supervisor)).expect(200)).body;
      expect(errs[0]).toMatchObject({ rowNumber: 2, column: '执法证号', message: '该执法证号已登记在其他部门' });
    });

    it('imports items, making a new version only when the content changed', async () => {
      const code = unique('IMP-');
      const headers = ['事项编码', '事项名称', '检查内容', '抽查依据', '事项类别', '抽查对象', '检查方式', '执法领域', 'A类比例(%)', 'B类比例(%)', 'C类比例(%)', 'D类比例(%)', '抽查频次', '许可证类型'];
      const row = [code, '实验动物许可情况的检查', '许可证有效性；设施环境', '《实验动物管理条例》', '一般', '实验动物使用单位', '现场', '实验动物', '3', '5', '20', '100', '每年一次', '实验动物使用许可证'];
      const r1 = await upload(a.supervisor, 'items', utf8Bom(csv([headers, row])), 'items.csv').expect(200);
      expect(r1.body).toMatchObject({ state: 'succeeded', inserted: 1 });
      const r2 = await upload(a.supervisor, 'items', utf8Bom(csv([headers, row, [unique('X'), ...row.slice(1, 4), '普通', ...row.slice(5)]])), 'items2.csv', 'wait=true&mode=valid-only').expect(200);
      expect(r2.body).toMatchObject({ state: 'succeeded', inserted: 0, updated: 0, rowsFailed: 1 });
      const changed = [...row];
      changed[3] = '《实验动物管理条例》（2017年修订）';
      const r3 = await upload(a.supervisor, 'items', utf8Bom(csv([headers, changed])), 'items3.csv').expect(200);
      expect(r3.body).toMatchObject({ state: 'succeeded', updated: 1 });
      const item = (await http(app).get(`/items?q=${code}`).set(bearer(a.supervisor)).expect(200)).body.items[0];
      expect(item).toMatchObject({ version: 2, legalBasis: '《实验动物管理条例》（2017年修订）', subItems: ['许可证有效性', '设施环境'], categoryLabel: '一般', targetFilter: { licenceTypes: ['实验动物使用许可证'] } });
    });
    it('refuses , TAB and line breaks in enforcement domains and units as row errors (the plan snapshots cannot hold them)', async () => {
      const headers = ['事项编码', '事项名称', '检查内容', '抽查依据', '事项类别', '抽查对象', '检查方式', '执法领域', 'A类比例(%)', 'B类比例(%)', 'C类比例(%)', 'D类比例(%)', '抽查频次'];
      const row = (code: string, domain: string) => [code, '食品药品检查', '许可证有效性', '《条例》', '一般', '经营单位', '现场', domain, '3', '5', '20', '100', '每年一次'];
      const items = await xlsx([headers, row(unique('SNAP-'), '食品,药品'), row(unique('SNAP-'), '食品\n药品')]);
      const r1 = await upload(a.supervisor, 'items', items, 'items.xlsx').expect(200);
      expect(r1.body).toMatchObject({ state: 'failed', inserted: 0, rowsFailed: 2 });
      const e1 = (await http(app).get(`/imports/${r1.body.id}/errors`).set(bearer(a.supervisor)).expect(200)).body as { rowNumber: number; column: string; message: string }[];
      expect(e1.map((e) => [e.rowNumber, e.column])).toEqual([[2, '执法领域'], [3, '执法领域']]);
      expect(e1[0].message).toContain('逗号');
      const inspectors = await xlsx([
        ['姓名', '执法证号', '发证机关', '有效期起', '有效期止', '执法领域', '所属单位'],
        ['王芳', unique('SNAP'), '天津市人民政府', '2022-01-01', '2027-12-31', '食品\t药品', '第一监管所'],
        ['李明', unique('SNAP'), '天津市人民政府', '2022-01-01', '2027-12-31', '食品', '第一,第二监管所'],
        ['赵强', `${unique('SNAP')},1`, '天津市人民政府', '2022-01-01', '2027-12-31', '食品', '第一监管所'],
      ]);
      const r2 = await upload(a.supervisor, 'inspectors', inspectors, 'inspectors.xlsx').expect(200);
      expect(r2.body).toMatchObject({ state: 'failed', inserted: 0, rowsFailed: 3 });
      const e2 = (await http(app).get(`/imports/${r2.body.id}/errors`).set(bearer(a.supervisor)).expect(200)).body as { rowNumber: number; column: string }[];
      expect(e2.map((e) => [e.rowNumber, e.column])).toEqual([[2, '执法领域'], [3, '所属单位'], [4, '执法证号']]);
    });
  });

  describe('jobs, templates and scoping', () => {
    it('answers 202 at once and reports progress until done', async () => {
      const rows: string[][] = [['统一社会信用代码', '名称']];
      const tag = unique('异步');
      for (let i = 0; i < 2000; i++) rows.push([freshUscc(), `${tag}${i}`]);
      const res = await upload(a.supervisor, 'entities', utf8Bom(csv(rows)), 'big.csv', '').expect(202);
      expect(['queued', 'running', 'succeeded']).toContain(res.body.state);
      let job = res.body;
      const progress: number[] = [job.progress];
      for (let i = 0; i < 200 && job.state !== 'succeeded' && job.state !== 'failed'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        job = (await http(app).get(`/imports/jobs/${res.body.id}`).set(bearer(a.supervisor)).expect(200)).body;
        progress.push(job.progress);
      }
      expect(job).toMatchObject({ state: 'succeeded', rowsTotal: 2000, rowsDone: 2000, inserted: 2000, progress: 1 });
      // The share of the file read: between 0 and 1, never going back, 1 only once finished.
      expect(progress.every((p, i) => p >= 0 && p <= 1 && (i === 0 || p >= progress[i - 1]))).toBe(true);
      expect(progress.slice(0, -1).every((p) => p < 1)).toBe(true);
      const list = await http(app).get('/imports?kind=entities').set(bearer(a.supervisor)).expect(200);
      expect(list.body.items[0].id).toBe(res.body.id);
    });

    it('serves documented templates with Chinese headers', async () => {
      const x = await http(app).get('/imports/templates/entities').set(bearer(a.inspector)).buffer(true).parse(binary).expect(200);
      expect(x.headers['content-disposition']).toContain('entities-template.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.body as unknown as ExcelJS.Buffer);
      expect((wb.getWorksheet('数据')!.getRow(1).values as string[]).slice(1, 3)).toEqual(['统一社会信用代码', '名称']);
      expect(wb.getWorksheet('说明')!.rowCount).toBeGreaterThan(10);
      const c = await http(app).get('/imports/templates/inspector-exams?format=csv').set(bearer(a.inspector)).buffer(true).parse(binary).expect(200);
      expect((c.body as Buffer).toString('utf8')).toBe('\uFEFF执法证号,年度,是否通过,成绩\r\n');
      // The template itself imports cleanly (its example row is valid).
      const t = await http(app).get('/imports/templates/entities?format=csv').set(bearer(a.supervisor)).buffer(true).parse(binary).expect(200);
      // Headers only (an example row would be imported as data): it imports cleanly, as nothing.
      const imported = await upload(b.supervisor, 'entities', t.body as Buffer, 'template.csv').expect(200);
      expect(imported.body).toMatchObject({ state: 'succeeded', inserted: 0, rowsTotal: 0 });
      await http(app).get('/imports/templates/nope').set(bearer(a.inspector)).expect(400);
    });

    it("keeps each department's jobs to itself", async () => {
      const job = (await upload(a.supervisor, 'entities', utf8Bom(csv([['统一社会信用代码', '名称'], [freshUscc(), unique('隔离')]])), 'x.csv').expect(200)).body;
      await http(app).get(`/imports/${job.id}`).set(bearer(b.supervisor)).expect(404);
      await http(app).get(`/imports/${job.id}/errors`).set(bearer(b.supervisor)).expect(404);
      await http(app).get(`/imports/${job.id}/errors.csv`).set(bearer(b.supervisor)).expect(404);
      const listed = (await http(app).get('/imports?pageSize=100').set(bearer(b.supervisor)).expect(200)).body.items as { departmentId: string }[];
      expect(listed.every((j) => j.departmentId === b.department.id)).toBe(true);
      const adminNoDept = await http(app).post('/imports/entities?wait=true').set(bearer(a.admin)).attach('file', utf8Bom(csv([['统一社会信用代码', '名称'], [freshUscc(), '某']])), 'x.csv').expect(400);
      expect(adminNoDept.body.code).toBe('DEPARTMENT_REQUIRED');
    });
  });
});
