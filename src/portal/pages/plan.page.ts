import { PublicPlanDto, PublicRandomnessDto } from '../../publication/dto/catalogue.dto';
import { html, Html } from '../html';
import { beijingTime, percent, PLAN_STATE_LABELS, RANDOMNESS_LABELS, STRATUM_LABELS } from '../labels';
import { layout, paths, tableWrap } from '../layout';

const STRATA = ['A', 'B', 'C', 'D'] as const;

/** A plan as published before its draw: scope, quantities, timing, and what fixes the outcome. */
export function planPage(p: PublicPlanDto): string {
  const body = html`
<dl class="facts">
<dt>年度</dt><dd>${p.year}</dd>
<dt>状态</dt><dd>${PLAN_STATE_LABELS[p.state]}</dd>
<dt>牵头部门</dt><dd>${p.department.name}</dd>
${p.jointDepartments.length ? html`<dt>联合抽查部门</dt><dd>${p.jointDepartments.map((j) => j.name).join('、')}</dd>` : null}
<dt>检查期限</dt><dd>${p.windowStart} 至 ${p.windowEnd}</dd>
<dt>检查组人数</dt><dd>每个检查对象 ${p.teamSize} 名执法人员${p.jointDepartments.length ? '（每个部门各一组）' : ''}</dd>
<dt>发布时间</dt><dd>${beijingTime(p.publishedAt)}</dd>
</dl>

<h2 id="items">抽查事项</h2>
${tableWrap(
  '本计划的抽查事项',
  html`<table><thead><tr><th scope="col">事项编码</th><th scope="col">事项名称</th><th scope="col">版本</th><th scope="col">法律依据</th></tr></thead>
<tbody>${p.items.map((i) => html`<tr><td>${i.code}</td><td>${i.name}</td><td>第 ${i.version} 版</td><td>${i.legalBasis}</td></tr>`)}</tbody></table>`,
)}

<h2 id="sampling">各信用风险分类的抽取数量</h2>
<p class="note">候选对象按信用风险分类分层抽取；“候选”“排除”“可抽取”为计划发布时冻结的名单中的数量（排除：近期已检查、达到年度检查上限或已停业等）。</p>
${tableWrap(
  '各分类的抽取规则和候选数量',
  html`<table><thead><tr><th scope="col">信用风险分类</th><th scope="col">抽取规则</th><th scope="col" class="num">候选</th><th scope="col" class="num">排除</th><th scope="col" class="num">可抽取</th></tr></thead>
<tbody>${STRATA.map((s) => {
    const rule = p.sampling[s];
    const counts = p.stratumCounts?.[s];
    return html`<tr><th scope="row">${STRATUM_LABELS[s]}</th><td>${!rule ? '—' : 'count' in rule ? `抽取 ${rule.count} 户` : `按 ${percent(rule.ratioPercent)} 抽取`}</td><td class="num">${counts?.candidates ?? '—'}</td><td class="num">${counts?.excluded ?? '—'}</td><td class="num">${counts?.eligible ?? '—'}</td></tr>`;
  })}</tbody></table>`,
)}

<h2 id="frozen">抽取前公开、可供核验的数据</h2>
<p class="note">计划发布时，候选对象名单、执法人员名单和抽取参数即被冻结并公布其 SHA-256 摘要；随机数来源同时确定，而随机数本身在发布时尚不存在。抽取记录中的名单和参数必须与下列摘要一致。</p>
<dl class="facts">
<dt>候选对象名单摘要</dt><dd class="hash">${p.candidatePoolHash}</dd>
<dt>执法人员名单摘要</dt><dd class="hash">${p.inspectorPoolHash}</dd>
<dt>抽取参数摘要</dt><dd class="hash">${p.parametersHash}</dd>
${randomnessFacts(p.randomness)}
</dl>
<p>发布时冻结的数据可直接下载（无需账号），下载的文件的 SHA-256 应与上列摘要一致：
<a href="${paths.snapshot(p.id, 'candidates.tsv')}">候选对象名单</a>、
<a href="${paths.snapshot(p.id, 'inspectors.tsv')}">执法人员名单（仅执法证号）</a>、
<a href="${paths.snapshot(p.id, 'conflicts.tsv')}">回避关系</a>、
<a href="${paths.snapshot(p.id, 'parameters.json')}">抽取参数</a>、
<a href="${paths.snapshot(p.id, 'probabilities.tsv')}">每个候选对象被抽中的概率</a>。
请下载并留存<a href="${paths.publicationRecord(p.id)}">发布记录</a>：日后可用它核验抽取记录是否使用了这些名单、参数和随机数来源。</p>

<h2 id="draws">抽取记录</h2>
${p.currentDrawId
  ? html`<p>现行抽取记录：<a href="${paths.draw(p.currentDrawId)}">查看抽取结果和核验方法</a> · <a href="${paths.completeness(p.currentDrawId)}">查看检查结果公开进度</a></p>`
  : html`<p>${p.supersededDraws.length ? '原抽取结果已被重新抽取取代，新的抽取尚未进行。' : '尚未抽取。'}</p>`}
${p.supersededDraws.length
  ? html`<h3>已被重新抽取取代的记录</h3><ul>${p.supersededDraws.map(
      (s) => html`<li><a href="${paths.draw(s.drawId)}">${beijingTime(s.drawnAt)} 的抽取</a>，于 ${beijingTime(s.supersededAt)} 被取代。${s.redraw ? html`重新抽取原因：${s.redraw.reason}。重新抽取的随机数来源：${randomnessText(s.redraw.randomness)}。${s.redraw.replacementDrawId ? html` <a href="${paths.draw(s.redraw.replacementDrawId)}">查看重新抽取的结果</a>` : ' 重新抽取尚未进行。'}` : null}</li>`,
    )}</ul>`
  : null}
`;
  return layout({ title: p.name, body, extractDate: p.extractDate });
}

export function randomnessFacts(r: PublicRandomnessDto): Html {
  return html`<dt>随机数来源</dt><dd>${RANDOMNESS_LABELS[r.source] ?? r.source}</dd>
${r.source === 'drand-quicknet'
  ? html`<dt>drand 链哈希</dt><dd class="hash">${r.chainHash}</dd><dt>指定轮次</dt><dd>第 ${r.round} 轮${r.roundTime ? html`，产生时间 ${beijingTime(r.roundTime)}` : null}</dd>`
  : html`<dt>承诺值（秘密值的 SHA-256）</dt><dd class="hash">${r.commitment}</dd>${eventFacts(r)}`}`;
}

/** The public event named at publication (and the witnesses' commitments): where citizens check the entropy. */
export function eventFacts(r: PublicRandomnessDto): Html {
  return html`${r.event
    ? html`<dt>作为随机数来源的公开随机事件（发布时指定）</dt><dd>${r.event.name}，${beijingTime(r.event.at)} 公布结果，此前不得抽取${r.event.checkUrl ? html`；<a href="${r.event.checkUrl}" rel="noopener noreferrer">核对官方结果</a>` : null}</dd>`
    : null}
${r.witnesses?.length ? html`<dt>见证人承诺（事先公布）</dt><dd><ul>${r.witnesses.map((w) => html`<li>${w.label}：<span class="hash">${w.commitment}</span></li>`)}</ul></dd>` : null}`;
}

function randomnessText(r: PublicRandomnessDto): string {
  return r.source === 'drand-quicknet' ? `drand 第 ${r.round} 轮${r.roundTime ? `（${beijingTime(r.roundTime)}）` : ''}` : `承诺—揭示，承诺值 ${r.commitment}`;
}
