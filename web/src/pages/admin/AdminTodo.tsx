import { Link } from 'react-router';
import { Alert, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { formatNumber } from '../../components/format';

/**
 * The administrator's own to-dos on the 工作台: a missing holiday notice (deadlines are provisional
 * or cannot be computed) and deliveries to the supervision platforms that stopped retrying.
 */
export function AdminTodo() {
  const calendar = useQuery({ queryKey: ['calendar', 'status'], queryFn: () => call(api.GET('/calendar/status')) });
  const outbox = useQuery({ queryKey: ['outbox', 'dead-count'], queryFn: () => call(api.GET('/admin/outbox', { params: { query: { state: 'dead', pageSize: 1 } } })) });
  const dead = outbox.data?.counts.dead ?? 0;
  if (!calendar.data?.alert && dead === 0) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }} data-testid="admin-todo">
      {calendar.data?.alert && (
        <Alert
          type="warning"
          showIcon
          title={`节假日通知待录入：${calendar.data.missingNotices.map((y) => `${y}年`).join('、')}`}
          description={calendar.data.message}
          action={<Link to="/admin/calendar">去录入 →</Link>}
        />
      )}
      {dead > 0 && (
        <Alert
          type="error"
          showIcon
          title={`外发失败的消息 ${formatNumber(dead)} 条：已停止自动重试，请排除对方平台故障后重新发送。`}
          action={<Link to="/admin/outbox?state=dead">去处理 →</Link>}
        />
      )}
    </Space>
  );
}
