import type { Page } from 'playwright-core';
import { dialogButton, dialogClosed, fillDate, openMenu } from './admin';

/**
 * Year-walk step of the supervisor: an inspector who can be drawn — the certificate, its enforcement
 * domain, then the training hours the bureau requires (read off the page) dated the server's today,
 * and a passed exam for this year. Console only, no API call.
 */
export async function supervisorCreatesInspector(
  page: Page,
  i: { name: string; certificateNo: string; domain: string; validFrom: string; validTo: string; issuingAuthority?: string; unit?: string; trainingDate?: string },
): Promise<void> {
  await openMenu(page, '执法人员', '执法人员名录');
  await page.getByRole('button', { name: '新增执法人员' }).click();
  const dialog = page.getByRole('dialog', { name: '新增执法人员' });
  await dialog.getByLabel('姓名').fill(i.name);
  await dialog.getByLabel('执法证号').fill(i.certificateNo);
  await dialog.getByLabel('发证机关').fill(i.issuingAuthority ?? '天津市人民政府');
  await fillDate(dialog, '执法证有效期起', i.validFrom);
  await fillDate(dialog, '执法证有效期止', i.validTo);
  const domains = dialog.getByLabel('执法领域');
  await domains.fill(i.domain);
  await domains.press('Enter');
  if (i.unit) await dialog.getByLabel('所在单位（科室）').fill(i.unit);
  await dialogButton(dialog, '保存').click();
  await dialogClosed(dialog, `新增执法人员 ${i.name}`);

  // The detail page of the new inspector: training and exam until the eligibility check passes.
  await page.getByText(i.certificateNo, { exact: true }).waitFor();
  const eligibility = page.getByTestId('eligibility');
  await eligibility.waitFor();
  const required = /要求不少于 ([\d.]+) 学时/.exec(await eligibility.innerText())?.[1] ?? '40';
  const trainings = page.locator('.ant-card').filter({ has: page.getByText('培训记录', { exact: true }) });
  if (i.trainingDate) await fillDate(trainings, '培训日期', i.trainingDate);
  await trainings.getByLabel('学时').fill(required);
  await trainings.getByLabel('培训内容').fill('行政执法资格年度培训');
  await trainings.getByRole('button', { name: '登记培训' }).click();
  await trainings.getByRole('cell', { name: '行政执法资格年度培训' }).waitFor();
  const exams = page.locator('.ant-card').filter({ has: page.getByText('年度考试', { exact: true }) });
  await exams.getByRole('button', { name: '登记考试结果' }).click();
  await exams.getByRole('cell', { name: '通过', exact: true }).waitFor();
}
