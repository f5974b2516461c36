// Builds the staff console into web/dist unless it is already built from the same sources:
// `npm start` runs this every time, and a start with nothing changed must not pay for a build.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(web);
const dist = path.join(web, 'dist');
const stampFile = path.join(dist, '.build-stamp');

function files(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** What the build depends on: the console's sources and config, and the installed versions. */
function sourceStamp() {
  const hash = createHash('sha256');
  const inputs = [...files(path.join(web, 'src')), ...files(path.join(web, 'public')), path.join(web, 'index.html'), path.join(web, 'sw.js'), path.join(web, 'vite.config.mts'), path.join(root, 'package-lock.json')];
  for (const file of inputs) {
    if (!fs.existsSync(file)) continue;
    hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/**
 * web/dist/sw.js from web/sw.js: the build's files to precache (the app shell, every hashed chunk, the
 * manifest and icons) and a version from their names, so a new build installs a new worker.
 */
function writeServiceWorker() {
  const shipped = files(dist)
    .map((f) => path.relative(dist, f).split(path.sep).join('/'))
    .filter((f) => !f.endsWith('.gz') && f !== '.build-stamp' && f !== 'sw.js');
  const urls = shipped.map((f) => `/console/${f}`);
  const hash = createHash('sha256');
  for (const f of shipped) hash.update(f).update('\0').update(fs.readFileSync(path.join(dist, f))).update('\0');
  const version = hash.digest('hex').slice(0, 16);
  const template = fs.readFileSync(path.join(web, 'sw.js'), 'utf8');
  fs.writeFileSync(path.join(dist, 'sw.js'), template.replace("'__VERSION__'", JSON.stringify(version)).replace('__PRECACHE__', JSON.stringify(urls, null, 1)));
}

const force = process.argv.includes('--force');
const stamp = sourceStamp();
if (!force && fs.existsSync(path.join(dist, 'index.html')) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) {
  process.stdout.write('console: up to date (web/dist)\n');
} else {
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: path.join(web, 'vite.config.mts'), logLevel: 'warn' });
  // Precompressed once here, served as is (src/common/http/console-static.ts): no gzip per request.
  for (const file of files(path.join(dist, 'assets'))) {
    if (/\.(js|css|svg|json)$/.test(file)) fs.writeFileSync(`${file}.gz`, gzipSync(fs.readFileSync(file), { level: 9 }));
  }
  writeServiceWorker();
  fs.writeFileSync(stampFile, stamp);
  process.stdout.write(`console: built into web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
// The portal's browser verifier (its own stamp: rebuilt only when it or the draw modules change).
await import('./verifier/build.mjs');
