import { once } from 'node:events';
import * as http_ from 'node:http';
import { AddressInfo } from 'node:net';
import { NestExpressApplication } from '@nestjs/platform-express';
import { OutboxWorker } from '../src/outbox/outbox.worker';
import { verifySignature } from '../src/outbox/signature';
import { bootApp, dataSourceOf, http } from './support/app';
import { freshUscc } from './support/files';
import { bearer, makeDepartmentWithStaff } from './support/fixtures';
import { drawClassB, importEntities, makeLabItem, makeLinkedInspectors } from './support/scenario';

const SECRET = 'receiver-shared-secret-0123';

/** A platform that fails the first `failures` requests of every event, then accepts; it keeps what it accepted. */
function receiver(failures: number) {
  const seen = new Map<string, number>();
  const accepted: { id: string; kind: string; body: { data: { result: { entity: { uscc: string } } } } }[] = [];
  let badSignatures = 0;
  let failedHits = 0;
  const failedById = new Map<string, number>();
  const server = http_.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      if (req.url === '/always-fail') {
        failedHits += 1;
        const failedId = String(req.headers['x-ssgk-event-id']);
        failedById.set(failedId, (failedById.get(failedId) ?? 0) + 1);
        res.writeHead(503).end();
        return;
      }
      if (!verifySignature(SECRET, body, String(req.headers['x-ssgk-signature'] ?? ''), Math.floor(Date.now() / 1000))) {
        badSignatures += 1;
        res.writeHead(401).end();
        return;
      }
      const id = String(req.headers['x-ssgk-event-id']);
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      if (n <= failures) {
        res.writeHead(500).end('down for maintenance');
        return;
      }
      if (!accepted.some((a) => a.id === id)) accepted.push({ id, ...JSON.parse(body) });
      res.writeHead(200).end('ok');
    });
  });
  return { server, seen, accepted, badSignatures: () => badSignatures, failedHits: (id?: string) => (id ? (failedById.get(id) ?? 0) : failedHits) };
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Push to the supervision platforms: an event is written with the publication, delivered signed,
 * retried with backoff across an app restart, exactly one accepted delivery, dead-lettered after the
 * last attempt and sent again on an administrator's request.
 */
