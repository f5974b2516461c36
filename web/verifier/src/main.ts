/**
 * 「在浏览器中验证」 on the portal's draw page: progressive enhancement. Without JavaScript the page
 * keeps its instructions for the command-line verifiers; with it, the button appears, and this
 * script (served by the site itself, no CDN) re-runs the whole check in the browser.
 */
import './buffer-global';
import JSZip from 'jszip';
import { Outcome, verifyDraw } from './verify';

const VERDICT_TEXT: Record<Outcome['verdict'], string> = {
  OK: '核验通过：抽取结果可完全复现，且与抽取前公布的发布记录一致。',
  DIFFERENCE: '核验不通过：发现不一致（见下方第一处不一致）。',
  UNANCHORED: '未能核验：缺少核验所需的内容，不能视为通过。',
};
const MARK: Record<string, string> = { ok: '✓', fail: '✗', unanchored: '？', note: '！' };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

async function fetchJson(url: string): Promise<unknown> {
  const res = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

async function offlineZip(outcome: Outcome, transcriptUrl: string, feedUrl: string): Promise<Blob> {
  const zip = new JSZip();
  for (const f of outcome.files) zip.file(f.name, JSON.stringify(f.json, null, 1));
  const replaced = outcome.files.filter((f) => f.name.startsWith('replaced-')).map((f) => ` ${f.name}`).join('');
  zip.file(
    '说明.txt',
    [
      '离线核验本次抽取所需的全部文件',
      `transcript.json：抽取记录（来自 ${transcriptUrl}）`,
      `publication.json：计划发布时的发布记录（来自开放数据 ${feedUrl}）；如您在抽取前已自行留存发布记录，请用留存的文件`,
      ...(replaced ? [`replaced-*.json：被重新抽取取代的原抽取记录`] : []),
      '',
      '命令（任选其一，结果应一致）：',
      `  npm run verify-draw -- transcript.json${replaced} --publication publication.json`,
      `  python3 tools/verify_draw.py transcript.json${replaced} --publication publication.json`,
      '算法说明：docs/draw-algorithm.md',
      '',
    ].join('\r\n'),
  );
  return zip.generateAsync({ type: 'blob' });
}

function start(button: HTMLButtonElement): void {
  const panel = document.getElementById('verify-browser-result')!;
  const { transcriptUrl, feedUrl, transcriptBase, drawId } = button.dataset as Record<string, string>;
  button.hidden = false;
  button.addEventListener('click', async () => {
    button.disabled = true;
    panel.replaceChildren(el('p', '正在下载并重新计算……'));
    const started = performance.now();
    let outcome: Outcome;
    try {
      outcome = await verifyDraw({ transcriptUrl, feedUrl, transcriptOf: (id) => transcriptBase.replace('{id}', encodeURIComponent(id)), fetchJson });
    } catch (err) {
      panel.replaceChildren(el('p', `无法核验：${err instanceof Error ? err.message : String(err)}`, 'error-box'));
      button.disabled = false;
      return;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const list = el('ol', undefined, 'verify-steps');
    for (const s of outcome.steps) {
      const li = el('li', `${MARK[s.state]} ${s.label}`, `step-${s.state}`);
      li.dataset.state = s.state;
      if (s.detail) li.append(el('div', s.detail, 'step-detail'));
      list.append(li);
    }
    const verdict = el('p', VERDICT_TEXT[outcome.verdict], outcome.verdict === 'OK' ? 'verdict verdict-ok' : 'verdict verdict-bad');
    verdict.id = 'verify-browser-verdict';
    verdict.dataset.verdict = outcome.verdict;
    const link = el('a', '下载全部文件');
    link.id = 'verify-browser-download';
    link.href = URL.createObjectURL(await offlineZip(outcome, transcriptUrl, feedUrl));
    link.download = `draw-${drawId}-files.zip`;
    const foot = el('p', `用时 ${seconds} 秒，全部在您的浏览器中计算。离线核验：`);
    foot.append(link);
    panel.replaceChildren(verdict, list, foot);
    button.disabled = false;
  });
}

const button = document.getElementById('verify-in-browser');
if (button instanceof HTMLButtonElement) start(button);
