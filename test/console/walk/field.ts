import type { Page } from 'playwright-core';
import { RESULT_CODES } from '../../../src/checks/result-codes';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether a result label records a problem (result-codes.ts is the one place that says so). */
function isProblemLabel(label: string): boolean {
  const found = Object.values(RESULT_CODES).find((c) => c.label === label);
  if (!found) throw new Error(`not a result code label: ${label}`);
  return found.problem;
}

/**
 * The signed-in inspector opens the task of `entityName` from 我的任务, fills the check form and submits
 * it (console only, no API call). Every team member present; the representative 王五（负责人）; each item
 * 符合, except the first one 发现问题 with `findings` when the result records a problem.
 */
export async function inspectorSubmitsRecord(page: Page, entityName: string, r: { result: string; findings?: string; checkDate: string; major?: boolean }): Promise<void> {
  const problem = isProblemLabel(r.result);
  await page.getByRole('link', { name: '我的任务' }).first().click();
  await page.getByRole('link', { name: new RegExp(`^(开始检查|继续填写)：${escape(entityName)}$`) }).click();
  await page.getByRole('form', { name: '现场检查记录' }).waitFor();

  await page.getByLabel('检查日期').fill(r.checkDate);
  const place = page.getByLabel('检查地点');
  if (!(await place.inputValue()).trim()) await place.fill(`${entityName}经营场所`);
  for (const box of await page.getByRole('group', { name: '在场执法人员' }).getByRole('checkbox').all()) await box.check();
  await page.getByLabel('被检查单位在场人员姓名').fill('王五');
  await page.getByLabel('职务').fill('负责人');

  const items = page.getByRole('radiogroup', { name: /检查情况$/ });
  const count = await items.count();
  for (let i = 0; i < count; i++) {
    const found = problem && i === 0;
    // Ant Design's button-style radios hide the input: the user taps the visible label.
    await items.nth(i).getByText(found ? '发现问题' : '符合', { exact: true }).click();
    if (i === 0 && r.findings) await page.getByLabel(found ? '问题描述' : '检查情况说明').first().fill(r.findings);
  }

  const results = page.getByRole('group', { name: '检查结果' });
  for (const box of await results.getByRole('checkbox', { checked: true }).all()) await box.uncheck();
  await results.getByRole('checkbox', { name: r.result, exact: true }).check();
  const major = page.getByRole('checkbox', { name: '拟作出重大执法决定（须经法制审核）' });
  if (r.major) await major.check();
  else await major.uncheck();

  await page.getByRole('button', { name: /^提\s*交$/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确认提交' }).click();
  const done = page.getByText('检查记录已提交', { exact: true });
  const refused = page.getByRole('alert').filter({ hasText: /未能保存|数据已被他人修改/ });
  // A refusal under a field counts too: it fails here with its message instead of timing out.
  await done.or(refused).or(page.locator('.ant-form-item-explain-error')).first().waitFor();
  if (!(await done.isVisible())) throw new Error(`the record was not submitted: ${(await refused.allInnerTexts()).join(' | ')} ${(await page.locator('.ant-form-item-explain-error').allInnerTexts()).join(' | ')}`);
}
