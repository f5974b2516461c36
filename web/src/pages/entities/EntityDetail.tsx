import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Row, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import { RISK_CLASS_LABELS } from '../../app/labels';
import { ErrorResult } from '../../components/ErrorResult';
import { RelatedRecords } from '../../components/RelatedRecords';
import { textOrUndefined } from '../../components/directoryParams';
import { formatDate, formatDateTime } from '../../components/format';
import { applyApiError } from '../../components/forms';
import { EntityStatusTag, RiskClassTag } from './tags';

type EntityDto = Schemas['EntityDto'];

/** 检查对象详情: the entity, its credit-risk class history, its licences, the records of its checks. */
export default function EntityDetail() {
  const { id = '' } = useParams();
  const entity = useQuery({ queryKey: ['entities', id], queryFn: () => call(api.GET('/entities/{id}', { params: { path: { id } } })) });
  if (entity.isPending) return <Skeleton active />;
  if (entity.isError) return <ErrorResult error={entity.error} onRetry={() => void entity.refetch()} />;
  const e = entity.data;
  const dash = (v: string | null) => v ?? '—';
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={e.name} extra={<EntityStatusTag status={e.status} />}>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'uscc', label: '统一社会信用代码', children: <span className="mono" data-testid="entity-uscc">{e.uscc}</span> },
            ...(e.usccCheckOverride
              ? [{ key: 'usccOverride', label: '代码校验', children: `未通过校验（${e.usccCheckOverride.failure}），已人工核实：${e.usccCheckOverride.reason}（${formatDateTime(e.usccCheckOverride.at)}）` }]
              : []),
            { key: 'risk', label: '当前信用风险分类', children: <Space><RiskClassTag riskClass={e.currentRiskClass?.riskClass} />{e.currentRiskClass && <span>自 {formatDate(e.currentRiskClass.effectiveFrom)} 起</span>}</Space> },
            { key: 'rep', label: '法定代表人', children: dash(e.legalRepresentative) },
            { key: 'district', label: '所属区域', children: dash(e.district) },
            { key: 'addr', label: '注册地址', children: dash(e.registeredAddress), span: 2 },
            { key: 'ind', label: '行业代码', children: <span className="mono">{dash(e.industryCode)}</span> },
            { key: 'unit', label: '监管单位', children: dash(e.supervisingUnit) },
            { key: 'person', label: '联系人（不公开）', children: dash(e.contactPerson) },
            { key: 'phone', label: '联系电话（不公开）', children: <span className="mono">{dash(e.contactPhone)}</span> },
            { key: 'created', label: '录入时间', children: formatDateTime(e.createdAt) },
            { key: 'updated', label: '最后更新', children: formatDateTime(e.updatedAt) },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <RiskHistory entity={e} />
        </Col>
        <Col xs={24} xl={14}>
          <Licences entity={e} />
        </Col>
      </Row>
      <RelatedRecords filter={{ entityId: e.id }} empty="该对象尚无检查记录" />
    </Space>
  );
}

function useEntityUpdate(id: string) {
  const queryClient = useQueryClient();
  return async (updated: EntityDto) => {
    queryClient.setQueryData(['entities', id], updated);
    await queryClient.invalidateQueries({ queryKey: ['entities'], exact: false, predicate: (q) => q.queryKey[1] !== id });
  };
}

