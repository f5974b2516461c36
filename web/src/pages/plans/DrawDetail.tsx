import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Radio, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import { RECORD_STAGE_LABELS, RISK_CLASS_LABELS } from '../../app/labels';
import { useUser } from '../../app/session';
import { ErrorResult } from '../../components/ErrorResult';
import { applyApiError } from '../../components/forms';
import { formatDateTime, formatNumber } from '../../components/format';
import { RandomnessChoice, randomnessText, type RandomnessSource } from './RandomnessStep';
import { Hash, TaskStateTag } from './planView';
import { eventBody, formFields, type EventFormValues } from './EventFields';

type Draw = Schemas['DrawSummaryDto'];
type Task = Schemas['DrawTaskDto'];
const PAGE_SIZE = 20;

/** 替换检查人员: the next inspector of the published sequence joins; public, on the transcript. */
function SubstitutionDialog({ task, onClose }: { task: Task; onClose: () => void }) {
  const [form] = Form.useForm<{ inspectorId: string; reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const sub = await call(api.POST('/tasks/{id}/substitutions', { params: { path: { id: task.id } }, body: v }));
      message.success(`已替换：由执法证号 ${sub.joining} 的执法人员接替`);
      await queryClient.invalidateQueries({ queryKey: ['draws'] });
      onClose();
    } catch (err) {
      setError(applyApiError(form, err, ['inspectorId', 'reason']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`替换检查人员：${task.entity.name}`} onCancel={onClose} onOk={() => void submit()} okText="确认替换" cancelText="取消" confirmLoading={busy} destroyOnHidden>
      <Alert type="warning" showIcon title="替换不可撤销" description="接替人员不由人工指定：按已公开的抽取序列顺延抽取同部门的下一名符合条件的执法人员。替换及其理由记入公开的抽取记录。" style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical">
        <Form.Item label="不能参加的检查人员" name="inspectorId" rules={[{ required: true, message: '请选择要替换的检查人员' }]}>
          <Radio.Group>
            <Space orientation="vertical">
              {task.team.map((m) => (
                <Radio key={m.inspectorId} value={m.inspectorId}>
                  {m.name}（<span className="mono">{m.certificateNumber}</span>）{m.leader ? '，组长' : ''}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item label="替换理由" name="reason" rules={[{ required: true, message: '请填写替换理由' }]} extra="理由将向社会公开，请勿填写手机号、身份证号等个人信息。">
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 申请重抽: names what happens to the draw and that the reason is public. */
function RedrawDialog({ draw, serverTime, onClose }: { draw: Draw; serverTime: string; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string; source: RandomnessSource; round?: number } & EventFormValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await call(api.POST('/draws/{id}/redraw', { params: { path: { id: draw.id } }, body: { reason: v.reason, source: v.source, ...(v.source === 'commit-reveal' ? eventBody(v) : { round: v.round ?? undefined }) } }));
      message.success('已申请重抽，请在计划页面进行新的抽取');
      await queryClient.invalidateQueries();
      void navigate(`/plans/${draw.planId}`);
    } catch (err) {
      setError(applyApiError(form, formFields(err), ['reason', 'source', 'round', 'event', 'witnessCommitments']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="申请重抽" onCancel={onClose} onOk={() => void submit()} okText="确认重抽" okButtonProps={{ danger: true }} cancelText="取消" confirmLoading={busy} width={720} destroyOnHidden>
      <Alert
        type="error"
        showIcon
        title="重抽是对已公开抽取结果的变更，不可撤销"
        description={
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            <li>本次抽取结果即告作废（保留备查，公开标注“已被重抽取代”），其全部检查任务取消。</li>
            <li>重抽理由和新的随机数来源随抽取记录向社会公开，接受社会监督；没有法定或程序性理由的重抽，相关人员须承担相应责任。</li>
            <li>重抽须指定新的公开随机事件（新的一期）或新的 drand 轮次，不能沿用本计划已用过的；新的抽取不得早于其开奖时间。</li>
            <li>已有检查任务开始实施的，不能重抽。</li>
          </ul>
        }
        style={{ marginBottom: 16 }}
      />
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={{ source: 'commit-reveal' }}>
        <Form.Item label="重抽理由" name="reason" rules={[{ required: true, message: '请填写重抽理由' }, { min: 4, message: '理由至少 4 个字' }]} extra="将向社会公开，请勿填写个人信息。">
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        <RandomnessChoice serverTime={serverTime} redraw />
      </Form>
    </Modal>
  );
}

/** 抽取结果: the draw's figures and hashes, its targets and teams (server-paged), substitutions and redraw. */
export default function DrawDetail() {
  const { id = '' } = useParams();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const staffedParam = params.get('staffed');
  const staffed = staffedParam === 'true' ? true : staffedParam === 'false' ? false : undefined;
  const page = Number(params.get('page') ?? 1) || 1;
  const [substituting, setSubstituting] = useState<Task | null>(null);
  const [redrawing, setRedrawing] = useState(false);

  const draw = useQuery({ queryKey: ['draws', id], queryFn: () => call(api.GET('/draws/{id}', { params: { path: { id } } })) });
  const tasks = useQuery({
    queryKey: ['draws', id, 'tasks', { staffed, page }],
    queryFn: () => call(api.GET('/draws/{id}/tasks', { params: { path: { id }, query: { staffed, page, pageSize: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
  const plan = useQuery({ queryKey: ['plans', draw.data?.planId], enabled: !!draw.data, staleTime: 0, queryFn: () => call(api.GET('/plans/{id}', { params: { path: { id: draw.data!.planId } } })) });

  if (draw.isPending) return <Skeleton active />;
  if (draw.isError) return <ErrorResult error={draw.error} onRetry={() => void draw.refetch()} />;
  const d = draw.data;
  const setFilter = (value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set('staffed', value);
    else next.delete('staffed');
    next.delete('page');
    setParams(next);
  };
  // Only the lead department redraws and substitutes; joint departments read.
  const leads = !!plan.data && (user.departmentId === null || user.departmentId === plan.data.departmentId);
  const canRedraw = leads && !d.supersededBy && plan.data?.state === 'drawn';

  return (
    <>
      <Card
        title={
          <Space wrap>
            <span>抽取概况</span>
            {d.supersededBy ? <Tag>已被重抽取代</Tag> : <Tag color="blue">有效</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            <Button href={`/portal/draws/${d.id}`} target="_blank" rel="noopener">
              公开核验页面
            </Button>
            {canRedraw && (
              <Button danger onClick={() => setRedrawing(true)}>
                申请重抽
              </Button>
            )}
          </Space>
        }
        style={{ marginBottom: 16 }}
      >
        {d.supersededBy && <Alert type="warning" showIcon title={`本次抽取已被重抽取代（${formatDateTime(d.supersededBy.requestedAt)}）`} description={`重抽理由：${d.supersededBy.reason}`} style={{ marginBottom: 16 }} />}
        {d.redraw && <Alert type="info" showIcon title="本次抽取为重抽结果" description={`重抽理由：${d.redraw.reason}`} style={{ marginBottom: 16 }} />}
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 1, lg: 1, xl: 2, xxl: 2 }}
          styles={{ label: { whiteSpace: 'nowrap' } }}
          items={[
            { key: 'p', label: '抽查计划', span: 2, children: <Link to={`/plans/${d.planId}`}>{plan.data?.name ?? '查看计划'}</Link> },
            { key: 't', label: '抽取时间', children: formatDateTime(d.createdAt, true) },
            { key: 'n', label: '检查对象', children: <span data-testid="draw-counts">{`${formatNumber(d.tasks)} 个，其中未配齐检查组 ${formatNumber(d.unstaffedTasks)} 个`}</span> },
            { key: 'a', label: '抽取算法', children: <span className="mono">{d.algorithm}</span> },
            { key: 'x', label: '随机数来源', children: plan.data ? randomnessText(d.redraw?.randomness ?? plan.data.randomness) : '—' },
            { key: 'r', label: '随机数', span: 2, children: <Hash value={d.randomness} label="随机数" /> },
            { key: 's', label: '种子（seed）', span: 2, children: <Hash value={d.seed} label="种子" /> },
            ...(plan.data
              ? [
                  { key: 'c', label: '候选对象名录哈希', span: 2, children: <Hash value={plan.data.candidatePoolHash} label="候选对象名录哈希" /> },
                  { key: 'i', label: '执法人员名录哈希', span: 2, children: <Hash value={plan.data.inspectorPoolHash} label="执法人员名录哈希" /> },
                  { key: 'pp', label: '抽取参数哈希', span: 2, children: <Hash value={plan.data.parametersHash} label="抽取参数哈希" /> },
                ]
              : []),
            {
              key: 'v',
              label: '抽取记录',
              span: 2,
              children: (
                <Space wrap>
                  <a href={d.transcriptUrl} target="_blank" rel="noopener">
                    下载完整抽取记录（JSON）
                  </a>
                  <Typography.Text type="secondary">任何人可用 npm run verify-draw 复核</Typography.Text>
                </Space>
              ),
            },
          ]}
        />
        <Table
          size="small"
          rowKey="stratum"
          pagination={false}
          style={{ marginTop: 12 }}
          dataSource={d.strata}
          aria-label="各类别抽取数量"
          columns={[
            { title: '信用风险类别', dataIndex: 'stratum', render: (s: string) => RISK_CLASS_LABELS[s] ?? s },
            { title: '候选对象', dataIndex: 'candidates', align: 'right', render: formatNumber },
            { title: '不可抽取', dataIndex: 'excluded', align: 'right', render: formatNumber },
            { title: '可抽取', dataIndex: 'eligible', align: 'right', render: formatNumber },
            { title: '应抽取', dataIndex: 'quota', align: 'right', render: formatNumber },
            { title: '已抽取', dataIndex: 'selected', align: 'right', render: formatNumber },
          ]}
        />
      </Card>

      <Card title="检查对象与检查组">
        <Form layout="inline" style={{ marginBottom: 16 }}>
          <Form.Item label="检查组" htmlFor="staffed-filter">
            <Select
              id="staffed-filter"
              style={{ width: 180 }}
              value={staffedParam ?? 'all'}
              onChange={(v: string) => setFilter(v === 'all' ? undefined : v)}
              options={[
                { value: 'all', label: '全部' },
                { value: 'true', label: '已配齐检查组' },
                { value: 'false', label: '未配齐检查组' },
              ]}
            />
          </Form.Item>
        </Form>
        {tasks.isError ? (
          <ErrorResult error={tasks.error} onRetry={() => void tasks.refetch()} />
        ) : (
          <Table<Task>
            rowKey="id"
            size="small"
            loading={tasks.isFetching}
            dataSource={tasks.data?.items ?? []}
            aria-label="检查对象与检查组"
            scroll={{ x: 740 }}
            locale={{ emptyText: staffed === false ? '所有检查对象都已配齐检查组' : '没有检查对象' }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: tasks.data?.meta.totalCount ?? 0,
              showSizeChanger: false,
              showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} 个`,
              onChange: (p) => {
                const next = new URLSearchParams(params);
                next.set('page', String(p));
                setParams(next);
              },
            }}
            columns={[
              { title: '序号', dataIndex: 'position', width: 52, render: (p: number) => p + 1 },
              {
                title: '检查对象',
                key: 'e',
                render: (_, t) => (
                  <>
                    <div>{t.entity.name}</div>
                    <Typography.Text className="mono" type="secondary" style={{ whiteSpace: 'nowrap' }}>
                      {t.entity.uscc}
                    </Typography.Text>
                  </>
                ),
              },
              { title: '类别', dataIndex: 'stratum', width: 60, render: (s: string) => `${s} 类` },
              {
                title: '检查组',
                key: 'team',
                render: (_, t) =>
                  t.team.length ? (
                    t.team.map((m) => (
                      <div key={m.inspectorId} style={{ whiteSpace: 'nowrap' }}>
                        {m.name} <span className="mono">{m.certificateNumber}</span>
                        {m.leader && <Tag style={{ marginLeft: 4 }}>组长</Tag>}
                      </div>
                    ))
                  ) : (
                    <Typography.Text type="danger">未能配齐，需另行安排</Typography.Text>
                  ),
              },
              {
                title: '状态',
                key: 'state',
                width: 110,
                render: (_, t) => (
                  <div style={{ whiteSpace: 'nowrap' }}>
                    <TaskStateTag state={t.state} />
                    <div>{t.record ? <Link to={`/records/${t.record.id}`}>{RECORD_STAGE_LABELS[t.record.state] ?? t.record.state}</Link> : <Typography.Text type="secondary">未开始检查</Typography.Text>}</div>
                  </div>
                ),
              },
              {
                title: '操作',
                key: 'op',
                width: 96,
                fixed: 'right',
                render: (_, t) =>
                  leads && t.state === 'assigned' && !d.supersededBy && (!t.record || ['in_progress', 'returned'].includes(t.record.state)) ? (
                    <Button size="small" onClick={() => setSubstituting(t)} aria-label={`替换检查人员：${t.entity.name}`} title="替换检查人员">
                      替换人员
                    </Button>
                  ) : null,
              },
            ]}
          />
        )}
      </Card>
      {substituting && <SubstitutionDialog task={substituting} onClose={() => setSubstituting(null)} />}
      {redrawing && plan.data && <RedrawDialog draw={d} serverTime={plan.data.serverTime} onClose={() => setRedrawing(false)} />}
    </>
  );
}
