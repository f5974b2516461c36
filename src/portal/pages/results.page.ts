import { RESULT_CODE_LIST, resultLabel } from '../../checks/result-codes';
import { PublicDepartmentDto } from '../../publication/dto/catalogue.dto';
import { PublicResultPageDto, RESULT_SORTS } from '../../publication/dto/public.dto';
import { PortalResultsQueryDto } from '../dto/portal.dto';
import { html, Html } from '../html';
import { SORT_LABELS } from '../labels';
import { layout, pager, paths, resultCard } from '../layout';

export interface ResultsData {
  query: PortalResultsQueryDto;
  /** Departments for the filter, from the public item list. */
  departments: PublicDepartmentDto[];
  page: PublicResultPageDto;
}

export function resultsPage(d: ResultsData): string {
  const q = d.query;
  const filters = { q: q.q, uscc: q.uscc, department: q.department, item: q.item, year: q.year, resultCode: q.resultCode, from: q.from, to: q.to, sort: q.sort, pageSize: q.pageSize };
  const body = html`
<p class="lead">按检查对象名称、统一社会信用代码、实施部门、抽查事项、年度、检查结果或检查日期查询已公开的抽查检查结果。所有条件均可留空（留空即列出全部）。</p>
<h2 id="filters">查询条件</h2>
${searchForm(q, d.departments)}
<h2 id="found">查询结果（${d.page.meta.totalCountCapped ? '超过' : '共'} ${d.page.meta.totalCount} 条）</h2>
${resultList(d.page, (n) => paths.results({ ...filters, pageNumber: n > 1 ? n : undefined }))}
`;
  return layout({ title: '检查结果查询', body, extractDate: d.page.meta.extractDate });
}

function resultList(page: PublicResultPageDto, link: (n: number) => string): Html {
  const { meta } = page;
  if (!page.items.length) return html`<p>${meta.totalCount ? `第 ${meta.pageNumber} 页没有结果（共 ${meta.totalPages} 页）。` : '没有符合条件的公开检查结果。'}</p>${pager(meta.pageNumber, meta.totalPages, link, '查询结果分页')}`;
  const first = (meta.pageNumber - 1) * meta.pageSize + 1;
  return html`<p class="note">第 ${meta.pageNumber} / ${meta.totalPages} 页，第 ${first}–${first + page.items.length - 1} 条。</p>
<ul class="cards">${page.items.map((r) => resultCard(r, 3))}</ul>
${pager(meta.pageNumber, meta.totalPages, link, '查询结果分页')}`;
}

function searchForm(q: PortalResultsQueryDto, departments: PublicDepartmentDto[]): Html {
  const selected = (on: boolean) => (on ? html` selected` : null);
  return html`<form class="search" method="get" action="${paths.results()}" role="search" aria-label="检查结果查询条件">
<div class="field"><label for="f-q">检查对象名称</label><input id="f-q" name="q" type="search" value="${q.q ?? ''}" minlength="2" maxlength="50" aria-describedby="f-q-hint"><span class="hint" id="f-q-hint">包含即可，至少 2 个字</span></div>
<div class="field"><label for="f-uscc">统一社会信用代码</label><input id="f-uscc" name="uscc" value="${q.uscc ?? ''}" maxlength="18" autocapitalize="characters" spellcheck="false" aria-describedby="f-uscc-hint"><span class="hint" id="f-uscc-hint">18 位，须完全一致</span></div>
<div class="field"><label for="f-department">实施部门</label><select id="f-department" name="department"><option value="">全部部门</option>${departments.map((dep) => html`<option value="${dep.id}"${selected(dep.id === q.department)}>${dep.name}</option>`)}</select></div>
<div class="field"><label for="f-item">抽查事项编码</label><input id="f-item" name="item" value="${q.item ?? ''}" maxlength="50" spellcheck="false"></div>
<div class="field"><label for="f-year">年度</label><input id="f-year" name="year" type="number" inputmode="numeric" min="2000" max="2100" value="${q.year ?? ''}"></div>
<div class="field"><label for="f-result">检查结果</label><select id="f-result" name="resultCode"><option value="">全部结果</option>${RESULT_CODE_LIST.map((c) => html`<option value="${c}"${selected(c === q.resultCode)}>${resultLabel(c)}</option>`)}</select></div>
<div class="field"><label for="f-from">检查日期起</label><input id="f-from" name="from" type="date" value="${q.from ?? ''}"></div>
<div class="field"><label for="f-to">检查日期止</label><input id="f-to" name="to" type="date" value="${q.to ?? ''}"></div>
<div class="field"><label for="f-sort">排序</label><select id="f-sort" name="sort">${RESULT_SORTS.map((s) => html`<option value="${s}"${selected(s === (q.sort ?? 'date_desc'))}>${SORT_LABELS[s]}</option>`)}</select></div>
<div class="actions"><button type="submit">查询</button><a href="${paths.results()}">清除条件</a></div>
</form>`;
}
