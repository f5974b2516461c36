import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Drawer, Form, Modal, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, call, type Schemas } from '../../api/client';
import { ErrorResult } from '../../components/ErrorResult';
import { RelatedRecords } from '../../components/RelatedRecords';
import { formatDate, formatDateTime } from '../../components/format';
import { applyApiError } from '../../components/forms';
import { contentOf, formValuesOf, ITEM_FORM_FIELDS, ItemFields, itemErrorForForm, type ItemFormValues } from './ItemForm';

type ItemDto = Schemas['ItemDto'];
type ItemVersionDto = Schemas['ItemVersionDto'];

const listOrDash = (xs: string[] | undefined) => (xs?.length ? xs.join('、') : '不限');

/** The content of one version: what the public catalogue shows of it. */
export function ItemVersionView({ v }: { v: ItemVersionDto }) {
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'code', label: '事项编码', children: <span className="mono">{v.code}</span> },
          { key: 'version', label: '版本', children: `第 ${v.version} 版（${formatDate(v.createdAt)}）` },
          { key: 'name', label: '事项名称', children: v.name, span: 2 },
          { key: 'cat', label: '事项类别', children: <Tag color={v.category === 'key' ? 'red' : 'default'}>{v.categoryLabel}</Tag> },
          { key: 'method', label: '检查方式', children: v.methodLabel },
          { key: 'target', label: '抽查对象', children: v.targetType },
          { key: 'domain', label: '执法领域', children: v.enforcementDomain },
          { key: 'freq', label: '抽查频次', children: v.frequency },
          { key: 'ratios', label: '默认抽查比例', children: (['A', 'B', 'C', 'D'] as const).map((c) => `${c} 类 ${v.defaultRatios[c]}%`).join('；') },
          { key: 'lic', label: '限定许可证类型', children: listOrDash(v.targetFilter.licenceTypes) },
          { key: 'ind', label: '限定行业代码', children: <span className="mono">{listOrDash(v.targetFilter.industryCodes)}</span> },
          { key: 'dist', label: '限定区域', children: listOrDash(v.targetFilter.districts) },
          { key: 'note', label: '修改说明', children: v.changeNote ?? '—' },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        抽查依据
      </Typography.Title>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="item-legal-basis">
        {v.legalBasis}
      </Typography.Paragraph>
      <Typography.Title level={5}>检查内容（检查要点）</Typography.Title>
      {v.subItems.length ? (
        <ol aria-label="检查要点" style={{ margin: 0, paddingLeft: 24 }}>
          {v.subItems.map((s, i) => (
            <li key={i}>{s}</li>
          ))}
        </ol>
      ) : (
        <Typography.Text type="secondary">未列明检查要点</Typography.Text>
      )}
    </>
  );
}

/** 检查事项详情: the current version, its versions, and the records of plans that checked it. */
export default function ItemDetail() {
  const { id = '' } = useParams();
  const item = useQuery({ queryKey: ['items', id], queryFn: () => call(api.GET('/items/{id}', { params: { path: { id } } })) });
  const [editing, setEditing] = useState(false);
  const [viewing, setViewing] = useState<number | null>(null);

  if (item.isPending) return <Skeleton active />;
  if (item.isError) return <ErrorResult error={item.error} onRetry={() => void item.refetch()} />;
  const it = item.data;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <span>
            {it.name} <Tag>第 {it.version} 版</Tag>
          </span>
        }
        extra={
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            修改（生成新版本）
          </Button>
        }
      >
        <ItemVersionView v={it} />
      </Card>
      <Card title="版本记录">
        <Typography.Paragraph type="secondary">事项的每次修改都生成新版本；已公布的抽查计划仍使用其当时的版本。</Typography.Paragraph>
        <Table
          rowKey="version"
          size="small"
          pagination={false}
          dataSource={[...it.versions].reverse()}
          aria-label="版本记录"
          columns={[
            { title: '版本', dataIndex: 'version', width: 100, render: (v: number) => (v === it.version ? <Space>第 {v} 版<Tag color="blue">当前</Tag></Space> : `第 ${v} 版`) },
            { title: '生成时间', dataIndex: 'createdAt', width: 170, render: (t: string) => formatDateTime(t) },
            { title: '修改说明', dataIndex: 'changeNote', render: (n: string | null, r) => n ?? (r.version === 1 ? '新增' : '—') },
            { title: '操作', key: 'op', width: 90, render: (_, r) => <Button type="link" onClick={() => setViewing(r.version)} aria-label={`查看第 ${r.version} 版`}>查看</Button> },
          ]}
        />
      </Card>
      <RelatedRecords filter={{ itemId: id }} empty="尚无使用此事项的抽查计划产生的检查记录" />
      <EditItemDrawer item={it} open={editing} onClose={() => setEditing(false)} onReload={() => item.refetch().then((r) => r.data)} />
      <VersionModal itemId={id} version={viewing} onClose={() => setViewing(null)} />
    </Space>
  );
}

