import { Link } from 'react-router';
import { useOutbox } from '../offline/useOutbox';

/** The sync state, always visible on the inspector's pages (console.md): network, waiting, refused. */
export function SyncStatus() {
  const { online, waiting, failed, loaded } = useOutbox();
  if (!loaded) return null;
  const parts = [online ? '在线' : '离线（数据保存在本机）'];
  if (waiting.length) parts.push(`${waiting.length} 项待同步`);
  if (failed.length) parts.push(`${failed.length} 项同步失败`);
  if (!waiting.length && !failed.length) parts.push('全部已同步');
  const tone = failed.length ? '#b91c1c' : !online || waiting.length ? '#92400e' : '#166534';
  return (
    <Link to="/sync" role="status" aria-label={`同步状态：${parts.join('，')}`} data-testid="sync-status" style={{ display: 'flex', alignItems: 'center', gap: 6, minHeight: 32, padding: '0 12px', fontSize: 13, color: tone, background: failed.length ? '#fef2f2' : !online || waiting.length ? '#fffbeb' : '#f0fdf4', borderBottom: '1px solid #e5e7eb' }}>
      <span aria-hidden style={{ width: 8, height: 8, borderRadius: 4, background: tone, display: 'inline-block' }} />
      {parts.join(' · ')}
    </Link>
  );
}
