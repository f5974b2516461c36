import { Link, useLocation } from 'react-router';
import { CloudSyncOutlined, ProfileOutlined, UserOutlined } from '@ant-design/icons';
import { useOutbox } from '../offline/useOutbox';

/** The inspector's bottom bar on a phone (console.md): 我的任务 · 待同步 · 我的, big targets in thumb reach. */
export function FieldBottomBar() {
  const { pathname } = useLocation();
  const { waiting, failed } = useOutbox();
  const pending = waiting.length + failed.length;
  const tabs = [
    { to: '/tasks', label: '我的任务', icon: <ProfileOutlined aria-hidden />, active: pathname === '/tasks' || pathname.startsWith('/tasks/') },
    {
      to: '/sync',
      label: pending ? `待同步 ${pending}` : '待同步',
      icon: (
        // A plain count (antd's Badge animates digits: a weight the first script does without).
        <span style={{ position: 'relative', display: 'inline-block' }}>
          <CloudSyncOutlined aria-hidden style={{ fontSize: 20 }} />
          {pending > 0 && (
            <span aria-hidden style={{ position: 'absolute', top: -4, insetInlineEnd: -10, minWidth: 16, height: 16, padding: '0 4px', borderRadius: 8, fontSize: 11, lineHeight: '16px', color: '#fff', textAlign: 'center', background: failed.length ? '#b91c1c' : '#d97706' }}>
              {pending}
            </span>
          )}
        </span>
      ),
      active: pathname === '/sync',
    },
    { to: '/account', label: '我的', icon: <UserOutlined aria-hidden />, active: pathname === '/account' },
  ];
  return (
    <nav className="field-bottom-bar" aria-label="底部导航" style={{ position: 'fixed', left: 0, right: 0, bottom: 0, zIndex: 100, display: 'flex', background: '#fff', borderTop: '1px solid #e5e7eb' }}>
      {tabs.map((t) => (
        <Link key={t.to} to={t.to} aria-current={t.active ? 'page' : undefined} style={{ flex: 1, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', minHeight: 56, gap: 2, fontSize: 13, color: t.active ? '#1d4ed8' : 'rgba(0,0,0,0.75)', fontWeight: t.active ? 600 : 400 }}>
          <span style={{ fontSize: 20 }} aria-hidden>
            {t.icon}
          </span>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
