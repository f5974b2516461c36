import { PublicDrawDto, PublicDrawTargetDto, PublicRandomnessProofDto } from '../../publication/dto/catalogue.dto';
import { html, Html } from '../html';
import { beijingTime, RANDOMNESS_LABELS, STRATUM_LABELS } from '../labels';
import { layout, pager, paths, tableWrap } from '../layout';
import { eventFacts } from './plan.page';

export interface DrawData {
  draw: PublicDrawDto;
  /** Absolute, on PUBLIC_BASE_URL. */
  transcriptUrl: string;
  /** PUBLIC_BASE_URL: the site whose open-data publication records the verify command reads. */
  baseUrl: string;
}

/** A summary of the public transcript, and how anyone can re-run the draw from it. */
export function drawPage({ draw: d, transcriptUrl, baseUrl }: DrawData): string {
  const p = d.plan;
  const body = html`
<dl class="facts">
<dt>抽查计划</dt><dd><a href="${paths.plan(p.id)}">${p.name}</a></dd>
<dt>实施部门</dt><dd>${p.department.name}${p.jointDepartments.length ? `（联合：${p.jointDepartments.map((j) => j.name).join('、')}）` : ''}</dd>
<dt>抽取时间</dt><dd>${beijingTime(d.createdAt)}</dd>
<dt>抽取算法</dt><dd>${d.algorithm}</dd>
<dt>抽中检查对象</dt><dd>${d.meta.totalCount} 户${d.unstaffedTargets ? `（其中 ${d.unstaffedTargets} 户检查组未配齐）` : ''} · <a href="${paths.completeness(d.drawId)}">查看检查结果公开进度</a></dd>
<dt>抽取记录编号</dt><dd class="hash">${d.drawId}</dd>
</dl>
${d.supersededBy
  ? html`<div class="error-box" role="note"><p><strong>本次抽取已被重新抽取取代</strong>（${beijingTime(d.supersededBy.requestedAt)}）。原因：${d.supersededBy.reason}</p>
<p>${d.supersededBy.replacementDrawId ? html`<a href="${paths.draw(d.supersededBy.replacementDrawId)}">查看重新抽取的结果</a>。` : '重新抽取尚未进行。'}本记录仍然公开，可照常核验。</p></div>`
  : null}
${d.redraw
  ? html`<p><span class="badge warn">重新抽取</span> 本次抽取取代了 <a href="${paths.draw(d.redraw.replacedDrawId)}">原抽取记录</a>。原因：${d.redraw.reason}（申请时间 ${beijingTime(d.redraw.requestedAt)}；随机数来源在申请时即已确定）。</p>`
  : null}

<h2 id="randomness">随机数与种子</h2>
<dl class="facts">${randomnessFacts(d.randomness)}
<dt>种子（seed）</dt><dd class="hash">${d.seed}</dd>
</dl>
<p class="note">种子由计划编号、候选对象名单摘要、执法人员名单摘要、参数摘要和上述随机数共同计算得出；每个候选对象的抽签值由种子和其统一社会信用代码计算，按抽签值从小到大抽取。</p>

<h2 id="strata">各信用风险分类的数量和应抽数</h2>
${tableWrap(
  '各分类的候选、可抽取、应抽和实际抽中数量',
  html`<table><thead><tr><th scope="col">分类</th><th scope="col" class="num">候选</th><th scope="col" class="num">排除</th><th scope="col" class="num">可抽取</th><th scope="col" class="num">应抽</th><th scope="col" class="num">抽中</th></tr></thead>
<tbody>${d.strata.map((s) => html`<tr><th scope="row">${STRATUM_LABELS[s.stratum] ?? s.stratum}</th><td class="num">${s.candidates}</td><td class="num">${s.excluded}</td><td class="num">${s.eligible}</td><td class="num">${s.quota}</td><td class="num">${s.selected}</td></tr>`)}</tbody></table>`,
)}

<h2 id="selected">抽中的检查对象和检查组</h2>
${selectedTable(d)}

${substitutions(d)}

<h2 id="verify">自行验证</h2>
${verifySection(d, transcriptUrl, baseUrl)}
`;
  return layout({ title: '抽取记录', heading: `抽取记录：${p.name}`, body, extractDate: d.meta.extractDate });
}

