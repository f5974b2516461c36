import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, App, Button, Col, Drawer, Empty, Form, Input, Row, Select, Space, Table } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import type { operations } from '../../api/schema';
import { RISK_CLASS_LABELS } from '../../app/labels';
import { ENTITY_STATUS_LABELS } from '../../app/labels-directories';
import { ErrorResult } from '../../components/ErrorResult';
import { errorForForm, textOrUndefined, useUrlFilters } from '../../components/directoryParams';
import { formatNumber } from '../../components/format';
import { applyApiError } from '../../components/forms';
import { EntityStatusTag, RiskClassTag } from './tags';

type EntityDto = Schemas['EntityDto'];
type Query = NonNullable<operations['RegulatedEntitiesController_list']['parameters']['query']>;
const KEYS = ['q', 'uscc', 'riskClass', 'status', 'district'] as const;

/** 检查对象名录: search by name or USCC, by risk class in force today, by status; paged on the server. */
export default function EntityList() {
  const { filters, page, pageSize, setFilters, setPage } = useUrlFilters(KEYS);
  const [creating, setCreating] = useState(false);
  const query: Query = { ...filters, page, pageSize } as Query;
  const list = useQuery({ queryKey: ['entities', query], queryFn: () => call(api.GET('/entities', { params: { query } })), placeholderData: (prev) => prev });
  const filtered = KEYS.some((k) => filters[k]);

  return (
    <>
      <Form
        layout="inline"
        initialValues={filters}
        key={JSON.stringify(filters)}
        onFinish={(v: Record<string, string | undefined>) => setFilters({ q: textOrUndefined(v.q), uscc: textOrUndefined(v.uscc)?.toUpperCase(), riskClass: v.riskClass, status: v.status, district: textOrUndefined(v.district) })}
        style={{ marginBottom: 16, rowGap: 8 }}
        aria-label="筛选检查对象"
        name="entity-filter"
      >
        <Form.Item label="名称" name="q">
          <Input placeholder="名称包含" allowClear style={{ width: 180 }} />
        </Form.Item>
        <Form.Item label="统一社会信用代码" name="uscc">
          <Input placeholder="18 位代码" allowClear className="mono" style={{ width: 200 }} maxLength={18} />
        </Form.Item>
        <Form.Item label="信用风险分类" name="riskClass">
          <Select allowClear placeholder="全部" style={{ width: 150 }} options={Object.entries(RISK_CLASS_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item label="经营状态" name="status">
          <Select allowClear placeholder="全部" style={{ width: 100 }} options={Object.entries(ENTITY_STATUS_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item label="所属区域" name="district">
          <Input allowClear style={{ width: 120 }} />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
          <Button onClick={() => setFilters({})}>重置</Button>
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新增检查对象
          </Button>
          <Link to="/imports?kind=entities">
            <UploadOutlined /> 批量导入
          </Link>
        </Space>
      </Form>
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<EntityDto>
          rowKey="id"
          loading={list.isPending || list.isPlaceholderData}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 960 }}
          locale={{ emptyText: <Empty description={filtered ? '没有符合条件的检查对象，请调整筛选条件' : '名录库中尚无检查对象：点击「新增检查对象」，或通过「批量导入」按模板导入'} /> }}
          pagination={{ current: page, pageSize, total: list.data?.meta.totalCount ?? 0, showSizeChanger: true, showTotal: (t) => `${list.data?.meta.totalCountCapped ? '超过' : '共'} ${formatNumber(t)} 个检查对象`, onChange: setPage }}
          columns={[
            { title: '名称', dataIndex: 'name', render: (name: string, r) => <Link to={`/entities/${r.id}`}>{name}</Link> },
            { title: '统一社会信用代码', dataIndex: 'uscc', width: 200, render: (u: string) => <span className="mono">{u}</span> },
            { title: '信用风险分类', key: 'risk', width: 150, render: (_, r) => <RiskClassTag riskClass={r.currentRiskClass?.riskClass} /> },
            { title: '所属区域', dataIndex: 'district', width: 110, render: (d: string | null) => d ?? '—' },
            { title: '行业代码', dataIndex: 'industryCode', width: 90, render: (d: string | null) => <span className="mono">{d ?? '—'}</span> },
            { title: '经营状态', dataIndex: 'status', width: 90, render: (s: string) => <EntityStatusTag status={s} /> },
            { title: '许可证', key: 'lic', width: 80, render: (_, r) => `${r.licences.length} 个` },
            { title: '操作', key: 'op', width: 70, render: (_, r) => <Link to={`/entities/${r.id}`} aria-label={`查看 ${r.name}`}>查看</Link> },
          ]}
        />
      )}
      <CreateEntityDrawer open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

const ENTITY_FIELDS = ['uscc', 'name', 'legalRepresentative', 'registeredAddress', 'district', 'industryCode', 'status', 'riskClass', 'riskClassEffectiveFrom', 'supervisingUnit', 'contactPerson', 'contactPhone'];

function CreateEntityDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Record<string, string | undefined>>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  const submit = async () => {
    const v = form.getFieldsValue(true) as Record<string, string | undefined>;
    const body = Object.fromEntries(ENTITY_FIELDS.map((k) => [k, textOrUndefined(v[k])]).filter(([, x]) => x !== undefined));
    setBusy(true);
    setError(null);
    try {
      const created = await call(api.POST('/entities', { body: body as Schemas['CreateEntityDto'] }));
      message.success(`已新增检查对象 ${created.name}`);
      await queryClient.invalidateQueries({ queryKey: ['entities'] });
      form.resetFields();
      onClose();
      void navigate(`/entities/${created.id}`);
    } catch (err) {
      setError(applyApiError(form, errorForForm(err, (f) => f.replace(/\[\d+\].*$/, '')), ENTITY_FIELDS));
    } finally {
      setBusy(false);
    }
  };

  const text = (name: string, label: string, extra?: string, mono = false) => (
    <Form.Item label={label} name={name} extra={extra} required={name === 'uscc' || name === 'name'}>
      <Input className={mono ? 'mono' : undefined} autoComplete="off" />
    </Form.Item>
  );

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title="新增检查对象"
      size={680}
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
      <Form form={form} layout="vertical" requiredMark aria-label="新增检查对象" name="entity-create" initialValues={{ status: 'active' }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>{text('uscc', '统一社会信用代码', '18 位，按 GB 32100-2015 校验', true)}</Col>
          <Col xs={24} md={12}>{text('name', '名称')}</Col>
          <Col xs={24} md={12}>{text('legalRepresentative', '法定代表人')}</Col>
          <Col xs={24} md={12}>{text('district', '所属区域')}</Col>
          <Col span={24}>{text('registeredAddress', '注册地址')}</Col>
          <Col xs={24} md={12}>{text('industryCode', '行业代码', '国民经济行业分类代码，如 M7340', true)}</Col>
          <Col xs={24} md={12}>
            <Form.Item label="经营状态" name="status">
              <Select options={Object.entries(ENTITY_STATUS_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="信用风险分类" name="riskClass">
              <Select allowClear placeholder="暂未分类" options={Object.entries(RISK_CLASS_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>{text('riskClassEffectiveFrom', '分类生效日期', 'YYYY-MM-DD，留空为今天', true)}</Col>
          <Col xs={24} md={12}>{text('supervisingUnit', '监管单位', '用于所所交叉回避')}</Col>
          <Col xs={24} md={12}>{text('contactPerson', '联系人（不公开）')}</Col>
          <Col xs={24} md={12}>{text('contactPhone', '联系电话（不公开）')}</Col>
        </Row>
      </Form>
    </Drawer>
  );
}
