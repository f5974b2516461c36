import { headerKind, isDocumentPath, securityHeaders } from './security-headers';

describe('securityHeaders', () => {
  const names = (headers: readonly (readonly [string, string])[]) => Object.fromEntries(headers.map(([n, v]) => [n.toLowerCase(), v]));

  it("gives pages helmet's full set with the CSP the Swagger UI and portal need, and API answers the REST set", () => {
    const { document, api } = securityHeaders({ NODE_ENV: 'development' });
    expect(names(document)).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN', 'cross-origin-opener-policy': 'same-origin', 'content-security-policy': expect.stringContaining("script-src 'self' 'unsafe-inline'") });
    expect(names(document)['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(names(api)).toEqual({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'content-security-policy': "default-src 'none'; frame-ancestors 'none'", 'cross-origin-resource-policy': 'same-origin' });
  });

  it('adds HSTS and the https upgrade in production only, to both sets', () => {
    const { document, api } = securityHeaders({ NODE_ENV: 'production' });
    expect(names(document)['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(names(document)['content-security-policy']).toContain('upgrade-insecure-requests');
    expect(names(api)['strict-transport-security']).toBe(names(document)['strict-transport-security']);
  });

  it('tells pages from API answers by path', () => {
    expect(['/', '/portal', '/portal/results', '/api/docs', '/api/docs/swagger-ui.css', '/Portal/Results'].map(isDocumentPath)).toEqual([true, true, true, true, true, true]);
    expect(['/public/results', '/api/openapi.json', '/health/live', '/portalx', '/api/docsx'].map(isDocumentPath)).toEqual([false, false, false, false, false]);
  });

  it('gives the console a CSP with scripts from this origin only (no inline script, no eval)', () => {
    const csp = names(securityHeaders({ NODE_ENV: 'development' }).console)['content-security-policy'];
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(['/console', '/console/', '/console/plans/1', '/Console/assets/x.js'].map(headerKind)).toEqual(['console', 'console', 'console', 'console']);
    expect(['/consolex', '/portal', '/plans', '/api/docs', '/'].map(headerKind)).toEqual(['api', 'portal', 'api', 'document', 'portal']);
    // The portal runs this origin's scripts only (the browser verifier): nothing inline, no eval, no CDN.
    const portal = Object.fromEntries(securityHeaders({ NODE_ENV: 'development' }).portal.map(([n, v]) => [n.toLowerCase(), v]));
    expect(portal['content-security-policy']).toContain("script-src 'self';");
    expect(portal['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
  });
});
