import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import { ROLE_LABELS } from '../../app/labels';
import type { Role } from '../../app/nav';
import { useUser } from '../../app/session';
import { ErrorResult } from '../../components/ErrorResult';
import { applyApiError } from '../../components/forms';
import { formatDate, formatNumber } from '../../components/format';
import { departmentNameOf, useDepartments, useUrlFilters } from './shared';

type User = Schemas['UserDto'];
const FILTERS = ['q', 'role', 'departmentId'] as const;
const ROLE_OPTIONS = (Object.keys(ROLE_LABELS) as Role[]).map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const SESSION_NOTE = '更改角色、停用账号或重置密码后，该账号在所有设备上的登录立即失效，需要重新登录。';

/** 账号管理: staff accounts with role and department; deactivation (lock), password reset, role change. */
export default function Users() {
  const { filters, page, pageSize, setFilters } = useUrlFilters(FILTERS);
  const departments = useDepartments();
  const [filterForm] = Form.useForm();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [toggling, setToggling] = useState<User | null>(null);
  const query = { q: filters.q, role: filters.role as Role | undefined, departmentId: filters.departmentId, page, pageSize };
  useEffect(() => filterForm.setFieldsValue(filters), [filterForm, filters]); // the form follows the URL
  const list = useQuery({ queryKey: ['users', query], queryFn: () => call(api.GET('/users', { params: { query } })) });
  const deptOptions = (departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Alert type="info" showIcon title={SESSION_NOTE} />
      <Card>
        <Form name="user-filter" form={filterForm} layout="vertical" initialValues={filters} onFinish={(v: Record<string, string | undefined>) => setFilters({ q: v.q?.trim(), role: v.role, departmentId: v.departmentId })}>
          <Space wrap align="end" size="middle">
            <Form.Item label="用户名或姓名" name="q" style={{ width: 220, marginBottom: 0 }}>
              <Input allowClear autoComplete="off" />
            </Form.Item>
            <Form.Item label="角色" name="role" style={{ width: 180, marginBottom: 0 }}>
              <Select allowClear options={ROLE_OPTIONS} placeholder="全部角色" />
            </Form.Item>
            <Form.Item label="所属部门" name="departmentId" style={{ width: 260, marginBottom: 0 }}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={deptOptions} placeholder="全部部门" />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button
              onClick={() => {
                filterForm.resetFields();
                filterForm.setFieldsValue({ q: undefined, role: undefined, departmentId: undefined });
                setFilters({ q: undefined, role: undefined, departmentId: undefined });
              }}
            >
              重置
            </Button>
            <Button type="primary" ghost onClick={() => setCreating(true)}>
              新建账号
            </Button>
          </Space>
        </Form>
      </Card>
      <Card title={`账号列表${list.data ? `（共 ${formatNumber(list.data.meta.totalCount)} 个）` : ''}`}>
        {list.isError ? (
          <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<User>
            rowKey="id"
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '没有符合条件的账号；可点击「新建账号」添加' }}
            pagination={{ current: page, pageSize, total: list.data?.meta.totalCount ?? 0, showSizeChanger: true, onChange: (p, s) => setFilters({}, { page: p, pageSize: s }) }}
            columns={[
              { title: '用户名', dataIndex: 'username', render: (v: string) => <span className="mono">{v}</span> },
              { title: '姓名', dataIndex: 'displayName' },
              { title: '角色', dataIndex: 'role', render: (r: Role) => ROLE_LABELS[r] },
              { title: '所属部门', dataIndex: 'departmentId', render: (id: string | null) => (id ? departmentNameOf(departments.data?.items, id) : '全部部门') },
              { title: '状态', dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">正常</Tag> : <Tag color="red">已停用</Tag>) },
              { title: '创建日期', dataIndex: 'createdAt', render: formatDate },
              {
                title: '操作',
                key: 'actions',
                fixed: 'right',
                render: (_, u) => (
                  <Space size="small">
                    <Button size="small" onClick={() => setEditing(u)} aria-label={`修改 ${u.username}`}>
                      修改
                    </Button>
                    <Button size="small" onClick={() => setResetting(u)} aria-label={`重置密码 ${u.username}`}>
                      重置密码
                    </Button>
                    <Button size="small" danger={u.active} onClick={() => setToggling(u)} aria-label={`${u.active ? '停用' : '启用'} ${u.username}`}>
                      {u.active ? '停用' : '启用'}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      {creating && <CreateModal deptOptions={deptOptions} onClose={() => setCreating(false)} />}
      {editing && <EditModal user={editing} deptOptions={deptOptions} onClose={() => setEditing(null)} />}
      {resetting && <ResetModal user={resetting} onClose={() => setResetting(null)} />}
      {toggling && <ToggleModal user={toggling} onClose={() => setToggling(null)} />}
    </Space>
  );
}

type Options = { value: string; label: string }[];

function useSaved(onClose: () => void) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ['users'] });
    onClose();
  };
}

interface CreateValues {
  username: string;
  displayName: string;
  role: Role;
  departmentId?: string;
  password: string;
}

function CreateModal({ deptOptions, onClose }: { deptOptions: Options; onClose: () => void }) {
  const { message } = App.useApp();
  const saved = useSaved(onClose);
  const [form] = Form.useForm<CreateValues>();
  const [error, setError] = useState<string | null>(null);
  const role = Form.useWatch('role', form);
  const create = useMutation({
    mutationFn: (v: CreateValues) => call(api.POST('/users', { body: { username: v.username.trim(), displayName: v.displayName.trim(), role: v.role, password: v.password, ...(v.departmentId ? { departmentId: v.departmentId } : {}) } })),
    onSuccess: async (u) => {
      message.success(`已新建账号 ${u.username}，请将初始密码当面告知本人，并提醒其登录后修改`);
      await saved();
    },
    onError: (err) => setError(applyApiError(form, err, ['username', 'displayName', 'role', 'departmentId', 'password'])),
  });
  return (
    <Modal open title="新建账号" okText="新建" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Form name="user-create" form={form} layout="vertical" requiredMark onFinish={(v) => create.mutate(v)}>
        <Form.Item label="用户名" name="username" extra="3–64 位小写字母、数字、_ . -，用于登录" rules={[{ required: true, message: '请输入用户名' }]}>
          <Input autoComplete="off" className="mono" />
        </Form.Item>
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: '请输入姓名' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={ROLE_OPTIONS} />
        </Form.Item>
        <Form.Item label="所属部门" name="departmentId" rules={[{ required: role !== 'admin', message: '非管理员账号必须属于一个部门' }]} extra={role === 'admin' ? '系统管理员可不属于任何部门' : undefined}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={deptOptions} />
        </Form.Item>
        <Form.Item label="初始密码" name="password" rules={[{ required: true, message: '请输入初始密码' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EditModal({ user, deptOptions, onClose }: { user: User; deptOptions: Options; onClose: () => void }) {
  const { message } = App.useApp();
  const me = useUser();
  const saved = useSaved(onClose);
  const [form] = Form.useForm<{ displayName: string; role: Role; departmentId?: string | null }>();
  const [error, setError] = useState<string | null>(null);
  const role = Form.useWatch('role', form);
  const update = useMutation({
    mutationFn: (v: { displayName: string; role: Role; departmentId?: string | null }) =>
      call(api.PATCH('/users/{id}', { params: { path: { id: user.id } }, body: { displayName: v.displayName.trim(), role: v.role, departmentId: v.departmentId ?? null } })),
    onSuccess: async () => {
      message.success('账号已更新');
      await saved();
    },
    onError: (err) => setError(applyApiError(form, err, ['displayName', 'role', 'departmentId'])),
  });
  return (
    <Modal open title={`修改账号：${user.username}`} okText="保存" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={update.isPending} destroyOnHidden>
      {role && role !== user.role && <Alert type="warning" showIcon title={`角色将由「${ROLE_LABELS[user.role]}」改为「${ROLE_LABELS[role]}」：该账号的所有登录将立即失效。`} style={{ marginBottom: 16 }} />}
      {user.id === me.id && <Alert type="info" showIcon title="这是您自己的账号：不能把自己降级为其他角色。" style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Form name="user-edit" form={form} layout="vertical" requiredMark initialValues={{ displayName: user.displayName, role: user.role, departmentId: user.departmentId ?? undefined }} onFinish={(v) => update.mutate(v)}>
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: '请输入姓名' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={ROLE_OPTIONS} />
        </Form.Item>
        <Form.Item label="所属部门" name="departmentId" rules={[{ required: role !== 'admin', message: '非管理员账号必须属于一个部门' }]}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={deptOptions} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResetModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { message } = App.useApp();
  const saved = useSaved(onClose);
  const [form] = Form.useForm<{ password: string }>();
  const [error, setError] = useState<string | null>(null);
  const reset = useMutation({
    mutationFn: (password: string) => call(api.PATCH('/users/{id}', { params: { path: { id: user.id } }, body: { password } })),
    onSuccess: async () => {
      message.success(`已重置 ${user.username} 的密码`);
      await saved();
    },
    onError: (err) => setError(applyApiError(form, err, ['password'])),
  });
  return (
    <Modal open title={`重置密码：${user.username}（${user.displayName}）`} okText="重置密码" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={reset.isPending} destroyOnHidden>
      <Alert type="warning" showIcon title="重置后原密码失效，该账号的所有登录立即结束；因多次输错被限制登录的，也一并解除。" style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Form name="user-reset" form={form} layout="vertical" requiredMark onFinish={(v) => reset.mutate(v.password)}>
        <Form.Item label="新密码" name="password" rules={[{ required: true, message: '请输入新密码' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ToggleModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { message } = App.useApp();
  const saved = useSaved(onClose);
  const [error, setError] = useState<string | null>(null);
  const activate = !user.active;
  const toggle = useMutation({
    mutationFn: () => call(api.PATCH('/users/{id}', { params: { path: { id: user.id } }, body: { active: activate } })),
    onSuccess: async () => {
      message.success(activate ? `已启用 ${user.username}` : `已停用 ${user.username}`);
      await saved();
    },
    onError: (err) => setError(applyApiError(null, err)),
  });
  return (
    <Modal
      open
      title={`${activate ? '启用' : '停用'}账号：${user.username}（${user.displayName}）`}
      okText={activate ? '确认启用' : '确认停用'}
      okButtonProps={{ danger: !activate }}
      cancelText="取消"
      onCancel={onClose}
      onOk={() => toggle.mutate()}
      confirmLoading={toggle.isPending}
    >
      <Typography.Paragraph>
        {activate
          ? '启用后该账号可以重新登录；因多次输错密码被限制登录的，也一并解除。'
          : '停用后该账号不能登录，已登录的设备立即退出。账号及其操作记录保留，可随时重新启用。'}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} role="alert" />}
    </Modal>
  );
}
