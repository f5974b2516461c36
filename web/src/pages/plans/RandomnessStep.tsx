import { useEffect, useState } from 'react';
import { Alert, Form, Input, InputNumber, Radio, Space, Typography } from 'antd';
import type { Schemas } from '../../api/client';
import { formatDateTime } from '../../components/format';

/**
 * Randomness, in one place so it can follow the API: which source a plan fixes at publication
 * (RandomnessChoice) and what the draw ceremony asks for (DrawCeremonyFields). Today: a future drand
 * round, or commit-reveal (a server commitment published now, the witnesses' entropy at the draw).
 */
export type RandomnessSource = Schemas['PublishPlanDto']['source'];
export type PlanRandomness = NonNullable<Schemas['PlanDto']['randomness']>;

export const RANDOMNESS_LABELS: Record<RandomnessSource, string> = {
  'drand-quicknet': 'drand 公共随机信标（指定未来轮次）',
  'commit-reveal': '承诺—揭示（现场见证人提供随机数）',
};

/** The source chosen in the wizard, kept for the publication dialog (a draft does not store it). */
export function rememberSource(planId: string, source: RandomnessSource): void {
  sessionStorage.setItem(`plan-randomness:${planId}`, source);
}

export function rememberedSource(planId: string): RandomnessSource {
  const value = sessionStorage.getItem(`plan-randomness:${planId}`);
  return value === 'drand-quicknet' || value === 'commit-reveal' ? value : 'commit-reveal';
}

/** Form fields `source` and `round` (PublishPlanDto, RedrawRequestDto). */
export function RandomnessChoice({ disabled }: { disabled?: boolean }) {
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
        <Typography.Paragraph type="secondary">
          发布时系统生成并公布一个承诺值（秘密随机数的 SHA-256）；抽取时由现场见证人录入公开随机数（如当期彩票开奖号码），与秘密随机数共同决定结果，任何一方都无法单独操纵。
        </Typography.Paragraph>
      )}
    </>
  );
}

/** How the fixed randomness reads on a plan or a redraw. */
export function randomnessText(r: PlanRandomness | Schemas['RedrawDto']['randomness'] | null): string {
  if (!r) return '尚未确定（发布时确定）';
  if (r.source === 'drand-quicknet') return `drand 第 ${r.round ?? '—'} 轮（预计 ${formatDateTime(r.roundTime, true)} 产生）`;
  return '承诺—揭示（抽取时由见证人录入随机数）';
}

function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

/**
 * The draw ceremony's inputs for the fixed randomness: the drand round's signature once the round
 * exists (the console waits for its time), or the witnesses' entropy. Form fields of DrawRequestDto.
 * Returns whether the draw may start now.
 */
export function DrawCeremonyFields({ randomness, onReady }: { randomness: PlanRandomness | Schemas['RedrawDto']['randomness']; onReady?: (ready: boolean) => void }) {
  const now = useNow();
  const roundAt = randomness.source === 'drand-quicknet' && randomness.roundTime ? Date.parse(randomness.roundTime) : null;
  const waiting = roundAt !== null && now < roundAt;
  useEffect(() => onReady?.(!waiting), [waiting, onReady]);
  if (randomness.source === 'drand-quicknet') {
    const left = roundAt === null ? 0 : Math.max(0, Math.ceil((roundAt - now) / 1000));
    return (
      <>
        {waiting ? (
          <Alert type="info" showIcon title={`等待 drand 第 ${randomness.round} 轮产生`} description={`预计 ${formatDateTime(randomness.roundTime, true)}，还需约 ${Math.floor(left / 60)} 分 ${left % 60} 秒。轮次产生后，从 drand 官方渠道取得该轮签名填入下方。`} style={{ marginBottom: 16 }} />
        ) : (
          <Alert type="success" showIcon title={`drand 第 ${randomness.round} 轮已产生`} description="请从 drand 官方渠道（api.drand.sh）取得该轮签名填入下方；系统用固定公钥离线验证签名，验证失败不会抽取。" style={{ marginBottom: 16 }} />
        )}
        <Form.Item label="drand 轮次" name="round" initialValue={randomness.round}>
          <InputNumber disabled style={{ width: 240 }} />
        </Form.Item>
        <Form.Item label="该轮签名（96 位十六进制）" name="signature" rules={[{ required: true, message: '请填入该轮签名' }]}>
          <Input className="mono" disabled={waiting} autoComplete="off" />
        </Form.Item>
      </>
    );
  }
  return (
    <>
      <Typography.Paragraph>
        承诺值：<Typography.Text className="mono" copyable>{randomness.commitment}</Typography.Text>
      </Typography.Paragraph>
      <Form.Item label="见证人提供的随机数" name="witnessEntropy" rules={[{ required: true, message: '请录入见证人现场提供的随机数' }]} extra="如当期公开彩票开奖号码；录入后与承诺的秘密随机数共同决定抽取结果，并随抽取记录公开。">
        <Input autoComplete="off" />
      </Form.Item>
    </>
  );
}
