import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import { ErrorResult } from '../../components/ErrorResult';
import { applyApiError } from '../../components/forms';
import { formatDate, formatNumber } from '../../components/format';
import { useUrlFilters } from './shared';

type Department = Schemas['DepartmentDto'];
const NO_FILTERS = [] as const;

/** 部门管理: the enforcement bodies (执法主体); each account but the administrator's belongs to one. */
export default function Departments() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { page, pageSize, setFilters } = useUrlFilters(NO_FILTERS);
  const list = useQuery({ queryKey: ['departments', 'page', page, pageSize], queryFn: () => call(api.GET('/departments', { params: { query: { page, pageSize } } })) });
  const [createForm] = Form.useForm<{ code: string; name: string }>();
  const [createError, setCreateError] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<Department | null>(null);

  const create = useMutation({
    mutationFn: (body: { code: string; name: string }) => call(api.POST('/departments', { body })),
    onSuccess: async (d) => {
      message.success(`已新建部门「${d.name}」`);
      createForm.resetFields();
      setCreateError(null);
      await queryClient.invalidateQueries({ queryKey: ['departments'] });
    },
    onError: (err) => setCreateError(applyApiError(createForm, err, ['code', 'name'])),
  });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title="新建部门">
        <Typography.Paragraph type="secondary">部门即执法主体（如“某区市场监督管理局”）。部门编码建成后不能修改，名称可以更正；API 暂不支持停用部门。</Typography.Paragraph>
        {createError && <Alert type="error" showIcon title={createError} role="alert" style={{ marginBottom: 16 }} />}
        <Form name="department-create" form={createForm} layout="vertical" requiredMark onFinish={(v) => create.mutate({ code: v.code.trim(), name: v.name.trim() })}>
          <Space wrap align="start" size="middle">
            <Form.Item label="部门编码" name="code" rules={[{ required: true, message: '请输入部门编码' }, { pattern: /^[A-Za-z0-9_-]{2,32}$/, message: '2–32 位字母、数字、下划线或短横线' }]} extra="如 BHKJJ，全系统唯一" style={{ width: 220 }}>
              <Input autoComplete="off" className="mono" />
            </Form.Item>
            <Form.Item label="部门名称" name="name" rules={[{ required: true, message: '请输入部门名称' }, { min: 2, message: '至少 2 个字' }]} style={{ width: 360 }}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item label=" ">
              <Button type="primary" htmlType="submit" loading={create.isPending}>
                新建部门
              </Button>
            </Form.Item>
          </Space>
        </Form>
      </Card>
      <Card title={`部门列表${list.data ? `（共 ${formatNumber(list.data.meta.totalCount)} 个）` : ''}`}>
        {list.isError ? (
          <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Department>
            rowKey="id"
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: '尚无部门：请在上方新建第一个部门' }}
            pagination={{ current: page, pageSize, total: list.data?.meta.totalCount ?? 0, showSizeChanger: true, onChange: (p, s) => setFilters({}, { page: p, pageSize: s }) }}
            columns={[
              { title: '部门编码', dataIndex: 'code', render: (v: string) => <span className="mono">{v}</span>, width: 180 },
              { title: '部门名称', dataIndex: 'name' },
              { title: '创建日期', dataIndex: 'createdAt', render: formatDate, width: 140 },
              {
                title: '操作',
                key: 'actions',
                width: 120,
                render: (_, d) => (
                  <Button size="small" onClick={() => setRenaming(d)} aria-label={`更名 ${d.name}`}>
                    更名
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>
      {renaming && <RenameModal department={renaming} onClose={() => setRenaming(null)} />}
    </Space>
  );
}

function RenameModal({ department, onClose }: { department: Department; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string }>();
  const [error, setError] = useState<string | null>(null);
  const rename = useMutation({
    mutationFn: (name: string) => call(api.PATCH('/departments/{id}', { params: { path: { id: department.id } }, body: { name } })),
    onSuccess: async () => {
      message.success('部门名称已更新');
      await queryClient.invalidateQueries({ queryKey: ['departments'] });
      onClose();
    },
    onError: (err) => setError(applyApiError(form, err, ['name'])),
  });
  return (
    <Modal open title={`更名：${department.name}`} okText="保存" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={rename.isPending} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        部门编码 <span className="mono">{department.code}</span> 不变。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Form name="department-rename" form={form} layout="vertical" initialValues={{ name: department.name }} onFinish={(v) => rename.mutate(v.name.trim())}>
        <Form.Item label="新名称" name="name" rules={[{ required: true, message: '请输入部门名称' }, { min: 2, message: '至少 2 个字' }]}>
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
