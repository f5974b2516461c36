import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Select, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, call, type Schemas } from '../../api/client';
import { applyApiError } from '../../components/forms';

type Inspector = Schemas['InspectorDto'];

/**
 * The inspector's staff account: without one the inspector cannot see the tasks drawn for them.
 * Only an 执法检查人员 account of the same department can be linked (the API checks it again).
 */
export function InspectorAccountCard({ inspector }: { inspector: Inspector }) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ userId: string }>();
  const [search, setSearch] = useState('');
  const [error, setError] = useState<string | null>(null);
  const linked = useQuery({
    queryKey: ['users', inspector.userId],
    enabled: inspector.userId !== null,
    queryFn: () => call(api.GET('/users/{id}', { params: { path: { id: inspector.userId! } } })),
  });
  const candidates = useQuery({
    queryKey: ['users', 'inspector-accounts', inspector.departmentId, search],
    enabled: inspector.userId === null,
    queryFn: () => call(api.GET('/users', { params: { query: { role: 'inspector', departmentId: inspector.departmentId, pageSize: 20, ...(search ? { q: search } : {}) } } })),
  });
  const patch = useMutation({
    mutationFn: (userId: string | null) => call(api.PATCH('/inspectors/{id}', { params: { path: { id: inspector.id } }, body: { version: inspector.version, userId } })),
    onSuccess: async (_, userId) => {
      message.success(userId ? '已关联账号' : '已解除关联');
      setError(null);
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['inspectors'] });
    },
    onError: (err) => setError(err instanceof ApiError && err.isConflict ? '数据已被他人修改：请刷新页面后重试' : applyApiError(form, err, ['userId'])),
  });

  const unlink = () =>
    modal.confirm({
      title: `解除 ${inspector.name} 与账号的关联？`,
      content: '解除后，该账号登录时看不到此人员的检查任务；已分配的任务和已提交的检查记录不受影响。可随时重新关联。',
      okText: '解除关联',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => patch.mutateAsync(null).catch(() => undefined),
    });

  return (
    <Card title="登录账号" style={{ height: '100%' }}>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      {inspector.userId ? (
        <>
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'u', label: '用户名', children: <span className="mono">{linked.data?.username ?? '…'}</span> },
              { key: 'n', label: '姓名', children: linked.data?.displayName ?? '…' },
              { key: 's', label: '状态', children: linked.data ? (linked.data.active ? <Tag color="green">正常</Tag> : <Tag color="red">已停用</Tag>) : '…' },
            ]}
          />
          <Button danger onClick={unlink} loading={patch.isPending}>
            解除关联
          </Button>
        </>
      ) : (
        <>
          <Alert type="warning" showIcon title="未关联账号" description="此人员没有关联登录账号，登录后看不到分配给他的检查任务。请选择本部门的执法检查人员账号进行关联。" style={{ marginBottom: 16 }} />
          <Form name="inspector-link" form={form} layout="vertical" onFinish={(v) => patch.mutate(v.userId)}>
            <Form.Item label="选择账号" name="userId" rules={[{ required: true, message: '请选择要关联的账号' }]} extra="仅列出本部门角色为“执法检查人员”的账号；可按用户名或姓名搜索">
              <Select
                showSearch={{ filterOption: false, onSearch: (v) => setSearch(v.trim()) }}
                loading={candidates.isFetching}
                notFoundContent={candidates.isFetching ? '查询中…' : '没有可关联的账号：请先在“账号管理”中新建'}
                options={(candidates.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.username}（${u.displayName}）` }))}
              />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={patch.isPending}>
                关联账号
              </Button>
              <Typography.Text type="secondary">一个账号只能关联一名执法人员。</Typography.Text>
            </Space>
          </Form>
        </>
      )}
    </Card>
  );
}
