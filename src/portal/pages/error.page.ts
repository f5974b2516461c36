import { html } from '../html';
import { FIELD_LABELS } from '../labels';
import { layout, paths } from '../layout';

const TITLES: Record<number, string> = { 400: '请求有误', 404: '页面不存在', 405: '不支持该请求方法', 429: '访问过于频繁', 500: '服务器内部错误', 503: '服务暂时不可用' };

export interface ErrorView {
  status: number;
  /** Chinese, from the domain error; generic for unexpected errors. */
  message: string;
  fields: { field: string; messages: string[] }[];
  requestId: string;
}

export function errorPage(e: ErrorView): string {
  const title = TITLES[e.status] ?? (e.status >= 500 ? TITLES[500] : '请求有误');
  const body = html`
<div class="error-box" role="alert">
<p>${e.message}</p>
${e.fields.length
  ? html`<ul>${e.fields.map((f) => html`<li>${FIELD_LABELS[f.field] ?? f.field}：${f.messages.join('；')}</li>`)}</ul>`
  : null}
</div>
${e.status === 404 ? html`<p>您访问的页面或记录不存在，或尚未公开。</p>` : null}
${e.status >= 500 ? html`<p>请稍后再试；如问题持续，请向本机关反映并提供请求编号：<code>${e.requestId}</code></p>` : null}
<ul>
<li><a href="${paths.home}">返回首页</a></li>
<li><a href="${paths.results()}">查询检查结果</a></li>
</ul>
`;
  return layout({ title, body });
}
