import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import { ErrorResult } from '../../components/ErrorResult';
import { applyApiError } from '../../components/forms';
import { formatNumber } from '../../components/format';
import { DateField, useServerToday, useUrlFilters } from '../admin/shared';

type Recusal = Schemas['RecusalDto'];
const FILTERS = ['inspectorId', 'entityId', 'activeOn', 'includeRevoked'] as const;
const SOURCE_LABELS: Record<Recusal['source'], string> = { supervisor: '负责人确认', entity_application: '检查对象申请' };

/** Searchable select of the department's inspectors (server-side search by name). */
function InspectorSelect(props: { value?: string; onChange?: (v: string | undefined) => void; id?: string; allowClear?: boolean }) {
  const [search, setSearch] = useState('');
  const list = useQuery({ queryKey: ['inspectors', 'select', search], queryFn: () => call(api.GET('/inspectors', { params: { query: { pageSize: 20, ...(search ? { q: search } : {}) } } })) });
  return (
    <Select
      {...props}
      showSearch={{ filterOption: false, onSearch: (v) => setSearch(v.trim()) }}
      placeholder="输入姓名搜索"
      notFoundContent={list.isFetching ? '查询中…' : '没有匹配的执法人员'}
      options={(list.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.name}（${i.certificateNumber}）` }))}
    />
  );
}

/** Searchable select of the department's entities (server-side search by name). */
function EntitySelect(props: { value?: string; onChange?: (v: string | undefined) => void; id?: string; allowClear?: boolean }) {
  const [search, setSearch] = useState('');
  const list = useQuery({ queryKey: ['entities', 'select', search], queryFn: () => call(api.GET('/entities', { params: { query: { pageSize: 20, ...(search ? { q: search } : {}) } } })) });
  return (
    <Select
      {...props}
      showSearch={{ filterOption: false, onSearch: (v) => setSearch(v.trim()) }}
      placeholder="输入名称搜索"
      notFoundContent={list.isFetching ? '查询中…' : '没有匹配的检查对象'}
      options={(list.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.uscc}）` }))}
    />
  );
}

/** 回避关系: declared conflicts between an inspector and an entity; the draw never pairs them in the period. */
export default function RecusalList() {
  const { filters, page, pageSize, setFilters } = useUrlFilters(FILTERS);
  const [filterForm] = Form.useForm();
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<Recusal | null>(null);
  useServerToday(); // loaded before 新增 opens: the default start date
  const query = { inspectorId: filters.inspectorId, entityId: filters.entityId, activeOn: filters.activeOn, includeRevoked: filters.includeRevoked === 'true' ? true : undefined, page, pageSize };
  useEffect(() => filterForm.setFieldsValue({ ...filters, includeRevoked: filters.includeRevoked === 'true' }), [filterForm, filters]); // the form follows the URL
  const list = useQuery({ queryKey: ['recusals', query], queryFn: () => call(api.GET('/recusals', { params: { query } })) });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        有回避关系的执法人员，在回避期内不会被抽中检查该对象（抽取时自动排除）。
      </Typography.Paragraph>
      <Card>
        <Form name="recusal-filter"
          form={filterForm}
          layout="vertical"
          initialValues={{ ...filters, includeRevoked: filters.includeRevoked === 'true' }}
          onFinish={(v: { inspectorId?: string; entityId?: string; activeOn?: string; includeRevoked?: boolean }) => setFilters({ inspectorId: v.inspectorId, entityId: v.entityId, activeOn: v.activeOn, includeRevoked: v.includeRevoked ? 'true' : undefined })}
        >
          <Space wrap align="end" size="middle">
            <Form.Item label="执法人员" name="inspectorId" style={{ width: 240, marginBottom: 0 }}>
              <InspectorSelect allowClear />
            </Form.Item>
            <Form.Item label="检查对象" name="entityId" style={{ width: 280, marginBottom: 0 }}>
              <EntitySelect allowClear />
            </Form.Item>
            <Form.Item label="在该日有效" name="activeOn" style={{ width: 170, marginBottom: 0 }}>
              <DateField />
            </Form.Item>
            <Form.Item name="includeRevoked" valuePropName="checked" style={{ marginBottom: 4 }}>
              <Checkbox>含已终止的</Checkbox>
            </Form.Item>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button
              onClick={() => {
                filterForm.setFieldsValue({ inspectorId: undefined, entityId: undefined, activeOn: undefined, includeRevoked: false });
                setFilters({ inspectorId: undefined, entityId: undefined, activeOn: undefined, includeRevoked: undefined });
              }}
            >
              重置
            </Button>
            <Button type="primary" ghost onClick={() => setAdding(true)}>
              新增回避关系
            </Button>
          </Space>
        </Form>
      </Card>
      <Card title={`回避关系${list.data ? `（共 ${formatNumber(list.data.meta.totalCount)} 条）` : ''}`}>
        {list.isError ? (
          <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Recusal>
            rowKey="id"
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 960 }}
            locale={{ emptyText: '没有回避关系；执法人员与检查对象有利害关系时，点击「新增回避关系」登记' }}
            pagination={{ current: page, pageSize, total: list.data?.meta.totalCount ?? 0, showSizeChanger: true, onChange: (p, s) => setFilters({}, { page: p, pageSize: s }) }}
            columns={[
              { title: '执法人员', dataIndex: 'inspectorName', render: (n: string, r) => <Link to={`/inspectors/${r.inspectorId}`}>{n}</Link> },
              { title: '检查对象', dataIndex: 'entityName', render: (n: string, r) => <Link to={`/entities/${r.entityId}`}>{n}</Link> },
              { title: '回避事由', dataIndex: 'reason' },
              { title: '来源', dataIndex: 'source', render: (s: Recusal['source']) => SOURCE_LABELS[s] },
              { title: '回避期限', key: 'period', render: (_, r) => `${r.validFrom} 至 ${r.validUntil ?? '长期'}` },
              { title: '状态', key: 'state', render: (_, r) => (r.revokedAt ? <Tag>已终止：{r.revokedReason}</Tag> : <Tag color="blue">有效</Tag>) },
              { title: '操作', key: 'a', fixed: 'right', render: (_, r) => (r.revokedAt ? null : <Button size="small" onClick={() => setEnding(r)} aria-label={`终止 ${r.inspectorName} 与 ${r.entityName} 的回避`}>终止</Button>) },
            ]}
          />
        )}
      </Card>
      {adding && <AddModal onClose={() => setAdding(false)} />}
      {ending && <EndModal recusal={ending} onClose={() => setEnding(null)} />}
    </Space>
  );
}

