import { NestExpressApplication } from '@nestjs/platform-express';
import { bootApp, dataSourceOf, http } from './support/app';
import { bearer, makeDepartmentWithStaff, TestAccount, unique } from './support/fixtures';

const errorShape = (statusCode: number, code: string) => ({ statusCode, code, message: expect.any(String), requestId: expect.any(String) });

describe('bad input gets a 4xx in the one error shape and changes nothing', () => {
  let app: NestExpressApplication;
  let admin: TestAccount;
  /** Counts only rows this suite names: other suites write to the same database in parallel. */
  let countCodes: (codes: string[]) => Promise<number>;
  beforeAll(async () => {
    app = await bootApp({ BODY_LIMIT: '16kb' });
    admin = (await makeDepartmentWithStaff(app)).admin;
    countCodes = async (codes) => (await dataSourceOf(app).query('SELECT count(*)::int AS n FROM departments WHERE code = ANY($1)', [codes]))[0].n;
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (body: string | object, type = 'application/json') => http(app).post('/departments').set(bearer(admin)).set('Content-Type', type).send(body);

  it('malformed JSON → 400 MALFORMED_JSON, with the request id of the response header', async () => {
    const res = await post('{"code": "AB", "name": ').expect(400);
    expect(res.body).toEqual(errorShape(400, 'MALFORMED_JSON'));
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });

  it('unknown fields → 400 with per-field details', async () => {
    const res = await post({ code: unique('E'), name: unique('错误测试局'), isAdmin: true }).expect(400);
    expect(res.body).toMatchObject(errorShape(400, 'VALIDATION_FAILED'));
    expect(res.body.details).toEqual([{ field: 'isAdmin', constraints: { whitelistValidation: '不允许的字段' } }]);
  });

  it('wrong types and missing fields → 400 naming each field', async () => {
    const res = await post({ code: 12345, name: ['x'] }).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['code', 'name']);
    const empty = await post({}).expect(400);
    expect(empty.body.details).toEqual([
      { field: 'code', constraints: { isDefined: '必填' } },
      { field: 'name', constraints: { isDefined: '必填' } },
    ]);
    const short = await post({ code: 'ABC', name: '局' }).expect(400);
    expect(short.body.details).toEqual([{ field: 'name', constraints: { minLength: '长度不能少于2个字符' } }]);
    const arr = await post([{ code: 'AA', name: 'BB' }]).expect(400);
    expect(arr.body.statusCode).toBe(400);
    const scalar = await post('"just a string"').expect(400);
    expect(scalar.body.statusCode).toBe(400);
  });

  it('wrong query types → 400', async () => {
    const res = await http(app).get('/users?page=abc&pageSize=1000').set(bearer(admin)).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['page', 'pageSize']);
    await http(app).get('/users?role=king').set(bearer(admin)).expect(400);
    await http(app).get('/users?surprise=1').set(bearer(admin)).expect(400);
  });

  it('a body over the limit → 413; an unsupported content type → 415, not a crash', async () => {
    const res = await post({ code: 'BIG', name: 'x'.repeat(20_000) }).expect(413);
    expect(res.body).toEqual(errorShape(413, 'PAYLOAD_TOO_LARGE'));
    const text = await post('code=AB', 'text/plain').expect(415);
    expect(text.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('unknown route → 404 ROUTE_NOT_FOUND; unknown id → 404; malformed id → 400', async () => {
    expect((await http(app).get('/no/such/route').expect(404)).body).toEqual(errorShape(404, 'ROUTE_NOT_FOUND'));
    expect((await http(app).delete('/departments').set(bearer(admin)).expect(404)).body.code).toBe('ROUTE_NOT_FOUND');
    const missing = await http(app).get('/departments/7d1f0a57-9a3c-4c8e-9d6a-1b2c3d4e5f60').set(bearer(admin)).expect(404);
    expect(missing.body).toEqual(errorShape(404, 'DEPARTMENT_NOT_FOUND'));
    const bad = await http(app).get('/departments/not-a-uuid').set(bearer(admin)).expect(400);
    expect(bad.body).toEqual(errorShape(400, 'INVALID_ID'));
  });

  it('a unique violation → 409 from the named constraint, and the first row is kept', async () => {
    const code = unique('U');
    const first = unique('唯一测试局');
    await post({ code, name: first }).expect(201);
    const res = await post({ code, name: unique('另一个局') }).expect(409);
    expect(res.body).toEqual({ ...errorShape(409, 'DEPARTMENT_CODE_TAKEN'), details: [{ field: 'code' }] });
    const rows = await dataSourceOf(app).query('SELECT name FROM departments WHERE code = $1', [code]);
    expect(rows).toEqual([{ name: first }]);
  });

  it('null for a required field, NUL characters, out-of-range numbers and dates → 400, never 500', async () => {
    const dept = (await post({ code: unique('N'), name: unique('空值测试局') }).expect(201)).body;
    const nul = await http(app).patch(`/departments/${dept.id}`).set(bearer(admin)).send({ name: null }).expect(400);
    expect(nul.body.code).toBe('VALIDATION_FAILED');
    const user = (await http(app).get('/users?role=admin').set(bearer(admin)).expect(200)).body.items[0];
    await http(app).patch(`/users/${user.id}`).set(bearer(admin)).send({ displayName: null }).expect(400);
    const nulChar = await http(app).patch(`/departments/${dept.id}`).set(bearer(admin)).send({ name: 'a\u0000b' }).expect(400);
    expect(nulChar.body.code).toBe('INVALID_CHARACTER');
    expect((await http(app).get('/users?page=1000000000000000000').set(bearer(admin)).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await http(app).get(`/entities?riskClass=A&riskClassOn=0000-01-01`).set(bearer(admin)).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await http(app).get(`/entities?q=${encodeURIComponent('a\u0000')}`).set(bearer(admin)).expect(400)).body.statusCode).toBe(400);
    expect((await http(app).get(`/items/${dept.id}/versions/99999999999`).set(bearer(admin)).expect(400)).body.code).toBe('INVALID_VERSION');
    expect((await http(app).get(`/departments/${dept.id}`).set(bearer(admin)).expect(200)).body.name).toBe(dept.name);
  });

  it('none of the above changed anything', async () => {
    const codes = [unique('E'), unique('E'), unique('E')];
    await post(`{"code": "${codes[0]}", "name": "局`).expect(400);
    await post({ code: codes[1], name: unique('局'), extra: 1 }).expect(400);
    await post({ code: codes[2], name: '' }).expect(400);
    await post({ code: unique('E'), name: 'x'.repeat(20_000) }).expect(413);
    expect(await countCodes(codes)).toBe(0);
  });
});

describe('public rate limit', () => {
  it('answers 429 with Retry-After in the error shape once a client exceeds the limit, and never limits health checks', async () => {
    const limited = await bootApp({ PUBLIC_RATE_LIMIT_PER_MINUTE: '5' });
    try {
      for (let i = 0; i < 5; i++) await http(limited).get('/public/results').expect(200);
      const refused = await http(limited).get('/public/results').expect(429);
      expect(refused.headers['retry-after']).toMatch(/^\d+$/);
      expect(refused.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED', requestId: expect.any(String) });
      for (let i = 0; i < 10; i++) await http(limited).get('/health/live').expect(200);
    } finally {
      await limited.close();
    }
  });
});
