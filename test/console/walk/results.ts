import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';

/**
 * Year-walk steps of the results area (检查结果, 法制审核, 年度报告), driven through the console only:
 * menus, links, buttons and form labels, as a user does. No API call. Each starts from any signed-in
 * page of the right role and ends when the console confirms the action.
 */

/** Antd puts a space between the two characters of a two-character Chinese button label. */
const label = (text: string) => new RegExp(`^\\s*${[...text].join('\\s*')}\\s*$`);

/** Opens a page from the left navigation (expanding its group when closed). */
async function openMenu(page: Page, group: string | null, entry: string): Promise<void> {
  const nav = page.getByRole('menu', { name: '主导航' });
  await nav.waitFor(); // its own chunk: there before "is the entry shown?" means anything
  const link = nav.getByRole('link', { name: entry, exact: true });
  if (group && !(await link.isVisible())) await nav.getByRole('menuitem', { name: group }).click();
  await link.click();
}

/** Chooses an option of an antd Select found by its label. */
async function choose(page: Page, fieldLabel: string, option: string): Promise<void> {
  await page.getByLabel(fieldLabel).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
}

/** 检查结果 · 检查记录 filtered to a stage, then the entity's record. */
async function openRecord(page: Page, stage: string, entityName: string): Promise<void> {
  await openMenu(page, '检查结果', '检查记录');
  await choose(page, '环节', stage);
  await page.getByRole('link', { name: entityName, exact: true }).click();
  await page.getByRole('heading', { name: entityName }).waitFor();
}

async function confirmAction(page: Page, button: string, ok: string, done: string): Promise<void> {
  await page.getByRole('button', { name: label(button) }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: label(ok) }).click();
  await page.getByText(done).first().waitFor();
  await dialog.waitFor({ state: 'hidden' });
}

export async function supervisorApprovesRecord(page: Page, entityName: string): Promise<void> {
  await openRecord(page, '待审批', entityName);
  await confirmAction(page, '审批通过', '确认审批通过', '已审批通过，请在公示期限内公示');
}

/** Marking a result 重大执法决定 is a supervisor action in the API (POST /records/{id}/mark-major). */
export async function supervisorMarksMajor(page: Page, entityName: string): Promise<void> {
  await openRecord(page, '待审批', entityName);
  await confirmAction(page, '标记为重大执法决定', '确认标记', '已标记为重大执法决定，待法制审核');
}

/** 检查结果 · 公示期限 (pending ones), the entity's result, 公示 now. */
export async function supervisorPublishesRecord(page: Page, entityName: string): Promise<void> {
  await openMenu(page, '检查结果', '公示期限');
  await choose(page, '公示状态', '全部待公示');
  await page.getByRole('link', { name: entityName, exact: true }).click();
  await page.getByRole('heading', { name: entityName }).waitFor();
  await page.getByRole('button', { name: label('公示') }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('立即公示').check();
  await dialog.getByRole('button', { name: label('确认公示') }).click();
  await page.getByText('已向社会公示').first().waitFor();
}

/** 法制审核 · 待审核, the entity's record, the decision form, confirmed. */
export async function legalReviewerReviews(page: Page, entityName: string, decision: { approve: boolean; opinion: string }): Promise<void> {
  await openMenu(page, '法制审核', '待审核');
  await page.getByRole('link', { name: entityName, exact: true }).click();
  await page.getByText('法制审核意见').waitFor();
  await page.getByLabel(decision.approve ? '审核通过' : '退回', { exact: true }).check();
  await page.getByLabel('审核意见（内部，不公开）').fill(decision.opinion);
  if (!decision.approve) await page.getByLabel('退回理由（检查组需修改的内容）').fill(decision.opinion);
  await page.getByRole('button', { name: '提交审核意见' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确认提交' }).click();
  await page.getByText(decision.approve ? '审核通过，已登记' : '已退回检查组，已登记').first().waitFor();
}

/** 年度报告 for a year, downloaded as DOCX or XLSX; the saved file's path. */
export async function supervisorDownloadsAnnualReport(page: Page, year: number, kind: 'docx' | 'xlsx'): Promise<string> {
  await openMenu(page, null, '年度报告');
  await choose(page, '年度', `${year} 年`);
  await page.getByText(new RegExp(` · ${year} 年 · 数据截至`)).waitFor();
  const button = page.getByRole('button', { name: kind === 'docx' ? '下载 Word（DOCX）' : '下载 Excel（XLSX）' });
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'annual-report-'));
  const target = path.join(dir, file.suggestedFilename());
  await file.saveAs(target);
  return target;
}