interface AddValues {
  inspectorId: string;
  entityId: string;
  reason: string;
  source: Recusal['source'];
  validFrom: string;
  validUntil?: string;
}

function AddModal({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const today = useServerToday();
  const [form] = Form.useForm<AddValues>();
  const [error, setError] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: (v: AddValues) => call(api.POST('/recusals', { body: { inspectorId: v.inspectorId, entityId: v.entityId, reason: v.reason.trim(), source: v.source, validFrom: v.validFrom, ...(v.validUntil ? { validUntil: v.validUntil } : {}) } })),
    onSuccess: async () => {
      message.success('已登记回避关系');
      await queryClient.invalidateQueries({ queryKey: ['recusals'] });
      onClose();
    },
    onError: (err) => setError(applyApiError(form, err, ['inspectorId', 'entityId', 'reason', 'source', 'validFrom', 'validUntil'])),
  });
  return (
    <Modal open title="新增回避关系" okText="保存" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={add.isPending} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Form name="recusal-add" form={form} layout="vertical" requiredMark initialValues={{ source: 'supervisor', validFrom: today }} onFinish={(v) => add.mutate(v)}>
        <Form.Item label="执法人员" name="inspectorId" rules={[{ required: true, message: '请选择执法人员' }]}>
          <InspectorSelect />
        </Form.Item>
        <Form.Item label="检查对象" name="entityId" rules={[{ required: true, message: '请选择检查对象' }]}>
          <EntitySelect />
        </Form.Item>
        <Form.Item label="回避事由" name="reason" rules={[{ required: true, message: '请输入回避事由' }, { min: 2, message: '至少 2 个字' }]}>
          <Input.TextArea rows={2} placeholder="如：检查人员配偶在该单位任职" />
        </Form.Item>
        <Form.Item label="来源" name="source" rules={[{ required: true, message: '请选择来源' }]}>
          <Select options={(Object.keys(SOURCE_LABELS) as Recusal['source'][]).map((s) => ({ value: s, label: SOURCE_LABELS[s] }))} />
        </Form.Item>
        <Space size="middle" style={{ width: '100%' }} align="start">
          <Form.Item label="回避起始日" name="validFrom" rules={[{ required: true, message: '请选择起始日' }]} style={{ width: 200 }}>
            <DateField />
          </Form.Item>
          <Form.Item label="回避截止日（可选）" name="validUntil" extra="不填为长期" style={{ width: 200 }}>
            <DateField />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function EndModal({ recusal, onClose }: { recusal: Recusal; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const end = useMutation({
    mutationFn: (reason: string) => call(api.POST('/recusals/{id}/revoke', { params: { path: { id: recusal.id } }, body: { reason } })),
    onSuccess: async () => {
      message.success('回避关系已终止');
      await queryClient.invalidateQueries({ queryKey: ['recusals'] });
      onClose();
    },
    onError: (err) => setError(applyApiError(form, err, ['reason'])),
  });
  return (
    <Modal open title="终止回避关系" okText="确认终止" okButtonProps={{ danger: true }} cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={end.isPending} destroyOnHidden>
      <Typography.Paragraph>
        终止 <b>{recusal.inspectorName}</b> 与 <b>{recusal.entityName}</b> 的回避关系后，此后的抽取可能安排该人员检查该对象。记录连同终止原因保留，不能恢复；如需再次回避请重新登记。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Form name="recusal-end" form={form} layout="vertical" requiredMark onFinish={(v) => end.mutate(v.reason.trim())}>
        <Form.Item label="终止原因" name="reason" rules={[{ required: true, message: '请输入终止原因' }, { min: 2, message: '至少 2 个字' }]}>
          <Input autoComplete="off" placeholder="如：当事人已离职" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
