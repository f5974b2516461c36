import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { ApiError, type Schemas } from '../../api/client';
import { formatDateTime } from '../../components/format';

/**
 * Commit-reveal's public part, fixed at publication (and at a redraw): the named future public event
 * whose official result decides the draw, and optional witnesses' commitments. Times are typed as
 * Beijing time ("YYYY-MM-DD HH:mm") and sent with their zone.
 */
export type EventFormValues = {
  event?: { name?: string; at?: string; checkUrl?: string };
  witnessCommitments?: { label?: string; commitment?: string }[];
};

const BEIJING_TIME = /^(\d{4})-(\d{2})-(\d{2})\s+(\d{2}):(\d{2})$/;

/** "2024-03-04 10:05" (Beijing) → ISO instant with zone, or null when it is not such a time. */
export function beijingToIso(text: string | undefined): string | null {
  const m = BEIJING_TIME.exec((text ?? '').trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00+08:00`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

/** The publish/redraw body's commit-reveal part from the form. */
export function eventBody(v: EventFormValues): Pick<Schemas['PublishPlanDto'], 'event' | 'witnessCommitments'> {
  const witnesses = (v.witnessCommitments ?? []).filter((w) => w.label || w.commitment).map((w) => ({ label: (w.label ?? '').trim(), commitment: (w.commitment ?? '').trim().toLowerCase() }));
  return {
    event: { name: (v.event?.name ?? '').trim(), at: beijingToIso(v.event?.at) ?? '', ...(v.event?.checkUrl?.trim() ? { checkUrl: v.event.checkUrl.trim() } : {}) },
    ...(witnesses.length ? { witnessCommitments: witnesses } : {}),
  };
}

/**
 * The API's fields as the form names them: array elements "witnessReveals[0]" → witnessReveals.0, and
 * a missing event ("event") under its name field.
 */
export function formFields(err: unknown): unknown {
  if (!(err instanceof ApiError)) return err;
  const field = (f: string) => (f === 'event' ? 'event.name' : f.replace(/\[(\d+)\]/g, '.$1'));
  return new ApiError(err.status, err.code, err.message, err.details.map((d) => (d.field ? { ...d, field: field(d.field) } : d)));
}

async function sha256Hex(value: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Computes a witness's commitment in this browser: the value itself is neither stored nor sent. */
function CommitmentHelper({ index }: { index: number }) {
  const form = Form.useFormInstance();
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const compute = async () => {
    if (!value) return setProblem('请见证人先输入其秘密值');
    if (!globalThis.crypto?.subtle) return setProblem('当前浏览器环境不支持在本机计算 SHA-256（需 HTTPS），请见证人自行计算后填入承诺值');
    setProblem(null);
    form.setFieldValue(['witnessCommitments', index, 'commitment'], await sha256Hex(value));
    await form.validateFields([['witnessCommitments', index, 'commitment']]);
    setValue('');
  };
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input.Password aria-label={`见证人 ${index + 1} 的秘密值（仅在本机计算，不上传）`} placeholder="由见证人本人输入秘密值" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" />
      <Button onClick={() => void compute()}>在本机计算承诺值</Button>
      {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
    </Space.Compact>
  );
}

/** Form fields event.{name,at,checkUrl} and witnessCommitments[] (PublishPlanDto, RedrawRequestDto). */
export function PublicEventFields({ serverTime, redraw }: { serverTime: string; redraw?: boolean }) {
  return (
    <>
      <Typography.Paragraph>
        系统当前时间：<Typography.Text strong data-testid="server-time">{formatDateTime(serverTime, true)}</Typography.Text>
      </Typography.Paragraph>
      <Form.Item
        label={redraw ? '新的公开随机事件（不能沿用已用过的期次）' : '公开随机事件'}
        name={['event', 'name']}
        rules={[
          { required: true, message: '请填写作为随机数来源的公开随机事件' },
          { min: 4, max: 200, message: '4 至 200 个字' },
        ]}
        extra="须是发布后才开奖、任何人都能查到官方结果的事件，写明到期次，例如：中国体育彩票排列5 第2024060期开奖号码。"
      >
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
      <Form.Item
        label="开奖时间（北京时间，YYYY-MM-DD HH:mm）"
        name={['event', 'at']}
        rules={[
          { required: true, message: '请填写开奖时间' },
          { validator: async (_, v: string | undefined) => (!v || beijingToIso(v) ? undefined : Promise.reject(new Error('格式应为 YYYY-MM-DD HH:mm，如 2024-03-04 20:30'))) },
        ]}
        extra="须晚于发布时间至少 60 秒、不晚于 90 天后；此时间之前系统拒绝抽取。"
      >
        <Input style={{ width: 240 }} placeholder="2024-03-04 20:30" autoComplete="off" />
      </Form.Item>
      <Form.Item label="官方开奖结果查询网址（可选）" name={['event', 'checkUrl']} rules={[{ pattern: /^https?:\/\/\S+$/, message: '请填写以 http:// 或 https:// 开头的网址' }]} extra="随计划公开，供群众核对抽取时录入的开奖结果。">
        <Input placeholder="https://www.lottery.gov.cn/" autoComplete="off" />
      </Form.Item>
      <Typography.Title level={5}>见证人承诺（可选，最多 10 位）</Typography.Title>
      <Alert
        type="info"
        showIcon
        title="见证人的秘密值在抽取前必须保密"
        description="每位见证人自行确定一个秘密值，此处只公开其 SHA-256 承诺值；抽取时见证人当场揭示秘密值，系统核对与承诺一致后才抽取。秘密值在抽取前泄露，承诺即失去意义。可由见证人本人在本机计算承诺值，秘密值不会保存或上传。"
        style={{ marginBottom: 12 }}
      />
      <Form.List name="witnessCommitments">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Card key={f.key} size="small" title={`见证人 ${i + 1}`} extra={<Button type="link" onClick={() => remove(f.name)}>删除</Button>} style={{ marginBottom: 12 }}>
                <Form.Item label="见证人名称" name={[f.name, 'label']} rules={[{ required: true, message: '请填写见证人名称（将公开，勿填个人证件号、手机号）' }]}>
                  <Input maxLength={100} placeholder="如：见证人：市公证处" autoComplete="off" />
                </Form.Item>
                <Form.Item label="承诺值（秘密值的 SHA-256，64 位十六进制）" name={[f.name, 'commitment']} rules={[{ required: true, message: '请填写承诺值' }, { pattern: /^[0-9a-fA-F]{64}$/, message: '承诺值应为 64 位十六进制' }]}>
                  <Input className="mono" autoComplete="off" />
                </Form.Item>
                <CommitmentHelper index={f.name} />
              </Card>
            ))}
            {fields.length < 10 && <Button onClick={() => add({})}>添加见证人承诺</Button>}
          </>
        )}
      </Form.List>
    </>
  );
}
