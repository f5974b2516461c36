import { Alert, Button, Card, Form, Input, Space, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDateTime, formatNumber } from '../../components/format';
import { useUrlFilters } from './shared';

type LockEvent = Schemas['LockEventDto'];
const FILTERS = ['username'] as const;

/** 登录锁定记录: every login throttle that started (password guessing), newest first. */
export default function LockEvents() {
  const { filters, page, pageSize, setFilters } = useUrlFilters(FILTERS);
  const query = { username: filters.username, page, pageSize };
  const list = useQuery({ queryKey: ['lock-events', query], queryFn: () => call(api.GET('/auth/lock-events', { params: { query } })) });
  if (list.isError) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        title={
          <>
            多次输错密码会暂时限制登录。要立即为本人解除限制，请在 <Link to="/admin/users">账号管理</Link> 中为该账号「重置密码」或重新「启用」。
          </>
        }
      />
      <Card>
        <Form name="lock-filter" layout="vertical" initialValues={filters} onFinish={(v: { username?: string }) => setFilters({ username: v.username?.trim().toLowerCase() })}>
          <Space align="end" wrap>
            <Form.Item label="用户名" name="username" style={{ width: 240, marginBottom: 0 }}>
              <Input allowClear autoComplete="off" />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
          </Space>
        </Form>
      </Card>
      <Card title={`锁定记录${list.data ? `（共 ${formatNumber(list.data.meta.totalCount)} 条）` : ''}`}>
        <Table<LockEvent>
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 800 }}
          locale={{ emptyText: '没有登录锁定记录' }}
          pagination={{ current: page, pageSize, total: list.data?.meta.totalCount ?? 0, showSizeChanger: true, onChange: (p, s) => setFilters({}, { page: p, pageSize: s }) }}
          columns={[
            { title: '发生时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, true) },
            { title: '类型', dataIndex: 'kind', render: (k: LockEvent['kind']) => (k === 'account' ? <Tag color="red">账号限制（陌生地址）</Tag> : <Tag color="orange">地址限制</Tag>) },
            { title: '用户名', dataIndex: 'username', render: (u: string | null) => (u ? <span className="mono">{u}</span> : '（不存在的用户名）') },
            { title: '来源地址', dataIndex: 'address', render: (v: string) => <span className="mono">{v}</span> },
            { title: '失败次数', dataIndex: 'failures' },
            { title: '限制至', dataIndex: 'blockedUntil', render: (v: string | null) => (v ? formatDateTime(v, true) : '—') },
          ]}
        />
      </Card>
    </Space>
  );
}
