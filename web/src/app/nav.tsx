import type { ComponentType } from 'react';
import { matchPath } from 'react-router';
import type { SessionUser } from '../api/client';
// The inspector's home, in the first script: no second round trip for its chunk on a phone on 3G.
import MyTasks from '../pages/field/MyTasks';

export type Role = SessionUser['role'];

export interface PageRoute {
  /** Path under /console/ (react-router syntax). */
  path: string;
  /** Breadcrumb / title of the page. */
  title: string;
  roles: readonly Role[];
  load: () => Promise<{ default: ComponentType }>;
  /** Drawn without antd (plain elements): not wrapped in its theme, which then stays out of the first script. */
  plain?: true;
}

export interface MenuEntry {
  key: string;
  label: string;
  roles: readonly Role[];
  children?: { path: string; label: string; roles?: readonly Role[] }[];
  path?: string;
}

const OFFICE: readonly Role[] = ['admin', 'supervisor', 'legal_reviewer'];
const SUP: readonly Role[] = ['supervisor'];
const ADMIN: readonly Role[] = ['admin'];
const LEGAL: readonly Role[] = ['legal_reviewer'];

/**
 * Every page of the console with the roles that may open it. The API enforces the same rules; this
 * only keeps a role from seeing menus it cannot use. Pages load on demand (one chunk each).
 */
export const PAGES: PageRoute[] = [
  { path: '', title: '工作台', roles: OFFICE, load: () => import('../pages/workbench/Workbench') },
  { path: 'account', title: '个人设置', roles: ['admin', 'supervisor', 'legal_reviewer', 'inspector'], load: () => import('../pages/account/Account') },

  { path: 'items', title: '检查事项', roles: SUP, load: () => import('../pages/items/ItemList') },
  { path: 'items/:id', title: '检查事项详情', roles: SUP, load: () => import('../pages/items/ItemDetail') },
  { path: 'entities', title: '检查对象', roles: SUP, load: () => import('../pages/entities/EntityList') },
  { path: 'entities/:id', title: '检查对象详情', roles: SUP, load: () => import('../pages/entities/EntityDetail') },
  { path: 'imports', title: '批量导入', roles: SUP, load: () => import('../pages/imports/ImportPage') },
  { path: 'inspectors', title: '执法人员', roles: ['supervisor', 'admin'], load: () => import('../pages/inspectors/InspectorList') },
  { path: 'inspectors/:id', title: '执法人员详情', roles: ['supervisor', 'admin'], load: () => import('../pages/inspectors/InspectorDetail') },
  { path: 'recusals', title: '回避关系', roles: SUP, load: () => import('../pages/inspectors/RecusalList') },

  { path: 'plans', title: '抽查计划', roles: SUP, load: () => import('../pages/plans/PlanList') },
  { path: 'plans/new', title: '新建抽查计划', roles: SUP, load: () => import('../pages/plans/PlanWizard') },
  { path: 'plans/:id', title: '抽查计划详情', roles: SUP, load: () => import('../pages/plans/PlanDetail') },
  { path: 'draws/:id', title: '抽取结果', roles: SUP, load: () => import('../pages/plans/DrawDetail') },

  { path: 'records', title: '检查结果', roles: SUP, load: () => import('../pages/records/RecordList') },
  { path: 'records/:id', title: '检查记录', roles: ['supervisor', 'legal_reviewer'], load: () => import('../pages/records/RecordDetail') },
  { path: 'rectifications', title: '责令整改', roles: SUP, load: () => import('../pages/records/RectificationList') },
  { path: 'publications', title: '公示期限', roles: SUP, load: () => import('../pages/records/PublicationList') },

  { path: 'legal-reviews', title: '法制审核待办', roles: LEGAL, load: () => import('../pages/legal/ReviewQueue') },
  { path: 'legal-reviews/register', title: '法制审核登记', roles: LEGAL, load: () => import('../pages/legal/ReviewRegister') },
  { path: 'legal-reviews/:recordId', title: '法制审核', roles: LEGAL, load: () => import('../pages/legal/ReviewRecord') },

  { path: 'reports', title: '年度报告', roles: ['supervisor', 'admin'], load: () => import('../pages/reports/ReportPage') },

  { path: 'admin/departments', title: '部门管理', roles: ADMIN, load: () => import('../pages/admin/Departments') },
  { path: 'admin/users', title: '账号管理', roles: ADMIN, load: () => import('../pages/admin/Users') },
  { path: 'admin/calendar', title: '节假日安排', roles: ADMIN, load: () => import('../pages/admin/Calendar') },
  { path: 'admin/outbox', title: '消息外发', roles: ADMIN, load: () => import('../pages/admin/Outbox') },
  { path: 'admin/audit', title: '审计链校验', roles: ADMIN, load: () => import('../pages/admin/Audit') },
  { path: 'admin/lock-events', title: '登录锁定记录', roles: ADMIN, load: () => import('../pages/admin/LockEvents') },

  { path: 'tasks', title: '我的任务', roles: ['inspector'], load: () => Promise.resolve({ default: MyTasks }), plain: true },
  { path: 'tasks/:id', title: '检查任务', roles: ['inspector'], load: () => import('../pages/field/TaskDetail') },
  { path: 'sync', title: '待同步', roles: ['inspector'], load: () => import('../pages/field/SyncPage') },
];

