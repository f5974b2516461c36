import { Card, Descriptions, List, Space, Typography } from 'antd';
import type { Schemas } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { Hash } from './planView';

type Publication = NonNullable<Schemas['PlanDto']['publication']>;

/** The inputs anyone can download once a plan is published (the public snapshot routes). */
const SNAPSHOTS: { file: string; label: string }[] = [
  { file: 'candidates.tsv', label: '候选对象名录' },
  { file: 'inspectors.tsv', label: '执法人员名录' },
  { file: 'conflicts.tsv', label: '回避关系' },
  { file: 'parameters.json', label: '抽取参数' },
  { file: 'probabilities.tsv', label: '各对象入选概率' },
];

const enc = encodeURIComponent;

/** 发布记录: what publication fixed and made public, with the public links anyone can keep. */
export function PublicationRecordCard({ planId, publication }: { planId: string; publication: Publication }) {
  const r = publication.randomness;
  return (
    <Card title="发布记录（已向社会公开，不可更改）" style={{ marginBottom: 16 }}>
      <Descriptions
        bordered
        size="small"
        column={1}
        styles={{ label: { whiteSpace: 'nowrap' } }}
        items={[
          { key: 'p', label: '发布时间', children: formatDateTime(publication.publishedAt, true) },
          { key: 'n', label: '最早抽取时间', children: <span data-testid="draw-not-before">{formatDateTime(publication.drawNotBefore, true)}</span> },
          ...(r.source === 'drand-quicknet'
            ? [{ key: 'r', label: '随机数来源', children: `drand 第 ${r.round} 轮` }]
            : [
                {
                  key: 'e',
                  label: '公开随机事件',
                  children: r.event ? (
                    <Space orientation="vertical" size={0}>
                      <span>{r.event.name}</span>
                      <span>开奖时间：{formatDateTime(r.event.at, true)}</span>
                      {r.event.checkUrl && (
                        <a href={r.event.checkUrl} target="_blank" rel="noopener noreferrer">
                          核对官方开奖结果：{r.event.checkUrl}
                        </a>
                      )}
                    </Space>
                  ) : (
                    '未指定（不能抽取）'
                  ),
                },
                { key: 'c', label: '系统承诺值', children: <Hash value={r.commitment} label="随机数承诺值" /> },
                {
                  key: 'w',
                  label: '见证人承诺',
                  children: r.witnesses?.length ? (
                    <List
                      size="small"
                      dataSource={r.witnesses}
                      renderItem={(w) => (
                        <List.Item style={{ paddingInline: 0 }}>
                          <Space orientation="vertical" size={0}>
                            <span>{w.label}</span>
                            <Hash value={w.commitment} label={`${w.label} 的承诺值`} />
                          </Space>
                        </List.Item>
                      )}
                    />
                  ) : (
                    '无'
                  ),
                },
              ]),
          {
            key: 'd',
            label: '公开下载',
            children: (
              <Space orientation="vertical" size={2}>
                <a href={`/public/plans/${enc(planId)}/publication`} target="_blank" rel="noopener">
                  发布记录（JSON）
                </a>
                <Space wrap>
                  {SNAPSHOTS.map((s) => (
                    <a key={s.file} href={`/public/plans/${enc(planId)}/snapshots/${enc(s.file)}`} target="_blank" rel="noopener">
                      {s.label}
                    </a>
                  ))}
                </Space>
                <a href={`/portal/plans/${enc(planId)}`} target="_blank" rel="noopener">
                  公开计划页面
                </a>
                <Typography.Text type="secondary">任何人可下载以上文件，抽取后用 npm run verify-draw 复核结果。</Typography.Text>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
