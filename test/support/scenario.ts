import { NestExpressApplication } from '@nestjs/platform-express';
import { Clock } from '../../src/common/clock';
import { dataSourceOf, http } from './app';
import { csv, utf8Bom } from './files';
import { makeAccount, TestAccount, unique } from './fixtures';

type Headers = Record<string, string>;

let lotteryIssue = 26000;

/**
 * The commit-reveal part of a publish or redraw body: names a public event two minutes ahead of the
 * app's Clock (a new lottery issue each call, as a redraw must name a new event). Let the app's time
 * pass it (letTimePass) before drawing.
 */
export function commitReveal(app: NestExpressApplication, aheadMs = 120_000): { source: 'commit-reveal'; event: { name: string; at: string; checkUrl: string } } {
  const at = new Date(app.get(Clock).now().getTime() + aheadMs).toISOString();
  return { source: 'commit-reveal', event: { name: `中国体育彩票排列5 第${lotteryIssue++}期开奖号码`, at, checkUrl: 'https://www.lottery.gov.cn/' } };
}

/** Lets the app's time pass (3 minutes by default): past the events commitReveal names, so the plan can be drawn. */
export function letTimePass(app: NestExpressApplication, ms = 180_000): void {
  app.get(Clock).advance(ms);
}

/**
 * Moves the app's Clock to an instant (it then runs on from there if it is not fixed): e.g. to publish
 * and draw a 2024 plan in 2024, so that the draw lies after its publication and before its checks.
 * Returns the way back (call it to return to the suite's own time).
 */
export function travelTo(app: NestExpressApplication, at: string): () => void {
  const clock = app.get(Clock);
  const delta = Date.parse(at) - clock.now().getTime();
  clock.advance(delta);
  return () => clock.advance(-delta);
}

/** An item of the 实验动物 domain, as most draw and check tests use. */
export async function makeLabItem(app: NestExpressApplication, S: Headers, codePrefix: string): Promise<{ id: string }> {
  return (
    await http(app)
      .post('/items')
      .set(S)
      .send({ code: unique(codePrefix), name: '实验动物许可情况的检查', legalBasis: '《实验动物管理条例》', category: 'general', targetType: '实验动物使用单位', method: 'on_site', enforcementDomain: '实验动物', defaultRatios: { A: 3, B: 5, C: 20, D: 100 }, frequency: '每年一次' })
      .expect(201)
  ).body;
}

/** Entities imported through the CSV import (header row first). */
export async function importEntities(app: NestExpressApplication, S: Headers, rows: string[][]): Promise<void> {
  await http(app).post('/imports/entities?wait=true').set(S).attach('file', utf8Bom(csv(rows)), 'entities.csv').expect(200);
}

/** Inspectors eligible in 2024 (40 h of training late 2023, exam 2023 passed), each linked to an inspector account. */
export async function makeLinkedInspectors(app: NestExpressApplication, S: Headers, departmentId: string, count: number, name: string, certificatePrefix: string): Promise<{ account: TestAccount; id: string }[]> {
  const out: { account: TestAccount; id: string }[] = [];
  for (let i = 0; i < count; i++) {
    const account = await makeAccount(app, 'inspector', departmentId);
    const ins = (await http(app).post('/inspectors').set(S).send({ name: `${name}${i}`, certificateNumber: unique(certificatePrefix), issuingAuthority: '天津市人民政府', certificateValidFrom: '2022-01-01', certificateValidUntil: '2030-12-31', domains: ['实验动物'], unit: `第${i + 1}所`, userId: account.id }).expect(201)).body;
    await http(app).post(`/inspectors/${ins.id}/trainings`).set(S).send({ date: '2023-12-10', hours: 40, topic: '专题培训' }).expect(201);
    await http(app).post(`/inspectors/${ins.id}/exams`).set(S).send({ year: 2023, passed: true }).expect(201);
    out.push({ account, id: ins.id });
  }
  return out;
}

/**
 * The database stamps a draw with the machine's time, while a suite's Clock is fixed: the draw is dated
 * into the suite's timeline (09:00 Beijing time of `day`, by default its plan's first day of the window),
 * so check dates (never before the draw) do not depend on the day the tests run.
 */
export async function dateDraw(app: NestExpressApplication, drawId: string, day?: string): Promise<void> {
  await dataSourceOf(app).query(
    `UPDATE draws d SET created_at = (COALESCE($2::date, p.window_start) + time '09:00') AT TIME ZONE 'Asia/Shanghai' FROM plans p WHERE p.id = d.plan_id AND d.id = $1`,
    [drawId, day ?? null],
  );
}

/** A plan of class-B targets (2024 unless `period` says otherwise), published (commit-reveal) and drawn; its tasks as the supervisor sees them. */
export async function drawClassB<T>(app: NestExpressApplication, S: Headers, itemId: string | string[], targets: number, planName: string, witnessEntropy: string, period = { year: 2024, windowStart: '2024-01-02', windowEnd: '2024-12-31' }): Promise<{ drawId: string; tasks: T[] }> {
  const plan = (await http(app).post('/plans').set(S).send({ name: unique(planName), ...period, itemIds: Array.isArray(itemId) ? itemId : [itemId], sampling: { A: { count: 0 }, B: { count: targets }, C: { count: 0 }, D: { count: 0 } }, teamSize: 2 }).expect(201)).body;
  await http(app).post(`/plans/${plan.id}/publish`).set(S).send({ ...commitReveal(app), version: 1 }).expect(201);
  letTimePass(app);
  const drawId = (await http(app).post(`/plans/${plan.id}/draw`).set(S).send({ witnessEntropy }).expect(201)).body.id as string;
  await dateDraw(app, drawId, period.windowStart);
  const ids: { id: string }[] = await dataSourceOf(app).query('SELECT id FROM tasks WHERE draw_id = $1 ORDER BY position', [drawId]);
  const tasks = await Promise.all(ids.map(async (t) => (await http(app).get(`/tasks/${t.id}`).set(S).expect(200)).body as T));
  return { drawId, tasks };
}
