import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RouteEntry } from './route-table';

/** Answers the request (a CORS preflight) and returns true, or sets CORS headers if any and returns false. */
export type CorsHandler = (req: IncomingMessage & { path: string }, res: ServerResponse) => boolean;

/** Headers a cross-origin script may send to a public route: conditional requests and our request id; never Authorization. */
const ALLOWED_REQUEST_HEADERS = 'Accept, Accept-Language, Content-Language, Cache-Control, If-None-Match, If-Modified-Since, X-Request-Id';
/** Response headers a cross-origin script may read beyond the safelisted ones. */
const EXPOSED_HEADERS = 'X-Request-Id, ETag, Content-Disposition, Retry-After';
/** Seconds a browser may cache a preflight answer (Chromium caps it at 7200). */
const PREFLIGHT_MAX_AGE = '7200';

/**
 * CORS for the public read routes only: every GET route marked @Public() — the public JSON API, the
 * open-data files, the Atom feed, draw transcripts, the portal, health — answers any origin with
 * `Access-Control-Allow-Origin: *` and never with credentials, so a page elsewhere can read what a
 * citizen can read, and nothing a staff token would unlock. Staff routes get no CORS header at all
 * and their preflights are not answered, so browsers refuse cross-origin calls to them. A path that
 * a staff GET route also matches counts as staff.
 */
export function publicCors(routes: RouteEntry[]): CorsHandler {
  const gets = routes.filter((r) => r.method === 'GET' || r.method === 'ALL');
  const publicRead = anyOf(gets.filter((r) => r.public).map((r) => r.path));
  const staffRead = anyOf(gets.filter((r) => !r.public).map((r) => r.path));
  const isPublicRead = (path: string) => publicRead.test(path) && !staffRead.test(path);

  return (req, res) => {
    const method = req.method;
    if (method === 'GET' || method === 'HEAD') {
      if (isPublicRead(req.path)) {
        res.setHeader('Access-Control-Allow-Origin', '*');
        res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
      }
      return false;
    }
    if (method !== 'OPTIONS' || req.headers.origin === undefined) return false;
    const wanted = req.headers['access-control-request-method'];
    if ((wanted !== 'GET' && wanted !== 'HEAD') || !isPublicRead(req.path)) return false; // not granted: routing answers (404)
    res.statusCode = 204;
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD');
    res.setHeader('Access-Control-Allow-Headers', ALLOWED_REQUEST_HEADERS);
    res.setHeader('Access-Control-Max-Age', PREFLIGHT_MAX_AGE);
    res.setHeader('Content-Length', '0');
    res.end();
    return true;
  };
}

/** One regular expression matching a path as Express matches these routes: case-insensitive, an optional trailing slash. */
function anyOf(paths: string[]): RegExp {
  if (!paths.length) return /(?!)/;
  return new RegExp(`^(?:${paths.map(routePattern).join('|')})$`, 'i');
}

/** /public/draws/:id/transcript → \/public\/draws\/[^/]+\/transcript\/? ; a `*name` segment matches the rest of the path. */
export function routePattern(path: string): string {
  if (path === '/') return '\\/';
  const segments = path.split('/').slice(1).map((segment) => {
    if (/^:\w+$/.test(segment)) return '[^/]+';
    if (/^\*\w+$/.test(segment)) return '.+';
    // Optional parts, groups and inline parameters would need path-to-regexp itself: refuse loudly rather than guess.
    if (/[:*{}()?+]/.test(segment)) throw new Error(`CORS: unsupported route syntax in ${path}`);
    return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return `\\/${segments.join('\\/')}\\/?`;
}