/** The left navigation, by task, as bureau staff know it (console.md). */
export const MENU: MenuEntry[] = [
  { key: 'home', label: '工作台', roles: OFFICE, path: '/' },
  { key: 'tasks', label: '我的任务', roles: ['inspector'], path: '/tasks' },
  { key: 'sync', label: '待同步', roles: ['inspector'], path: '/sync' },
  { key: 'items', label: '检查事项', roles: SUP, path: '/items' },
  {
    key: 'entities',
    label: '检查对象',
    roles: SUP,
    children: [
      { path: '/entities', label: '检查对象名录' },
      { path: '/imports', label: '批量导入' },
    ],
  },
  {
    key: 'inspectors',
    label: '执法人员',
    roles: ['supervisor', 'admin'],
    children: [
      { path: '/inspectors', label: '执法人员名录' },
      { path: '/recusals', label: '回避关系', roles: SUP },
    ],
  },
  { key: 'plans', label: '抽查计划', roles: SUP, path: '/plans' },
  {
    key: 'records',
    label: '检查结果',
    roles: SUP,
    children: [
      { path: '/records', label: '检查记录' },
      { path: '/publications', label: '公示期限' },
      { path: '/rectifications', label: '责令整改' },
    ],
  },
  {
    key: 'legal',
    label: '法制审核',
    roles: LEGAL,
    children: [
      { path: '/legal-reviews', label: '待审核' },
      { path: '/legal-reviews/register', label: '审核登记' },
    ],
  },
  { key: 'reports', label: '年度报告', roles: ['supervisor', 'admin'], path: '/reports' },
  {
    key: 'admin',
    label: '系统管理',
    roles: ADMIN,
    children: [
      { path: '/admin/departments', label: '部门管理' },
      { path: '/admin/users', label: '账号管理' },
      { path: '/admin/calendar', label: '节假日安排' },
      { path: '/admin/outbox', label: '消息外发' },
      { path: '/admin/audit', label: '审计链校验' },
      { path: '/admin/lock-events', label: '登录锁定记录' },
    ],
  },
];

export function menuFor(role: Role): MenuEntry[] {
  return MENU.filter((m) => m.roles.includes(role)).map((m) => ({ ...m, children: m.children?.filter((c) => !c.roles || c.roles.includes(role)) }));
}

/** Whether a role may open a console path (e.g. the page a previous user left open before signing out). */
export function canOpen(role: Role, pathname: string): boolean {
  const path = pathname.split('?')[0];
  return PAGES.some((p) => p.roles.includes(role) && matchPath({ path: '/' + p.path, end: true }, path) !== null);
}

/** Where a role lands after signing in. */
export function homeOf(role: Role): string {
  return role === 'inspector' ? '/tasks' : '/';
}

/** Parent pages for breadcrumbs: the list a detail page belongs to. */
const PARENT: Record<string, { title: string; path?: string }> = {
  items: { title: '检查事项', path: '/items' },
  entities: { title: '检查对象', path: '/entities' },
  imports: { title: '检查对象', path: '/entities' },
  inspectors: { title: '执法人员', path: '/inspectors' },
  recusals: { title: '执法人员', path: '/inspectors' },
  plans: { title: '抽查计划', path: '/plans' },
  draws: { title: '抽查计划', path: '/plans' },
  records: { title: '检查结果', path: '/records' },
  rectifications: { title: '检查结果', path: '/records' },
  publications: { title: '检查结果', path: '/records' },
  'legal-reviews': { title: '法制审核', path: '/legal-reviews' },
  admin: { title: '系统管理' },
};

export function breadcrumbOf(pathname: string, title: string): { title: string; path?: string }[] {
  const first = pathname.split('/').filter(Boolean)[0];
  const parent = first ? PARENT[first] : undefined;
  if (!parent || parent.path === pathname) return [{ title }];
  return [parent, { title }];
}
