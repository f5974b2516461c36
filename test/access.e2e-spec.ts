import { NestExpressApplication } from '@nestjs/platform-express';
import { Role } from '../src/auth/roles';
import { bootApp, dataSourceOf, http } from './support/app';
import { bearer, makeDepartmentWithStaff, TestAccount, unique } from './support/fixtures';

type Caller = Role | 'anonymous';
const CALLERS: Caller[] = ['anonymous', 'admin', 'supervisor', 'inspector', 'legal_reviewer'];
const STAFF: Role[] = ['admin', 'supervisor', 'inspector', 'legal_reviewer'];

interface RouteCase {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** OpenAPI path, e.g. /users/{id} */
  path: string;
  /** 'public', or the roles allowed; everyone else is refused (401 anonymous, 403 staff). */
  allowed: 'public' | Role[];
  url: (ctx: Ctx) => string;
  body?: (ctx: Ctx) => object;
  headers?: Record<string, string>;
  /** What every allowed caller gets when that is the route's own 401 (not the guard's): status and code. */
  allowedAnswer?: [number, string];
}

interface Ctx {
  departmentId: string;
  inspectorId: string;
  entityId: string;
  inspectorRecordId: string;
  itemId: string;
  recusalId: string;
}

const WRITE: Role[] = ['admin', 'supervisor'];
const REVIEW: Role[] = ['admin', 'supervisor', 'legal_reviewer'];
const empty = () => ({});
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

/**
 * Every route of the API and who may call it. A route missing here fails the first test, so new
 * routes cannot ship without an access decision.
 */
