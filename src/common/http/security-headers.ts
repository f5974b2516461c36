import helmet from 'helmet';
import type { RuntimeConfig } from '../../config/runtime-config';

type Header = readonly [name: string, value: string];

/**
 * Helmet's headers for this configuration, computed once: they do not depend on the request (no
 * nonces), so setting the list costs one loop instead of helmet's chain of twelve middlewares.
 */
function helmetHeaders(config: Pick<RuntimeConfig, 'NODE_ENV'>): Header[] {
  const production = config.NODE_ENV === 'production';
  const headers: Header[] = [];
  const recorder = { setHeader: (name: string, value: string) => void headers.push([name, String(value)]), removeHeader: () => undefined };
  helmet({
    // Swagger UI needs inline styles and scripts. Served over plain HTTP on a LAN (TLS, if any, is
    // a reverse proxy's job), so no HSTS and no upgrade of requests to https unless in production.
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'", "'unsafe-inline'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'upgrade-insecure-requests': production ? [] : null,
      },
    },
    strictTransportSecurity: production,
  })(recorder as never, recorder as never, () => undefined);
  return headers;
}

/**
 * Security headers by kind of response. Pages a browser renders (the portal, the API docs) get
 * helmet's full set. API responses (JSON, CSV, DOCX, XLSX, Atom) get the set OWASP's REST Security
 * Cheat Sheet asks of an API (no sniffing, no framing, a CSP that allows nothing) and helmet's
 * Cross-Origin-Resource-Policy — the rest of helmet's set only concerns documents, and each header
 * costs every response (bench:public).
 */
export function securityHeaders(config: Pick<RuntimeConfig, 'NODE_ENV'>): { document: Header[]; api: Header[]; console: Header[]; portal: Header[] } {
  const document = helmetHeaders(config);
  const hsts = document.filter(([name]) => name.toLowerCase() === 'strict-transport-security');
  const api: Header[] = [
    ['X-Content-Type-Options', 'nosniff'],
    ['X-Frame-Options', 'DENY'],
    ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
    // Browsers apply it to any cross-origin load without CORS (<img>, <script>), whatever the type.
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ...hsts,
  ];
  return { document, api, console: consoleHeaders(document, config), portal: portalHeaders(document, config) };
}

/**
 * The staff console (/console/): helmet's page set with a CSP that allows only this origin's
 * scripts — no inline script, no eval, no CDN. Ant Design writes its CSS-in-JS into <style>
 * elements, hence 'unsafe-inline' for styles only; blob:/data: images are photo previews and
 * downloads; the service worker and manifest come from this origin too.
 */
function consoleHeaders(document: Header[], config: Pick<RuntimeConfig, 'NODE_ENV'>): Header[] {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(config.NODE_ENV === 'production' ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
  return [
    ...document.filter(([name]) => !['content-security-policy', 'x-frame-options'].includes(name.toLowerCase())),
    ['Content-Security-Policy', csp],
    ['X-Frame-Options', 'DENY'],
  ];
}

/**
 * The public portal (`/`, `/portal/…`): only this origin's scripts — the browser verifier of a draw
 * (/portal/assets/verify-draw.js) and nothing inline, no eval, no CDN — and fetches only to this
 * origin (the transcript and the open-data feed). Styles are the portal's own stylesheet.
 */
function portalHeaders(document: Header[], config: Pick<RuntimeConfig, 'NODE_ENV'>): Header[] {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
    ...(config.NODE_ENV === 'production' ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
  return [...document.filter(([name]) => name.toLowerCase() !== 'content-security-policy'), ['Content-Security-Policy', csp]];
}

/** Which header set a path gets: the console, the portal, the API docs (a document), or API answers. */
export function headerKind(path: string): 'console' | 'portal' | 'document' | 'api' {
  const p = path.toLowerCase();
  if (p === '/console' || p.startsWith('/console/')) return 'console';
  if (p === '/' || p === '/portal' || p.startsWith('/portal/')) return 'portal';
  return isDocumentPath(path) ? 'document' : 'api';
}

/** Paths whose responses are pages for a browser: the portal (`/`, `/portal/…`) and the API docs. */
export function isDocumentPath(path: string): boolean {
  const p = path.toLowerCase(); // Express matches routes without regard to case
  return p === '/' || p === '/portal' || p.startsWith('/portal/') || p === '/api/docs' || p.startsWith('/api/docs/');
}
