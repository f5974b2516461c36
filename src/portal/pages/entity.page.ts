import { PublicEntityDto } from '../../publication/dto/public.dto';
import { html } from '../html';
import { layout, paths, resultCard } from '../layout';

/** All published checks of one entity, and the versions corrections replaced (both stay visible). */
export function entityPage(e: PublicEntityDto, extractDate: string): string {
  const address = e.results[0]?.result.entity.address ?? e.history[0]?.result.entity.address ?? null;
  const body = html`
<dl class="facts">
<dt>统一社会信用代码</dt><dd class="id">${e.uscc}</dd>
${address ? html`<dt>住所</dt><dd>${address}</dd>` : null}
<dt>公开的检查结果</dt><dd>${e.results.length} 条${e.history.length ? `（另有 ${e.history.length} 个更正前的版本）` : ''}</dd>
</dl>
<p><a href="${paths.results({ uscc: e.uscc })}">在检查结果查询中查看</a></p>

<h2 id="results">检查结果</h2>
${e.results.length ? html`<ul class="cards">${e.results.map((r) => resultCard(r, 3, false))}</ul>` : html`<p>暂无现行的公开检查结果。</p>`}

${e.history.length
  ? html`<h2 id="history">更正前的版本</h2>
<p class="note">已公开的检查结果不作修改；如有更正，发布新版本并说明原因，原版本保留于此。</p>
<ul class="cards">${e.history.map((r) => resultCard(r, 3, false))}</ul>`
  : null}
`;
  return layout({ title: e.name, body, extractDate });
}
