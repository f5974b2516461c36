import { PublicCheckCodeDto } from '../../checks/dto/check-code.dto';
import { html } from '../html';
import { layout, paths, tableWrap } from '../layout';

/**
 * 检查码: what the inspected entity sees when it scans the code on the 笔录 — that the inspection is
 * real, where it comes from, and who may carry it out. Only fields of PublicCheckCodeDto (an allow-list).
 */
export function checkCodePage(c: PublicCheckCodeDto): string {
  const verdict =
    c.taskState === 'assigned'
      ? html`<p class="notice"><span class="badge ok">真实有效</span> 本检查码对应一项依法抽取的“双随机、一公开”检查任务：以下执法人员可对 <strong>${c.entity.name}</strong> 实施本次检查。请核对执法人员出示的执法证件与下表一致。</p>`
      : c.taskState === 'cancelled'
        ? html`<p class="notice"><span class="badge bad">已取消</span> 本检查任务已因重新抽取而取消，本检查码不再代表有效的检查；如有人凭此实施检查，请向实施部门核实。</p>`
        : html`<p class="notice"><span class="badge warn">检查组未配齐</span> 本检查任务已抽取，但检查组尚未配齐，暂不能实施检查。</p>`;
  const body = html`
${verdict}
<h2 id="inspection">检查任务</h2>
<dl class="facts">
<dt>被检查对象</dt><dd>${c.entity.name}</dd>
<dt>统一社会信用代码</dt><dd class="id">${c.entity.uscc}</dd>
<dt>实施部门</dt><dd>${c.department}</dd>
<dt>抽查计划</dt><dd><a href="${paths.plan(c.plan.id)}">${c.plan.name}</a>（${c.plan.year} 年度）</dd>
<dt>抽取记录</dt><dd><a href="${paths.draw(c.draw.id)}">${c.draw.drawnOn} 抽取</a>（可独立复核抽取过程）</dd>
<dt>检查期限</dt><dd>${c.windowStart} 至 ${c.windowEnd}</dd>
</dl>
<h2 id="items">抽查事项及依据</h2>
<ul>${c.items.map((i) => html`<li>${i.name}（${i.code}）：${i.legalBasis}</li>`)}</ul>
<h2 id="team">执法检查人员</h2>
<p>执法证件有效性按 ${c.validOn} 核对。</p>
${tableWrap(
  '执法检查人员',
  html`<table>
<thead><tr><th scope="col">姓名</th><th scope="col">执法证号</th><th scope="col">所属部门</th><th scope="col">证件有效期</th><th scope="col">证件状态</th></tr></thead>
<tbody>${c.team.map(
    (m) => html`<tr><td>${m.name}${m.leader ? '（组长）' : ''}</td><td class="id">${m.certificateNumber}</td><td>${m.department}</td><td>${m.certificateValidFrom} 至 ${m.certificateValidUntil}</td><td>${m.certificateValid ? html`<span class="badge ok">有效</span>` : html`<span class="badge bad">无效</span>`}</td></tr>`,
  )}</tbody>
</table>`,
)}
<p class="note">本页仅显示依法公开的信息。检查结果经审核后在 <a href="${paths.results({ uscc: c.entity.uscc })}">检查结果查询</a> 中公开。检查码：<code>${c.code}</code></p>
`;
  return layout({ title: `检查码核验：${c.entity.name}`, heading: '检查码核验', body });
}
