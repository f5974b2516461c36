import { Link, useLocation } from 'react-router';
import { ProfileOutlined, UserOutlined } from '@ant-design/icons';

/** The inspector's bottom bar on a phone (console.md): big targets in thumb reach. */
export function FieldBottomBar() {
  const { pathname } = useLocation();
  const tabs = [
    { to: '/tasks', label: '我的任务', icon: <ProfileOutlined aria-hidden />, active: pathname === '/tasks' || pathname.startsWith('/tasks/') },
    { to: '/account', label: '我的', icon: <UserOutlined aria-hidden />, active: pathname === '/account' },
  ];
  return (
    <nav className="field-bottom-bar" aria-label="底部导航" style={{ position: 'fixed', left: 0, right: 0, bottom: 0, zIndex: 100, display: 'flex', background: '#fff', borderTop: '1px solid #e5e7eb' }}>
      {tabs.map((t) => (
        <Link key={t.to} to={t.to} aria-current={t.active ? 'page' : undefined} style={{ flex: 1, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', minHeight: 56, gap: 2, fontSize: 13, color: t.active ? '#1d4ed8' : 'rgba(0,0,0,0.75)', fontWeight: t.active ? 600 : 400 }}>
          <span style={{ fontSize: 20 }}>{t.icon}</span>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
