import type { Page } from 'playwright-core';

/**
 * Year-walk steps for 抽查计划, driving the console only (no API call): create a plan in the wizard,
 * publish it, run the draw ceremony. The supervisor is signed in on `page`.
 */

const button = (page: Page, name: string) => page.getByRole('button', { name: new RegExp(`${name.split('').join('\\s*')}$`) });

async function openMenu(page: Page, label: string): Promise<void> {
  const nav = page.getByRole('navigation');
  if (!(await nav.getByRole('menuitem', { name: label }).isVisible())) await page.getByRole('button', { name: '打开导航' }).click();
  await page.getByRole('navigation').getByRole('menuitem', { name: label }).click();
}

/** Opens a plan from the list, narrowed to the state it is expected in. */
export async function openPlan(page: Page, planName: string, stateLabel?: string): Promise<void> {
  await openMenu(page, '抽查计划');
  if (stateLabel) {
    await page.getByLabel('状态').click();
    await page.locator('.ant-select-item-option', { hasText: stateLabel }).click();
    await button(page, '查询').click();
  }
  await page.getByRole('link', { name: planName, exact: true }).click();
  await page.waitForURL(/\/plans\/[0-9a-f-]{36}/);
  await page.getByText('回避规则').waitFor();
}

/** The wizard up to (and including) the scope step: item chosen, name, year and window filled. */
export async function fillPlanScope(page: Page, p: { name: string; year: number; itemName: string; windowStart?: string; windowEnd?: string }): Promise<void> {
  await openMenu(page, '抽查计划');
  await button(page, '新建抽查计划').click();
  const items = page.getByLabel('检查事项');
  await items.click();
  await items.fill(p.itemName);
  await page.locator('.ant-select-item-option', { hasText: p.itemName }).first().click();
  await page.keyboard.press('Escape');
  await button(page, '下一步').click();
  await page.getByLabel('计划名称').fill(p.name);
  await page.getByLabel('年度', { exact: true }).fill(String(p.year));
  await page.getByLabel('检查期限起').fill(p.windowStart ?? `${p.year}-01-02`);
  await page.getByLabel('检查期限止').fill(p.windowEnd ?? `${p.year}-12-31`);
  await button(page, '下一步').click();
  await page.getByLabel('A 类比例（%）').waitFor();
}

/**
 * Creates a draft plan in the wizard. Ratios are percent per class; a class left out keeps the
 * item's default ratio. The window is the plan's year (from 01-02) unless given. With
 * `witnessEntropy` the plan will use commit-reveal randomness (the entropy itself is entered at the draw).
 */
export async function supervisorCreatesPlan(
  page: Page,
  p: { name: string; year: number; itemName: string; ratios: Partial<Record<'A' | 'B' | 'C' | 'D', number>>; teamSize: number; witnessEntropy?: string; windowStart?: string; windowEnd?: string },
): Promise<void> {
  await fillPlanScope(page, p);
  for (const [k, v] of Object.entries(p.ratios)) await page.getByLabel(`${k} 类比例（%）`).fill(String(v));
  await button(page, '下一步').click(); // computes the counts first; stays on the step if the API refuses
  await page.getByLabel('检查组人数').waitFor();
  await page.getByLabel('检查组人数').fill(String(p.teamSize));
  await button(page, '下一步').click();
  await button(page, '下一步').click(); // exclusions: the defaults
  await page.getByLabel(p.witnessEntropy === undefined ? /drand 公共随机信标/ : /承诺—揭示/).check();
  await button(page, '下一步').click();
  await button(page, '保存草稿').click();
  await button(page, '发布计划').waitFor();
}

/** Publishes a draft plan, confirming what becomes fixed and public. */
export async function supervisorPublishesPlan(page: Page, planName: string): Promise<void> {
  await openPlan(page, planName, '草稿');
  await button(page, '发布计划').click();
  const dialog = page.getByRole('dialog', { name: '确认发布抽查计划' });
  await dialog.getByText('发布后不可撤销').waitFor();
  await dialog.getByRole('button', { name: /确认发布/ }).click();
  await page.getByText('已公布的哈希值').waitFor();
}

/**
 * The draw ceremony of a published plan (commit-reveal: the witnesses' `entropy`), confirmed; returns
 * the figures the draw page shows. A drand plan needs the round's signature, which this step cannot fetch.
 */
export async function supervisorDraws(page: Page, planName: string, entropy?: string): Promise<{ targets: number; unstaffed: number }> {
  await openPlan(page, planName, '已公布待抽取');
  if (entropy === undefined) throw new Error('supervisorDraws: a drand plan needs the round signature; give the witnesses\' entropy of a commit-reveal plan');
  await page.getByLabel('见证人提供的随机数').fill(entropy);
  await button(page, '开始抽取').click();
  await page.getByRole('dialog').getByRole('button', { name: /确认抽取/ }).click();
  const counts = page.getByTestId('draw-counts');
  await counts.waitFor();
  const m = /([\d,]+) 个，其中未配齐检查组 ([\d,]+) 个/.exec(await counts.innerText());
  if (!m) throw new Error(`draw page shows no counts: ${await counts.innerText()}`);
  return { targets: Number(m[1].replace(/,/g, '')), unstaffed: Number(m[2].replace(/,/g, '')) };
}
