import { useMemo } from 'react';
import { Link, useLocation } from 'react-router';
import { Menu } from 'antd';
import { Antd } from './antd';
import type { Role } from './nav';
import { menuFor } from './nav';

/**
 * The left navigation, in its own chunk (antd's Menu is a large part of what a first script would carry;
 * the inspector's phone shows it only in the ☰ drawer, NavDrawer.tsx). Breadcrumbs: Crumbs.tsx.
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
