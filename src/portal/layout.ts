/**
 * The page frame and the fragments every page shares. Pure: data in, Html out. The frame renders
 * the page's only h1, so pages start their sections at h2 and headings stay in order.
 */
import { PublicResultDto } from '../publication/dto/public.dto';
import { RECTIFICATION_STATE_LABELS } from '../publication/public-view';
import { html, Html, url } from './html';
import { beijingTime, SITE_NAME } from './labels';

/** Everything the portal serves is "/" or under /portal/: the API owns /entities, /plans and /draws. */
export const paths = {
  home: '/',
  css: '/portal/assets/portal.css',
  results: (query: Record<string, string | number | undefined | null> = {}) => url('/portal/results', query),
  entity: (uscc: string) => `/portal/entities/${encodeURIComponent(uscc)}`,
  plan: (id: string) => `/portal/plans/${encodeURIComponent(id)}`,
  draw: (id: string, page?: number) => url(`/portal/draws/${encodeURIComponent(id)}`, { pageNumber: page && page > 1 ? page : undefined }),
  completeness: (id: string) => `/portal/draws/${encodeURIComponent(id)}/completeness`,
  transcript: (id: string) => `/public/draws/${encodeURIComponent(id)}/transcript`,
  publicationRecord: (planId: string) => `/public/plans/${encodeURIComponent(planId)}/publication`,
  snapshot: (planId: string, file: string) => `/public/plans/${encodeURIComponent(planId)}/snapshots/${encodeURIComponent(file)}`,
  openData: '/portal/open-data',
  openDataFile: (name: string, format: 'csv' | 'json') => `/public/open-data/${encodeURIComponent(name)}.${format}`,
  feed: '/public/feed.atom',
};

export interface PageSpec {
  /** The document title and, unless `heading` is given, the h1. */
  title: string;
  heading?: string;
  body: Html;
  extractDate?: string;
}

export function layout(p: PageSpec): string {
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${p.title} - ${SITE_NAME}</title>
<link rel="stylesheet" href="${paths.css}">
<link rel="icon" href="data:,">
<link rel="alternate" type="application/atom+xml" title="检查结果订阅（Atom）" href="${paths.feed}">
</head>
<body>
<a class="skip" href="#main">跳到主要内容</a>
<header class="site-header">
<div class="inner">
<a class="site-name" href="${paths.home}">${SITE_NAME}</a>
<nav aria-label="网站导航"><ul>
<li><a href="${paths.home}">首页</a></li>
<li><a href="${paths.results()}">检查结果查询</a></li>
<li><a href="${paths.openData}">开放数据</a></li>
</ul></nav>
</div>
</header>
<main id="main" tabindex="-1">
<h1>${p.heading ?? p.title}</h1>
${p.body}
</main>
<footer class="site-footer">
<div class="inner">
${p.extractDate ? html`<p>数据提取时间：${beijingTime(p.extractDate)}</p>` : null}
<p>本网站公开的数据均可通过开放接口（无需账号）获取：<code>/public/items</code>、<code>/public/plans</code>、<code>/public/results</code>；每次抽取的完整记录可用 <code>npm run verify-draw</code> 独立复核。</p>
<p><a href="${paths.openData}">开放数据文件及说明</a> · <a href="${paths.feed}">订阅检查结果（Atom）</a></p>
</div>
</footer>
</body>
</html>
`.toString();
}

/** A table that scrolls sideways on a narrow screen; a focusable, named region so keyboards can scroll it. */
export function tableWrap(label: string, table: Html): Html {
  return html`<div class="table-wrap" role="region" aria-label="${label}" tabindex="0">${table}</div>`;
}

/** Previous / numbered / next links; the current page is marked for screen readers. */
export function pager(current: number, totalPages: number, link: (page: number) => string, label = '分页'): Html | null {
  if (totalPages <= 1 && current <= 1) return null;
  const pages = new Set<number>([1, totalPages, current - 2, current - 1, current, current + 1, current + 2].filter((n) => n >= 1 && n <= totalPages));
  const sorted = [...pages].sort((a, b) => a - b);
  const items: Html[] = [];
  if (current > 1) items.push(html`<li><a href="${link(Math.min(current - 1, Math.max(totalPages, 1)))}" rel="prev">上一页</a></li>`);
  sorted.forEach((n, i) => {
    if (i > 0 && n - sorted[i - 1] > 1) items.push(html`<li><span aria-hidden="true">…</span></li>`);
    items.push(n === current ? html`<li><a href="${link(n)}" aria-current="page">第 ${n} 页</a></li>` : html`<li><a href="${link(n)}">第 ${n} 页</a></li>`);
  });
  if (current < totalPages) items.push(html`<li><a href="${link(current + 1)}" rel="next">下一页</a></li>`);
  return html`<nav class="pager" aria-label="${label}"><ul>${items}</ul></nav>`;
}

/** One published result as a card: everything /public/results shows of it, nothing else. */
export function resultCard(r: PublicResultDto, headingLevel: 2 | 3 = 3, showEntity = true): Html {
  const x = r.result;
  const title = showEntity ? html`<a href="${paths.entity(x.entity.uscc)}">${x.entity.name}</a>` : html`${x.inspectionDate} 检查`;
  const heading = headingLevel === 2 ? html`<h2>${title}</h2>` : html`<h3>${title}</h3>`;
  const rect = x.rectification;
  return html`<li class="card${r.status === 'withdrawn' ? ' withdrawn' : ''}">
${heading}
${r.status === 'withdrawn' ? html`<p><span class="badge muted">已撤回公开</span> ${r.withdrawn?.reason}（${beijingTime(r.withdrawn?.at ?? '')}）</p>` : null}
${r.correctionReason ? html`<p><span class="badge warn">更正后第 ${r.version} 版</span> 更正原因：${r.correctionReason}</p>` : null}
<dl class="facts">
${showEntity ? html`<dt>统一社会信用代码</dt><dd class="id">${x.entity.uscc}</dd>` : null}
${showEntity && x.entity.address ? html`<dt>住所</dt><dd>${x.entity.address}</dd>` : null}
<dt>检查日期</dt><dd>${x.inspectionDate}</dd>
<dt>实施部门</dt><dd>${x.department.name}</dd>
<dt>抽查事项</dt><dd>${x.items.map((i, n) => html`${n ? '；' : ''}${i.name}（${i.code}，依据：${i.legalBasis}）`)}</dd>
<dt>检查结果</dt><dd>${x.results.map((c, n) => html`${n ? '；' : ''}${c.label}`)}</dd>
<dt>责令整改</dt><dd>${rect.ordered ? `共 ${rect.ordered} 项，已整改 ${rect.rectified} 项，未完成 ${rect.open} 项` : '无'}${(rect.orders ?? []).map((o) => `；${o.issuedOn} 责令改正（限期至 ${o.dueOn}），${RECTIFICATION_STATE_LABELS[o.state]}${o.followedUpOn ? `（${o.followedUpOn} 复查）` : ''}`).join('')}</dd>
<dt>执法检查人员</dt><dd>${x.inspectors.map((i, n) => html`${n ? '、' : ''}${i.name}（执法证号 ${i.certificateNumber}）`)}</dd>
<dt>公开时间</dt><dd>${beijingTime(r.publishedAt)}</dd>
<dt>抽查依据</dt><dd><a href="${paths.plan(x.planId)}">抽查计划</a> · <a href="${paths.draw(x.drawId)}">抽取记录</a> · <a href="${paths.completeness(x.drawId)}">本次抽取的公开进度</a></dd>
</dl>
</li>`;
}
