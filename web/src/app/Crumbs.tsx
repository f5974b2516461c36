import { Link } from 'react-router';
import { Breadcrumb } from 'antd';
import { Antd } from './antd';

/** The breadcrumbs of an inner page (own chunk: antd's Breadcrumb brings Dropdown; top pages have none). */
export default function Crumbs({ crumbs }: { crumbs: { title: string; path?: string }[] }) {
  return (
    <Antd>
      <Breadcrumb style={{ marginBottom: 12 }} items={crumbs.map((c) => ({ title: c.path ? <Link to={c.path}>{c.title}</Link> : c.title }))} />
    </Antd>
  );
}
