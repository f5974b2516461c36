import { Form, InputNumber, Radio, Space, Table, Typography } from 'antd';
import type { Schemas } from '../../api/client';
import { RISK_CLASS_LABELS } from '../../app/labels';
import { formatNumber } from '../../components/format';

export const STRATA = ['A', 'B', 'C', 'D'] as const;
export type Stratum = (typeof STRATA)[number];
export type RuleValue = { mode: 'ratio' | 'count'; value: number | null };
type Preview = Schemas['SamplingPreviewDto'];

/** One class's rule: a ratio in percent or a fixed number (the API takes exactly one). */
function RuleInput({ id, stratum, value, onChange }: { id?: string; stratum: Stratum; value?: RuleValue; onChange?: (v: RuleValue) => void }) {
  const v = value ?? { mode: 'ratio', value: null };
  return (
    <Space wrap>
      <Radio.Group
        size="small"
        optionType="button"
        value={v.mode}
        onChange={(e) => onChange?.({ ...v, mode: e.target.value as RuleValue['mode'] })}
        options={[
          { value: 'ratio', label: '按比例' },
          { value: 'count', label: '固定数量' },
        ]}
        aria-label={`${stratum} 类抽取方式`}
      />
      <InputNumber
        id={id}
        aria-label={v.mode === 'ratio' ? `${stratum} 类比例（%）` : `${stratum} 类数量`}
        min={0}
        step={1}
        value={v.value}
        onChange={(n) => onChange?.({ ...v, value: n === null ? null : Number(n) })}
        suffix={v.mode === 'ratio' ? '%' : '个'}
        style={{ width: 130 }}
      />
    </Space>
  );
}

/**
 * 抽取比例: the rule per credit-risk class, side by side with the counts the API computes for the
 * current scope (candidates, excluded, eligible, to be drawn), so the numbers are seen before publishing.
 */
export function SamplingTable({ preview, stale }: { preview: Preview | null; stale: boolean }) {
  const byClass = new Map(preview?.strata.map((s) => [s.stratum, s]));
  const count = (s: Stratum, key: 'candidates' | 'excluded' | 'eligible' | 'quota') => (preview ? formatNumber(byClass.get(s)?.[key]) : '—');
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="s"
      dataSource={STRATA.map((s) => ({ s }))}
      aria-label="各风险类别抽取比例与数量"
      columns={[
        { title: '信用风险类别', dataIndex: 's', width: 150, render: (s: Stratum) => RISK_CLASS_LABELS[s] },
        {
          title: '抽取规则',
          key: 'rule',
          render: (_, { s }) => (
            <Form.Item name={['sampling', s]} style={{ margin: 0 }} rules={[{ validator: (_r, v: RuleValue | undefined) => (v && v.value !== null && v.value !== undefined ? Promise.resolve() : Promise.reject(new Error(`请填写 ${s} 类的比例或数量`))) }]}>
              <RuleInput stratum={s} />
            </Form.Item>
          ),
        },
        { title: '候选对象', key: 'c', align: 'right', width: 90, render: (_, { s }) => count(s, 'candidates') },
        { title: '不可抽取', key: 'x', align: 'right', width: 90, render: (_, { s }) => count(s, 'excluded') },
        { title: '可抽取', key: 'e', align: 'right', width: 80, render: (_, { s }) => count(s, 'eligible') },
        {
          title: '拟抽取数量',
          key: 'q',
          align: 'right',
          width: 100,
          render: (_, { s }) => <Typography.Text strong type={stale ? 'secondary' : undefined} data-testid={`quota-${s}`}>{count(s, 'quota')}</Typography.Text>,
        },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={5}>
            <Typography.Text strong>合计拟抽取</Typography.Text>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            <Typography.Text strong data-testid="quota-total">{preview ? formatNumber(preview.total) : '—'}</Typography.Text>
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

/** Form values → SamplingDto (percent or count per class). */
export function samplingBody(values: Partial<Record<Stratum, RuleValue>> | undefined): Schemas['SamplingDto'] {
  const rule = (v: RuleValue | undefined) => (v?.mode === 'count' ? { count: v.value ?? 0 } : { ratioPercent: v?.value ?? 0 });
  return { A: rule(values?.A), B: rule(values?.B), C: rule(values?.C), D: rule(values?.D) };
}
