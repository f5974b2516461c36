import { NestExpressApplication } from '@nestjs/platform-express';
import { bootApp, dataSourceOf, http } from './support/app';
import { bearer, makeAccount, makeDepartment, PASSWORD } from './support/fixtures';

describe('auth: login, tokens', () => {
  let app: NestExpressApplication;
  let departmentId: string;
  beforeAll(async () => {
    app = await bootApp();
    departmentId = (await makeDepartment(app)).id;
  });
  afterAll(async () => {
    await app.close();
  });

  it('logs in and returns a bearer token that identifies the caller', async () => {
    const account = await makeAccount(app, 'inspector', departmentId);
    const res = await http(app).post('/auth/login').send({ username: account.username.toUpperCase(), password: PASSWORD }).expect(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { username: account.username, role: 'inspector', departmentId } });
    const me = await http(app).get('/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ id: account.id, role: 'inspector', active: true });
    expect(me.body.passwordHash).toBeUndefined();
  });

  it('refuses a wrong password and an unknown user with the same 401', async () => {
    const account = await makeAccount(app, 'supervisor', departmentId);
    const wrong = await http(app).post('/auth/login').send({ username: account.username, password: 'not-the-password' }).expect(401);
    const unknown = await http(app).post('/auth/login').send({ username: 'nobody-here', password: 'whatever-password' }).expect(401);
    for (const res of [wrong, unknown]) {
      expect(res.body).toEqual({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: '用户名或密码错误；连续失败后须稍候再试', requestId: expect.any(String) });
    }
  });

  it('refuses missing, malformed and forged tokens', async () => {
    await http(app).get('/auth/me').expect(401);
    const res = await http(app).get('/auth/me').set('Authorization', 'Bearer not.a.jwt').expect(401);
    expect(res.body.code).toBe('INVALID_TOKEN');
    const basic = await http(app).get('/auth/me').set('Authorization', 'Basic abc').expect(401);
    expect(basic.body.code).toBe('BEARER_REQUIRED');
    const forged = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url') + '.' + Buffer.from(JSON.stringify({ sub: 'x', role: 'admin' })).toString('base64url') + '.';
    await http(app).get('/auth/me').set('Authorization', `Bearer ${forged}`).expect(401);
  });

  it('stops honouring the token of a deactivated account at once', async () => {
    const account = await makeAccount(app, 'inspector', departmentId);
    await http(app).get('/auth/me').set(bearer(account)).expect(200);
    await dataSourceOf(app).query('UPDATE users SET active = false WHERE id = $1', [account.id]);
    await http(app).get('/auth/me').set(bearer(account)).expect(401);
    await http(app).post('/auth/login').send({ username: account.username, password: PASSWORD }).expect(401);
  });

  it('changes the own password and revokes the tokens issued before', async () => {
    const account = await makeAccount(app, 'legal_reviewer', departmentId);
    await http(app).post('/auth/password').set(bearer(account)).send({ currentPassword: 'wrong', newPassword: 'another-long-password' }).expect(401);
    await http(app).post('/auth/password').set(bearer(account)).send({ currentPassword: PASSWORD, newPassword: 'short' }).expect(400);
    await http(app).post('/auth/password').set(bearer(account)).send({ currentPassword: PASSWORD, newPassword: 'another-long-password' }).expect(204);
    await http(app).get('/auth/me').set(bearer(account)).expect(401);
    await http(app).post('/auth/login').send({ username: account.username, password: 'another-long-password' }).expect(200);
  });

  it('created the first admin from ADMIN_USERNAME/ADMIN_PASSWORD', async () => {
    const res = await http(app).post('/auth/login').send({ username: 'admin', password: 'test-admin-password-1234' }).expect(200);
    expect(res.body.user).toMatchObject({ role: 'admin', departmentId: null });
  });
});
