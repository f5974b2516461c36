import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Modal, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, call, type Schemas } from '../../api/client';
import { RISK_CLASS_LABELS } from '../../app/labels';
import { useUser } from '../../app/session';
import { ErrorResult } from '../../components/ErrorResult';
import { applyApiError } from '../../components/forms';
import { formatDate, formatDateTime, formatNumber } from '../../components/format';
import { DrawCeremonyFields, drawNotBeforeOf, RandomnessChoice, randomnessText, rememberedSource, useServerNow, type RandomnessSource } from './RandomnessStep';
import { eventBody, formFields, type EventFormValues } from './EventFields';
import { PublicationRecordCard } from './PublicationRecord';
import { EXCLUSION_LABELS, Hash, PlanStateTag, ruleText } from './planView';
import { MergeCandidates } from './MergeCandidates';
import { STRATA } from './SamplingTable';

type Plan = Schemas['PlanDto'];
type Draw = Schemas['DrawSummaryDto'];

/** 发布计划: what becomes fixed and public, and that it cannot be undone. */
function PublishDialog({ plan, open, onClose }: { plan: Plan; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ source: RandomnessSource; round?: number } & EventFormValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const publish = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const randomness = v.source === 'commit-reveal' ? eventBody(v) : { round: v.round ?? undefined };
      await call(api.POST('/plans/{id}/publish', { params: { path: { id: plan.id } }, body: { source: v.source, ...randomness, version: plan.version } }));
      message.success('计划已发布');
      await queryClient.invalidateQueries({ queryKey: ['plans'] });
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.isConflict) {
        // Someone changed the plan meanwhile: reload it; what was typed in this dialog stays.
        await queryClient.invalidateQueries({ queryKey: ['plans', plan.id] });
        setError('数据已被他人修改：已重新加载计划并保留您的输入，请核对计划内容后再次确认发布');
      } else setError(applyApiError(form, formFields(err), ['source', 'round', 'event', 'witnessCommitments']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title="确认发布抽查计划" onCancel={onClose} onOk={() => void publish()} okText="确认发布" cancelText="取消" confirmLoading={busy} width={720} destroyOnHidden>
      <Alert
        type="warning"
        showIcon
        title="发布后不可撤销"
        description={
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            <li>检查事项、抽取范围、各类比例、检查组人数、排除与回避规则即被固定，计划不能再修改（如需更正只能新建计划）。</li>
            <li>当日的候选对象名录、执法人员名录、回避关系、抽取参数和各对象入选概率被冻结，任何人均可下载核验。</li>
            <li>发布记录即时向社会公开：发布时间、上述内容的 SHA-256 哈希值、随机数规则（公开随机事件、系统承诺值、见证人承诺）和最早抽取时间。</li>
            <li>抽取不得早于公开随机事件的开奖时间；抽取结果只取决于已公开的内容和该事件的官方开奖结果（及见证人揭示的值）。</li>
          </ul>
        }
        style={{ marginBottom: 16 }}
      />
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={{ source: rememberedSource(plan.id) }}>
        <RandomnessChoice serverTime={plan.serverTime} />
      </Form>
    </Modal>
  );
}