function randomnessFacts(r: PublicRandomnessProofDto): Html {
  return html`<dt>随机数来源</dt><dd>${RANDOMNESS_LABELS[r.source] ?? r.source}</dd>
${r.source === 'drand-quicknet'
  ? html`<dt>drand 链哈希</dt><dd class="hash">${r.chainHash}</dd>
<dt>轮次</dt><dd>第 ${r.round} 轮${r.roundTime ? html`（${beijingTime(r.roundTime)} 产生，计划发布时指定）` : null}</dd>
<dt>该轮签名（证明）</dt><dd class="hash">${r.signature}</dd>`
  : html`<dt>承诺值（事先公布）</dt><dd class="hash">${r.commitment}</dd>${eventFacts(r)}
<dt>揭示的秘密值</dt><dd class="hash">${r.secret}</dd>
<dt>${r.event ? '现场录入的公开随机事件结果' : '见证人现场提供的随机数'}</dt><dd>${r.witnessEntropy}${r.event?.checkUrl ? html`（<a href="${r.event.checkUrl}" rel="noopener noreferrer">与官方公布的结果核对</a>）` : null}</dd>
${r.witnessReveals?.length ? html`<dt>见证人揭示的值</dt><dd><ul>${r.witnessReveals.map((v, i) => html`<li>${r.witnesses?.[i]?.label ?? `见证人${i + 1}`}：${v}</li>`)}</ul></dd>` : null}`}
<dt>随机数</dt><dd class="hash">${r.randomness}</dd>`;
}

function selectedTable(d: PublicDrawDto): Html {
  const { meta } = d;
  if (!meta.totalCount) return html`<p>本次抽取没有抽中检查对象。</p>`;
  const link = (n: number) => `${paths.draw(d.drawId, n)}#selected`;
  if (!d.targets.length) return html`<p>第 ${meta.pageNumber} 页没有记录（共 ${meta.totalPages} 页）。</p>${pager(meta.pageNumber, meta.totalPages, link, '抽中对象分页')}`;
  const joint = d.plan.jointDepartments.length > 0;
  const first = d.targets[0].position;
  return html`<p class="note">按抽签值从小到大排列；检查组只列执法证号，每组第一人为组长；换人后列现任成员，标“递补”者见换人记录。共 ${meta.totalCount} 户${meta.totalPages > 1 ? `，本页第 ${first}–${first + d.targets.length - 1} 户` : ''}。</p>
${tableWrap(
  '抽中的检查对象和检查组',
  html`<table><thead><tr><th scope="col" class="num">序号</th><th scope="col">检查对象</th><th scope="col">分类</th><th scope="col">检查组（执法证号）</th></tr></thead>
<tbody>${d.targets.map(
    (t) => html`<tr>
<td class="num">${t.position}</td>
<td>${t.name}<br><span class="id">${t.uscc}</span></td>
<td>${t.stratum}</td>
<td>${teamsText(t, joint)}</td>
</tr>`,
  )}</tbody></table>`,
)}
${pager(meta.pageNumber, meta.totalPages, link, '抽中对象分页')}`;
}

function teamsText(t: PublicDrawTargetDto, joint: boolean): Html {
  if (!t.staffed) return html`<span class="badge bad">检查组未配齐</span>`;
  return html`${t.teams.map((team) => {
    const members = team.members.map((m) => `${m.certificateNumber}${m.leader ? '（组长）' : ''}${m.substitute ? '（递补）' : ''}`).join('、');
    return html`<div>${joint ? `${team.department.name}：` : ''}${members}</div>`;
  })}`;
}

function substitutions(d: PublicDrawDto): Html | null {
  if (!d.substitutions.length) return null;
  return html`<h2 id="substitutions">换人记录</h2>
<p class="note">检查组成员不能参加时，按同一抽取序列依次递补下一名执法人员；递补结果同样可以核验。</p>
${tableWrap(
  '换人记录',
  html`<table><thead><tr><th scope="col">时间</th><th scope="col">检查对象</th><th scope="col">部门</th><th scope="col">原成员</th><th scope="col">递补成员</th><th scope="col">原因</th></tr></thead>
<tbody>${d.substitutions.map(
    (s) => html`<tr><td>${beijingTime(s.at)}</td><td class="id">${s.uscc}</td><td>${s.department.name}</td><td class="id">${s.leaving}</td><td class="id">${s.joining ?? '无可递补人员'}</td><td>${s.reason}</td></tr>`,
  )}</tbody></table>`,
)}`;
}

/**
 * 「在浏览器中验证」: progressive enhancement — the button is hidden until the site's own script
 * (/portal/assets/verify-draw.js, the pure draw-v1 modules bundled) shows it; without JavaScript the
 * command-line steps below remain. The script fetches the transcript and the open-data feed itself.
 */
