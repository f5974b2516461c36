import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Radio, Select, Space, Steps, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, call, type Schemas } from '../../api/client';
import { RISK_CLASS_LABELS } from '../../app/labels';
import { applyApiError } from '../../components/forms';
import { RandomnessChoice, RANDOMNESS_LABELS, rememberSource, type RandomnessSource } from './RandomnessStep';
import { samplingBody, SamplingTable, STRATA, type RuleValue, type Stratum } from './SamplingTable';
import { EXCLUSION_LABELS } from './planView';

type Item = Schemas['ItemDto'];
interface Values {
  itemIds: string[];
  name: string;
  year: number;
  windowStart: string;
  windowEnd: string;
  candidateFilter?: { industryCodes?: string[]; districts?: string[]; licenceTypes?: string[] };
  sampling: Partial<Record<Stratum, RuleValue>>;
  teamSize: number;
  taskCapPerInspector?: number | null;
  repeatWindow: 'calendar_year' | 'none';
  annualCapPerEntity?: number | null;
  ruleBreachReason?: string;
  recusalRules: { declaredConflict: boolean; sameSupervisingUnit: boolean; lastInspector: boolean };
  source: RandomnessSource;
  round?: number;
}

const STEPS: { title: string; fields: string[] }[] = [
  { title: '检查事项', fields: ['itemIds'] },
  { title: '抽查范围', fields: ['name', 'year', 'windowStart', 'windowEnd', 'candidateFilter'] },
  { title: '抽取比例', fields: ['sampling', 'ruleBreachReason'] },
  { title: '检查组', fields: ['teamSize', 'taskCapPerInspector'] },
  { title: '排除规则', fields: ['repeatWindow', 'annualCapPerEntity', 'recusalRules'] },
  { title: '随机数', fields: ['source', 'round'] },
  { title: '确认保存', fields: [] },
];
const KNOWN_FIELDS = STEPS.flatMap((s) => s.fields);

/** The API names a nested rule ("sampling.A.ratioPercent"); the form shows it under the class ("sampling.A"). */
function underClass(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  return new ApiError(error.status, error.code, error.message, error.details.map((d) => (d.field ? { ...d, field: d.field.replace(/^(sampling\.[ABCD])\..*$/, '$1').replace(/^(candidateFilter\.\w+)\[\d+\]$/, '$1') } : d)));
}

