import { COMPLETENESS_STATUSES, CompletenessDto } from '../../publication/dto/public.dto';
import { html } from '../html';
import { COMPLETENESS_LABELS, COMPLETENESS_TONE, provisionalDeadlineLabel } from '../labels';
import { layout, paths, tableWrap } from '../layout';

/** Every target of a draw and where its result stands: nothing can be dropped quietly. */
export function completenessPage(c: CompletenessDto): string {
  const body = html`
<p class="lead">本次抽取共抽中 ${c.drawn} 个检查对象，已公开 ${c.published} 个检查结果。下表列出每个对象的公开进度；尚未公开的，注明原因和公开期限。</p>
<p><a href="${paths.draw(c.drawId)}">返回抽取记录</a></p>

<h2 id="counts">公开进度汇总</h2>
${tableWrap(
  '各状态的数量',
  html`<table><thead><tr><th scope="col">状态</th><th scope="col" class="num">数量</th></tr></thead>
<tbody>${COMPLETENESS_STATUSES.map((s) => html`<tr><th scope="row">${COMPLETENESS_LABELS[s]}</th><td class="num">${c.counts[s]}</td></tr>`)}
<tr><th scope="row">合计（抽中）</th><td class="num">${c.drawn}</td></tr></tbody></table>`,
)}

<h2 id="targets">各检查对象</h2>
${c.targets.length
  ? tableWrap(
      '各检查对象的公开进度',
      html`<table><thead><tr><th scope="col">检查对象</th><th scope="col">统一社会信用代码</th><th scope="col">状态</th><th scope="col">公开期限</th></tr></thead>
<tbody>${c.targets.map(
        (t) => html`<tr>
<td>${t.status === 'published' || t.status === 'withdrawn' ? html`<a href="${paths.entity(t.uscc)}">${t.name}</a>` : t.name}</td>
<td class="id">${t.uscc}</td>
<td><span class="badge ${COMPLETENESS_TONE[t.status]}">${COMPLETENESS_LABELS[t.status]}</span></td>
<td>${t.deadline ?? '—'}${t.deadline && t.deadlineProvisional ? html`<br><span class="badge warn">${provisionalDeadlineLabel(t.deadline)}</span>` : ''}</td>
</tr>`,
      )}</tbody></table>`,
    )
  : html`<p>本次抽取没有抽中检查对象。</p>`}
`;
  return layout({ title: '检查结果公开进度', body, extractDate: c.extractDate });
}