function RiskHistory({ entity }: { entity: EntityDto }) {
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ riskClass?: string; effectiveFrom?: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onUpdated = useEntityUpdate(entity.id);
  const { message } = App.useApp();
  const history = [...entity.riskClassHistory].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
  const current = entity.currentRiskClass?.effectiveFrom;

  const submit = async () => {
    const v = form.getFieldsValue(true) as { riskClass?: string; effectiveFrom?: string };
    setBusy(true);
    setError(null);
    try {
      const updated = await call(api.POST('/entities/{id}/risk-classes', { params: { path: { id: entity.id } }, body: { riskClass: v.riskClass, effectiveFrom: textOrUndefined(v.effectiveFrom) } as Schemas['AddRiskClassDto'] }));
      message.success('已登记信用风险分类');
      await onUpdated(updated);
      form.resetFields();
      setAdding(false);
    } catch (err) {
      setError(applyApiError(form, err, ['riskClass', 'effectiveFrom']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="信用风险分类历史" extra={<Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>登记新分类</Button>}>
      <Typography.Paragraph type="secondary">抽取时使用抽取日有效的分类；历史记录不会被覆盖。</Typography.Paragraph>
      <Table
        rowKey="effectiveFrom"
        size="small"
        pagination={false}
        dataSource={history}
        aria-label="信用风险分类历史"
        locale={{ emptyText: <Empty description="尚未登记信用风险分类" /> }}
        columns={[
          { title: '生效日期', dataIndex: 'effectiveFrom', render: (d: string) => formatDate(d) },
          { title: '分类', dataIndex: 'riskClass', render: (c: string) => <RiskClassTag riskClass={c} /> },
          { title: '状态', key: 'cur', render: (_, r) => (r.effectiveFrom === current ? <Tag color="blue">现行</Tag> : r.effectiveFrom > (current ?? '') ? <Tag>尚未生效</Tag> : <Tag>已被取代</Tag>) },
        ]}
      />
      <Modal open={adding} title="登记信用风险分类" onCancel={() => setAdding(false)} onOk={() => void submit()} okText="登记" cancelText="取消" confirmLoading={busy}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form form={form} layout="vertical" requiredMark aria-label="登记信用风险分类" name="risk-class">
          <Form.Item label="信用风险分类" name="riskClass" required>
            <Select options={Object.entries(RISK_CLASS_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item label="生效日期" name="effectiveFrom" required extra="YYYY-MM-DD">
            <Input className="mono" placeholder="2025-01-01" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

type LicenceForm = { type?: string; number?: string; validFrom?: string; validUntil?: string };

function Licences({ entity }: { entity: EntityDto }) {
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<LicenceForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onUpdated = useEntityUpdate(entity.id);
  const { message, modal } = App.useApp();

  const submit = async () => {
    const v = form.getFieldsValue(true) as LicenceForm;
    setBusy(true);
    setError(null);
    try {
      const body = { type: textOrUndefined(v.type), number: textOrUndefined(v.number), validFrom: textOrUndefined(v.validFrom), validUntil: textOrUndefined(v.validUntil) };
      const updated = await call(api.POST('/entities/{id}/licences', { params: { path: { id: entity.id } }, body: body as Schemas['LicenceDto'] }));
      message.success('已添加许可证');
      await onUpdated(updated);
      form.resetFields();
      setAdding(false);
    } catch (err) {
      setError(applyApiError(form, err, ['type', 'number', 'validFrom', 'validUntil']));
    } finally {
      setBusy(false);
    }
  };

  const remove = (l: EntityDto['licences'][number]) =>
    modal.confirm({
      title: '删除许可证',
      content: `将从「${entity.name}」删除许可证「${l.type} ${l.number}」。删除后按许可证类型筛选的抽查事项将不再抽到该对象（已完成的抽取不受影响）。`,
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        const updated = await call(api.DELETE('/entities/{id}/licences/{licenceId}', { params: { path: { id: entity.id, licenceId: l.id } } }));
        message.success('已删除许可证');
        await onUpdated(updated);
      },
    });

  return (
    <Card title="许可证" extra={<Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>添加许可证</Button>}>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={entity.licences}
        aria-label="许可证"
        locale={{ emptyText: <Empty description="未登记许可证" /> }}
        columns={[
          { title: '许可证类型', dataIndex: 'type' },
          { title: '编号', dataIndex: 'number', render: (n: string) => <span className="mono">{n}</span> },
          { title: '有效期起', dataIndex: 'validFrom', width: 110, render: (d: string | null) => formatDate(d) },
          { title: '有效期至', dataIndex: 'validUntil', width: 110, render: (d: string | null) => formatDate(d) },
          { title: '操作', key: 'op', width: 70, render: (_, l) => <Button type="link" danger onClick={() => remove(l)} aria-label={`删除许可证 ${l.number}`}>删除</Button> },
        ]}
      />
      <Modal open={adding} title="添加许可证" onCancel={() => setAdding(false)} onOk={() => void submit()} okText="添加" cancelText="取消" confirmLoading={busy}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form form={form} layout="vertical" requiredMark aria-label="添加许可证" name="licence">
          <Form.Item label="许可证类型" name="type" required>
            <Input />
          </Form.Item>
          <Form.Item label="许可证编号" name="number" required>
            <Input className="mono" />
          </Form.Item>
          <Form.Item label="有效期起" name="validFrom" extra="YYYY-MM-DD，可空">
            <Input className="mono" />
          </Form.Item>
          <Form.Item label="有效期至" name="validUntil" extra="YYYY-MM-DD，可空">
            <Input className="mono" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
