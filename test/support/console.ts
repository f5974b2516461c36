import * as fs from 'node:fs';
import * as path from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { consoleDir } from '../../src/common/http/console-static';
import { bootApp } from './app';
import { launchBrowser } from './browser';

/** Viewports the console is checked at (console.md). */
export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  tablet: { width: 1024, height: 768 },
  phone: { width: 390, height: 844 },
} as const;

export const SCREENSHOT_DIR = path.resolve(__dirname, '..', 'artifacts', 'console');

export interface ConsoleHarness {
  app: NestExpressApplication;
  browser: Browser;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The real app listening on a free port, serving the built console (npm test builds it first),
 * and a Chromium to drive it.
 */
export async function startConsole(overrides: Record<string, string> = {}, options: Parameters<typeof bootApp>[1] = {}): Promise<ConsoleHarness> {
  if (!fs.existsSync(path.join(consoleDir(), 'index.html'))) throw new Error(`the console is not built (${consoleDir()}): run npm run build:console (npm test does)`);
  const app = await bootApp(overrides, options);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (err) {
    await app.close();
    throw err;
  }
  return {
    app,
    browser,
    baseUrl: `http://127.0.0.1:${address.port}`,
    async close() {
      await browser.close().catch(() => undefined);
      await app.close();
    },
  };
}

export async function newConsolePage(h: ConsoleHarness, viewport: keyof typeof VIEWPORTS = 'desktop'): Promise<{ context: BrowserContext; page: Page }> {
  const phone = viewport === 'phone';
  const context = await h.browser.newContext({
    baseURL: h.baseUrl,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: VIEWPORTS[viewport],
    isMobile: phone,
    hasTouch: phone,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000); // the machine is shared (2 cores, two suites at once): a slow moment is not a failure
  return { context, page };
}

/** Signs in through the login form, as a user does, and waits for the first page of the role. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/console/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('button', { name: /退\s*出/ }).waitFor();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
