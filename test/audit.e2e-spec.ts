import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { bootApp, dataSourceOf, http } from './support/app';
import { bearer, makeDepartmentWithStaff, unique } from './support/fixtures';

/**
 * The full-process record (执法全过程记录): every change is chained by hash, appended under a lock
 * so concurrent writers cannot fork it, refused to UPDATE/DELETE/TRUNCATE by the database, and a
 * row altered behind the application's back is found by the admin endpoint and `verify-audit`.
 */
describe('audit log: a hash chain nobody can rewrite unseen', () => {
  let app: NestExpressApplication;
  let staff: Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
  let itemId: string;

  beforeAll(async () => {
    app = await bootApp();
    staff = await makeDepartmentWithStaff(app);
    itemId = (
      await http(app)
        .post('/items')
        .set(bearer(staff.supervisor))
        .send({ code: unique('AU-'), name: '审计测试事项', legalBasis: '《实验动物管理条例》', category: 'general', targetType: '实验动物使用单位', method: 'on_site', enforcementDomain: '实验动物', defaultRatios: { A: 3, B: 5, C: 20, D: 100 }, frequency: '每年一次' })
        .expect(201)
    ).body.id;
  });
  afterAll(async () => {
    await app.close();
  });

  const plan = (name = unique('审计计划')) => ({ name, year: 2024, itemIds: [itemId], sampling: { A: { count: 0 }, B: { count: 1 }, C: { count: 0 }, D: { count: 0 } }, teamSize: 2, windowStart: '2024-04-01', windowEnd: '2024-06-30' });
  const verify = async () => (await http(app).get('/admin/audit/verify').set(bearer(staff.admin)).expect(200)).body;
  const verifyCli = () => {
    const url = (dataSourceOf(app).options as { url: string }).url;
    return spawnSync(process.execPath, [path.resolve(__dirname, '..', 'dist', 'src', 'verify-audit.js')], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' } });
  };

  it('records plan and draw events with who and what, under concurrency, and the chain verifies', async () => {
    const S = bearer(staff.supervisor);
    const created = await Promise.all(Array.from({ length: 12 }, () => http(app).post('/plans').set(S).send(plan())));
    expect(created.map((r) => r.status)).toEqual(Array(12).fill(201));
    const p = created[0].body;
    await http(app).patch(`/plans/${p.id}`).set(S).send({ ...plan(p.name), teamSize: 3, version: 1 }).expect(200);
    await http(app).post(`/plans/${p.id}/publish`).set(S).send({ source: 'commit-reveal', version: 2 }).expect(201);
    const drawn = (await http(app).post(`/plans/${p.id}/draw`).set(S).send({ witnessEntropy: '见证号码 31415' }).expect(201)).body;

    const events: { action: string; actor_id: string; before_hash: string | null; after_hash: string | null; details: Record<string, unknown> }[] = await dataSourceOf(app).query(
      `SELECT action, actor_id, before_hash, after_hash, details FROM audit_events WHERE subject_id = ANY($1) ORDER BY seq`,
      [[p.id, drawn.id]],
    );
    expect(events.map((e) => e.action)).toEqual(['plan.create', 'plan.update', 'plan.publish', 'draw.create']);
    for (const e of events) expect(e.actor_id).toBe(staff.supervisor.id);
    expect(events[1].before_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(events[1].after_hash).not.toBe(events[1].before_hash);
    expect(events[3].details).toMatchObject({ planId: p.id, seed: drawn.seed });

    const ok = await verify();
    expect(ok).toMatchObject({ ok: true, count: expect.any(Number), head: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const head = (await http(app).get('/public/audit/head').expect(200)).body;
    expect(head.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(head.seq).toBeGreaterThanOrEqual(events.length);
  });

  it('refuses UPDATE, DELETE and TRUNCATE, and reports a row altered directly in SQL at its seq', async () => {
    const db = dataSourceOf(app);
    const [row]: { seq: string; details: object }[] = await db.query(`SELECT seq, details FROM audit_events WHERE action = 'plan.update' ORDER BY seq DESC LIMIT 1`);
    await expect(db.query(`UPDATE audit_events SET action = 'plan.forged' WHERE seq = $1`, [row.seq])).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_events WHERE seq = $1`, [row.seq])).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);

    const before = verifyCli();
    expect(before).toMatchObject({ status: 0, stdout: expect.stringMatching(/^OK: \d+ events, head [0-9a-f]{64}/) });

    // Someone with the database owner's rights disables the trigger and rewrites history.
    await db.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete');
    try {
      await db.query(`UPDATE audit_events SET details = jsonb_set(details, '{forged}', 'true') WHERE seq = $1`, [row.seq]);
      expect(await verify()).toMatchObject({ ok: false, brokenAtSeq: Number(row.seq) });
      const after = verifyCli();
      expect(after.status).toBe(1);
      expect(after.stdout).toContain(`BROKEN at seq ${row.seq}`);
    } finally {
      await db.query('UPDATE audit_events SET details = $2::jsonb WHERE seq = $1', [row.seq, JSON.stringify(row.details)]);
      await db.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete');
    }
    expect((await verify()).ok).toBe(true);
  });
});
