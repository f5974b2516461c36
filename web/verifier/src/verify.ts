/**
 * The browser verifier's steps: the same checks as `npm run verify-draw -- <transcript> --feed
 * <site>`, made by the same pure modules (src/draws), reported step by step in Chinese. The
 * publication record comes from the site's open-data file, never from the transcript.
 */
import { anchorFrom, verifyAnchor } from '../../../src/draws/anchor';
import { QUICKNET } from '../../../src/draws/drand';
import { sha256hex } from '../../../src/draws/draw-v1';
import { FrozenParameters, Transcript, verifyRedrawLink, verifyTranscript } from '../../../src/draws/transcript';

export type StepState = 'ok' | 'fail' | 'unanchored' | 'note';
export interface Step {
  label: string;
  state: StepState;
  detail?: string;
}
export interface Outcome {
  verdict: 'OK' | 'DIFFERENCE' | 'UNANCHORED';
  steps: Step[];
  /** Everything fetched, for the offline download. */
  files: { name: string; json: unknown }[];
}

export interface Sources {
  transcriptUrl: string;
  feedUrl: string;
  /** A replaced draw's transcript URL (redraws). */
  transcriptOf: (drawId: string) => string;
  fetchJson: (url: string) => Promise<unknown>;
}

const MAX_CHAIN = 20;
const utf8 = (s: string) => Buffer.from(s, 'utf8');

export async function verifyDraw(src: Sources): Promise<Outcome> {
  const steps: Step[] = [];
  const files: Outcome['files'] = [];
  const done = (verdict: Outcome['verdict']): Outcome => ({ verdict, steps, files });
  const fail = (label: string, detail: string) => {
    steps.push({ label, state: 'fail', detail: `第一处不一致：${detail}` });
    return done('DIFFERENCE');
  };

  const first = (await src.fetchJson(src.transcriptUrl)) as Transcript;
  files.push({ name: 'transcript.json', json: first });
  steps.push({ label: `下载抽取记录（抽取编号 ${first.drawId}）`, state: 'ok' });

  const chain: Transcript[] = [];
  let current = first;
  for (let depth = 0; ; depth++) {
    const which = depth ? `被取代的原抽取记录 ${current.drawId}：` : '';
    const params = JSON.parse(current.parametersJson) as FrozenParameters;
    const hashes: [string, string, string][] = [
      ['候选对象名单', sha256hex(utf8(current.candidates)), current.candidatePoolHash],
      ['执法人员名单', sha256hex(utf8(current.inspectors)), current.inspectorPoolHash],
      ['回避关系名单', sha256hex(utf8(current.conflicts)), params.conflictsHash],
      ['抽取参数', sha256hex(utf8(current.parametersJson)), current.parametersHash],
    ];
    const wrong = hashes.find(([, actual, stated]) => actual !== stated);
    if (wrong) return fail(`${which}核对名单和参数的 SHA-256 摘要`, `${wrong[0]}的摘要应为 ${wrong[1]}，记录中为 ${wrong[2]}`);
    steps.push({ label: `${which}核对名单和参数的 SHA-256 摘要（${hashes.map((h) => h[0]).join('、')}）`, state: 'ok' });
    const verdict = verifyTranscript(current, [QUICKNET]);
    const what = current.randomness.source === 'drand-quicknet' ? `校验 drand 第 ${current.randomness.round} 轮的 BLS 签名，` : '核对秘密值与承诺值、见证人揭示值，';
    if (!verdict.ok) {
      if (verdict.difference.startsWith('unknown drand chain')) {
        steps.push({ label: `${which}${what}重新计算种子、抽中对象和检查组`, state: 'unanchored', detail: `未能核验：${verdict.difference}（浏览器中只内置 quicknet 公钥，请用 npm run verify-draw --drand-chain 核验）` });
        return done('UNANCHORED');
      }
      return fail(`${which}${what}重新计算种子、抽中对象和检查组`, verdict.difference);
    }
    steps.push({ label: `${which}${what}重新计算种子、${current.result.selections.length} 户抽中对象和 ${current.result.teams.length} 个检查组${current.substitutions?.length ? `，以及 ${current.substitutions.length} 次换人` : ''}，与记录完全一致`, state: 'ok' });
    chain.push(current);
    if (!current.redraw) break;
    if (depth >= MAX_CHAIN) {
      steps.push({ label: '重新抽取次数过多', state: 'unanchored' });
      return done('UNANCHORED');
    }
    const replaced = (await src.fetchJson(src.transcriptOf(current.redraw.replacedDrawId))) as Transcript;
    files.push({ name: `replaced-${depth + 1}.json`, json: replaced });
    const link = verifyRedrawLink(current, replaced);
    if (!link.ok) return fail('核对重新抽取与被取代的原抽取记录', link.difference);
    steps.push({ label: `核对重新抽取与被取代的原抽取记录 ${replaced.drawId}（原因、申请时间、随机数来源）`, state: 'ok' });
    current = replaced;
  }

  const feed = await src.fetchJson(src.feedUrl);
  const anchor = anchorFrom(feed, first.planId);
  if (!anchor) {
    steps.push({ label: '从开放数据读取计划发布时的发布记录', state: 'unanchored', detail: '开放数据中没有此计划的发布记录（计划可能发布于发布记录启用之前），无法核验名单、参数和随机数来源是否与抽取前公布的一致。这不能视为通过。' });
    return done('UNANCHORED');
  }
  files.push({ name: 'publication.json', json: { publication: anchor.publication, redraws: anchor.redraws } });
  steps.push({ label: `从开放数据（而非抽取记录本身）读取计划发布时的发布记录（发布时间 ${anchor.publication.publishedAt}）`, state: 'ok' });
  for (const t of chain) {
    const anchored = verifyAnchor(t, anchor, [QUICKNET]);
    const which = t === first ? '' : `被取代的原抽取记录 ${t.drawId}：`;
    const label = `${which}核对名单、参数和随机数来源与抽取前公布的发布记录一致，随机数在发布时尚未产生，抽取发生在随机数产生之后`;
    if (!anchored.ok) {
      if (anchored.difference.startsWith('unknown drand chain')) {
        steps.push({ label, state: 'unanchored', detail: `未能核验：${anchored.difference}` });
        return done('UNANCHORED');
      }
      return fail(label, anchored.difference);
    }
    steps.push({ label, state: 'ok' });
  }
  const spec = first.redraw ? first.redraw.randomness : (JSON.parse(first.parametersJson) as FrozenParameters).randomness;
  if (first.randomness.source === 'commit-reveal' && spec.source === 'commit-reveal' && spec.event) {
    steps.push({ label: `请人工核对：现场录入的“${first.randomness.witnessEntropy}”应与“${spec.event.name}”官方公布的结果一致${spec.event.checkUrl ? `（${spec.event.checkUrl}）` : ''}`, state: 'note' });
  }
  return done('OK');
}
