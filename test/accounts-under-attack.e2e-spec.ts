import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { NestExpressApplication } from '@nestjs/platform-express';
import { UsersService } from '../src/users/users.service';
import { bootApp, http } from './support/app';
import { csv, utf8Bom } from './support/files';
import { bearer, makeAccount, makeDepartment, PASSWORD, unique } from './support/fixtures';

/** Issue 12 §5: the login under brute force, its own rate-limit bucket, token versions, slow bodies. */

const FREE_FAILURES = 3;
const ACCOUNT_FAILURES = 8;
const REFUSED = { statusCode: 401, code: 'INVALID_CREDENTIALS', message: '用户名或密码错误；连续失败后须稍候再试', requestId: expect.any(String) };

describe('login throttle: by (username, address), never the owner from a known address', () => {
  let app: NestExpressApplication;
  let departmentId: string;
  // Behind a proxy: X-Forwarded-For gives the client address. Without it, the test client is 127.0.0.1.
  beforeAll(async () => {
    app = await bootApp({ TRUST_PROXY: 'true', LOGIN_FREE_FAILURES: String(FREE_FAILURES), LOGIN_ACCOUNT_FAILURES: String(ACCOUNT_FAILURES) });
    departmentId = (await makeDepartment(app)).id;
  });
  afterAll(async () => {
    await app.close();
  });

  const login = (username: string, password: string, address?: string) => {
    const req = http(app).post('/auth/login');
    return (address ? req.set('X-Forwarded-For', address) : req).send({ username, password });
  };

  it('an attacker elsewhere cannot lock the admin out: only his own address is throttled, and admins see it', async () => {
    const admin = await makeAccount(app, 'admin', null); // logged in from 127.0.0.1: a known address
    const attacker = '203.0.113.10';
    for (let i = 0; i < FREE_FAILURES + 4; i++) expect((await login(admin.username, 'wrong-guess-123', attacker)).body).toEqual(REFUSED);
    // Throttled: even the right password from the attacker's address gets the same answer.
    expect((await login(admin.username, PASSWORD, attacker).expect(401)).body).toEqual(REFUSED);
    // The owner, from his usual address, logs in; so does he from a new address (no account-wide lock of admins).
    await login(admin.username, PASSWORD).expect(200);
    await login(admin.username, PASSWORD, '198.51.100.99').expect(200);

    const events = await http(app).get('/auth/lock-events').query({ username: admin.username }).set(bearer(admin)).expect(200);
    expect(events.body.items).toEqual([
      { id: expect.any(String), kind: 'address', username: admin.username, address: attacker, failures: FREE_FAILURES + 1, blockedUntil: expect.any(String), createdAt: expect.any(String) },
    ]);
    expect(Date.parse(events.body.items[0].blockedUntil)).toBeGreaterThan(Date.parse(events.body.items[0].createdAt));
  });

  it('answers an unknown username exactly like an existing one, wrong password or throttled', async () => {
    const account = await makeAccount(app, 'inspector', departmentId);
    const nobody = unique('nobody.');
    const answers = async (username: string) => {
      const out: unknown[] = [];
      for (let i = 0; i < FREE_FAILURES + 3; i++) {
        const res = await login(username, 'wrong-guess-123', '203.0.113.20');
        out.push({ status: res.status, body: { ...res.body, requestId: 'x' }, retryAfter: res.headers['retry-after'] });
      }
      return out;
    };
    const real = await answers(account.username);
    expect(real).toEqual(await answers(nobody));
    expect(new Set(real.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(real[0]).toEqual({ status: 401, body: { ...REFUSED, requestId: 'x' }, retryAfter: undefined });
  });

  it('guessing from many addresses: new addresses are refused for the account, its known address and admins are not; an admin unlocks it', async () => {
    const inspector = await makeAccount(app, 'inspector', departmentId);
    const admin = await makeAccount(app, 'admin', null);
    for (const who of [inspector, admin]) {
      for (let i = 0; i < ACCOUNT_FAILURES; i++) await login(who.username, `wrong-guess-${i}`, `198.51.100.${i + 1}`).expect(401);
    }
    // From an address never seen for the account: refused, with the same answer, though the password is right.
    expect((await login(inspector.username, PASSWORD, '192.0.2.50').expect(401)).body).toEqual(REFUSED);
    // From the address the owner logged in from before: in.
    await login(inspector.username, PASSWORD).expect(200);
    // Admins are never locked out by default.
    await login(admin.username, PASSWORD, '192.0.2.51').expect(200);

    const events = await http(app).get('/auth/lock-events').query({ username: inspector.username }).set(bearer(admin)).expect(200);
    expect(events.body.items).toContainEqual(expect.objectContaining({ kind: 'account', username: inspector.username, address: '192.0.2.50', failures: ACCOUNT_FAILURES }));

    // The documented unlock: an admin re-activates the account.
    await http(app).patch(`/users/${inspector.id}`).set(bearer(admin)).send({ active: true }).expect(200);
    await login(inspector.username, PASSWORD, '192.0.2.52').expect(200);
  });

  it('parallel guesses from one address cannot slip past the counter', async () => {
    const account = await makeAccount(app, 'supervisor', departmentId);
    const attacker = '203.0.113.30';
    await Promise.all(Array.from({ length: FREE_FAILURES + 3 }, () => login(account.username, 'wrong-guess-123', attacker).expect(401)));
    // FREE_FAILURES free slots plus the one that started the delay; the rest were refused, not counted.
    const events = await http(app).get('/auth/lock-events').query({ username: account.username }).set(bearer(await makeAccount(app, 'admin', null))).expect(200);
    expect(events.body.items).toEqual([expect.objectContaining({ kind: 'address', address: attacker, failures: FREE_FAILURES + 1 })]);
    await login(account.username, PASSWORD, attacker).expect(401);
  });

  it('shows lock events to administrators only', async () => {
    const supervisor = await makeAccount(app, 'supervisor', departmentId);
    await http(app).get('/auth/lock-events').expect(401);
    await http(app).get('/auth/lock-events').set(bearer(supervisor)).expect(403);
  });
});

describe('login rate limit: its own bucket', () => {
  it('public load from an address does not keep staff at that address from logging in, and the login bucket is limited on its own', async () => {
    const limited = await bootApp({ PUBLIC_RATE_LIMIT_PER_MINUTE: '5', LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const username = unique('nat.');
      await limited.get(UsersService).create({ username, displayName: '同一出口地址', password: PASSWORD, role: 'admin', departmentId: null });
      for (let i = 0; i < 5; i++) await http(limited).get('/public/items').expect(200);
      await http(limited).get('/public/items').expect(429);
      await http(limited).post('/auth/login').send({ username, password: PASSWORD }).expect(200);
      await http(limited).post('/auth/login').send({ username, password: PASSWORD }).expect(200);
      await http(limited).post('/auth/login').send({ username: unique('nobody.'), password: PASSWORD }).expect(401);
      const refused = await http(limited).post('/auth/login').send({ username, password: PASSWORD }).expect(429);
      expect(refused.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
      expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    } finally {
      await limited.close();
    }
  });
});

describe('token versions', () => {
  let app: NestExpressApplication;
  let departmentId: string;
  beforeAll(async () => {
    app = await bootApp();
    departmentId = (await makeDepartment(app)).id;
  });
  afterAll(async () => {
    await app.close();
  });

  /** Waits for the start of a wall-clock second, so what follows happens within that second. */
  const startOfSecond = () => new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000)));

  it('a token issued in the same second as a password change stops working', async () => {
    const admin = await makeAccount(app, 'admin', null);
    const account = await makeAccount(app, 'inspector', departmentId);
    let password = PASSWORD;
    for (let round = 0; round < 3; round++) {
      await startOfSecond();
      const next = `${PASSWORD}-${round}`;
      // The login reads the account at once and is issued its token while the reset is still hashing
      // the new password: both land in the same second, the token before the change.
      const [login] = await Promise.all([
        http(app).post('/auth/login').send({ username: account.username, password }).expect(200),
        http(app).patch(`/users/${account.id}`).set(bearer(admin)).send({ password: next }).expect(200),
      ]);
      password = next;
      await http(app).get('/auth/me').set(bearer({ token: login.body.accessToken as string })).expect(401);
    }
    await http(app).post('/auth/login').send({ username: account.username, password }).expect(200);
  });

  it('tokens from before a deactivation stay revoked after re-activation; a role change revokes them too', async () => {
    const admin = await makeAccount(app, 'admin', null);
    const account = await makeAccount(app, 'inspector', departmentId);
    await http(app).patch(`/users/${account.id}`).set(bearer(admin)).send({ active: false }).expect(200);
    await http(app).patch(`/users/${account.id}`).set(bearer(admin)).send({ active: true }).expect(200);
    await http(app).get('/auth/me').set(bearer(account)).expect(401);

    const fresh = (await http(app).post('/auth/login').send({ username: account.username, password: PASSWORD }).expect(200)).body.accessToken as string;
    await http(app).get('/auth/me').set(bearer({ token: fresh })).expect(200);
    await http(app).patch(`/users/${account.id}`).set(bearer(admin)).send({ role: 'supervisor' }).expect(200);
    await http(app).get('/auth/me').set(bearer({ token: fresh })).expect(401);
    // A change that touches neither leaves tokens alone.
    const current = (await http(app).post('/auth/login').send({ username: account.username, password: PASSWORD }).expect(200)).body.accessToken as string;
    await http(app).patch(`/users/${account.id}`).set(bearer(admin)).send({ displayName: '改名' }).expect(200);
    await http(app).get('/auth/me').set(bearer({ token: current })).expect(200);
  });
});

describe('slow request bodies', () => {
  let app: NestExpressApplication;
  let port: number;
  beforeAll(async () => {
    app = await bootApp({ HTTP_REQUEST_TIMEOUT_MS: '1000', HTTP_HEADERS_TIMEOUT_MS: '1000' });
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    await app.close();
  });

  /** Sends `head`, then `body` in `pieces` slices `gapMs` apart; resolves with all that came back once the server closes. */
  function trickle(head: string, body: Buffer, pieces: number, gapMs: number): Promise<{ response: string; closedAfterMs: number }> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const socket = net.connect(port, '127.0.0.1');
      const chunks: Buffer[] = [];
      const timers: NodeJS.Timeout[] = [];
      const guard = setTimeout(() => {
        socket.destroy();
        reject(new Error(`connection still open after 15 s; got: ${Buffer.concat(chunks).toString('utf8').slice(0, 200)}`));
      }, 15_000);
      socket.on('data', (c) => chunks.push(c));
      socket.on('error', () => undefined); // a reset after the answer is what we are testing for
      socket.on('close', () => {
        clearTimeout(guard);
        timers.forEach(clearTimeout);
        resolve({ response: Buffer.concat(chunks).toString('utf8'), closedAfterMs: Date.now() - started });
      });
      socket.write(head);
      const size = Math.ceil(body.length / pieces);
      for (let i = 0; i < pieces; i++) {
        timers.push(setTimeout(() => !socket.destroyed && socket.write(body.subarray(i * size, (i + 1) * size)), i * gapMs));
      }
    });
  }

  it('answers 408 in the error shape and closes a connection whose body does not arrive in time', async () => {
    const body = Buffer.from(JSON.stringify({ username: 'slow', password: 'x'.repeat(40) }));
    const head = `POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    // The body in ten pieces a second apart: never complete before the 1 s limit.
    const { response } = await trickle(head, body, 10, 1000);
    expect(response).toMatch(/^HTTP\/1\.1 408 /);
    expect(response).toMatch(/[Cc]onnection: close/);
    expect(JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4))).toEqual({ statusCode: 408, code: 'REQUEST_TIMEOUT', message: expect.any(String), requestId: expect.any(String) });
  });

  it('closes many slow senders at once, and a connection whose headers never end', async () => {
    const body = Buffer.from('{"username":"slow","password":"slow-slow-slow"}');
    const head = `POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const answers = await Promise.all(Array.from({ length: 30 }, () => trickle(head, body, 10, 1000)));
    for (const { response } of answers) expect(response).toMatch(/^HTTP\/1\.1 408 /);
    // Headers that never end (slowloris): Node's own 408 once HTTP_HEADERS_TIMEOUT_MS has passed.
    const { response } = await trickle('POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n', Buffer.from('X-Slow: 1\r\nX-Slower: 2\r\n'), 10, 1000);
    expect(response).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('lets an authorised upload take longer than that limit', async () => {
    const supervisor = await makeAccount(app, 'supervisor', (await makeDepartment(app)).id);
    const boundary = 'slowuploadboundary';
    const file = utf8Bom(csv([['统一社会信用代码', '名称']]));
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.csv"\r\nContent-Type: text/csv\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const head =
      `POST /imports/entities HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${supervisor.token}\r\nConnection: close\r\n` +
      `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${body.length}\r\n\r\n`;
    // Over about 2.4 s, well past the 1 s limit of other bodies.
    const { response } = await trickle(head, body, 5, 600);
    expect(response).toMatch(/^HTTP\/1\.1 202 /);
  });
});
