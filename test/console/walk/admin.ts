import { createHash } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';

/**
 * Year-walk steps of the administrator: console only, no API call. Each starts from any signed-in
 * page of an admin and navigates by the menus, as a user does.
 */

export type RoleLabel = '系统管理员' | '抽查负责人' | '执法检查人员' | '法制审核人员';

/** Opens a left-menu page: the group is expanded first when its entry is not shown. */
export async function openMenu(page: Page, group: string | null, item: string): Promise<void> {
  const nav = page.getByRole('navigation').first();
  // The menu is its own chunk: it must be there before "is the entry shown?" means anything.
  await page.getByRole('menu', { name: '主导航' }).first().waitFor();
  const link = nav.getByRole('link', { name: item, exact: true });
  if (group && !(await link.isVisible())) await nav.getByRole('menuitem', { name: group }).click();
  await link.click();
  await page.getByRole('heading', { level: 3 }).first().waitFor();
}

/** Picks an option of an Ant Design select by its label text (typing it first filters searchable ones). */
export async function chooseOption(scope: Page | Locator, label: string, option: string | RegExp, search?: string): Promise<void> {
  const page = 'page' in scope ? scope.page() : scope;
  const box = scope.getByLabel(label, { exact: true });
  // The select's own box shows the chosen label: read back, so a click lost while the popup was still
  // animating (seen once on CI's busy machine) is tried again instead of failing later at submit.
  const shown = box.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  const popup = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  for (let attempt = 1; ; attempt++) {
    if (attempt === 1 || !(await popup.first().isVisible())) await box.click();
    if (search !== undefined) await box.fill(search);
    await popup.getByTitle(option, typeof option === 'string' ? { exact: true } : undefined).first().click();
    const chosen = shown.filter({ hasText: option });
    try {
      await chosen.waitFor({ timeout: attempt === 1 ? 5_000 : 30_000 });
      return;
    } catch (err) {
      if (attempt >= 2) throw err;
      console.warn(`chooseOption ${label}: the choice did not show, trying again`);
    }
  }
}

/** Types a date into an Ant Design date field; leaving it (Tab) keeps it (Enter would also submit the form). */
export async function fillDate(scope: Page | Locator, label: string, date: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill('');
  await input.pressSequentially(date);
  await input.press('Tab');
  // The calendar popup must be gone before the next click (it can cover a dialog's buttons).
  const page = 'page' in scope ? scope.page() : scope;
  await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor({ state: 'hidden' });
}

/** A dialog's button: Ant Design spaces two-character Chinese labels ("保 存"). */
export function dialogButton(dialog: Locator, text: string): Locator {
  // Also while it shows its loading icon (its name is then "loading 保 存").
  return dialog.getByRole('button', { name: new RegExp(`^(loading\\s*)?${[...text].join('\\s*')}$`) });
}

/** Waits for a dialog to close after its OK; if it stays open, fails with the messages it shows. */
export async function dialogClosed(dialog: Locator, what: string): Promise<void> {
  try {
    await dialog.waitFor({ state: 'hidden' });
  } catch {
    const shown = await dialog.locator('.ant-form-item-explain-error, [role=alert]').allInnerTexts();
    throw new Error(`${what}: the dialog stayed open (${shown.join('；') || 'no message'})`);
  }
}

/** A department code derived from its name (codes are ASCII, names Chinese): stable and unique enough. */
export function departmentCodeOf(name: string): string {
  return `D${createHash('sha256').update(name).digest('hex').slice(0, 10).toUpperCase()}`;
}

export async function adminCreatesDepartment(page: Page, name: string, code = departmentCodeOf(name)): Promise<void> {
  await openMenu(page, '系统管理', '部门管理');
  await page.getByLabel('部门编码').fill(code);
  await page.getByLabel('部门名称').fill(name);
  await page.getByRole('button', { name: '新建部门' }).click();
  // The console's own confirmation: the list is paged by code, the new one may be on a later page.
  await page.getByText(`已新建部门「${name}」`).waitFor();
}

export async function adminCreatesAccount(page: Page, a: { username: string; displayName: string; role: RoleLabel; department: string; password: string }): Promise<void> {
  await openMenu(page, '系统管理', '账号管理');
  await page.getByRole('button', { name: '新建账号' }).click();
  const dialog = page.getByRole('dialog', { name: '新建账号' });
  await dialog.getByLabel('用户名').fill(a.username);
  await dialog.getByLabel('姓名').fill(a.displayName);
  await chooseOption(dialog, '角色', a.role);
  if (a.department) await chooseOption(dialog, '所属部门', a.department, a.department);
  await dialog.getByLabel('初始密码').fill(a.password);
  await dialogButton(dialog, '新建').click();
  await dialogClosed(dialog, `新建账号 ${a.username}`);
  // Found by the list's own search (the list is paged by username; others may come first).
  await page.getByLabel('用户名或姓名').fill(a.username);
  await page.getByRole('button', { name: /^查\s*询$/ }).click();
  await page.getByRole('cell', { name: a.username.toLowerCase(), exact: true }).waitFor();
}

export async function adminLinksInspector(page: Page, a: { inspectorName: string; username: string }): Promise<void> {
  await openMenu(page, '执法人员', '执法人员名录');
  await page.getByLabel('姓名', { exact: true }).fill(a.inspectorName);
  await page.getByRole('button', { name: /^查\s*询$/ }).click();
  await page.getByRole('link', { name: a.inspectorName, exact: true }).first().click();
  const card = page.locator('.ant-card').filter({ has: page.getByText('登录账号', { exact: true }) });
  const username = a.username.toLowerCase();
  await chooseOption(card, '选择账号', new RegExp(`^${username.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}（`), username);
  await card.getByRole('button', { name: '关联账号' }).click();
  await card.getByText(username, { exact: true }).waitFor();
}