function stepOf(error: unknown): number | null {
  if (!(error instanceof ApiError)) return null;
  for (const d of error.details) {
    const top = d.field?.split(/[.[]/)[0];
    const i = STEPS.findIndex((s) => top && s.fields.includes(top));
    if (i >= 0) return i;
  }
  return null;
}

/** 新建抽查计划: a step wizard over one form (every step stays mounted: nothing typed is lost), saved as a draft. */
export default function PlanWizard() {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [step, setStep] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<{ key: string; data: Schemas['SamplingPreviewDto'] } | null>(null);
  const [itemSearch, setItemSearch] = useState('');
  const [chosen, setChosen] = useState<Item[]>([]);

  const items = useQuery({
    queryKey: ['items', 'wizard', itemSearch],
    queryFn: () => call(api.GET('/items', { params: { query: { q: itemSearch || undefined, pageSize: 50 } } })),
  });
  const domains = [...new Set(chosen.map((i) => i.enforcementDomain))];

  const all = Form.useWatch([], form) as Values | undefined;
  const previewBody = (v: Values) => ({
    year: v.year,
    itemIds: v.itemIds,
    windowStart: v.windowStart,
    candidateFilter: v.candidateFilter,
    repeatWindow: v.repeatWindow,
    annualCapPerEntity: v.annualCapPerEntity ?? null,
    sampling: samplingBody(v.sampling),
  });
  // Keyed on the form's own values (the watched copy orders nested keys differently).
  const currentKey = useMemo(() => JSON.stringify(previewBody(form.getFieldsValue(true) as Values)), [all, form]);
  const stale = preview !== null && preview.key !== currentKey;

  const runPreview = async (): Promise<boolean> => {
    const v = form.getFieldsValue(true) as Values;
    const body = previewBody(v);
    setBusy(true);
    setError(null);
    try {
      const data = await call(api.POST('/plans/sampling-preview', { body }));
      setPreview({ key: JSON.stringify(body), data });
      return true;
    } catch (err) {
      setError(applyApiError(form, underClass(err), KNOWN_FIELDS));
      const at = stepOf(err);
      if (at !== null && at !== step) setStep(at);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const next = async () => {
    try {
      await form.validateFields(STEPS[step].fields.map((f) => (f === 'sampling' ? STRATA.map((s) => ['sampling', s]) : [[f]])).flat(), { recursive: true });
    } catch {
      return;
    }
    if (step === 2 && !(await runPreview())) return;
    setError(null);
    setStep(step + 1);
  };

  const save = async () => {
    const v = form.getFieldsValue(true) as Values;
    setBusy(true);
    setError(null);
    try {
      const plan = await call(
        api.POST('/plans', {
          body: {
            name: v.name,
            year: v.year,
            itemIds: v.itemIds,
            candidateFilter: v.candidateFilter,
            sampling: samplingBody(v.sampling),
            teamSize: v.teamSize,
            taskCapPerInspector: v.taskCapPerInspector ?? null,
            repeatWindow: v.repeatWindow,
            annualCapPerEntity: v.annualCapPerEntity ?? null,
            ruleBreachReason: v.ruleBreachReason?.trim() || null,
            windowStart: v.windowStart,
            windowEnd: v.windowEnd,
            recusalRules: v.recusalRules,
          },
        }),
      );
      rememberSource(plan.id, v.source);
      message.success('草稿已保存，可在计划详情中核对后发布');
      void navigate(`/plans/${plan.id}`);
    } catch (err) {
      setError(applyApiError(form, underClass(err), KNOWN_FIELDS));
      const at = stepOf(err);
      if (at !== null) setStep(at);
    } finally {
      setBusy(false);
    }
  };

  const onItems = (ids: string[]) => {
    const known = new Map([...chosen, ...(items.data?.items ?? [])].map((i) => [i.id, i]));
    const picked = ids.map((id) => known.get(id)).filter((i): i is Item => !!i);
    setChosen(picked);
    // The first item's default ratios fill the rules the user has not touched yet.
    if (picked[0] && !form.isFieldTouched(['sampling', 'A'])) {
      const r = picked[0].defaultRatios;
      form.setFieldsValue({ sampling: { A: { mode: 'ratio', value: r.A }, B: { mode: 'ratio', value: r.B }, C: { mode: 'ratio', value: r.C }, D: { mode: 'ratio', value: r.D } } });
    }
  };

  const show = (i: number) => ({ display: step === i ? 'block' : 'none' });
  const v = all;
  return (
    <Card title="新建抽查计划">
      <Steps current={step} size="small" style={{ marginBottom: 24 }} items={STEPS.map((s) => ({ title: s.title }))} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark
        initialValues={{
          year: new Date().getFullYear(),
          teamSize: 2,
          repeatWindow: 'calendar_year',
          recusalRules: { declaredConflict: true, sameSupervisingUnit: true, lastInspector: true },
          source: 'commit-reveal',
          sampling: { A: { mode: 'ratio', value: 3 }, B: { mode: 'ratio', value: 5 }, C: { mode: 'ratio', value: 20 }, D: { mode: 'ratio', value: 100 } },
        }}
        style={{ maxWidth: 960 }}
      >
        <div style={show(0)}>
          <Form.Item label="检查事项" name="itemIds" rules={[{ required: true, message: '请至少选择一个检查事项' }]} extra="同一计划内的事项须属于同一执法领域（检查人员按领域抽取）。">
            <Select
              mode="multiple"
              showSearch={{ filterOption: false, onSearch: setItemSearch }}
              loading={items.isFetching}
              placeholder="输入名称或编码搜索"
              onChange={onItems}
              options={(items.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.name}（${i.code}，${i.enforcementDomain}）` }))}
              notFoundContent={items.isFetching ? '加载中…' : '没有匹配的检查事项，请先在「检查事项」中新建'}
            />
          </Form.Item>
          {domains.length > 1 && <Alert type="warning" showIcon title={`所选事项属于不同执法领域（${domains.join('、')}），发布时将被拒绝，请拆分为多个计划`} />}
        </div>

        <div style={show(1)}>
          <Form.Item label="计划名称" name="name" rules={[{ required: true, message: '请填写计划名称' }]} extra="名称将随计划向社会公开。">
            <Input maxLength={200} placeholder="如：2024年第二季度实验动物许可双随机抽查" />
          </Form.Item>
          <Space wrap size="large" align="start">
            <Form.Item label="年度" name="year" rules={[{ required: true, message: '请填写年度' }]}>
              <InputNumber min={2000} max={2100} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item label="检查期限起" name="windowStart" rules={[{ required: true, message: '请选择起始日' }]}>
              <Input type="date" style={{ width: 180 }} />
            </Form.Item>
            <Form.Item label="检查期限止" name="windowEnd" rules={[{ required: true, message: '请选择截止日' }]}>
              <Input type="date" style={{ width: 180 }} />
            </Form.Item>
          </Space>
          <Typography.Paragraph type="secondary">抽取范围默认为本部门检查对象名录中符合所选事项对象条件的全部对象；可按下列条件进一步缩小（留空表示不限）。</Typography.Paragraph>
          <Form.Item label="行业代码" name={['candidateFilter', 'industryCodes']}>
            <Select mode="tags" placeholder="输入后回车，如 M7340" open={false} />
          </Form.Item>
          <Form.Item label="所在区域" name={['candidateFilter', 'districts']}>
            <Select mode="tags" placeholder="输入后回车" open={false} />
          </Form.Item>
          <Form.Item label="许可证类型" name={['candidateFilter', 'licenceTypes']}>
            <Select mode="tags" placeholder="输入后回车，如 实验动物使用许可证" open={false} />
          </Form.Item>
        </div>

        <div style={show(2)}>
          <Typography.Paragraph>
            按信用风险分类设定抽取比例（或固定数量）。右侧数量按当前名录计算，仅供核对；发布时以发布当日冻结的名录为准，按公布的取整规则计算。
          </Typography.Paragraph>
          <SamplingTable preview={preview?.data ?? null} stale={stale} />
          <Space style={{ marginTop: 12 }} wrap>
            <Button onClick={() => void runPreview()} loading={busy}>
              计算抽取数量
            </Button>
            {preview && (
              <Typography.Text type={stale ? 'warning' : 'secondary'} role="status">
                {stale ? '条件已修改，请重新计算' : `按 ${preview.data.snapshotDate} 的名录计算`}
              </Typography.Text>
            )}
          </Space>
          <Form.Item
            label="突破比例规定的理由（如有）"
            name="ruleBreachReason"
            style={{ marginTop: 16 }}
            extra="重点事项应全覆盖（各类100%），一般事项比例不得超过规定上限；确需突破时填写理由，理由随计划记录并写入审计记录。"
          >
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </div>

        <div style={show(3)}>
          <Form.Item label="检查组人数" name="teamSize" rules={[{ required: true, message: '请填写检查组人数' }]} extra="每个检查对象随机匹配的执法人员人数，至少 2 名（《行政处罚法》第四十二条）。">
            <InputNumber min={1} max={10} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item label="每名执法人员任务上限（可选）" name="taskCapPerInspector" extra="检查期限内每人最多承担的任务数；留空表示不限。">
            <InputNumber min={1} style={{ width: 120 }} />
          </Form.Item>
        </div>

        <div style={show(4)}>
          <Form.Item label="重复抽查" name="repeatWindow">
            <Radio.Group>
              <Space orientation="vertical">
                <Radio value="calendar_year">{EXCLUSION_LABELS.calendar_year}</Radio>
                <Radio value="none">{EXCLUSION_LABELS.none}</Radio>
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item label="每个对象年度被抽查次数上限（可选）" name="annualCapPerEntity" extra="达到上限的对象不再抽取（各部门合计，按统一社会信用代码）；留空按系统规定的默认上限。">
            <InputNumber min={1} max={100} style={{ width: 120 }} />
          </Form.Item>
          <Typography.Text strong>回避规则</Typography.Text>
          <Form.Item name={['recusalRules', 'declaredConflict']} valuePropName="checked" style={{ marginBottom: 4 }}>
            <Checkbox>申报的利害关系须回避</Checkbox>
          </Form.Item>
          <Form.Item name={['recusalRules', 'sameSupervisingUnit']} valuePropName="checked" style={{ marginBottom: 4 }}>
            <Checkbox>日常监管单位的人员不检查本单位监管的对象（所所交叉）</Checkbox>
          </Form.Item>
          <Form.Item name={['recusalRules', 'lastInspector']} valuePropName="checked">
            <Checkbox>上次检查该对象的人员不再参加</Checkbox>
          </Form.Item>
        </div>

        <div style={show(5)}>
          <Alert type="info" showIcon title="随机数来源在发布计划时固定并公开" description="此处选择的来源将带入发布确认；承诺—揭示方式的公开随机事件（如某期彩票开奖号码及开奖时间）和见证人承诺在发布确认时填写。" style={{ marginBottom: 16 }} />
          <RandomnessChoice />
        </div>

        <div style={show(6)}>
          {v && (
            <Descriptions
              bordered
              size="small"
              column={1}
              items={[
                { key: 'n', label: '计划名称', children: v.name },
                { key: 'i', label: '检查事项', children: chosen.map((i) => `${i.name}（${i.code}）`).join('、') || '—' },
                { key: 'w', label: '年度与检查期限', children: `${v.year} 年，${v.windowStart ?? '—'} 至 ${v.windowEnd ?? '—'}` },
                {
                  key: 's',
                  label: '抽取比例',
                  children: STRATA.map((s) => {
                    const r = v.sampling?.[s];
                    const q = preview?.data.strata.find((x) => x.stratum === s)?.quota;
                    return `${RISK_CLASS_LABELS[s]}：${r?.mode === 'count' ? `${r.value ?? '—'} 个` : `${r?.value ?? '—'}%`}${q !== undefined ? `（拟抽 ${q} 个）` : ''}`;
                  }).join('；'),
                },
                { key: 't', label: '检查组人数', children: v.teamSize },
                { key: 'r', label: '重复抽查', children: EXCLUSION_LABELS[v.repeatWindow] },
                { key: 'x', label: '随机数来源', children: RANDOMNESS_LABELS[v.source] },
              ]}
            />
          )}
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            保存为草稿后仍可核对；发布计划时名录与参数才会冻结并公开。
          </Typography.Paragraph>
        </div>

        <Space style={{ marginTop: 16 }}>
          {step > 0 && <Button onClick={() => setStep(step - 1)}>上一步</Button>}
          {step < STEPS.length - 1 ? (
            <Button type="primary" onClick={() => void next()} loading={busy}>
              下一步
            </Button>
          ) : (
            <Button type="primary" onClick={() => void save()} loading={busy}>
              保存草稿
            </Button>
          )}
          <Button onClick={() => void navigate('/plans')}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}
