// `npm start`'s build: the server (tsc) and the console (web/build.mjs), each skipped when its
// sources have not changed since the last build — a start with nothing changed pays for neither
// (issue 13: later starts ≤ 5 s; tsc's own incremental check alone takes seconds).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const stampFile = path.join(root, 'dist', '.server-build-stamp');

function files(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function serverStamp() {
  const hash = createHash('sha256');
  const inputs = [...files(path.join(root, 'src')), ...files(path.join(root, 'migrations')), ...['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((f) => path.join(root, f))];
  for (const file of inputs) {
    if (!fs.existsSync(file)) continue;
    hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

const stamp = serverStamp();
if (fs.existsSync(path.join(root, 'dist', 'src', 'main.js')) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) {
  process.stdout.write('server: up to date (dist)\n');
} else {
  // `npm run build` = prebuild (drops compiled files whose source is gone) + tsc.
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  fs.writeFileSync(stampFile, stamp);
}
await import('../web/build.mjs');
