import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import { useUser } from '../../app/session';
import { ErrorResult } from '../../components/ErrorResult';
import { applyApiError } from '../../components/forms';
import { formatNumber } from '../../components/format';
import { departmentNameOf, useDepartments, useServerToday, useUrlFilters } from '../admin/shared';
import { InspectorFields, INSPECTOR_FIELDS, type InspectorFormValues } from './InspectorForm';
import { CERTIFICATE_LABELS, certificateStateOn, INSPECTOR_STATUS_LABELS } from './labels';

type Inspector = Schemas['InspectorDto'];
const FILTERS = ['q', 'certificateNumber', 'domain', 'certificate', 'hasAccount', 'expiring', 'departmentId'] as const;
type Certificate = keyof typeof CERTIFICATE_LABELS;

/** 执法人员名录: the department's inspectors, filtered on the server; the admin sees every department. */
export default function InspectorList() {
  const user = useUser();
  const isAdmin = user.role === 'admin';
  const today = useServerToday();
  const { filters, page, pageSize, setFilters } = useUrlFilters(FILTERS);
  const departments = useDepartments();
  const [filterForm] = Form.useForm();
  const [creating, setCreating] = useState(false);
  const expiring = filters.expiring && /^\d+$/.test(filters.expiring) ? Number(filters.expiring) : undefined;
  const query = {
    q: filters.q,
    certificateNumber: filters.certificateNumber,
    domain: filters.domain,
    certificate: filters.certificate as Certificate | undefined,
    hasAccount: filters.hasAccount === 'true' ? true : filters.hasAccount === 'false' ? false : undefined,
    expiringWithinDays: expiring,
    departmentId: isAdmin ? filters.departmentId : undefined,
    page,
    pageSize,
  };
  // The form follows the URL (a menu click or the back button changes the filters without a remount).
  useEffect(() => filterForm.setFieldsValue({ ...filters, expiring }), [filterForm, filters, expiring]);
  const list = useQuery({ queryKey: ['inspectors', query], queryFn: () => call(api.GET('/inspectors', { params: { query } })) });
  const deptOptions = (departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {expiring !== undefined && (
        <Alert
          type="warning"
          showIcon
          title={`仅显示执法证在 ${expiring} 天内到期的人员：到期后不能被抽取，请及时换证并更新有效期。`}
          action={<Button size="small" onClick={() => { filterForm.setFieldValue('expiring', undefined); setFilters({ expiring: undefined }); }}>显示全部</Button>}
        />
      )}
      <Card>
        <Form name="inspector-filter" form={filterForm} layout="vertical" initialValues={{ ...filters, expiring }} onFinish={(v: Record<string, string | number | undefined>) => setFilters({ q: (v.q as string)?.trim(), certificateNumber: (v.certificateNumber as string)?.trim(), domain: (v.domain as string)?.trim(), certificate: v.certificate as string, hasAccount: v.hasAccount as string, expiring: v.expiring === undefined || v.expiring === null ? undefined : String(v.expiring), departmentId: v.departmentId as string })}>
          <Space wrap align="end" size="middle">
            <Form.Item label="姓名" name="q" style={{ width: 160, marginBottom: 0 }}>
              <Input allowClear autoComplete="off" />
            </Form.Item>
            <Form.Item label="执法证号" name="certificateNumber" style={{ width: 180, marginBottom: 0 }}>
              <Input allowClear autoComplete="off" />
            </Form.Item>
            <Form.Item label="执法领域" name="domain" style={{ width: 160, marginBottom: 0 }}>
              <Input allowClear autoComplete="off" />
            </Form.Item>
            <Form.Item label="执法证状态" name="certificate" style={{ width: 140, marginBottom: 0 }}>
              <Select allowClear placeholder="全部" options={(Object.keys(CERTIFICATE_LABELS) as Certificate[]).map((k) => ({ value: k, label: CERTIFICATE_LABELS[k] }))} />
            </Form.Item>
            <Form.Item label="账号关联" name="hasAccount" style={{ width: 140, marginBottom: 0 }}>
              <Select allowClear placeholder="全部" options={[{ value: 'true', label: '已关联账号' }, { value: 'false', label: '未关联账号' }]} />
            </Form.Item>
            <Form.Item label="证件到期（天内）" name="expiring" style={{ width: 150, marginBottom: 0 }}>
              <InputNumber min={0} max={3650} style={{ width: '100%' }} />
            </Form.Item>
            {isAdmin && (
              <Form.Item label="所属部门" name="departmentId" style={{ width: 220, marginBottom: 0 }}>
                <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="全部部门" options={deptOptions} />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button
              onClick={() => {
                filterForm.setFieldsValue(Object.fromEntries(FILTERS.map((k) => [k, undefined])));
                setFilters(Object.fromEntries(FILTERS.map((k) => [k, undefined])));
              }}
            >
              重置
            </Button>
            <Button type="primary" ghost onClick={() => setCreating(true)}>
              新增执法人员
            </Button>
          </Space>
        </Form>
      </Card>
      <Card title={`执法人员${list.data ? `（共 ${formatNumber(list.data.meta.totalCount)} 人）` : ''}`}>
        {list.isError ? (
          <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Inspector>
            rowKey="id"
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '没有符合条件的执法人员；可点击「新增执法人员」添加，或在「批量导入」中导入' }}
            pagination={{ current: page, pageSize, total: list.data?.meta.totalCount ?? 0, showSizeChanger: true, onChange: (p, s) => setFilters({}, { page: p, pageSize: s }) }}
            columns={[
              { title: '姓名', dataIndex: 'name', fixed: 'left' as const, render: (n: string, i: Inspector) => <Link to={`/inspectors/${i.id}`}>{n}</Link> },
              {
                title: '状态',
                key: 'state',
                render: (_: unknown, i: Inspector) => {
                  const state = certificateStateOn(i, today);
                  return (
                    <Space size={[4, 4]} wrap>
                      <Tag color={INSPECTOR_STATUS_LABELS[i.status].color}>{INSPECTOR_STATUS_LABELS[i.status].label}</Tag>
                      {state && state !== 'valid' && <Tag color={state === 'expired' ? 'red' : 'default'}>{CERTIFICATE_LABELS[state]}</Tag>}
                      {i.userId ? null : <Tag color="orange">未关联账号</Tag>}
                    </Space>
                  );
                },
              },
              { title: '执法证号', dataIndex: 'certificateNumber', render: (v: string) => <span className="mono">{v}</span> },
              { title: '执法证有效期', key: 'cert', render: (_: unknown, i: Inspector) => <span style={{ whiteSpace: 'nowrap' }}>{i.certificateValidFrom} 至 {i.certificateValidUntil}</span> },
              { title: '执法领域', dataIndex: 'domains', render: (d: string[]) => (d.length ? d.join('、') : '—') },
              ...(isAdmin ? [{ title: '所属部门', dataIndex: 'departmentId', render: (id: string) => departmentNameOf(departments.data?.items, id) }] : []),
              { title: '操作', key: 'a', fixed: 'right' as const, render: (_: unknown, i: Inspector) => <Link to={`/inspectors/${i.id}`} aria-label={`查看 ${i.name}`}>查看</Link> },
            ]}
          />
        )}
      </Card>
      {creating && <CreateModal isAdmin={isAdmin} deptOptions={deptOptions} onClose={() => setCreating(false)} />}
    </Space>
  );
}

