import { NestExpressApplication } from '@nestjs/platform-express';
import { bootApp, http } from './support/app';

describe('health, API docs and HTTP basics', () => {
  let app: NestExpressApplication;
  beforeAll(async () => {
    app = await bootApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers liveness and readiness (with the database and the Node.js version) without an account', async () => {
    const live = await http(app).get('/health/live').expect(200);
    expect(live.body.status).toBe('ok');
    const ready = await http(app).get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    expect(ready.body.details.runtime).toEqual({ status: 'up', node: process.version });
  });

  it('serves the OpenAPI UI and document, describing every route', async () => {
    const ui = await http(app).get('/api/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger');
    const doc = await http(app).get('/api/openapi.json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/auth/login', '/departments', '/users/{id}', '/health/ready']));
    expect(doc.body.components.securitySchemes.bearer).toBeDefined();
  });

  it('sets security headers and a request id, and keeps a safe caller-supplied one', async () => {
    const res = await http(app).get('/health/live').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const mine = await http(app).get('/health/live').set('X-Request-Id', 'trace-1234567890').expect(200);
    expect(mine.headers['x-request-id']).toBe('trace-1234567890');
    const unsafe = await http(app).get('/health/live').set('X-Request-Id', 'bad id with spaces').expect(200);
    expect(unsafe.headers['x-request-id']).not.toBe('bad id with spaces');
  });

  it('gives pages the full set of browser security headers and API answers the REST set', async () => {
    const api = await http(app).get('/public/items').expect(200);
    expect(api.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'content-security-policy': "default-src 'none'; frame-ancestors 'none'", 'cross-origin-resource-policy': 'same-origin' });
    expect(api.headers['cross-origin-opener-policy']).toBeUndefined();
    for (const page of ['/', '/portal/results', '/api/docs/']) {
      const res = await http(app).get(page).expect(200);
      // The API docs (Swagger UI) need inline scripts; the portal runs only this site's own scripts (the browser verifier).
      expect(res.headers['content-security-policy']).toContain(page === '/api/docs/' ? "script-src 'self' 'unsafe-inline'" : "script-src 'self';");
      if (page !== '/api/docs/') expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(res.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN', 'cross-origin-opener-policy': 'same-origin', 'referrer-policy': 'no-referrer' });
      expect(res.headers['strict-transport-security']).toBeUndefined(); // not in production
    }
    // A request with a body is still parsed (the parsers run only when there is one).
    const bad = await http(app).post('/auth/login').set('Content-Type', 'application/json').send('{"user').expect(400);
    expect(bad.body).toMatchObject({ code: 'MALFORMED_JSON', requestId: bad.headers['x-request-id'] });
  });
});
