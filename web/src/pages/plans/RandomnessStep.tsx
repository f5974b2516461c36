import { useEffect, useState } from 'react';
import { Form, Input, InputNumber, Radio, Space, Typography } from 'antd';
import type { Schemas } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { PublicEventFields } from './EventFields';

/**
 * Randomness, in one place so it can follow the API: which source a plan fixes at publication
 * (RandomnessChoice) and what the draw ceremony asks for (DrawCeremonyFields). Today: a future drand
 * round, or commit-reveal (a server commitment and a named future public event published now, the
 * event's official result and the witnesses' revealed values entered at the draw).
 */
export type RandomnessSource = Schemas['PublishPlanDto']['source'];
export type PlanRandomness = NonNullable<Schemas['PlanDto']['randomness']>;

export const RANDOMNESS_LABELS: Record<RandomnessSource, string> = {
  'drand-quicknet': 'drand 公共随机信标（指定未来轮次）',
  'commit-reveal': '承诺—揭示（以指定的未来彩票开奖等公开结果为随机数）',
};

/** The source chosen in the wizard, kept for the publication dialog (a draft does not store it). */
export function rememberSource(planId: string, source: RandomnessSource): void {
  sessionStorage.setItem(`plan-randomness:${planId}`, source);
}

export function rememberedSource(planId: string): RandomnessSource {
  const value = sessionStorage.getItem(`plan-randomness:${planId}`);
  return value === 'drand-quicknet' || value === 'commit-reveal' ? value : 'commit-reveal';
}

/**
 * Form fields `source` and `round` (PublishPlanDto, RedrawRequestDto); with `serverTime` (the publish
 * and redraw dialogs) also commit-reveal's named public event and witnesses' commitments.
 */
export function RandomnessChoice({ disabled, serverTime, redraw }: { disabled?: boolean; serverTime?: string; redraw?: boolean }) {
  const source = Form.useWatch<RandomnessSource | undefined>('source');
  return (
    <>
      <Form.Item label="随机数来源" name="source" rules={[{ required: true, message: '请选择随机数来源' }]}>
        <Radio.Group disabled={disabled}>
          <Space orientation="vertical">
            <Radio value="commit-reveal">{RANDOMNESS_LABELS['commit-reveal']}</Radio>
            <Radio value="drand-quicknet">{RANDOMNESS_LABELS['drand-quicknet']}</Radio>
          </Space>
        </Radio.Group>
      </Form.Item>
      {source === 'drand-quicknet' ? (
        <Form.Item label="drand 轮次（可选）" name="round" extra="留空则使用发布后约 15 分钟产生的轮次；指定的轮次须在未来。">
          <InputNumber min={1} style={{ width: 240 }} disabled={disabled} />
        </Form.Item>
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            发布时指定一个未来的公开随机事件（如体育彩票某一期的开奖号码），系统同时生成并公布一个承诺值（秘密随机数的 SHA-256）；开奖后录入官方开奖结果，与秘密随机数（及见证人揭示的值）共同决定结果，任何一方都无法单独操纵。
          </Typography.Paragraph>
          {serverTime && <PublicEventFields serverTime={serverTime} redraw={redraw} />}
        </>
      )}
    </>
  );
}

/** How the fixed randomness reads on a plan or a redraw. */
export function randomnessText(r: PlanRandomness | Schemas['RedrawDto']['randomness'] | null): string {
  if (!r) return '尚未确定（发布时确定）';
  if (r.source === 'drand-quicknet') return `drand 第 ${r.round ?? '—'} 轮（预计 ${formatDateTime(r.roundTime, true)} 产生）`;
  if (r.event) return `承诺—揭示：${r.event.name}（${formatDateTime(r.event.at, true)} 开奖）${r.witnesses?.length ? `，${r.witnesses.length} 位见证人承诺` : ''}`;
  return '承诺—揭示（发布时未指定公开随机事件，不能抽取）';
}

/** The earliest draw time of fixed randomness: the drand round's time, or the named event's. */
export function drawNotBeforeOf(r: PlanRandomness | Schemas['RedrawDto']['randomness']): string | null {
  return r.source === 'drand-quicknet' ? (r.roundTime ?? null) : (r.event?.at ?? null);
}

/** The server's time, ticking: the answer's serverTime plus the time since it arrived (not the browser's clock). */
export function useServerNow(serverTime: string, intervalMs = 1000): number {
  const [offset, setOffset] = useState(() => Date.parse(serverTime) - Date.now());
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => setOffset(Date.parse(serverTime) - Date.now()), [serverTime]);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now + offset;
}

/**
 * The draw ceremony's inputs for the fixed randomness: the drand round's signature, or the named
 * event's official result and each witness's revealed value (in the order of the commitments).
 * Form fields of DrawRequestDto.
 */
export function DrawCeremonyFields({ randomness }: { randomness: PlanRandomness | Schemas['RedrawDto']['randomness'] }) {
  if (randomness.source === 'drand-quicknet') {
    return (
      <>
        <Typography.Paragraph>请从 drand 官方渠道（api.drand.sh）取得第 {randomness.round} 轮的签名填入下方；系统用固定公钥离线验证签名，验证失败不会抽取。</Typography.Paragraph>
        <Form.Item label="drand 轮次" name="round" initialValue={randomness.round}>
          <InputNumber disabled style={{ width: 240 }} />
        </Form.Item>
        <Form.Item label="该轮签名（96 位十六进制）" name="signature" rules={[{ required: true, message: '请填入该轮签名' }]}>
          <Input className="mono" autoComplete="off" />
        </Form.Item>
      </>
    );
  }
  const event = randomness.event;
  return (
    <>
      <Typography.Paragraph>
        承诺值：<Typography.Text className="mono" copyable style={{ wordBreak: 'break-all' }}>{randomness.commitment}</Typography.Text>
      </Typography.Paragraph>
      <Form.Item
        label="公开随机事件的官方开奖结果"
        name="witnessEntropy"
        rules={[{ required: true, message: '请录入该事件的官方开奖结果' }]}
        extra={
          event ? (
            <>
              事件：{event.name}（{formatDateTime(event.at, true)} 开奖）。请按官方公布的结果如实录入
              {event.checkUrl && (
                <>
                  ，群众可在{' '}
                  <a href={event.checkUrl} target="_blank" rel="noopener noreferrer">
                    {event.checkUrl}
                  </a>{' '}
                  核对
                </>
              )}
              ；录入值随抽取记录公开。
            </>
          ) : undefined
        }
      >
        <Input autoComplete="off" />
      </Form.Item>
      {(randomness.witnesses ?? []).map((w, i) => (
        <Form.Item key={w.commitment + i} label={`${w.label} 揭示的秘密值`} name={['witnessReveals', i]} rules={[{ required: true, message: '请由该见证人当场录入其秘密值' }]} extra={<>承诺值 <span className="mono">{w.commitment}</span>；系统核对其 SHA-256 与承诺一致后才抽取。</>}>
          <Input autoComplete="off" />
        </Form.Item>
      ))}
    </>
  );
}
