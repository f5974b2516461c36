import type { Locator, Page } from 'playwright-core';

/**
 * Year-walk steps for 抽查计划, driving the console only (no API call): create a plan in the wizard,
 * publish it, run the draw ceremony. The supervisor is signed in on `page`.
 */

const button = (page: Page, name: string) => page.getByRole('button', { name: new RegExp(`${name.split('').join('\\s*')}$`) });

async function openMenu(page: Page, label: string): Promise<void> {
  const nav = page.getByRole('navigation');
  // The menu is its own chunk: wait for it, or on a phone for its ☰ button, before asking what is visible.
  await page.getByRole('menu', { name: '主导航' }).or(page.getByRole('button', { name: '打开导航' })).first().waitFor();
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

/** A named public event: `at` as an ISO instant with zone, or as typed, "YYYY-MM-DD HH:mm" Beijing time. */
export type PublicEvent = { name: string; at: string };

let lotteryIssue = 24100;

const beijing = (instant: number) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(instant));

/**
 * Fills the commit-reveal event in an open publish or redraw dialog. Without `event`: a new lottery
 * issue five minutes after the app's time the dialog shows (the app's clock, not the browser's).
 * Returns the event as entered, `at` as an ISO instant.
 */
export async function fillPublicEvent(dialog: Locator, event?: PublicEvent): Promise<PublicEvent> {
  let at: number;
  if (event) at = /^\d{4}-\d{2}-\d{2}\s+\d{2}:\d{2}$/.test(event.at) ? Date.parse(`${event.at.replace(/\s+/, 'T')}:00+08:00`) : Date.parse(event.at);
  else {
    const shown = /(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})/.exec(await dialog.getByTestId('server-time').innerText());
    if (!shown) throw new Error('the dialog shows no server time');
    at = Date.parse(`${shown[1]}T${shown[2]}:00+08:00`) + 5 * 60_000;
  }
  const name = event?.name ?? `中国体育彩票排列5 第${lotteryIssue++}期开奖号码`;
  await dialog.getByLabel(/^(新的)?公开随机事件/).fill(name);
  await dialog.getByLabel(/开奖时间（北京时间/).fill(beijing(at));
  await dialog.getByLabel(/官方开奖结果查询网址/).fill('https://www.lottery.gov.cn/');
  return { name, at: new Date(at).toISOString() };
}

/**
 * Publishes a draft plan, confirming what becomes fixed and public. A commit-reveal plan names its
 * public event (`event`, or by default one five minutes after the app's time shown in the dialog);
 * returns it (null for drand). The draw must wait until the event's time has passed. Each of
 * `witnesses` commits to its secret (computed in the browser); it reveals it at the draw.
 */
export async function supervisorPublishesPlan(page: Page, planName: string, event?: PublicEvent, witnesses: { label: string; secret: string }[] = []): Promise<PublicEvent | null> {
  await openPlan(page, planName, '草稿');
  await button(page, '发布计划').click();
  const dialog = page.getByRole('dialog', { name: '确认发布抽查计划' });
  await dialog.getByText('发布后不可撤销').waitFor();
  const commitReveal = await dialog.getByLabel(/承诺—揭示/).isChecked();
  const named = commitReveal ? await fillPublicEvent(dialog, event) : null;
  // Each witness types their secret; the browser computes the commitment (the secret is not sent).
  for (const [i, w] of witnesses.entries()) {
    await dialog.getByRole('button', { name: '添加见证人承诺' }).click();
    await dialog.getByLabel('见证人名称').nth(i).fill(w.label);
    await dialog.getByLabel(`见证人 ${i + 1} 的秘密值`).fill(w.secret);
    await dialog.getByRole('button', { name: '在本机计算承诺值' }).nth(i).click();
    const commitment = dialog.getByLabel(/^承诺值/).nth(i);
    for (let tries = 0; !/^[0-9a-f]{64}$/.test(await commitment.inputValue()); tries++) {
      if (tries > 50) throw new Error(`witness ${w.label}: no commitment computed`);
      await page.waitForTimeout(100);
    }
  }
  await dialog.getByRole('button', { name: /确认发布/ }).click();
  await page.getByText('已公布的哈希值').waitFor();
  return named;
}

/**
 * The draw ceremony of a published plan (commit-reveal: `entropy` is the named event's official
 * result, `reveals` the witnesses' values in commitment order), confirmed; returns the figures the
 * draw page shows. A drand plan needs the round's signature, which this step cannot fetch.
 */
export async function supervisorDraws(page: Page, planName: string, entropy?: string, reveals: string[] = []): Promise<{ targets: number; unstaffed: number }> {
  await openPlan(page, planName, '已公布待抽取');
  if (entropy === undefined) throw new Error('supervisorDraws: a drand plan needs the round signature; give the event result of a commit-reveal plan');
  await page.getByLabel('公开随机事件的官方开奖结果').fill(entropy);
  for (const [i, value] of reveals.entries()) await page.getByLabel(/揭示的秘密值$/).nth(i).fill(value);
  await button(page, '开始抽取').click();
  await page.getByRole('dialog').getByRole('button', { name: /确认抽取/ }).click();
  const counts = page.getByTestId('draw-counts');
  await counts.waitFor();
  const m = /([\d,]+) 个，其中未配齐检查组 ([\d,]+) 个/.exec(await counts.innerText());
  if (!m) throw new Error(`draw page shows no counts: ${await counts.innerText()}`);
  return { targets: Number(m[1].replace(/,/g, '')), unstaffed: Number(m[2].replace(/,/g, '')) };
}