const ROUTES: RouteCase[] = [
  { method: 'get', path: '/health/live', allowed: 'public', url: () => '/health/live' },
  { method: 'get', path: '/health/ready', allowed: 'public', url: () => '/health/ready' },
  { method: 'post', path: '/auth/login', allowed: 'public', url: () => '/auth/login', body: () => ({}) },
  { method: 'get', path: '/auth/me', allowed: STAFF, url: () => '/auth/me' },
  // The cookie routes: public (the cookie is the credential, never a bearer token); without a cookie, refresh answers its own 401.
  { method: 'post', path: '/auth/refresh', allowed: 'public', url: () => '/auth/refresh', headers: { 'X-Requested-With': 'ssgk-console' }, allowedAnswer: [401, 'SESSION_MISSING'] },
  { method: 'post', path: '/auth/logout', allowed: 'public', url: () => '/auth/logout', headers: { 'X-Requested-With': 'ssgk-console' } },
  // An empty body proves the guard let the caller through (400 from validation) without changing anything.
  { method: 'post', path: '/auth/password', allowed: STAFF, url: () => '/auth/password', body: () => ({}) },
  { method: 'get', path: '/auth/lock-events', allowed: ['admin'], url: () => '/auth/lock-events' },
  { method: 'post', path: '/departments', allowed: ['admin'], url: () => '/departments', body: () => ({ code: unique('R'), name: unique('权限测试局') }) },
  { method: 'get', path: '/departments', allowed: STAFF, url: () => '/departments' },
  { method: 'get', path: '/departments/{id}', allowed: STAFF, url: (c) => `/departments/${c.departmentId}` },
  { method: 'patch', path: '/departments/{id}', allowed: ['admin'], url: (c) => `/departments/${c.departmentId}`, body: () => ({ name: unique('改名局') }) },
  {
    method: 'post',
    path: '/users',
    allowed: ['admin'],
    url: () => '/users',
    body: (c) => ({ username: unique('acl.'), displayName: '权限测试', password: 'a-long-enough-password', role: 'inspector', departmentId: c.departmentId }),
  },
  { method: 'get', path: '/users', allowed: ['admin', 'supervisor'], url: () => '/users' },
  { method: 'get', path: '/users/{id}', allowed: ['admin', 'supervisor'], url: (c) => `/users/${c.inspectorId}` },
  { method: 'patch', path: '/users/{id}', allowed: ['admin'], url: (c) => `/users/${c.inspectorId}`, body: () => ({ displayName: '改名' }) },
  // Directories: allowed writes get an empty body, so they pass the guard and stop at validation.
  { method: 'post', path: '/entities', allowed: WRITE, url: () => '/entities', body: empty },
  { method: 'get', path: '/entities', allowed: STAFF, url: () => '/entities' },
  { method: 'get', path: '/entities/{id}', allowed: STAFF, url: (c) => `/entities/${c.entityId}` },
  { method: 'patch', path: '/entities/{id}', allowed: WRITE, url: (c) => `/entities/${c.entityId}`, body: empty },
  { method: 'post', path: '/entities/{id}/risk-classes', allowed: WRITE, url: (c) => `/entities/${c.entityId}/risk-classes`, body: empty },
  { method: 'get', path: '/entities/{id}/risk-class', allowed: STAFF, url: (c) => `/entities/${c.entityId}/risk-class` },
  { method: 'post', path: '/entities/{id}/licences', allowed: WRITE, url: (c) => `/entities/${c.entityId}/licences`, body: empty },
  { method: 'delete', path: '/entities/{id}/licences/{licenceId}', allowed: WRITE, url: (c) => `/entities/${c.entityId}/licences/00000000-0000-4000-8000-000000000000` },
  { method: 'post', path: '/inspectors', allowed: WRITE, url: () => '/inspectors', body: empty },
  { method: 'get', path: '/inspectors', allowed: STAFF, url: () => '/inspectors' },
  { method: 'get', path: '/inspectors/expiring-certificates', allowed: WRITE, url: () => '/inspectors/expiring-certificates' },
  { method: 'get', path: '/inspectors/{id}', allowed: STAFF, url: (c) => `/inspectors/${c.inspectorRecordId}` },
  { method: 'patch', path: '/inspectors/{id}', allowed: WRITE, url: (c) => `/inspectors/${c.inspectorRecordId}`, body: empty },
  { method: 'post', path: '/inspectors/{id}/status', allowed: WRITE, url: (c) => `/inspectors/${c.inspectorRecordId}/status`, body: empty },
  { method: 'post', path: '/inspectors/{id}/trainings', allowed: WRITE, url: (c) => `/inspectors/${c.inspectorRecordId}/trainings`, body: empty },
  { method: 'post', path: '/inspectors/{id}/exams', allowed: WRITE, url: (c) => `/inspectors/${c.inspectorRecordId}/exams`, body: empty },
  { method: 'get', path: '/inspectors/{id}/eligibility', allowed: STAFF, url: (c) => `/inspectors/${c.inspectorRecordId}/eligibility` },
  { method: 'post', path: '/items', allowed: WRITE, url: () => '/items', body: empty },
  { method: 'get', path: '/items', allowed: STAFF, url: () => '/items' },
  { method: 'get', path: '/items/{id}', allowed: STAFF, url: (c) => `/items/${c.itemId}` },
  { method: 'patch', path: '/items/{id}', allowed: WRITE, url: (c) => `/items/${c.itemId}`, body: empty },
  { method: 'get', path: '/items/{id}/versions/{version}', allowed: STAFF, url: (c) => `/items/${c.itemId}/versions/1` },
  { method: 'post', path: '/recusals', allowed: WRITE, url: () => '/recusals', body: empty },
  { method: 'get', path: '/recusals', allowed: REVIEW, url: () => '/recusals' },
  { method: 'get', path: '/recusals/{id}', allowed: REVIEW, url: (c) => `/recusals/${c.recusalId}` },
  { method: 'patch', path: '/recusals/{id}', allowed: WRITE, url: (c) => `/recusals/${c.recusalId}`, body: () => ({ validFrom: 'not-a-date' }) },
  { method: 'post', path: '/recusals/{id}/revoke', allowed: WRITE, url: (c) => `/recusals/${c.recusalId}/revoke`, body: empty },
  // Imports: an upload without a file passes the guard and stops at FILE_REQUIRED; unknown job ids answer 404.
  { method: 'post', path: '/imports/{kind}', allowed: WRITE, url: () => '/imports/entities' },
  { method: 'get', path: '/imports', allowed: WRITE, url: () => '/imports' },
  { method: 'get', path: '/imports/templates/{kind}', allowed: STAFF, url: () => '/imports/templates/entities?format=csv' },
  { method: 'get', path: '/imports/jobs/{id}', allowed: WRITE, url: () => `/imports/jobs/${NO_SUCH_ID}` },
  { method: 'get', path: '/imports/jobs/{id}/errors', allowed: WRITE, url: () => `/imports/jobs/${NO_SUCH_ID}/errors` },
  { method: 'get', path: '/imports/jobs/{id}/errors.csv', allowed: WRITE, url: () => `/imports/jobs/${NO_SUCH_ID}/errors.csv` },
  // Plans: writes with an empty body stop at validation; unknown plan ids answer 404.
  { method: 'post', path: '/plans', allowed: WRITE, url: () => '/plans', body: empty },
  { method: 'get', path: '/plans', allowed: STAFF, url: () => '/plans' },
  { method: 'get', path: '/plans/{id}', allowed: STAFF, url: () => `/plans/${NO_SUCH_ID}` },
  { method: 'patch', path: '/plans/{id}', allowed: WRITE, url: () => `/plans/${NO_SUCH_ID}`, body: empty },
  { method: 'post', path: '/plans/{id}/publish', allowed: WRITE, url: () => `/plans/${NO_SUCH_ID}/publish`, body: empty },
  { method: 'get', path: '/plans/{id}/snapshots/candidates.tsv', allowed: STAFF, url: () => `/plans/${NO_SUCH_ID}/snapshots/candidates.tsv` },
  { method: 'get', path: '/plans/{id}/snapshots/inspectors.tsv', allowed: STAFF, url: () => `/plans/${NO_SUCH_ID}/snapshots/inspectors.tsv` },
  { method: 'get', path: '/plans/{id}/snapshots/conflicts.tsv', allowed: STAFF, url: () => `/plans/${NO_SUCH_ID}/snapshots/conflicts.tsv` },
  { method: 'post', path: '/plans/{id}/draw', allowed: WRITE, url: () => `/plans/${NO_SUCH_ID}/draw`, body: empty },
  { method: 'post', path: '/plans/sampling-preview', allowed: WRITE, url: () => '/plans/sampling-preview', body: empty },
  { method: 'get', path: '/plans/{id}/draws', allowed: STAFF, url: () => `/plans/${NO_SUCH_ID}/draws` },
  { method: 'get', path: '/draws/{id}', allowed: STAFF, url: () => `/draws/${NO_SUCH_ID}` },
  { method: 'post', path: '/draws/{id}/redraw', allowed: WRITE, url: () => `/draws/${NO_SUCH_ID}/redraw`, body: empty },
  { method: 'get', path: '/tasks/merge-candidates', allowed: WRITE, url: () => '/tasks/merge-candidates?year=2024&quarter=2' },
  { method: 'get', path: '/me/tasks', allowed: ['inspector'], url: () => '/me/tasks' },
  { method: 'get', path: '/check-form/options', allowed: STAFF, url: () => '/check-form/options' },
  { method: 'post', path: '/tasks/{id}/substitutions', allowed: WRITE, url: () => `/tasks/${NO_SUCH_ID}/substitutions`, body: () => ({ inspectorId: NO_SUCH_ID, reason: '因病不能参加' }) },
  { method: 'get', path: '/tasks/{id}', allowed: STAFF, url: () => `/tasks/${NO_SUCH_ID}` },
  { method: 'post', path: '/tasks/{id}/record', allowed: ['inspector'], url: () => `/tasks/${NO_SUCH_ID}/record`, body: empty },
  { method: 'get', path: '/records/{id}', allowed: STAFF, url: () => `/records/${NO_SUCH_ID}` },
  { method: 'patch', path: '/records/{id}', allowed: ['inspector'], url: () => `/records/${NO_SUCH_ID}`, body: () => ({ version: 1 }) },
  // The 笔录 PDF and the 检查码's QR code: any staff role passes the guard; the record's and task's own scoping answers 404 beyond it.
  { method: 'get', path: '/records/{id}/transcript.pdf', allowed: STAFF, url: () => `/records/${NO_SUCH_ID}/transcript.pdf` },
  { method: 'get', path: '/tasks/{id}/check-code.svg', allowed: STAFF, url: () => `/tasks/${NO_SUCH_ID}/check-code.svg` },
  // Cases (立案): opened by supervisors and inspectors, decided by supervisors, reviewed by legal reviewers.
  { method: 'post', path: '/cases', allowed: ['supervisor', 'inspector', 'admin'], url: () => '/cases', body: empty },
  { method: 'get', path: '/cases', allowed: STAFF, url: () => '/cases' },
  { method: 'get', path: '/cases/{id}', allowed: STAFF, url: () => `/cases/${NO_SUCH_ID}` },
  { method: 'post', path: '/cases/{id}/approve', allowed: ['supervisor', 'admin'], url: () => `/cases/${NO_SUCH_ID}/approve`, body: empty },
  { method: 'post', path: '/cases/{id}/reject', allowed: ['supervisor', 'admin'], url: () => `/cases/${NO_SUCH_ID}/reject`, body: empty },
  { method: 'post', path: '/cases/{id}/notes', allowed: ['supervisor', 'inspector', 'admin'], url: () => `/cases/${NO_SUCH_ID}/notes`, body: empty },
  { method: 'post', path: '/cases/{id}/proposal', allowed: ['supervisor', 'inspector', 'admin'], url: () => `/cases/${NO_SUCH_ID}/proposal`, body: empty },
  { method: 'post', path: '/cases/{id}/legal-reviews', allowed: ['legal_reviewer', 'admin'], url: () => `/cases/${NO_SUCH_ID}/legal-reviews`, body: empty },
  { method: 'post', path: '/cases/{id}/decide', allowed: ['supervisor', 'admin'], url: () => `/cases/${NO_SUCH_ID}/decide`, body: empty },
  { method: 'post', path: '/cases/{id}/publish', allowed: ['supervisor', 'admin'], url: () => `/cases/${NO_SUCH_ID}/publish`, body: empty },
  { method: 'post', path: '/cases/{id}/close', allowed: ['supervisor', 'admin'], url: () => `/cases/${NO_SUCH_ID}/close`, body: empty },
  { method: 'post', path: '/records/{id}/submit', allowed: ['inspector'], url: () => `/records/${NO_SUCH_ID}/submit`, body: () => ({ version: 1 }) },
  { method: 'post', path: '/records/{id}/approve', allowed: WRITE, url: () => `/records/${NO_SUCH_ID}/approve`, body: () => ({ version: 1 }) },
  { method: 'post', path: '/records/{id}/mark-major', allowed: WRITE, url: () => `/records/${NO_SUCH_ID}/mark-major`, body: () => ({ version: 1 }) },
  { method: 'post', path: '/records/{id}/return', allowed: WRITE, url: () => `/records/${NO_SUCH_ID}/return`, body: () => ({ version: 1, reason: '请补充证据' }) },
  { method: 'post', path: '/records/{id}/legal-reviews', allowed: ['legal_reviewer', 'admin'], url: () => `/records/${NO_SUCH_ID}/legal-reviews`, body: () => ({ decision: 'pass', opinion: '同意', reviewedOn: '2024-05-01' }) },
  { method: 'post', path: '/records/{id}/evidence', allowed: ['inspector'], url: () => `/records/${NO_SUCH_ID}/evidence`, body: empty },
  { method: 'get', path: '/records/{id}/evidence', allowed: STAFF, url: () => `/records/${NO_SUCH_ID}/evidence` },
  { method: 'get', path: '/evidence/{id}/content', allowed: STAFF, url: () => `/evidence/${NO_SUCH_ID}/content` },
  { method: 'post', path: '/records/{id}/rectifications', allowed: ['inspector', 'supervisor', 'admin'], url: () => `/records/${NO_SUCH_ID}/rectifications`, body: () => ({ requirement: '限期整改到位', workingDays: 5, issuedOn: '2024-05-06' }) },
  { method: 'post', path: '/rectifications/{id}/follow-up', allowed: ['inspector', 'supervisor', 'admin'], url: () => `/rectifications/${NO_SUCH_ID}/follow-up`, body: () => ({ version: 1, followedUpOn: '2024-05-20', rectified: true }) },
  { method: 'get', path: '/rectifications', allowed: WRITE, url: () => '/rectifications' },
  { method: 'post', path: '/legal-reviews', allowed: ['legal_reviewer', 'admin'], url: () => '/legal-reviews', body: empty },
  { method: 'get', path: '/legal-reviews', allowed: ['supervisor', 'legal_reviewer', 'admin'], url: () => '/legal-reviews' },
  { method: 'post', path: '/normative-documents', allowed: ['legal_reviewer', 'admin'], url: () => '/normative-documents', body: empty },
  { method: 'get', path: '/normative-documents', allowed: ['supervisor', 'legal_reviewer', 'admin'], url: () => '/normative-documents' },
  { method: 'get', path: '/normative-documents/{id}', allowed: ['supervisor', 'legal_reviewer', 'admin'], url: () => `/normative-documents/${NO_SUCH_ID}` },
  { method: 'post', path: '/normative-documents/{id}/publication', allowed: ['legal_reviewer', 'admin'], url: () => `/normative-documents/${NO_SUCH_ID}/publication`, body: empty },
  { method: 'get', path: '/admin/audit/verify', allowed: ['admin'], url: () => '/admin/audit/verify' },
  { method: 'get', path: '/admin/outbox', allowed: ['admin'], url: () => '/admin/outbox' },
  { method: 'post', path: '/admin/outbox/backfill', allowed: ['admin'], url: () => '/admin/outbox/backfill', body: empty },
  { method: 'post', path: '/admin/outbox/{id}/retry', allowed: ['admin'], url: () => `/admin/outbox/${NO_SUCH_ID}/retry`, body: empty },
  { method: 'get', path: '/calendar', allowed: STAFF, url: () => '/calendar?year=2024' },
  { method: 'get', path: '/calendar/status', allowed: ['admin'], url: () => '/calendar/status' },
  { method: 'get', path: '/reports/annual', allowed: WRITE, url: () => '/reports/annual?year=2024' },
  { method: 'get', path: '/reports/annual.docx', allowed: WRITE, url: () => '/reports/annual.docx?year=2024' },
  { method: 'get', path: '/reports/annual.xlsx', allowed: WRITE, url: () => '/reports/annual.xlsx?year=2024' },
  { method: 'get', path: '/publications', allowed: WRITE, url: () => '/publications' },
  { method: 'post', path: '/publications/{id}/publish', allowed: WRITE, url: () => `/publications/${NO_SUCH_ID}/publish`, body: empty },
  { method: 'post', path: '/publications/{id}/corrections', allowed: WRITE, url: () => `/publications/${NO_SUCH_ID}/corrections`, body: () => ({ reason: '更正录入错误' }) },
  { method: 'post', path: '/publications/{id}/withdraw', allowed: WRITE, url: () => `/publications/${NO_SUCH_ID}/withdraw`, body: () => ({ reason: '依法撤回公开' }) },
  { method: 'get', path: '/public/results', allowed: 'public', url: () => '/public/results' },
  { method: 'get', path: '/', allowed: 'public', url: () => '/' },
  { method: 'get', path: '/portal/results', allowed: 'public', url: () => '/portal/results' },
  { method: 'get', path: '/portal/entities/{uscc}', allowed: 'public', url: () => '/portal/entities/91350100M000100Y43' },
  { method: 'get', path: '/portal/plans/{id}', allowed: 'public', url: () => `/portal/plans/${NO_SUCH_ID}` },
  { method: 'get', path: '/portal/draws/{id}', allowed: 'public', url: () => `/portal/draws/${NO_SUCH_ID}` },
  // The 检查码 page and its JSON twin: public; a made-up code is the portal's 404.
  { method: 'get', path: '/portal/check-code/{code}', allowed: 'public', url: () => '/portal/check-code/aaaaaaaaaaaaaaaaaaaaaaaaaa' },
  { method: 'get', path: '/public/check-codes/{code}', allowed: 'public', url: () => '/public/check-codes/aaaaaaaaaaaaaaaaaaaaaaaaaa' },
  { method: 'get', path: '/public/penalty-decisions', allowed: 'public', url: () => '/public/penalty-decisions' },
  { method: 'get', path: '/public/penalty-decisions/{id}', allowed: 'public', url: () => `/public/penalty-decisions/${NO_SUCH_ID}` },
  { method: 'get', path: '/portal/draws/{id}/completeness', allowed: 'public', url: () => `/portal/draws/${NO_SUCH_ID}/completeness` },
  { method: 'get', path: '/portal/open-data', allowed: 'public', url: () => '/portal/open-data' },
  { method: 'get', path: '/public/items', allowed: 'public', url: () => '/public/items' },
  { method: 'get', path: '/public/plans', allowed: 'public', url: () => '/public/plans' },
  { method: 'get', path: '/public/plans/{id}', allowed: 'public', url: () => `/public/plans/${NO_SUCH_ID}` },
  { method: 'get', path: '/public/draws/{id}', allowed: 'public', url: () => `/public/draws/${NO_SUCH_ID}` },
  { method: 'get', path: '/public/open-data', allowed: 'public', url: () => '/public/open-data' },
  { method: 'get', path: '/public/open-data/{file}', allowed: 'public', url: () => '/public/open-data/legend.csv' },
  { method: 'get', path: '/public/feed.atom', allowed: 'public', url: () => '/public/feed.atom' },
  { method: 'get', path: '/public/entities/{uscc}', allowed: 'public', url: () => '/public/entities/91350100M000100Y43' },
  { method: 'get', path: '/public/draws/{id}/completeness', allowed: 'public', url: () => `/public/draws/${NO_SUCH_ID}/completeness` },
  { method: 'post', path: '/calendar/days', allowed: ['admin'], url: () => '/calendar/days', body: empty },
  { method: 'post', path: '/calendar/years', allowed: ['admin'], url: () => '/calendar/years', body: empty },
  { method: 'delete', path: '/calendar/days/{date}', allowed: ['admin'], url: () => '/calendar/days/2031-01-01' },
  { method: 'get', path: '/public/audit/head', allowed: 'public', url: () => '/public/audit/head' },
  { method: 'get', path: '/public/draws/{id}/transcript', allowed: 'public', url: () => `/public/draws/${NO_SUCH_ID}/transcript` },
  { method: 'get', path: '/public/plans/{id}/publication', allowed: 'public', url: () => `/public/plans/${NO_SUCH_ID}/publication` },
  ...['candidates.tsv', 'inspectors.tsv', 'conflicts.tsv', 'parameters.json', 'probabilities.tsv'].map((f) => ({ method: 'get' as const, path: `/public/plans/{id}/snapshots/${f}`, allowed: 'public' as const, url: () => `/public/plans/${NO_SUCH_ID}/snapshots/${f}` })),
  { method: 'get', path: '/draws/{id}/tasks', allowed: REVIEW, url: () => `/draws/${NO_SUCH_ID}/tasks` },
  { method: 'get', path: '/records', allowed: REVIEW, url: () => '/records?state=awaiting_approval' },
  { method: 'get', path: '/legal-reviews/queue', allowed: ['legal_reviewer', 'admin'], url: () => '/legal-reviews/queue' },
  { method: 'get', path: '/dashboard/todo', allowed: REVIEW, url: () => '/dashboard/todo' },
  { method: 'get', path: '/plans/{id}/snapshots/parameters.json', allowed: STAFF, url: () => `/plans/${NO_SUCH_ID}/snapshots/parameters.json` },
];

