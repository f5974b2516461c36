import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OPENAPI_FILE, renderOpenApiDocument } from './openapi';

// The console's client is generated from docs/openapi.json: it must be the app's current document
// and lint-clean under redocly's recommended rules (redocly.yaml, .redocly.lint-ignore.yaml).
describe('docs/openapi.json', () => {
  const root = path.join(__dirname, '..');

  it('is the document the app builds (run `npm run openapi` after changing a route or DTO)', async () => {
    const current = await renderOpenApiDocument();
    expect(fs.readFileSync(OPENAPI_FILE, 'utf8') === current ? 'up to date' : 'stale: run npm run openapi').toBe('up to date');
  }, 60_000);

  it('passes redocly lint (recommended rules) with no error and no warning', () => {
    const cli = require.resolve('@redocly/cli/bin/cli.js');
    let out: string;
    try {
      out = execFileSync(process.execPath, [cli, 'lint', 'docs/openapi.json', '--format=json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      out = (err as { stdout?: string }).stdout ?? '';
    }
    const report = JSON.parse(out) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string; location: { pointer: string }[] }[] };
    expect(report.problems.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);

  it('is what the console\'s typed client was generated from (run `npm run console:types` after `npm run openapi`)', () => {
    const cli = path.join(root, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
    const generated = path.join(root, 'web', 'src', 'api', 'schema.d.ts');
    const fresh = execFileSync(process.execPath, [cli, 'docs/openapi.json', '--redocly', 'redocly.yaml'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    expect(fs.readFileSync(generated, 'utf8') === fresh ? 'up to date' : 'stale: run npm run console:types').toBe('up to date');
  }, 60_000);
});
