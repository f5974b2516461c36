import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, App, Button, Card, Col, Descriptions, Form, Modal, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, call, type Schemas } from '../../api/client';
import { ErrorResult } from '../../components/ErrorResult';
import { applyApiError } from '../../components/forms';
import { departmentNameOf, useDepartments, useServerToday } from '../admin/shared';
import { InspectorAccountCard } from './InspectorAccount';
import { EligibilityCard, ExamsCard, StatusCard, TrainingsCard } from './InspectorRecords';
import { InspectorFields, INSPECTOR_FIELDS, type InspectorFormValues } from './InspectorForm';
import { CERTIFICATE_LABELS, certificateStateOn, INSPECTOR_STATUS_LABELS } from './labels';

type Inspector = Schemas['InspectorDto'];

/** 执法人员详情: the certificate, account link, eligibility on a date, status history, trainings and exams. */
export default function InspectorDetail() {
  const { id = '' } = useParams();
  const today = useServerToday();
  const departments = useDepartments();
  const [editing, setEditing] = useState(false);
  const inspector = useQuery({ queryKey: ['inspectors', id], queryFn: () => call(api.GET('/inspectors/{id}', { params: { path: { id } } })) });
  if (inspector.isPending || !today) return <Skeleton active />;
  if (inspector.isError) return <ErrorResult error={inspector.error} onRetry={() => void inspector.refetch()} />;
  const i = inspector.data;
  const cert = certificateStateOn(i, today);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            {i.name}
            <Tag color={INSPECTOR_STATUS_LABELS[i.status].color}>执法资格：{INSPECTOR_STATUS_LABELS[i.status].label}</Tag>
            {!i.userId && <Tag color="orange">未关联账号</Tag>}
          </Space>
        }
        extra={<Button onClick={() => setEditing(true)}>修改</Button>}
      >
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          items={[
            { key: 'c', label: '执法证号', children: <span className="mono">{i.certificateNumber}</span> },
            { key: 'a', label: '发证机关', children: i.issuingAuthority },
            {
              key: 'v',
              label: '有效期',
              children: (
                <Space size={4}>
                  {i.certificateValidFrom} 至 {i.certificateValidUntil}
                  {cert && <Tag color={cert === 'valid' ? 'green' : cert === 'expired' ? 'red' : 'default'}>{CERTIFICATE_LABELS[cert]}</Tag>}
                </Space>
              ),
            },
            { key: 'd', label: '执法领域', children: i.domains.length ? i.domains.join('、') : '—（未填写领域的人员不会被抽中）' },
            { key: 'u', label: '所在单位', children: i.unit ?? '—' },
            { key: 'dep', label: '所属部门', children: departmentNameOf(departments.data?.items, i.departmentId) },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <EligibilityCard inspector={i} today={today} />
        </Col>
        <Col xs={24} xl={12}>
          <InspectorAccountCard inspector={i} />
        </Col>
      </Row>
      <TrainingsCard inspector={i} today={today} />
      <ExamsCard inspector={i} today={today} />
      <StatusCard inspector={i} today={today} />
      {editing && <EditModal inspector={i} onClose={() => setEditing(false)} />}
    </Space>
  );
}

function EditModal({ inspector, onClose }: { inspector: Inspector; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<InspectorFormValues>();
  const [version, setVersion] = useState(inspector.version);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const update = useMutation({
    mutationFn: (v: InspectorFormValues) =>
      call(
        api.PATCH('/inspectors/{id}', {
          params: { path: { id: inspector.id } },
          body: { version, name: v.name.trim(), issuingAuthority: v.issuingAuthority.trim(), certificateValidFrom: v.certificateValidFrom, certificateValidUntil: v.certificateValidUntil, domains: v.domains ?? [], unit: v.unit?.trim() || null },
        }),
      ),
    onSuccess: async () => {
      message.success('已保存');
      await queryClient.invalidateQueries({ queryKey: ['inspectors'] });
      onClose();
    },
    onError: (err) => {
      setConflict(err instanceof ApiError && err.isConflict);
      setError(applyApiError(form, err, INSPECTOR_FIELDS));
    },
  });
  // Takes the newest version and keeps every field as typed: saving again overwrites with the user's input.
  const reloadKeepingInput = async () => {
    const fresh = await call(api.GET('/inspectors/{id}', { params: { path: { id: inspector.id } } }));
    setVersion(fresh.version);
    setConflict(false);
    setError(null);
    queryClient.setQueryData(['inspectors', inspector.id], fresh);
    message.info(`已载入最新版本（由他人修改）。您的输入已保留，核对后再次保存即可。`);
  };
  return (
    <Modal open title={`修改执法人员：${inspector.name}`} okText="保存" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={update.isPending} destroyOnHidden width={560}>
      <Typography.Paragraph type="secondary">
        执法证号 <span className="mono">{inspector.certificateNumber}</span> 不能修改；换发新证请新增人员记录。
      </Typography.Paragraph>
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={conflict ? '数据已被他人修改' : error}
          description={conflict ? '保存未成功，您的输入仍在下方。' : undefined}
          action={conflict ? <Button size="small" onClick={() => void reloadKeepingInput()}>重新加载并保留我的输入</Button> : undefined}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form name="inspector-edit"
        form={form}
        layout="vertical"
        requiredMark
        initialValues={{ name: inspector.name, issuingAuthority: inspector.issuingAuthority, certificateValidFrom: inspector.certificateValidFrom, certificateValidUntil: inspector.certificateValidUntil, domains: inspector.domains, unit: inspector.unit ?? undefined }}
        onFinish={(v) => update.mutate(v)}
      >
        <InspectorFields creating={false} />
      </Form>
    </Modal>
  );
}
