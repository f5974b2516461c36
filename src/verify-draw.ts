/**
 * npm run verify-draw -- <transcript file or URL> [replaced draw's transcript file …]
 *                        (--publication <file or URL> | --feed <site URL>) [--drand-chain <chain info file>]
 *
 * Re-runs a draw from its public transcript and compares it with the publication record kept
 * elsewhere — a file saved at publication (--publication), or the open-data file of a site
 * (--feed: <site>/public/open-data/publication_records.json) — never with the transcript's own
 * copy. A redraw is also checked against the draw it replaced (fetched from the same site for a
 * URL, or given as further files). Needs no account and no database: a citizen's check.
 *
 * Exit codes: 0 OK (re-computed and anchored); 1 DIFFERENCE (a forged or inconsistent transcript);
 * 2 cannot run (usage, unreadable input); 3 UNANCHORED (consistent in itself, but what it had to be
 * compared with was missing: no publication record, an unknown drand chain, a redraw's replaced draw).
 */
import * as fs from 'node:fs';
import { Anchor, anchorFrom, verifyAnchor } from './draws/anchor';
import { chainFromInfo, DrandChain, QUICKNET } from './draws/drand';
import { FrozenParameters, Transcript, Verdict, verifyRedrawLink, verifyTranscript } from './draws/transcript';

const MAX_CHAIN = 20;
const USAGE =
  'usage: npm run verify-draw -- <transcript.json | https://…/public/draws/<id>/transcript> [replaced-draw transcript.json …]\n' +
  '         (--publication <kept record .json | URL> | --feed <https://site>) [--drand-chain <chain info .json>]\n';

const isUrl = (s: string) => /^https?:\/\//.test(s);

async function loadJson(source: string): Promise<unknown> {
  if (!isUrl(source)) return JSON.parse(fs.readFileSync(source, 'utf8'));
  const res = await fetch(source);
  if (!res.ok) throw new Error(`${source}: HTTP ${res.status}`);
  return JSON.parse(await res.text());
}

interface Options {
  files: string[];
  publication?: string;
  feed?: string;
  chains: DrandChain[];
}

function parseArgs(args: string[]): Options | string {
  const out: Options = { files: [], chains: [QUICKNET] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--publication' || a === '--feed' || a === '--drand-chain') {
      const value = args[++i];
      if (!value) return `${a} needs a value`;
      if (a === '--publication') out.publication = value;
      else if (a === '--feed') out.feed = value.replace(/\/+$/, '');
      else out.chains.unshift(chainFromInfo(JSON.parse(fs.readFileSync(value, 'utf8'))));
    } else if (a.startsWith('--')) return `unknown option ${a}`;
    else out.files.push(a);
  }
  if (!out.files.length) return 'no transcript given';
  return out;
}

async function anchorOf(o: Options, planId: string): Promise<{ anchor: Anchor | null; from: string | null }> {
  const from = o.publication ?? (o.feed ? `${o.feed}/public/open-data/publication_records.json` : null);
  if (!from) return { anchor: null, from: null };
  return { anchor: anchorFrom(await loadJson(from), planId), from };
}