function browserVerifier(d: PublicDrawDto): Html {
  return html`<h3>在浏览器中验证</h3>
<p>点击按钮后，本页在您的浏览器中下载抽取记录和开放数据中的发布记录，用与服务器相同的公开算法从头重新计算并逐项核对，无需安装任何软件。</p>
<p><button type="button" id="verify-in-browser" hidden data-draw-id="${d.drawId}" data-transcript-url="${paths.transcript(d.drawId)}" data-transcript-base="/public/draws/{id}/transcript" data-feed-url="/public/open-data/publication_records.json">在浏览器中验证</button></p>
<noscript><p class="note">浏览器中的验证需要启用 JavaScript（仅使用本网站的脚本）；也可按下列步骤用命令行验证。</p></noscript>
<div id="verify-browser-result" aria-live="polite"></div>
<script src="/portal/assets/verify-draw.js" defer></script>
<h3>用命令行验证</h3>`;
}

function verifySection(d: PublicDrawDto, transcriptUrl: string, baseUrl: string): Html {
  const r = d.randomness;
  return html`${browserVerifier(d)}
<p>任何人无需账号即可复核本次抽取：下载本次抽取的完整记录（抽取时冻结的候选对象名单、执法人员名单、参数、随机数及其证明、每个抽签值和检查组），用公开的验证程序从头重新计算，结果必须逐项一致。</p>
<ol>
<li><a href="${paths.transcript(d.drawId)}">下载抽取记录（JSON）</a>，并核对其中的名单摘要和参数摘要与<a href="${paths.plan(d.plan.id)}#frozen">计划发布时公布的摘要</a>一致。</li>
<li>取得本系统的源代码，安装 Node.js 20 或更高版本，在源代码目录中执行 <code>npm install</code>。</li>
<li>执行以下命令（可以是上述网址，也可以是下载后的文件路径）；<code>--feed</code> 让验证程序从本网站的开放数据读取计划发布时的发布记录：
<pre><code>npm run verify-draw -- ${transcriptUrl} --feed ${baseUrl}</code></pre>
如果您（或上级监管平台）在计划发布、抽取之前已留存了<a href="${paths.publicationRecord(d.plan.id)}">发布记录</a>，用留存的文件代替 <code>--feed</code> 更为可靠：
<pre><code>npm run verify-draw -- ${transcriptUrl} --publication 留存的发布记录.json</code></pre></li>
<li>输出以 <code>OK</code> 开头，表示从公开数据重新计算的种子、抽中对象、检查组和换人记录与本记录完全一致，且名单、参数和随机数来源与抽取前公布的发布记录一致；输出 <code>DIFFERENCE</code> 则指出第一处不一致；输出 <code>UNANCHORED</code> 表示缺少发布记录等无法核验的内容，不能视为通过。${d.redraw ? '本次为重新抽取，验证程序还会取得被取代的原抽取记录，核对重新抽取的原因和随机数来源确系事先公布。' : null}</li>
</ol>
${r.source === 'drand-quicknet'
  ? html`<p>随机数来自 drand 公共随机信标第 ${r.round} 轮，该轮在计划发布时尚未产生。验证程序用固定的 quicknet 公钥离线校验该轮签名；也可以在 <code>https://api.drand.sh/${r.chainHash}/public/${r.round}</code> 查到同一签名。</p>`
  : r.event
    ? html`<p>随机数由计划发布时承诺的秘密值（其 SHA-256 即承诺值）与发布时指定的公开随机事件“${r.event.name}”的结果${r.witnesses?.length ? '以及见证人事先承诺的值' : ''}共同计算。秘密值和事件在事件结果产生之前即已固定，抽取不早于事件结果公布，因此操作人员无法通过反复尝试来挑选结果。请将本页录入的事件结果与官方公布的结果核对；验证程序会核对秘密值与承诺值相符${r.witnesses?.length ? '、见证人揭示的值与其承诺相符' : ''}。</p>`
    : html`<p>随机数由事先承诺的秘密值（其 SHA-256 即承诺值）与见证人在抽取现场提供的随机数共同计算。本计划发布时未指定作为随机数来源的公开随机事件，现场录入的随机数未事先固定。</p>`}
<p>抽取算法 draw-v1 的完整说明见源代码中的 <code>docs/draw-algorithm.md</code>；算法实现为不依赖数据库和框架的纯函数（<code>src/draws/draw-v1.ts</code>），可据此用任何编程语言独立实现并复核。</p>`;
}
