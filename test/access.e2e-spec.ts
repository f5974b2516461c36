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
}

interface Ctx {
  departmentId: string;
  inspectorId: string;
}

/**
 * Every route of the API and who may call it. A route missing here fails the first test, so new
 * routes cannot ship without an access decision.
 */
const ROUTES: RouteCase[] = [
  { method: 'get', path: '/health/live', allowed: 'public', url: () => '/health/live' },
  { method: 'get', path: '/health/ready', allowed: 'public', url: () => '/health/ready' },
  { method: 'post', path: '/auth/login', allowed: 'public', url: () => '/auth/login', body: () => ({}) },
  { method: 'get', path: '/auth/me', allowed: STAFF, url: () => '/auth/me' },
  // An empty body proves the guard let the caller through (400 from validation) without changing anything.
  { method: 'post', path: '/auth/password', allowed: STAFF, url: () => '/auth/password', body: () => ({}) },
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
];

describe('access control: every route × every role', () => {
  let app: NestExpressApplication;
  let accounts: Record<Role, TestAccount>;
  let ctx: Ctx;

  beforeAll(async () => {
    app = await bootApp();
    const staff = await makeDepartmentWithStaff(app);
    accounts = { admin: staff.admin, supervisor: staff.supervisor, inspector: staff.inspector, legal_reviewer: staff.legalReviewer };
    ctx = { departmentId: staff.department.id, inspectorId: staff.inspector.id };
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
    const res = route.body ? await req.send(route.body(ctx)) : await req;
    const allowed = route.allowed === 'public' || (caller !== 'anonymous' && route.allowed.includes(caller));
    if (allowed) {
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