async function main(args: string[]): Promise<number> {
  const o = parseArgs(args);
  if (typeof o === 'string') {
    process.stderr.write(`${o}\n${USAGE}`);
    return 2;
  }
  const [source, ...replacedFiles] = o.files;
  let current = (await loadJson(source)) as Transcript;
  const first = current;
  const chainOfDraws: Transcript[] = [];
  for (let depth = 0; ; depth++) {
    const verdict: Verdict = verifyTranscript(current, o.chains);
    if (!verdict.ok) {
      if (verdict.difference.startsWith('unknown drand chain')) return report(`UNANCHORED / 未能核验: ${verdict.difference} — 未知的 drand 随机信标链，请用 --drand-chain 提供其链信息`, 3);
      return report(`DIFFERENCE / 不一致: ${depth ? `in replaced draw ${current.drawId}: ` : ''}${verdict.difference}`, 1);
    }
    chainOfDraws.push(current);
    if (!current.redraw) break;
    if (depth >= MAX_CHAIN) return report(`UNANCHORED / 未能核验: more than ${MAX_CHAIN} redraws`, 3);
    const next = isUrl(source) ? new URL(`/public/draws/${current.redraw.replacedDrawId}/transcript`, source).toString() : replacedFiles[depth];
    if (!next) return report(`UNANCHORED / 未能核验: ${verdict.unanchored ?? ''} — 缺少被重抽取代的抽取记录，无法核验重抽公告`, 3);
    const replaced = (await loadJson(next)) as Transcript;
    const link = verifyRedrawLink(current, replaced);
    if (!link.ok) return report(`DIFFERENCE / 不一致: redraw link: ${link.difference}`, 1);
    current = replaced;
  }

  const { anchor, from } = await anchorOf(o, first.planId);
  if (!from) {
    return report(
      `UNANCHORED / 未能核验: the transcript is consistent in itself (seed ${first.seed}), but no publication record was given, so it was NOT checked that its inputs and randomness are those published before the draw — a recomputed forgery would pass this far. Give --publication <record kept at publication> or --feed <site>.\n` +
        '抽取记录自身一致，但未提供抽取前留存的发布记录，无法核验其名录、参数和随机数是否与发布时一致（重新计算的伪造记录也能通过自身一致性检查）。请用 --publication 指定留存的发布记录，或用 --feed 指定网站地址。',
      3,
    );
  }
  if (!anchor) return report(`UNANCHORED / 未能核验: ${from} holds no publication record of plan ${first.planId} — 该来源中没有此计划的发布记录（计划可能发布于发布记录启用之前）`, 3);
  for (const t of chainOfDraws) {
    const anchored = verifyAnchor(t, anchor, o.chains);
    if (!anchored.ok) {
      if (anchored.difference.startsWith('unknown drand chain')) return report(`UNANCHORED / 未能核验: ${anchored.difference} — 请用 --drand-chain 提供其链信息`, 3);
      return report(`DIFFERENCE / 不一致: ${t === first ? '' : `in replaced draw ${t.drawId}: `}against the publication record (${from}): ${anchored.difference} — 与抽取前公布的发布记录不符`, 1);
    }
  }
  const superseded = first.supersededBy ? ` — this draw was SUPERSEDED by redraw ${first.supersededBy.id} (${first.supersededBy.reason})` : '';
  const redrawn = first.redraw ? ` — a redraw of draw ${first.redraw.replacedDrawId} (${first.redraw.reason}), link and announcement verified` : '';
  return report(`OK: draw ${first.drawId} of plan ${first.planId} re-computed exactly (seed ${first.seed}) and matches the publication record of ${anchor.publication.publishedAt}${redrawn}${superseded}\n核验通过：抽取结果可完全复现，且与抽取前公布的发布记录一致。${eventNote(first)}`, 0);
}

/** What no program can check: that the entered entropy is the named event's official result. */
function eventNote(t: Transcript): string {
  const spec = t.redraw ? t.redraw.randomness : (JSON.parse(t.parametersJson) as FrozenParameters).randomness;
  if (t.randomness.source !== 'commit-reveal' || spec.source !== 'commit-reveal' || !spec.event) return '';
  const where = spec.event.checkUrl ? ` (${spec.event.checkUrl})` : '';
  return `\nCHECK BY HAND: the entropy entered, "${t.randomness.witnessEntropy}", must be the official result of ${spec.event.name}${where}.\n请人工核对：现场录入的“${t.randomness.witnessEntropy}”应与“${spec.event.name}”官方公布的结果一致${where}。`;
}

function report(line: string, code: number): number {
  process.stdout.write(line + '\n');
  return code;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`cannot verify / 无法核验: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
