// Builds the portal's browser verifier (web/verifier/dist/verify-draw.js) from the SAME pure draw
// modules the server and `npm run verify-draw` run (src/draws), unless it is already built from
// the same sources. node:crypto is replaced by a SHA-256 shim and Buffer by the `buffer` package;
// no other Node API is reachable from those modules. Run by web/build.mjs (npm start, npm test).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const outDir = path.join(here, 'dist');
const outFile = path.join(outDir, 'verify-draw.js');
const stampFile = path.join(outDir, '.build-stamp');

function files(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function stamp() {
  const hash = createHash('sha256');
  const inputs = [...files(path.join(here, 'src')), path.join(here, 'build.mjs'), ...files(path.join(root, 'src', 'draws')), ...files(path.join(root, 'src', 'recusals')), path.join(root, 'src', 'plans', 'snapshot.ts'), path.join(root, 'package-lock.json')];
  for (const file of inputs) if (fs.existsSync(file)) hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex');
}

const current = stamp();
if (!process.argv.includes('--force') && fs.existsSync(outFile) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === current) {
  process.stdout.write('browser verifier: up to date (web/verifier/dist)\n');
} else {
  const started = Date.now();
  const { build } = await import('rolldown');
  await build({
    input: path.join(here, 'src', 'main.ts'),
    platform: 'browser',
    resolve: { alias: { 'node:crypto': path.join(here, 'src', 'node-crypto.ts') } },
    tsconfig: path.join(here, 'tsconfig.json'),
    output: { file: outFile, format: 'iife', minify: true },
    logLevel: 'warn',
  });
  fs.writeFileSync(stampFile, current);
  process.stdout.write(`browser verifier: built web/verifier/dist/verify-draw.js in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
