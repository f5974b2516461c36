import { once } from 'node:events';
import * as http_ from 'node:http';
import { AddressInfo } from 'node:net';
import { NestExpressApplication } from '@nestjs/platform-express';
import { OutboxWorker } from '../src/outbox/outbox.worker';
import { bootApp, dataSourceOf, http } from './support/app';
import { freshUscc } from './support/files';
import { bearer, makeDepartmentWithStaff } from './support/fixtures';
import { validateSchema } from './support/json-schema';
import { ownDatabase } from './support/own-database';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { drawClassB, importEntities, makeLabItem, makeLinkedInspectors } from './support/scenario';

const SECRET = 'receiver-shared-secret-0123';
type Body = Record<string, unknown>;

/**
 * Issue 16 §5: results published before the outbox was configured are back-filled (idempotent by
 * event id), and each platform receives its own format — the 市监管平台 mapping — with the event version.
 */
describe('outbox: back-fill and per-platform formats', () => {
  const received = new Map<string, Body[]>(); // path → bodies accepted
  const server = http_.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.set(req.url!, [...(received.get(req.url!) ?? []), JSON.parse(body) as Body]);
      res.writeHead(200).end('ok');
    });
  });
  let db: Awaited<ReturnType<typeof ownDatabase>>;
  let app: NestExpressApplication;

  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    // Whole-database back-fill: its own database, so other suites' events are not queued here.
    db = await ownDatabase('outbox_backfill');
  });
  afterAll(async () => {
    await app?.close();
    server.close();
    await db?.drop();
  });

  it('queues what a newly configured platform has not received, once, in each platform\'s format', async () => {
    // Before any platform is configured: a result is published; its event is kept, nothing is sent.
    app = await bootApp({ DATABASE_URL: db.url });
    const staff = await makeDepartmentWithStaff(app);
    const S = bearer(staff.supervisor);
    const item = await makeLabItem(app, S, 'BF-');
    const uscc = freshUscc();
    await importEntities(app, S, [['统一社会信用代码', '名称', '信用风险分类', '分类生效日期'], [uscc, '补推测试有限公司', 'B', '2023-01-01']]);
    const [inspector] = await makeLinkedInspectors(app, S, staff.department.id, 2, '补推检查员', 'BF-');
    const { tasks } = await drawClassB<{ id: string; team: { inspectorId: string }[]; items: { itemVersionId: string }[] }>(app, S, item.id, 1, '补推计划', '见证号码 3141');
    const [task] = tasks;
    const I = bearer(inspector.account);
    const record = (await http(app).post(`/tasks/${task.id}/record`).set(I).send({ checkDate: '2024-05-06', place: '现场', inspectorsPresent: task.team.map((m) => ({ inspectorId: m.inspectorId, certificateShown: true })), representative: { name: '赵六', role: '负责人' }, findings: task.items.map((i) => ({ itemVersionId: i.itemVersionId, compliant: true })), resultCodes: ['NO_PROBLEM'] }).expect(201)).body;
    const submitted = (await http(app).post(`/records/${record.id}/submit`).set(I).send({ version: record.version }).expect(200)).body;
    await http(app).post(`/records/${record.id}/approve`).set(S).send({ version: submitted.version }).expect(200);
    const [publication] = (await http(app).get(`/publications?recordId=${record.id}`).set(S).expect(200)).body.items;
    await http(app).post(`/publications/${publication.id}/publish`).set(S).send({}).expect(200);
    const admin = bearer(staff.admin);
    expect((await http(app).post('/admin/outbox/backfill').set(admin).send({}).expect(409)).body.code).toBe('OUTBOX_NOT_CONFIGURED');
    // A result published before events were kept at all: its event is written by the back-fill.
    await dataSourceOf(app).query('DELETE FROM outbox_events WHERE publication_id = $1', [publication.id]);
    const eventsBefore = Number((await dataSourceOf(app).query('SELECT count(*) AS n FROM outbox_events'))[0].n);
    await app.close();

    // The platforms are configured: the city platform in its own format, the other in ours.
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    app = await bootApp({
      DATABASE_URL: db.url,
      OUTBOX_ENDPOINTS: JSON.stringify([
        { name: '市监管平台', url: `${url}/city`, secret: SECRET, format: 'tianjin-scjg-v1' },
        { name: '行政执法监督平台', url: `${url}/supervision`, secret: SECRET },
      ]),
      OUTBOX_POLL_MS: '600000',
    });
    const worker = app.get(OutboxWorker);
    await worker.stop();
    const A = bearer(staff.admin);
    expect((await http(app).get('/admin/outbox').set(A).expect(200)).body.items).toEqual([]);

    const first = (await http(app).post('/admin/outbox/backfill').set(A).send({}).expect(200)).body;
    const total = eventsBefore + 1;
    expect(first).toEqual({ eventsCreated: 1, queued: [{ endpoint: '市监管平台', deliveries: total }, { endpoint: '行政执法监督平台', deliveries: total }] });
    // Idempotent: nothing new, whether for all platforms or one; an unknown platform is refused.
    expect((await http(app).post('/admin/outbox/backfill').set(A).send({}).expect(200)).body).toEqual({ eventsCreated: 0, queued: [{ endpoint: '市监管平台', deliveries: 0 }, { endpoint: '行政执法监督平台', deliveries: 0 }] });
    expect((await http(app).post('/admin/outbox/backfill').set(A).send({ endpoint: '市监管平台' }).expect(200)).body.queued).toEqual([{ endpoint: '市监管平台', deliveries: 0 }]);
    expect((await http(app).post('/admin/outbox/backfill').set(A).send({ endpoint: '省平台' }).expect(400)).body).toMatchObject({ code: 'OUTBOX_ENDPOINT_UNKNOWN', details: [{ field: 'endpoint' }] });
    await http(app).post('/admin/outbox/backfill').set(S).send({}).expect(403);
    const [{ n: deliveries }] = await dataSourceOf(app).query('SELECT count(*)::int AS n FROM outbox_deliveries');
    expect(deliveries).toBe(2 * total);

    // Sent: the city platform gets its fields, the other our envelope; both carry the event version.
    while ((await worker.tick()) > 0);
    const city = received.get('/city')!;
    const ours = received.get('/supervision')!;
    expect([city.length, ours.length]).toEqual([total, total]);
    expect(ours.every((b) => b.version === 1)).toBe(true);
    // Our envelope is what docs/schemas/outbox-event-v1.schema.json documents.
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../docs/schemas/outbox-event-v1.schema.json'), 'utf8'));
    expect(ours.flatMap((b) => validateSchema(schema, b))).toEqual([]);
    expect(city.every((b) => b.eventVersion === 1 && b.sjbb === 1)).toBe(true);
    const result = city.find((b) => b.sjlx === 'publication.published')!;
    expect(result).toMatchObject({ tyshxydm: uscc, dwmc: '补推测试有限公司', jcrq: '2024-05-06', jcjg: ['未发现问题'], gkzt: 'published', gkbb: 1, zgsl: 0 });
    expect(ours.find((b) => b.kind === 'publication.published')).toMatchObject({ version: 1, data: expect.objectContaining({ result: expect.objectContaining({ entity: expect.objectContaining({ uscc }) }) }) });
    // Sent in the events' order: the plan's publication record before the result.
    expect(city.findIndex((b) => b.sjlx === 'plan.published')).toBeLessThan(city.indexOf(result));
  });
});
