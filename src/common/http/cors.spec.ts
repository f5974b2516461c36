import type { IncomingMessage, ServerResponse } from 'node:http';
import { publicCors, routePattern } from './cors';
import type { RouteEntry } from './route-table';

const ROUTES: RouteEntry[] = [
  { method: 'GET', path: '/', public: true },
  { method: 'GET', path: '/public/results', public: true },
  { method: 'GET', path: '/public/open-data/:file', public: true },
  { method: 'GET', path: '/public/feed.atom', public: true },
  { method: 'GET', path: '/public/draws/:id/transcript', public: true },
  { method: 'GET', path: '/portal/*path', public: true },
  { method: 'POST', path: '/auth/login', public: true },
  { method: 'GET', path: '/draws/:id', public: false },
  { method: 'GET', path: '/public/draws/staff-only', public: false },
  { method: 'POST', path: '/public/results', public: false },
];

/** A request and a response that records what the handler did. */
function call(method: string, path: string, headers: Record<string, string> = {}) {
  const set: Record<string, string> = {};
  const res = { statusCode: 200, ended: false, setHeader: (n: string, v: string) => void (set[n.toLowerCase()] = v), end() { this.ended = true; } };
  const answered = publicCors(ROUTES)({ method, path, headers } as unknown as IncomingMessage & { path: string }, res as unknown as ServerResponse);
  return { answered, status: res.statusCode, ended: res.ended, headers: set };
}

describe('publicCors', () => {
  it.each([
    ['GET', '/public/results', '*'],
    ['HEAD', '/public/results', '*'],
    ['GET', '/PUBLIC/Results/', '*'], // as Express matches: case-insensitive, trailing slash
    ['GET', '/public/open-data/inspections.csv', '*'],
    ['GET', '/public/feed.atom', '*'],
    ['GET', '/public/feedXatom', undefined], // the dot is literal
    ['GET', '/public/draws/abc/transcript', '*'],
    ['GET', '/portal/entities/91350100M000100Y43', '*'],
    ['GET', '/', '*'],
    ['GET', '/draws/abc', undefined],
    ['GET', '/public/draws/staff-only', undefined], // a staff route the public pattern would also match
    ['GET', '/public/nowhere', undefined],
    ['POST', '/public/results', undefined],
    ['POST', '/auth/login', undefined], // public, but not a read
  ])('%s %s → Access-Control-Allow-Origin %s', (method, path, origin) => {
    const r = call(method, path, { origin: 'https://apps.example.org' });
    expect(r.answered).toBe(false);
    expect(r.headers['access-control-allow-origin']).toBe(origin);
    expect(r.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('answers a preflight for GET on a public read route, with no credentials and no Authorization header', () => {
    const r = call('OPTIONS', '/public/open-data/entities.json', { origin: 'https://apps.example.org', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' });
    expect(r).toMatchObject({ answered: true, status: 204, ended: true });
    expect(r.headers).toMatchObject({ 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, HEAD', 'access-control-max-age': '7200' });
    expect(r.headers['access-control-allow-headers']).not.toMatch(/authorization/i);
    expect(r.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it.each([
    ['/draws/abc', 'GET', 'https://apps.example.org'],
    ['/public/results', 'POST', 'https://apps.example.org'],
    ['/auth/login', 'POST', 'https://apps.example.org'],
    ['/public/results', 'GET', undefined], // not a preflight without Origin
  ])('leaves OPTIONS %s for %s to routing, with no CORS header', (path, wanted, origin) => {
    const r = call('OPTIONS', path, { 'access-control-request-method': wanted, ...(origin ? { origin } : {}) });
    expect(r).toEqual({ answered: false, status: 200, ended: false, headers: {} });
  });

  it.each([
    ['/', '\\/'],
    ['/public/draws/:id/transcript', '\\/public\\/draws\\/[^/]+\\/transcript\\/?'],
    ['/portal/*path', '\\/portal\\/.+\\/?'],
    ['/public/feed.atom', '\\/public\\/feed\\.atom\\/?'],
  ])('routePattern(%s)', (path, pattern) => {
    expect(routePattern(path)).toBe(pattern);
  });

  it('refuses route syntax it cannot match exactly', () => {
    expect(() => routePattern('/files{/:name}')).toThrow(/unsupported route syntax/);
    expect(() => routePattern('/a/:id.json')).toThrow(/unsupported route syntax/);
  });
});
