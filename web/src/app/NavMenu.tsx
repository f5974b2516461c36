import { useMemo } from 'react';
import { Link, useLocation } from 'react-router';
import { Breadcrumb, Drawer, Menu } from 'antd';
import { Antd } from './antd';
import type { Role } from './nav';
import { menuFor } from './nav';

/**
 * The left navigation and the breadcrumbs, in their own chunk: antd's Menu, Drawer and Breadcrumb (which
 * brings Dropdown) are a large part of the first script, and the inspector's phone shows none of them
 * until the ☰ is tapped (AppLayout loads this right after the first page is on screen).
 */
export function NavMenu({ role, onClick }: { role: Role; onClick?: () => void }) {
  const location = useLocation();
  const items = useMemo(
    () =>
      menuFor(role).map((m) =>
        m.children
          ? { key: m.key, label: m.label, children: m.children.map((c) => ({ key: c.path, label: <Link to={c.path}>{c.label}</Link> })) }
          : { key: m.path!, label: <Link to={m.path!}>{m.label}</Link> },
      ),
    [role],
  );
  const selected = useMemo(() => {
    const paths = menuFor(role).flatMap((m) => (m.children ? m.children.map((c) => c.path) : [m.path!]));
    const best = paths.filter((p) => (p === '/' ? location.pathname === '/' : location.pathname === p || location.pathname.startsWith(p + '/'))).sort((a, b) => b.length - a.length)[0];
    return best ? [best] : [];
  }, [role, location.pathname]);
  const openKeys = useMemo(() => menuFor(role).filter((m) => m.children?.some((c) => selected.includes(c.path))).map((m) => m.key), [role, selected]);
  return (
    <Antd>
      <Menu mode="inline" theme="dark" selectedKeys={selected} defaultOpenKeys={openKeys} items={items} onClick={onClick} aria-label="主导航" />
    </Antd>
  );
}

export function NavDrawer({ role, open, onClose }: { role: Role; open: boolean; onClose: () => void }) {
  return (
    <Antd>
      <Drawer open={open} onClose={onClose} placement="left" size={240} styles={{ body: { padding: 0, background: '#001529' } }} title="导航">
        <nav>
          <NavMenu role={role} onClick={onClose} />
        </nav>
      </Drawer>
    </Antd>
  );
}

export function Crumbs({ crumbs }: { crumbs: { title: string; path?: string }[] }) {
  return (
    <Antd>
      <Breadcrumb style={{ marginBottom: 12 }} items={crumbs.map((c) => ({ title: c.path ? <Link to={c.path}>{c.title}</Link> : c.title }))} />
    </Antd>
  );
}