describe('outbox: publications pushed to the supervision platforms', () => {
  const platform = receiver(3);
  let url: string;
  let app: NestExpressApplication;

  beforeAll(async () => {
    platform.server.listen(0, '127.0.0.1');
    await once(platform.server, 'listening');
    url = `http://127.0.0.1:${(platform.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    platform.server.close();
  });

  const boot = () =>
    bootApp({
      OUTBOX_ENDPOINTS: JSON.stringify([
        { name: '市监管平台', url: `${url}/hook`, secret: SECRET },
        { name: '失联平台', url: `${url}/always-fail`, secret: SECRET },
      ]),
      OUTBOX_POLL_MS: '50',
      OUTBOX_RETRY_BASE_MS: '150',
      OUTBOX_MAX_ATTEMPTS: '4',
    });

  it('delivers exactly once to a platform that fails three times, across a restart, and dead-letters one that never answers', async () => {
    app = await boot();
    const staff = await makeDepartmentWithStaff(app);
    const S = bearer(staff.supervisor);
    const item = await makeLabItem(app, S, 'O-');
    const uscc = freshUscc();
    await importEntities(app, S, [['统一社会信用代码', '名称', '信用风险分类', '分类生效日期'], [uscc, '推送测试有限公司', 'B', '2023-01-01']]);
    const accounts = (await makeLinkedInspectors(app, S, staff.department.id, 2, '推送检查员', 'OB-')).map((i) => i.account);
    const { tasks } = await drawClassB<{ id: string; team: { inspectorId: string }[]; items: { itemVersionId: string }[] }>(app, S, item.id, 1, '推送计划', '见证号码 2718');
    const [task] = tasks;
    const taskId = task.id;
    const I = bearer(accounts[0]);
    const record = (await http(app).post(`/tasks/${taskId}/record`).set(I).send({ checkDate: '2024-05-06', place: '现场', inspectorsPresent: task.team.map((m: { inspectorId: string }) => ({ inspectorId: m.inspectorId, certificateShown: true })), representative: { name: '赵六', role: '负责人' }, findings: task.items.map((i: { itemVersionId: string }) => ({ itemVersionId: i.itemVersionId, compliant: true })), resultCodes: ['NO_PROBLEM'], remarks: '内部备注不外发' }).expect(201)).body;
    const submitted = (await http(app).post(`/records/${record.id}/submit`).set(I).send({ version: record.version }).expect(200)).body;
    await http(app).post(`/records/${record.id}/approve`).set(S).send({ version: submitted.version }).expect(200);
    const publication = (await http(app).get('/publications').set(S).expect(200)).body.items[0];
    await http(app).post(`/publications/${publication.id}/publish`).set(S).send({}).expect(200);

    const [event]: { id: string }[] = await dataSourceOf(app).query('SELECT id FROM outbox_events WHERE publication_id = $1', [publication.id]);
    await until(() => (platform.seen.get(event.id) ?? 0) >= 2, 'two failed attempts');
    // The application stops mid-way through the retries and starts again on the same database.
    // Its worker first: no batch may start between the count read here and the close.
    await app.get(OutboxWorker).stop();
    const triedBeforeRestart = platform.seen.get(event.id)!;
    await app.close();
    expect(triedBeforeRestart).toBeLessThanOrEqual(3);
    app = await boot();

    const results = () => platform.accepted.filter((e) => (e as { kind?: string }).kind === 'publication.published');
    await until(() => results().length === 1, 'the delivery after the restart');
    const delivered = async () => (await dataSourceOf(app).query(`SELECT endpoint, state, attempts FROM outbox_deliveries WHERE event_id = $1 ORDER BY endpoint`, [event.id])) as { endpoint: string; state: string; attempts: number }[];
    await until(async () => (await delivered()).every((d) => d.state !== 'pending'), 'both deliveries settled');
    expect(await delivered()).toEqual(
      expect.arrayContaining([
        { endpoint: '市监管平台', state: 'delivered', attempts: 4 },
        { endpoint: '失联平台', state: 'dead', attempts: 4 },
      ]),
    );
    expect(platform.seen.get(event.id)).toBe(4); // three refusals, one acceptance, nothing after
    expect(results()).toEqual([expect.objectContaining({ id: event.id, kind: 'publication.published', data: expect.objectContaining({ result: expect.objectContaining({ entity: expect.objectContaining({ uscc }) }) }) })]);
    // The plan's publication record went out too, before its draw: the platform keeps it (issue 15).
    const [plan] = await dataSourceOf(app).query('SELECT id, publication_json FROM plans WHERE id = (SELECT plan_id FROM tasks WHERE id = $1)', [taskId]);
    await until(() => platform.accepted.some((e) => (e as { kind?: string }).kind === 'plan.published'), 'the plan\'s publication record');
    expect(platform.accepted.filter((e) => (e as { kind?: string }).kind === 'plan.published')).toEqual([expect.objectContaining({ data: { publication: JSON.parse(plan.publication_json) } })]);
    expect(JSON.stringify(platform.accepted)).not.toContain('内部备注');
    expect(platform.badSignatures()).toBe(0);

    // The administrators' status page, and a dead delivery sent again. From here the test drives the
    // worker: a background batch between two requests would send the retried delivery and dead-letter it again.
    const worker = app.get(OutboxWorker);
    await worker.stop();
    const admin = bearer(staff.admin);
    const page = (await http(app).get('/admin/outbox?state=dead').set(admin).expect(200)).body;
    expect(page.counts).toMatchObject({ dead: expect.any(Number), delivered: expect.any(Number) });
    expect(page.endpoints).toEqual([{ name: '市监管平台', url: `${url}/hook`, format: 'ssgk-event-v1' }, { name: '失联平台', url: `${url}/always-fail`, format: 'ssgk-event-v1' }]);
    expect(JSON.stringify(page)).not.toContain(SECRET);
    const dead = page.items.find((d: { eventId: string }) => d.eventId === event.id);
    expect(dead).toMatchObject({ endpoint: '失联平台', state: 'dead', lastStatus: 503, lastError: 'HTTP 503' });
    expect((await http(app).post(`/admin/outbox/${dead.id}/retry`).set(admin).expect(200)).body.state).toBe('pending');
    expect((await http(app).post(`/admin/outbox/${dead.id}/retry`).set(admin).expect(409)).body.code).toBe('DELIVERY_NOT_DEAD');
    // The next batch sends it: one more attempt, refused again, dead again — and it can be retried again.
    await worker.tick();
    expect(await delivered()).toContainEqual({ endpoint: '失联平台', state: 'dead', attempts: 5 });
    expect(platform.failedHits(event.id)).toBe(5);
    expect((await http(app).post(`/admin/outbox/${dead.id}/retry`).set(admin).expect(200)).body.state).toBe('pending');
    await http(app).get('/admin/outbox').set(S).expect(403);
  });
});