/** 抽取仪式: wait for the fixed randomness, enter it, confirm, draw. */
function DrawCeremony({ plan, randomness, notBefore }: { plan: Plan; randomness: NonNullable<Plan['randomness']>; notBefore: string | null }) {
  const [form] = Form.useForm<Schemas['DrawRequestDto']>();
  const [error, setError] = useState<{ title: string; description?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const now = useServerNow(plan.serverTime);
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const waiting = notBefore !== null && now < Date.parse(notBefore);
  const start = async () => {
    const v = await form.validateFields();
    const ok = await modal.confirm({
      title: '确认开始抽取',
      content: (
        <>
          {v.witnessEntropy !== undefined && <p>录入的官方开奖结果：{v.witnessEntropy}</p>}
          <p>抽取将按已公开的名录、参数和随机数立即生成检查对象和检查组，结果即时公开且不可删除；如确需重抽，须说明理由并向社会公开。</p>
        </>
      ),
      okText: '确认抽取',
      cancelText: '取消',
    });
    if (!ok) return;
    setBusy(true);
    setError(null);
    try {
      const draw = await call(api.POST('/plans/{id}/draw', { params: { path: { id: plan.id } }, body: v }));
      await queryClient.invalidateQueries({ queryKey: ['plans'] });
      void navigate(`/draws/${draw.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'RANDOMNESS_NOT_YET') {
        const at = (err.details[0] as { drawNotBefore?: string } | undefined)?.drawNotBefore;
        setError({ title: '尚未到抽取时间', description: `${err.message}${at ? `（即 ${formatDateTime(at, true)}）` : ''}` });
        await queryClient.invalidateQueries({ queryKey: ['plans', plan.id] }); // the server's time, afresh
      } else {
        const message = applyApiError(form, formFields(err), ['round', 'signature', 'witnessEntropy', 'witnessReveals']);
        setError(message ? { title: message } : null);
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="抽取仪式" style={{ marginBottom: 16 }}>
      {waiting ? (
        <Alert type="info" showIcon title="尚未到抽取时间" description={`最早抽取时间：${formatDateTime(notBefore, true)}；系统当前时间：${formatDateTime(new Date(now).toISOString(), true)}。届时${randomness.source === 'drand-quicknet' ? '取得该轮签名' : '录入官方开奖结果和见证人揭示的值'}后开始抽取。`} style={{ marginBottom: 16 }} />
      ) : (
        <Alert type="success" showIcon title="已到抽取时间" description={randomness.source === 'drand-quicknet' ? `drand 第 ${randomness.round} 轮已产生。` : `请录入“${randomness.event?.name ?? '公开随机事件'}”的官方开奖结果${randomness.witnesses?.length ? '，并由各见证人当场揭示其秘密值' : ''}。`} style={{ marginBottom: 16 }} />
      )}
      {error && <Alert type="error" showIcon title={error.title} description={error.description} role="alert" style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" style={{ maxWidth: 640 }}>
        <DrawCeremonyFields randomness={randomness} />
        <Button type="primary" onClick={() => void start()} loading={busy}>
          开始抽取
        </Button>
      </Form>
    </Card>
  );
}

/** 抽查计划详情: parameters, state, published hashes, publication, the draw ceremony, the draws. */
export default function PlanDetail() {
  const { id = '' } = useParams();
  const user = useUser();
  const [publishing, setPublishing] = useState(false);
  const plan = useQuery({ queryKey: ['plans', id], staleTime: 0, queryFn: () => call(api.GET('/plans/{id}', { params: { path: { id } } })) });
  const published = plan.data && plan.data.state !== 'draft';
  const draws = useQuery({ queryKey: ['plans', id, 'draws'], enabled: !!published, queryFn: () => call(api.GET('/plans/{id}/draws', { params: { path: { id } } })) });
  if (plan.isPending) return <Skeleton active />;
  if (plan.isError) return <ErrorResult error={plan.error} onRetry={() => void plan.refetch()} />;
  const p = plan.data;
  const list = draws.data ?? [];
  // After a redraw the plan is "published" again, with the redraw's fresh randomness.
  const pendingRedraw = list.map((d) => d.supersededBy).find((r) => r && !r.drawId) ?? null;
  // Only the lead department publishes and draws; joint departments read.
  const leads = user.departmentId === null || user.departmentId === p.departmentId;
  const ceremonyRandomness = p.state === 'published' && leads ? (pendingRedraw?.randomness ?? p.randomness) : null;
  const notBefore = pendingRedraw ? drawNotBeforeOf(pendingRedraw.randomness) : (p.publication?.drawNotBefore ?? (p.randomness ? drawNotBeforeOf(p.randomness) : null));

  return (
    <>
      <Card
        title={
          <Space wrap>
            <span>{p.name}</span>
            <PlanStateTag state={p.state} />
          </Space>
        }
        extra={
          p.state === 'draft' &&
          leads && (
            <Button type="primary" onClick={() => setPublishing(true)}>
              发布计划
            </Button>
          )
        }
        style={{ marginBottom: 16 }}
      >
        {p.state === 'draft' && <Alert type="info" showIcon title="草稿：核对参数后发布。发布前名录与参数均未冻结，也不对外公开。" style={{ marginBottom: 16 }} />}
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
          styles={{ label: { whiteSpace: 'nowrap' } }}
          items={[
            { key: 'y', label: '年度', children: p.year },
            { key: 'w', label: '检查期限', children: `${formatDate(p.windowStart)} 至 ${formatDate(p.windowEnd)}` },
            { key: 'i', label: '检查事项', span: 2, children: p.items.map((i) => `${i.name}（${i.code}，第 ${i.version} 版）`).join('、') },
            { key: 'd', label: '执法领域', children: [...new Set(p.items.map((i) => i.enforcementDomain))].join('、') },
            { key: 't', label: '检查组人数', children: `${p.teamSize} 人` },
            {
              key: 'f',
              label: '抽取范围',
              span: 2,
              children:
                [
                  p.candidateFilter.industryCodes.length ? `行业代码：${p.candidateFilter.industryCodes.join('、')}` : '',
                  p.candidateFilter.districts.length ? `区域：${p.candidateFilter.districts.join('、')}` : '',
                  p.candidateFilter.licenceTypes.length ? `许可证：${p.candidateFilter.licenceTypes.join('、')}` : '',
                ]
                  .filter(Boolean)
                  .join('；') || '本部门名录中符合事项对象条件的全部对象',
            },
            { key: 's', label: '抽取比例', span: 2, children: STRATA.map((s) => `${RISK_CLASS_LABELS[s]} ${ruleText(p.sampling[s])}`).join('；') },
            { key: 'r', label: '重复抽查', children: EXCLUSION_LABELS[p.repeatWindow] ?? p.repeatWindow },
            { key: 'c', label: '对象年度抽查上限', children: p.annualCapPerEntity ? `${p.annualCapPerEntity} 次` : '不限' },
            { key: 'ti', label: '每人任务上限', children: p.taskCapPerInspector ? `${p.taskCapPerInspector} 项` : '不限' },
            ...(p.ruleBreaches.length
              ? [{ key: 'rb', label: '突破比例规定', span: 2, children: `${p.ruleBreaches.map((b) => b.message).join('；')}。理由：${p.ruleBreachReason ?? ''}` }]
              : []),
            ...(p.ruleWarnings.length ? [{ key: 'rw', label: '规则提示', span: 2, children: p.ruleWarnings.map((w) => w.message).join('；') }] : []),
            {
              key: 'rr',
              label: '回避规则',
              children: [p.recusalRules.declaredConflict && '利害关系', p.recusalRules.sameSupervisingUnit && '所所交叉', p.recusalRules.lastInspector && '上次检查人员'].filter(Boolean).join('、') || '无',
            },
            { key: 'x', label: '随机数', span: 2, children: randomnessText(p.randomness) },
            { key: 'p', label: '发布时间', children: formatDateTime(p.publishedAt, true) },
          ]}
        />
      </Card>

      {published && (
        <Card title="已公布的哈希值" style={{ marginBottom: 16 }}>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'c', label: '候选对象名录（SHA-256）', children: <Hash value={p.candidatePoolHash} label="候选对象名录哈希" /> },
              { key: 'i', label: '执法人员名录（SHA-256）', children: <Hash value={p.inspectorPoolHash} label="执法人员名录哈希" /> },
              { key: 'p', label: '抽取参数（SHA-256）', children: <Hash value={p.parametersHash} label="抽取参数哈希" /> },
              ...(p.randomness?.source === 'commit-reveal' ? [{ key: 'm', label: '随机数承诺值', children: <Hash value={p.randomness.commitment} label="随机数承诺值" /> }] : []),
              ...(p.randomness?.source === 'drand-quicknet' ? [{ key: 'h', label: 'drand 链标识', children: <Hash value={p.randomness.chainHash} label="drand 链标识" /> }] : []),
            ]}
          />
          {p.stratumCounts && (
            <Table
              size="small"
              pagination={false}
              rowKey="s"
              style={{ marginTop: 12 }}
              dataSource={STRATA.map((s) => ({ s, ...(p.stratumCounts?.[s] ?? { candidates: 0, excluded: 0, eligible: 0 }) }))}
              columns={[
                { title: '信用风险类别', dataIndex: 's', render: (s: string) => RISK_CLASS_LABELS[s] },
                { title: '抽取比例', key: 'r', render: (_, r) => ruleText(p.sampling[r.s]) },
                { title: '候选对象', dataIndex: 'candidates', align: 'right', render: formatNumber },
                { title: '不可抽取', dataIndex: 'excluded', align: 'right', render: formatNumber },
                { title: '可抽取', dataIndex: 'eligible', align: 'right', render: formatNumber },
              ]}
            />
          )}
        </Card>
      )}

      {published && p.publication && <PublicationRecordCard planId={p.id} publication={p.publication} />}

      {ceremonyRandomness && (
        <>
          {pendingRedraw && <Alert type="warning" showIcon title="已申请重抽" description={`理由：${pendingRedraw.reason}。新的随机数已固定：${randomnessText(pendingRedraw.randomness)}。`} style={{ marginBottom: 16 }} />}
          <DrawCeremony plan={p} randomness={ceremonyRandomness} notBefore={notBefore} />
        </>
      )}

      {published && (
        <Card title="抽取结果" style={{ marginBottom: 16 }}>
          <Table<Draw>
            rowKey="id"
            size="small"
            loading={draws.isFetching}
            dataSource={list}
            pagination={false}
            locale={{ emptyText: '尚未抽取' }}
            columns={[
              { title: '抽取时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, true) },
              { title: '检查对象', dataIndex: 'tasks', align: 'right', render: formatNumber },
              { title: '未配齐检查组', dataIndex: 'unstaffedTasks', align: 'right', render: formatNumber },
              { title: '状态', key: 's', render: (_, d) => (d.supersededBy ? <Tag>已被重抽取代</Tag> : <Tag color="blue">有效</Tag>) },
              { title: '操作', key: 'op', render: (_, d) => <Link to={`/draws/${d.id}`}>查看抽取结果</Link> },
            ]}
          />
        </Card>
      )}

      {published && p.state !== 'published' && <MergeCandidates plan={p} />}

      {publishing && <PublishDialog plan={p} open={publishing} onClose={() => setPublishing(false)} />}
      <Typography.Paragraph type="secondary">
        <Link to="/plans">← 返回抽查计划列表</Link>
      </Typography.Paragraph>
    </>
  );
}