describe('access control: every route × every role', () => {
  let app: NestExpressApplication;
  let accounts: Record<Role, TestAccount>;
  let ctx: Ctx;

  beforeAll(async () => {
    app = await bootApp();
    const staff = await makeDepartmentWithStaff(app);
    accounts = { admin: staff.admin, supervisor: staff.supervisor, inspector: staff.inspector, legal_reviewer: staff.legalReviewer };
    const sup = bearer(staff.supervisor);
    const entity = await http(app).post('/entities').set(sup).send({ uscc: '91350100M000100Y43', name: '权限测试公司' }).expect(201);
    const inspector = await http(app)
      .post('/inspectors')
      .set(sup)
      .send({ name: '权限', certificateNumber: unique('ACL'), issuingAuthority: '天津市人民政府', certificateValidFrom: '2022-01-01', certificateValidUntil: '2027-12-31' })
      .expect(201);
    const item = await http(app)
      .post('/items')
      .set(sup)
      .send({ code: unique('ACL'), name: '权限事项', legalBasis: '依据', category: 'key', targetType: '单位', method: 'online', enforcementDomain: '科技', defaultRatios: { A: 0, B: 5, C: 20, D: 100 }, frequency: '每年' })
      .expect(201);
    const recusal = await http(app)
      .post('/recusals')
      .set(sup)
      .send({ inspectorId: inspector.body.id, entityId: entity.body.id, reason: '权限测试', source: 'supervisor', validFrom: '2024-01-01' })
      .expect(201);
    ctx = {
      departmentId: staff.department.id,
      inspectorId: staff.inspector.id,
      entityId: entity.body.id,
      inspectorRecordId: inspector.body.id,
      itemId: item.body.id,
      recusalId: recusal.body.id,
    };
  });
  afterAll(async () => {
    await app.close();
  });

  it('the table covers every route of the API', async () => {
    const doc = (await http(app).get('/api/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
    expect(documented.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  const cases = ROUTES.flatMap((route) => CALLERS.map((caller) => ({ route, caller })));
  it.each(cases.map((c) => [`${c.route.method.toUpperCase()} ${c.route.path}`, c.caller, c] as const))('%s as %s', async (_name, caller, { route }) => {
    let req = http(app)[route.method](route.url(ctx));
    if (caller !== 'anonymous') req = req.set(bearer(accounts[caller]));
    if (route.headers) req = req.set(route.headers);
    const res = route.body ? await req.send(route.body(ctx)) : await req;
    const allowed = route.allowed === 'public' || (caller !== 'anonymous' && route.allowed.includes(caller));
    if (allowed && route.allowedAnswer) {
      expect([res.status, res.body.code]).toEqual(route.allowedAnswer);
    } else if (allowed) {
      expect([401, 403]).not.toContain(res.status);
      expect(res.status).toBeLessThan(500);
    } else {
      expect(res.status).toBe(caller === 'anonymous' ? 401 : 403);
      expect(res.body).toMatchObject({ statusCode: res.status, code: expect.any(String), requestId: expect.any(String) });
    }
  });

  it('a refused write changes nothing', async () => {
    const codes = [unique('X'), unique('X')];
    await http(app).post('/departments').set(bearer(accounts.inspector)).send({ code: codes[0], name: unique('不应存在') }).expect(403);
    await http(app).post('/departments').send({ code: codes[1], name: unique('不应存在') }).expect(401);
    const rows = await dataSourceOf(app).query('SELECT id FROM departments WHERE code = ANY($1)', [codes]);
    expect(rows).toEqual([]);
  });
});
