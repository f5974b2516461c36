import { PublicItemDto, PublicItemListDto, PublicPlanPageDto, PublicPlanSummaryDto } from '../../publication/dto/catalogue.dto';
import { PublicResultPageDto } from '../../publication/dto/public.dto';
import { html, Html } from '../html';
import { percent, PLAN_STATE_LABELS } from '../labels';
import { layout, paths, resultCard, tableWrap } from '../layout';

export interface HomeData {
  items: PublicItemListDto;
  plans: PublicPlanPageDto;
  results: PublicResultPageDto;
}

export function homePage(d: HomeData): string {
  const body = html`
<p class="lead">本网站公开本机关“双随机、一公开”监管的随机抽查事项清单、抽查计划、每次随机抽取的完整记录和检查结果。抽取前公布的数据和抽取记录可由任何人独立复核。</p>

<h2 id="search">查询检查结果</h2>
<form class="search" method="get" action="${paths.results()}" role="search" aria-label="按名称查询检查结果">
<div class="field wide"><label for="home-q">检查对象名称</label><input id="home-q" name="q" type="search" minlength="2" maxlength="50" placeholder="至少输入 2 个字"></div>
<div class="actions"><button type="submit">查询</button><a href="${paths.results()}">更多查询条件</a></div>
</form>

<h2 id="latest">最新公开的检查结果</h2>
${d.results.items.length ? html`<ul class="cards">${d.results.items.map((r) => resultCard(r, 3))}</ul>` : html`<p>暂无公开的检查结果。</p>`}
${d.results.meta.totalCount > d.results.items.length ? html`<p><a href="${paths.results()}">查看全部 ${d.results.meta.totalCount} 条检查结果</a></p>` : null}

<h2 id="plans">抽查计划</h2>
${plansTable(d.plans.items)}
${d.plans.meta.totalCount > d.plans.items.length ? html`<p class="note">此处列出最近发布的 ${d.plans.items.length} 个计划（共 ${d.plans.meta.totalCount} 个）；全部计划可通过开放接口 <code>/public/plans</code> 获取。</p>` : null}

<h2 id="items">随机抽查事项清单</h2>
<p class="note">各部门现行的抽查事项；“抽查比例”为各信用风险分类（A 类风险最低，D 类最高）的默认抽查比例。事项修订后，旧版本仍可查看。</p>
${itemsTable(d.items.items)}

<h2 id="open-data">开放数据</h2>
<p>全部已公开的检查结果可作为 CSV 和 JSON 文件下载，免费使用：<a href="${paths.openData}">开放数据文件及字段说明</a>。也可<a href="${paths.feed}">订阅最新检查结果（Atom）</a>，及时获知新公开、更正和撤回的结果。</p>
`;
  return layout({ title: '首页', heading: '双随机、一公开 抽查信息公示', body, extractDate: d.results.meta.extractDate });
}

function plansTable(plans: PublicPlanSummaryDto[]): Html {
  if (!plans.length) return html`<p>暂无已发布的抽查计划。</p>`;
  return tableWrap(
    '抽查计划列表',
    html`<table>
<thead><tr><th scope="col">计划名称</th><th scope="col">年度</th><th scope="col">实施部门</th><th scope="col">检查期限</th><th scope="col">状态</th><th scope="col">抽取记录</th></tr></thead>
<tbody>${plans.map(
      (p) => html`<tr>
<td><a href="${paths.plan(p.id)}">${p.name}</a></td>
<td>${p.year}</td>
<td>${p.department.name}${p.jointDepartments.length ? html`<br><span class="note">联合：${p.jointDepartments.map((j) => j.name).join('、')}</span>` : null}</td>
<td>${p.windowStart} 至 ${p.windowEnd}</td>
<td>${PLAN_STATE_LABELS[p.state]}</td>
<td>${p.currentDrawId ? html`<a href="${paths.draw(p.currentDrawId)}">查看抽取记录</a>` : '尚未抽取'}</td>
</tr>`,
    )}</tbody>
</table>`,
  );
}

function itemsTable(items: PublicItemDto[]): Html {
  if (!items.length) return html`<p>暂无抽查事项。</p>`;
  return tableWrap(
    '随机抽查事项清单',
    html`<table>
<thead><tr><th scope="col">事项编码</th><th scope="col">事项名称</th><th scope="col">实施部门</th><th scope="col">类别</th><th scope="col">检查方式</th><th scope="col">检查对象</th><th scope="col">抽查比例（A/B/C/D）</th><th scope="col">频次</th><th scope="col">版本</th></tr></thead>
<tbody>${items.map(
      (i) => html`<tr>
<td>${i.code}</td>
<td>${i.name}<details><summary>法律依据</summary>${i.legalBasis}</details></td>
<td>${i.department.name}</td>
<td>${i.categoryLabel}</td>
<td>${i.methodLabel}</td>
<td>${i.targetType}</td>
<td>${ratios(i.ratios)}</td>
<td>${i.frequency}</td>
<td>第 ${i.version} 版，${i.effectiveFrom} 起施行${i.pastVersions.length ? pastVersions(i) : null}</td>
</tr>`,
    )}</tbody>
</table>`,
  );
}

function pastVersions(i: PublicItemDto): Html {
  return html`<details><summary>历史版本（${i.pastVersions.length}）</summary><ul>${i.pastVersions.map(
    (v) => html`<li>第 ${v.version} 版（${v.effectiveFrom} 至 ${v.effectiveUntil ?? '—'}）：${v.name}；${v.categoryLabel}；${v.methodLabel}；检查对象：${v.targetType}；抽查比例 ${ratios(v.ratios)}；${v.frequency}；依据：${v.legalBasis}</li>`,
  )}</ul></details>`;
}

function ratios(r: Record<'A' | 'B' | 'C' | 'D', number>): string {
  return [r.A, r.B, r.C, r.D].map(percent).join(' / ');
}
