import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findBrowser } from './support/browser';

/** Which Chromium the browser tests use: `npm test` must find one on a machine that only ran `npm install`. */
describe('the browser for the portal tests', () => {
  it('takes CHROMIUM_PATH first, and refuses one that is not an executable file', () => {
    expect(findBrowser({ CHROMIUM_PATH: process.execPath })).toEqual({ source: 'CHROMIUM_PATH', executablePath: process.execPath });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssgk-browser-'));
    try {
      const notExecutable = path.join(dir, 'chromium');
      fs.writeFileSync(notExecutable, '');
      expect(() => findBrowser({ CHROMIUM_PATH: notExecutable })).toThrow(`CHROMIUM_PATH=${notExecutable} is not an executable file`);
      expect(() => findBrowser({ CHROMIUM_PATH: dir })).toThrow(`CHROMIUM_PATH=${dir} is not an executable file`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without CHROMIUM_PATH takes the Chromium installed by `npm install` (Linux x64), extracted inside node_modules', () => {
    const choice = findBrowser({});
    const packaged = process.platform === 'linux' && process.arch === 'x64';
    expect(choice.source).toBe(packaged ? '@sparticuz/chromium' : '/usr/bin/chromium');
    expect(choice.executablePath.startsWith(path.resolve(__dirname, '..', 'node_modules', '.cache', 'ssgk-chromium') + path.sep)).toBe(packaged);
    expect(fs.statSync(choice.executablePath).mode & 0o100).toBeTruthy();
  });
});
