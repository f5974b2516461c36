import { html, Html } from '../html';
import { layout, paths, tableWrap } from '../layout';

export interface OpenDataSet {
  name: string;
  description: string;
  /** [column, meaning] in the file's column order; empty when not yet described. */
  fields: [string, string][];
}

export interface OpenDataData {
  datasets: OpenDataSet[];
  /** The licence the files state (feed_info.licence). */
  licence: string;
}

/** /portal/open-data: what each file holds, field by field, its format, how fresh it is, its licence, and how to check it. */
export function openDataPage({ datasets, licence }: OpenDataData): string {
  const body = html`
<p class="lead">本网站公开的检查结果同时以开放数据文件提供：任何人无需账号即可下载、转载和再利用。文件只由已公开的检查结果生成，不含身份证号、联系电话、证据材料和内部意见。</p>

<h2 id="files">文件下载</h2>
${tableWrap(
  '开放数据文件列表',
  html`<table>
<thead><tr><th scope="col">文件</th><th scope="col">内容</th><th scope="col">下载</th></tr></thead>
<tbody>${datasets.map(
    (d) => html`<tr><th scope="row"><a href="#dataset-${d.name}">${d.name}</a></th><td>${d.description}</td><td><a href="${paths.openDataFile(d.name, 'csv')}">CSV</a> · <a href="${paths.openDataFile(d.name, 'json')}">JSON</a></td></tr>`,
  )}</tbody>
</table>`,
)}
<p>此外：<a href="${paths.feed}">检查结果订阅（Atom）</a>，含最近公开、更正和撤回的 50 条检查结果，可用任何 RSS/Atom 阅读器订阅；按条件查询可使用开放接口 <a href="/public/results">/public/results</a>（JSON，参数与<a href="${paths.results()}">检查结果查询</a>页面相同）；文件清单本身也可从 <a href="/public/open-data">/public/open-data</a>（JSON）取得。</p>

${datasets.map((d) => datasetSection(d))}

<h2 id="format">编码和格式</h2>
<ul>
<li>CSV 文件：UTF-8 编码，文件开头带 BOM（字节顺序标记），以便电子表格软件正确显示中文；格式符合 RFC 4180（逗号分隔，含逗号、引号或换行的字段用英文双引号括起，行尾为 CRLF）；第一行为字段名。</li>
<li>以 <code>=</code>、<code>+</code>、<code>-</code>、<code>@</code> 开头的单元格前加一个英文单引号 <code>'</code>，以免被电子表格当作公式执行；读取时去掉该单引号即为原值。</li>
<li>JSON 文件：UTF-8 编码（不带 BOM），内容为一个数组，每条记录一个对象，字段名与 CSV 相同；数值为数字，空值为 <code>null</code>。</li>
<li>日期为 YYYY-MM-DD；时间为 ISO 8601 格式，带时区。</li>
</ul>

<h2 id="updates">更新频率</h2>
<p>文件没有固定的发布周期：每次下载时，由当时已公开的检查结果即时生成，检查结果一经公开、更正或撤回即反映在文件中。文件可被浏览器和代理服务器缓存，最长 1 小时；<code>feed_info</code> 的 <code>extract_date</code> 为文件的生成时间。需要及时获知新公开的结果，请订阅 <a href="${paths.feed}">Atom</a>。</p>

<h2 id="licence">许可</h2>
<p>${licence}。转载或再利用时请注明数据来自本网站，并注明提取时间（<code>feed_info</code> 的 <code>extract_date</code>）。</p>
<p class="note">开放接口和开放数据文件允许其他网站的网页直接读取（跨域访问，响应头 <code>Access-Control-Allow-Origin: *</code>，不需要也不接受登录凭证）。</p>

<h2 id="verify">如何核验</h2>
<p>本系统把抽查计划、随机抽取、检查记录和结果公开的每一步写入“执法全过程记录”（审计日志）。每条记录的哈希值由前一条记录的哈希值和本条内容计算得出，形成一条哈希链：事后修改、删除或调换任何一条记录，都会使其后所有哈希值改变。</p>
<ol>
<li>下载数据时同时下载 <a href="${paths.openDataFile('feed_info', 'json')}">feed_info</a>，或访问 <a href="/public/audit/head">/public/audit/head</a>，保存其中链头的序号（<code>audit_head_seq</code> / <code>seq</code>）和哈希值（<code>audit_head_hash</code> / <code>hash</code>）。</li>
<li>以后再次取得链头时，序号只会增加；序号未变时哈希值也不应改变。序号变小，或同一序号的哈希值不同，说明记录被删改。</li>
<li>您保存的链头可交给监督机构，由其核对本系统现有的哈希链在该序号处的哈希值与之相同。</li>
<li>监督机构可在本系统的数据库上执行 <code>npm run verify-audit</code>，从第一条记录起重新计算整条哈希链；输出 <code>OK</code> 及当前链头，输出 <code>BROKEN</code> 则指出第一处断裂。</li>
<li>每次随机抽取可独立复核：<code>draw_id</code> 对应的抽取记录页面说明了如何用 <code>npm run verify-draw</code> 从公开的抽取记录重新计算抽取结果。</li>
</ol>
`;
  return layout({ title: '开放数据', body });
}

function datasetSection(d: OpenDataSet): Html {
  return html`<h2 id="dataset-${d.name}">${d.name}：${d.description}</h2>
<p>下载：<a href="${paths.openDataFile(d.name, 'csv')}">${d.name}.csv</a> · <a href="${paths.openDataFile(d.name, 'json')}">${d.name}.json</a></p>
${d.fields.length
  ? tableWrap(
      `${d.name} 的字段说明`,
      html`<table>
<thead><tr><th scope="col">字段</th><th scope="col">说明</th></tr></thead>
<tbody>${d.fields.map(([column, meaning]) => html`<tr><th scope="row"><code>${column}</code></th><td>${meaning}</td></tr>`)}</tbody>
</table>`,
    )
  : html`<p class="note">字段说明待补充，字段名见文件第一行。</p>`}
`;
}
