import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, App, Button, Drawer, Empty, Form, Input, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import { ITEM_CATEGORY_LABELS } from '../../app/labels-directories';
import { ErrorResult } from '../../components/ErrorResult';
import { useUrlFilters, textOrUndefined } from '../../components/directoryParams';
import { formatNumber } from '../../components/format';
import { applyApiError } from '../../components/forms';
import { contentOf, ITEM_FORM_FIELDS, ItemFields, itemErrorForForm, NEW_ITEM_DEFAULTS, type ItemFormValues } from './ItemForm';

type ItemDto = Schemas['ItemDto'];
const KEYS = ['q', 'category'] as const;

/** 检查事项: the department's list of items (随机抽查事项清单), filtered and paged on the server. */
export default function ItemList() {
  const { filters, page, pageSize, setFilters, setPage } = useUrlFilters(KEYS);
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['items', filters, page, pageSize],
    queryFn: () => call(api.GET('/items', { params: { query: { q: filters.q, category: filters.category as ItemDto['category'] | undefined, page, pageSize } } })),
    placeholderData: (prev) => prev,
  });
  const [filterForm] = Form.useForm();

  return (
    <>
      <Form
        form={filterForm}
        layout="inline"
        initialValues={filters}
        key={JSON.stringify(filters)}
        onFinish={(v: Record<string, string | undefined>) => setFilters({ q: textOrUndefined(v.q), category: v.category })}
        style={{ marginBottom: 16, rowGap: 8 }}
        aria-label="筛选检查事项"
        name="item-filter"
      >
        <Form.Item label="关键词" name="q">
          <Input placeholder="事项名称或编码" allowClear style={{ width: 220 }} />
        </Form.Item>
        <Form.Item label="事项类别" name="category">
          <Select allowClear placeholder="全部" style={{ width: 120 }} options={Object.entries(ITEM_CATEGORY_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
          <Button onClick={() => setFilters({})}>重置</Button>
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新增检查事项
          </Button>
        </Space>
      </Form>
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<ItemDto>
          rowKey="id"
          loading={list.isPending || list.isPlaceholderData}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty description={filters.q || filters.category ? '没有符合条件的检查事项，请调整筛选条件' : '尚无检查事项：点击「新增检查事项」或通过「批量导入」导入事项清单'} /> }}
          pagination={{ current: page, pageSize, total: list.data?.meta.totalCount ?? 0, showSizeChanger: true, showTotal: (t) => `共 ${formatNumber(t)} 项`, onChange: setPage }}
          columns={[
            { title: '事项编码', dataIndex: 'code', width: 140, render: (code: string, r) => <Link to={`/items/${r.id}`} className="mono">{code}</Link> },
            { title: '事项名称', dataIndex: 'name', render: (name: string, r) => <Link to={`/items/${r.id}`}>{name}</Link> },
            { title: '类别', dataIndex: 'categoryLabel', width: 80, render: (label: string, r) => <Tag color={r.category === 'key' ? 'red' : 'default'}>{label}</Tag> },
            { title: '检查方式', dataIndex: 'methodLabel', width: 100 },
            { title: '执法领域', dataIndex: 'enforcementDomain', width: 120 },
            { title: '抽查频次', dataIndex: 'frequency', width: 110 },
            { title: '当前版本', dataIndex: 'version', width: 90, render: (v: number) => `第 ${v} 版` },
            { title: '操作', key: 'op', width: 80, render: (_, r) => <Link to={`/items/${r.id}`} aria-label={`查看 ${r.name}`}>查看</Link> },
          ]}
        />
      )}
      <CreateItemDrawer open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function CreateItemDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<ItemFormValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  const submit = async () => {
    const v = form.getFieldsValue(true) as ItemFormValues;
    setBusy(true);
    setError(null);
    try {
      const created = await call(api.POST('/items', { body: { code: textOrUndefined(v.code), ...contentOf(v) } as Schemas['CreateItemDto'] }));
      message.success(`已新增检查事项 ${created.code}`);
      await queryClient.invalidateQueries({ queryKey: ['items'] });
      form.resetFields();
      onClose();
      void navigate(`/items/${created.id}`);
    } catch (err) {
      setError(applyApiError(form, itemErrorForForm(err), ITEM_FORM_FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title="新增检查事项"
      size={720}
      destroyOnHidden={false}
      footer={
        <Space>
          <Button type="primary" loading={busy} onClick={() => void submit()}>
            保存
          </Button>
          <Button onClick={onClose}>取消</Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" initialValues={NEW_ITEM_DEFAULTS} requiredMark onFinish={() => void submit()} aria-label="新增检查事项" name="item-create">
        <ItemFields withCode withChangeNote={false} />
      </Form>
    </Drawer>
  );
}
