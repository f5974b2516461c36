import * as fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';

/**
 * Year-walk steps of the supervisor's directories: they drive the console as a user does (menus,
 * forms, buttons) and make no API call of their own.
 */

/** Opens a page from the left navigation (a submenu is opened first when the entry sits in one). */
export async function openMenu(page: Page, label: string, parent?: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: '主导航' }).or(page.getByRole('menu', { name: '主导航' })).first();
  // The menu is its own chunk: wait until it (or, on a phone, its ☰ button) is there before asking what is visible.
  await nav.or(page.getByRole('button', { name: '打开导航' })).first().waitFor();
  if ((await page.getByRole('button', { name: '打开导航' }).count()) > 0) await page.getByRole('button', { name: '打开导航' }).click();
  await nav.waitFor();
  const entry = nav.getByRole('menuitem', { name: label, exact: true });
  if (parent && !(await entry.isVisible())) await nav.getByRole('menuitem', { name: parent, exact: true }).click();
  await entry.getByRole('link').or(entry).first().click();
}

export interface NewItem {
  code: string;
  name: string;
  domain: string;
  legalBasis?: string;
  checkPoints?: string[];
}

/**
 * 检查事项 → 新增检查事项: an item a plan can use (general category, on-site, the usual default
 * ratios A 3% · B 5% · C 20% · D 100%, yearly), then waits for its detail page (version 1).
 */
export async function supervisorCreatesItem(page: Page, i: NewItem): Promise<void> {
  await openMenu(page, '检查事项');
  await page.getByRole('button', { name: '新增检查事项' }).click();
  const form = page.getByRole('dialog', { name: '新增检查事项' });
  await form.getByLabel('事项编码').fill(i.code);
  await form.getByLabel('事项名称').fill(i.name);
  await form.getByLabel('抽查依据').fill(i.legalBasis ?? `《${i.domain}管理条例》`);
  if (i.checkPoints?.length) await form.getByLabel(/检查内容/).fill(i.checkPoints.join('\n'));
  await form.getByLabel('抽查对象').fill(`${i.domain}相关单位`);
  await form.getByLabel('执法领域').fill(i.domain);
  await form.getByRole('button', { name: /保\s*存/ }).click();
  await untilOrRefused(page.getByRole('heading', { name: '检查事项详情' }), form.locator('.ant-form-item-explain-error, .ant-alert-error'), `item ${i.code}`);
  await page.getByText(i.name).first().waitFor();
}

export interface ImportOutcome {
  imported: number;
  rejected: number;
  errors: { row: number; message: string }[];
}

/** Waits for `done`; if the form shows the API's refusal instead, fails with its words. */
async function untilOrRefused(done: Locator, refusal: Locator, what: string): Promise<void> {
  await done.or(refusal).first().waitFor();
  if (!(await done.isVisible()) && (await refusal.count()) > 0) throw new Error(`${what} refused: ${(await refusal.allInnerTexts()).join('; ')}`);
}

const count = async (l: Locator) => Number((await l.innerText()).replace(/[^\d]/g, ''));

/**
 * 检查对象 → 批量导入: downloads the template (it must arrive), uploads the file importing the valid
 * rows and skipping bad ones, waits for the job's progress bar to finish, and reads the counts and
 * the error table from the page.
 */
export async function supervisorImportsEntities(page: Page, file: string): Promise<ImportOutcome> {
  await openMenu(page, '批量导入', '检查对象');
  await page.getByRole('heading', { name: '批量导入' }).waitFor();
  const [template] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载模板（XLSX）' }).click()]);
  const templatePath = await template.path();
  if (!/\.xlsx$/.test(template.suggestedFilename()) || fs.statSync(templatePath).size < 1000) {
    throw new Error(`the template did not download (${template.suggestedFilename()})`);
  }

  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByRole('radio', { name: /仅导入正确的行/ }).check();
  await page.getByRole('button', { name: '开始导入' }).click();

  const job = page.getByTestId('import-job');
  await untilOrRefused(job, page.locator('.ant-alert-error'), `import of ${file}`);
  await job.getByRole('progressbar').and(page.locator('[aria-valuenow="100"]')).waitFor({ timeout: 120_000 });
  const imported = await count(job.getByTestId('import-imported'));
  const rejected = await count(job.getByTestId('import-rejected'));
  const errors: ImportOutcome['errors'] = [];
  if (rejected > 0) {
    const table = job.getByTestId('import-errors');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    for (;;) {
      for (const row of await table.locator('tbody tr.ant-table-row').all()) {
        const cells = await row.locator('td').allInnerTexts();
        errors.push({ row: Number(cells[0]), message: cells[3].trim() });
      }
      const next = table.locator('.ant-pagination-next');
      if ((await next.count()) === 0 || (await next.getAttribute('aria-disabled')) === 'true') break;
      await next.click();
    }
  }
  return { imported, rejected, errors };
}