function CreateModal({ isAdmin, deptOptions, onClose }: { isAdmin: boolean; deptOptions: { value: string; label: string }[]; onClose: () => void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<InspectorFormValues>();
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (v: InspectorFormValues) =>
      call(
        api.POST('/inspectors', {
          body: {
            ...(isAdmin && v.departmentId ? { departmentId: v.departmentId } : {}),
            name: v.name.trim(),
            certificateNumber: v.certificateNumber.trim(),
            issuingAuthority: v.issuingAuthority.trim(),
            certificateValidFrom: v.certificateValidFrom,
            certificateValidUntil: v.certificateValidUntil,
            domains: v.domains ?? [],
            ...(v.unit?.trim() ? { unit: v.unit.trim() } : {}),
          },
        }),
      ),
    onSuccess: async (i) => {
      message.success(`已新增执法人员 ${i.name}：请登记培训和考试，才能参加抽取`);
      await queryClient.invalidateQueries({ queryKey: ['inspectors'] });
      onClose();
      void navigate(`/inspectors/${i.id}`);
    },
    onError: (err) => setError(applyApiError(form, err, INSPECTOR_FIELDS)),
  });
  return (
    <Modal open title="新增执法人员" okText="保存" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden width={560}>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Form name="inspector-create" form={form} layout="vertical" requiredMark onFinish={(v) => create.mutate(v)}>
        <InspectorFields creating departments={isAdmin ? deptOptions : undefined} />
      </Form>
    </Modal>
  );
}
