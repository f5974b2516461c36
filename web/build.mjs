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
  const inputs = [...files(path.join(web, 'src')), ...files(path.join(web, 'public')), path.join(web, 'index.html'), path.join(web, 'vite.config.mts'), path.join(root, 'package-lock.json')];
  for (const file of inputs) {
    if (!fs.existsSync(file)) continue;
    hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
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
  fs.writeFileSync(stampFile, stamp);
  process.stdout.write(`console: built into web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
// The portal's browser verifier (its own stamp: rebuilt only when it or the draw modules change).
await import('./verifier/build.mjs');
