import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, Outlet, useLocation, useMatches, useNavigate } from 'react-router';
import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { FieldBottomBar } from '../components/FieldBottomBar';
import { useWide } from '../components/plain';
import { SyncStatus } from '../components/SyncStatus';
import { outboxItems } from '../offline/outbox';
import { ROLE_LABELS } from './labels';
import { useFeedback } from './feedback';
import { breadcrumbOf } from './nav';
import { useSession, useUser } from './session';

// Menu, drawer and breadcrumbs: not on a phone's first screen, so not in the first script.
const NavMenu = lazy(() => import('./NavMenu').then((m) => ({ default: m.NavMenu })));
const loadDrawer = () => import('./NavDrawer');
const NavDrawer = lazy(loadDrawer);
const Crumbs = lazy(() => import('./Crumbs'));

function useDepartmentName(departmentId: string | null): string {
  const { data } = useQuery({
    queryKey: ['departments', departmentId],
    enabled: departmentId !== null,
    queryFn: () => call(api.GET('/departments/{id}', { params: { path: { id: departmentId! } } })),
    staleTime: 300_000,
  });
  return departmentId === null ? '全部部门' : (data?.name ?? '');
}

/** The office layout: left navigation by task, header with department, user and 退出, breadcrumbs. */
export function AppLayout() {
  const user = useUser();
  const { logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const matches = useMatches();
  const narrow = !useWide();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [drawerUsed, setDrawerUsed] = useState(false);
  const department = useDepartmentName(user.departmentId);
  const bottomBar = narrow && user.role === 'inspector';
  const { modal } = useFeedback();

  // Logging out clears this device's copy of the inspector's data, unsent work included: say so first.
  const onLogout = async () => {
    const unsent = user.role === 'inspector' ? (await outboxItems().catch(() => [])).filter((i) => i.state !== 'sent').length : 0;
    const leave = () => void logout().then(() => navigate('/login', { replace: true }));
    if (!unsent) return leave();
    modal.confirm({
      title: `还有 ${unsent} 项未同步，确定退出？`,
      content: '退出登录会清除本机保存的任务、草稿和未上传的照片，未同步的内容将丢失且不能恢复。建议联网同步后再退出。',
      okText: '仍然退出',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: leave,
    });
  };

  const title = (matches[matches.length - 1]?.handle as { title?: string } | undefined)?.title ?? '工作台';
  const crumbs = breadcrumbOf(location.pathname, title);
  useEffect(() => {
    document.title = `${title} - 双随机一公开监管工作台`;
  }, [title]);

  // On a narrow screen, fetched once the first page is up, so the ☰ opens at once when tapped.
  useEffect(() => {
    if (!narrow) return;
    const t = setTimeout(() => void loadDrawer().catch(() => undefined), 1500);
    return () => clearTimeout(t);
  }, [narrow]);

  return (
    // Plain elements drawn as antd's Layout (global.css .app-*): the layout is part of every first load.
    <div className="app-shell">
      <a className="skip-link" href="#main">跳到主要内容</a>
      {!narrow && (
        <aside className="app-sider">
          <div style={{ color: '#fff', padding: '16px 20px', fontWeight: 600, fontSize: 16 }}>双随机一公开</div>
          <nav>
            <Suspense fallback={null}>
              <NavMenu role={user.role} />
            </Suspense>
          </nav>
        </aside>
      )}
      {narrow && drawerUsed && (
        <Suspense fallback={null}>
          <NavDrawer role={user.role} open={drawerOpen} onClose={() => setDrawerOpen(false)} />
        </Suspense>
      )}
      <div className="app-main">
        <header className="app-header">
          {narrow && (
            <button
              type="button"
              className="plain-btn"
              aria-label="打开导航"
              onClick={() => {
                setDrawerUsed(true);
                setDrawerOpen(true);
              }}
            >
              <MenuOutlined />
            </button>
          )}
          {/* Plain elements, not antd Typography (it brings Input and TextArea for its editable mode). */}
          <strong className="header-department" data-testid="header-department">
            {department}
          </strong>
          <div className="app-header-end">
            <Link to="/account" aria-label="个人设置">
              <UserOutlined />{' '}
              {/* A phone has room for the department and 退出 only; the name is one tap away. */}
              {!narrow && (
                <>
                  <span data-testid="header-user">{user.displayName || user.username}</span>（{ROLE_LABELS[user.role]}）
                </>
              )}
            </Link>
            <button type="button" className="plain-btn" onClick={() => void onLogout()}>
              <LogoutOutlined />
              退出
            </button>
          </div>
        </header>
        {user.role === 'inspector' && <SyncStatus />}
        <main id="main" tabIndex={-1} style={{ flex: 'auto', padding: narrow ? 12 : 24, paddingBottom: bottomBar ? 72 : undefined, outline: 'none' }}>
          {crumbs.length > 1 && (
            <Suspense fallback={<div style={{ height: 34 }} />}>
              <Crumbs crumbs={crumbs} />
            </Suspense>
          )}
          <h3 className="page-title">{title}</h3>
          <Outlet />
        </main>
        {bottomBar && <FieldBottomBar />}
      </div>
    </div>
  );
}
