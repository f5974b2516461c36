import { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { NAME_SEARCH_COUNT_CAP } from '../src/common/name-search';
import { likeContains } from '../src/common/sql';
import { resultsStatements } from '../src/publication/results-query';
import { bootApp, dataSourceOf, http } from './support/app';
import { bearer, makeDepartmentWithStaff } from './support/fixtures';
import { ownDatabase } from './support/own-database';

/**
 * Short name searches (ADR 0024): the character-pair index changes which rows PostgreSQL reads,
 * never which rows match. Every answer is compared with the plain `ILIKE '%q%'` over the same
 * seeded names — 1 to 4 characters, Chinese, Latin in both cases, digits, % _ \ — and a fragment
 * in more than NAME_SEARCH_COUNT_CAP names is counted up to the cap and says so.
 */
const NAMES = [
  '天津康希诺生物股份有限公司', '津天贸易有限公司', '天 津百货商店', '北京天津大厦', '天津', '天',
  'ABC医药科技有限公司', 'abc生物制品厂', 'AbC1号仓库', 'Ab_C%商贸有限公司', '100%纯净水有限公司', 'a_b实业',
  'a\\b工作室', '华泰瑞达（天津）科技有限公司', '7天连锁酒店', '77号便利店', 'Straße餐饮', 'STRASSE餐饮', '生物科技研究所',
];
const FILLERS = NAME_SEARCH_COUNT_CAP + 5;
const FRAGMENTS = ['天津', '津天', '天 津', 'ab', 'AB', 'Ab', 'b_', '_C', 'c%', '0%', '%纯', '\\b', '77', '7天', '有限', '生物科', 'abc', 'ABC', '100%', 'a_b', 'ß餐', '有限公司', '康希诺生', 'AbC1', '填充'];

describe('short name searches', () => {
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof ownDatabase>>;
  let ds: DataSource;
  let staff: Awaited<ReturnType<typeof makeDepartmentWithStaff>>;

  beforeAll(async () => {
    db = await ownDatabase('namesearch');
    app = await bootApp({ DATABASE_URL: db.url });
    ds = dataSourceOf(app);
    staff = await makeDepartmentWithStaff(app);
    const dept = staff.department.id;
    const names = [...NAMES, ...Array.from({ length: FILLERS }, (_, i) => `填充${i}有限公司`)];
    // Results only (no records behind them): foreign keys off for the load, as bench:public does.
    await ds.transaction(async (em) => {
      await em.query(`SET LOCAL session_replication_role = replica`);
      await em.query(
        `INSERT INTO publications (record_id, version, current, state, result_type, department_id, plan_id, draw_id, task_id, check_date, deadline, published_at, entity_name, uscc, item_codes, result_codes, payload)
         SELECT gen_random_uuid(), 1, true, 'published', 'general', $1, $1, $1, $1, date '2024-01-01' + (n % 400)::int, date '2025-06-01', '2024-05-20 10:00:00+08', name, lpad(n::text, 18, '0'),
                CASE WHEN n % 2 = 0 THEN '{SJ-001}'::varchar[] ELSE '{SJ-002}'::varchar[] END, '{NO_PROBLEM}', jsonb_build_object('entity', jsonb_build_object('name', name, 'uscc', lpad(n::text, 18, '0'), 'address', null), 'department', jsonb_build_object('id', $3::text, 'name', '名称检索局'),
                  'items', '[{"code":"SJ-001","name":"实验动物许可情况的检查","legalBasis":"《实验动物管理条例》"}]'::jsonb, 'planId', $3::text, 'drawId', $3::text, 'inspectionDate', '2024-05-10',
                  'inspectors', '[{"name":"张三","certificateNumber":"12010001"}]'::jsonb, 'results', '[{"code":"NO_PROBLEM","label":"未发现问题"}]'::jsonb, 'rectification', '{"ordered":0,"rectified":0,"open":0}'::jsonb)
           FROM unnest($2::text[]) WITH ORDINALITY AS t(name, n)`,
        [dept, names, dept],
      );
      await em.query(`INSERT INTO regulated_entities (department_id, uscc, name) SELECT $1, lpad(n::text, 18, '0'), name FROM unnest($2::text[]) WITH ORDINALITY AS t(name, n)`, [dept, names]);
    });
    await ds.query('ANALYZE publications');
    await ds.query('ANALYZE regulated_entities');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  /** The plain answer: ILIKE with the fragment's wildcards escaped, no index hint. */
  const plainResults = async (q: string, extra = '', order = 'p.check_date DESC, p.entity_name ASC, p.id ASC') =>
    ((await ds.query(`SELECT p.id FROM publications p WHERE p.state IN ('published','withdrawn') AND p.published_at <= now() AND p.current AND p.entity_name ILIKE $1 ESCAPE '\\' ${extra} ORDER BY ${order}`, [likeContains(q)])) as { id: string }[]).map((r) => r.id);

  it('public results: the same rows, order and count as plain ILIKE for every fragment', async () => {
    for (const q of FRAGMENTS.filter((f) => f.length >= 2)) {
      const expected = await plainResults(q);
      const res = (await http(app).get('/public/results').query({ q, pageSize: 100 }).expect(200)).body;
      const capped = expected.length > NAME_SEARCH_COUNT_CAP;
      expect({ q, totalCount: res.meta.totalCount, capped: res.meta.totalCountCapped }).toEqual({ q, totalCount: Math.min(expected.length, NAME_SEARCH_COUNT_CAP), capped });
      expect({ q, ids: res.items.map((i: { id: string }) => i.id) }).toEqual({ q, ids: expected.slice(0, 100) });
    }
  });

  it('public results: filters, sorting and paging combine with a short fragment as before', async () => {
    const cases: [Record<string, string | number>, string, string?][] = [
      [{ q: '天津', item: 'SJ-001' }, `AND 'SJ-001' = ANY(p.item_codes)`],
      [{ q: '天津', sort: 'name' }, '', 'p.entity_name ASC, p.check_date DESC, p.id ASC'],
      [{ q: 'ab', year: 2024, sort: 'date_asc' }, `AND p.check_date >= '2024-01-01' AND p.check_date < '2025-01-01'`, 'p.check_date ASC, p.entity_name ASC, p.id ASC'],
      [{ q: '有限', department: staff.department.id, from: '2024-02-01', to: '2024-03-01' }, `AND p.check_date BETWEEN '2024-02-01' AND '2024-03-01'`],
    ];
    for (const [query, extra, order] of cases) {
      const expected = await plainResults(String(query.q), extra, order);
      expect(expected.length).toBeGreaterThan(0);
      const page2 = (await http(app).get('/public/results').query({ ...query, pageSize: 2, pageNumber: 2 }).expect(200)).body;
      expect({ query, ids: page2.items.map((i: { id: string }) => i.id), total: page2.meta.totalCount }).toEqual({ query, ids: expected.slice(2, 4), total: expected.length });
      expect(page2.meta.totalCountCapped).toBe(false);
    }
    // Without a name fragment nothing is capped: the whole count, as before.
    const all = (await http(app).get('/public/results').query({ pageSize: 1 }).expect(200)).body;
    expect(all.meta).toMatchObject({ totalCount: NAMES.length + FILLERS, totalCountCapped: false, totalPages: NAMES.length + FILLERS });
  });

  it('the directory: the same rows and count as plain ILIKE, one character included', async () => {
    const S = bearer(staff.supervisor);
    for (const q of [...FRAGMENTS, '天', 'a', 'A', '7', '%', '_', '\\', '填']) {
      const expected = ((await ds.query(`SELECT id FROM regulated_entities e WHERE e.department_id = $1 AND e.name ILIKE $2 ESCAPE '\\' ORDER BY e.name ASC, e.id ASC`, [staff.department.id, likeContains(q)])) as { id: string }[]).map((r) => r.id);
      const res = (await http(app).get('/entities').set(S).query({ q, pageSize: 100 }).expect(200)).body;
      const capped = expected.length > NAME_SEARCH_COUNT_CAP;
      expect({ q, totalCount: res.meta.totalCount, capped: res.meta.totalCountCapped ?? false, ids: res.items.map((i: { id: string }) => i.id) }).toEqual({ q, totalCount: Math.min(expected.length, NAME_SEARCH_COUNT_CAP), capped, ids: expected.slice(0, 100) });
      // The directory's meta is as before unless the count stopped: only then the flag.
      expect('totalCountCapped' in res.meta).toBe(capped);
    }
    // Other filters with a short fragment; and a list without one keeps its exact count and no flag.
    const closed = (await http(app).get('/entities').set(S).query({ q: '天津', status: 'closed' }).expect(200)).body;
    expect(closed.meta).toEqual({ totalCount: 0, totalPages: 0, page: 1, pageSize: 20 });
    const plain = (await http(app).get('/entities').set(S).query({ pageSize: 1 }).expect(200)).body;
    expect(plain.meta.totalCount).toBe(NAMES.length + FILLERS);
    expect(plain.meta).not.toHaveProperty('totalCountCapped');
  });

  it('a two-character fragment is served by the character-pair index, not a scan of the trigram index', async () => {
    const { count } = resultsStatements({ q: '天津', sort: 'date_desc', pageNumber: 1, pageSize: 20 });
    const plan = await ds.transaction(async (em) => {
      await em.query('SET LOCAL enable_seqscan = off');
      return (await em.query(`EXPLAIN ${count.sql}`, count.params)) as { 'QUERY PLAN': string }[];
    });
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toContain('ix_publications_entity_name_grams');
    expect(text).not.toContain('ix_publications_entity_name_trgm');
  });

  it('the portal says 「超过」 when the count stopped at the cap', async () => {
    const page = await http(app).get('/portal/results').query({ q: '有限公司' }).expect(200);
    expect(page.text).toContain(`超过 ${NAME_SEARCH_COUNT_CAP} 条`);
    const exact = await http(app).get('/portal/results').query({ q: '天津' }).expect(200);
    expect(exact.text).toMatch(/共 \d+ 条/);
  });
});