function VersionModal({ itemId, version, onClose }: { itemId: string; version: number | null; onClose: () => void }) {
  const v = useQuery({
    queryKey: ['items', itemId, 'versions', version],
    enabled: version !== null,
    queryFn: () => call(api.GET('/items/{id}/versions/{version}', { params: { path: { id: itemId, version: version ?? 0 } } })),
  });
  return (
    <Modal open={version !== null} onCancel={onClose} footer={<Button onClick={onClose}>关闭</Button>} title={`第 ${version ?? ''} 版`} width={820}>
      {v.isPending ? <Skeleton active /> : v.isError ? <ErrorResult error={v.error} /> : <ItemVersionView v={v.data} />}
    </Modal>
  );
}

/**
 * 修改: the changed fields and the version they were made on; a version made meanwhile answers 409,
 * and the user may reload the latest version keeping what they typed.
 */
function EditItemDrawer({ item, open, onClose, onReload }: { item: ItemDto; open: boolean; onClose: () => void; onReload: () => Promise<ItemDto | undefined> }) {
  const [form] = Form.useForm<ItemFormValues>();
  const [baseVersion, setBaseVersion] = useState(item.version);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  const submit = async () => {
    const v = form.getFieldsValue(true) as ItemFormValues;
    setBusy(true);
    setError(null);
    setConflict(false);
    try {
      const updated = await call(api.PATCH('/items/{id}', { params: { path: { id: item.id } }, body: { baseVersion, changeNote: v.changeNote?.trim() || undefined, ...contentOf(v) } as Schemas['ReviseItemDto'] }));
      message.success(`已保存为第 ${updated.version} 版`);
      queryClient.setQueryData(['items', item.id], updated);
      await queryClient.invalidateQueries({ queryKey: ['items'] });
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.isConflict) {
        setConflict(true);
        setError(err.message);
      } else setError(applyApiError(form, itemErrorForForm(err), ITEM_FORM_FIELDS));
    } finally {
      setBusy(false);
    }
  };

  const reloadKeepingInput = async () => {
    const latest = await onReload();
    if (latest) setBaseVersion(latest.version);
    setConflict(false);
    setError(null);
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={`修改检查事项（基于第 ${baseVersion} 版）`}
      size={720}
      afterOpenChange={(o) => {
        if (o && !form.isFieldsTouched()) {
          form.setFieldsValue(formValuesOf(item));
          setBaseVersion(item.version);
        }
      }}
      footer={
        <Space>
          <Button type="primary" loading={busy} onClick={() => void submit()}>
            保存为新版本
          </Button>
          <Button onClick={onClose}>取消</Button>
        </Space>
      }
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={`数据已被他人修改：${error ?? ''}`}
          action={<Button onClick={() => void reloadKeepingInput()}>重新加载并保留我的输入</Button>}
        />
      )}
      {error && !conflict && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" initialValues={formValuesOf(item)} requiredMark aria-label="修改检查事项" name="item-edit">
        <ItemFields withCode={false} withChangeNote />
      </Form>
    </Drawer>
  );
}
