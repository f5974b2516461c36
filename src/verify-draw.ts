/**
 * npm run verify-draw -- <transcript file or URL> [replaced draw's transcript file …]
 *
 * Re-runs a draw from its public transcript alone and prints OK, or the first difference. A redraw
 * is also checked against the draw it replaced (fetched from the same site for a URL, or given as
 * further files): only then is its randomness anchored to an earlier public announcement.
 * Needs no account and no database: a citizen's check.
 */
import * as fs from 'node:fs';
import { Transcript, Verdict, verifyRedrawLink, verifyTranscript } from './draws/transcript';

const MAX_CHAIN = 20;

async function load(source: string): Promise<Transcript> {
  const text = /^https?:\/\//.test(source) ? await (await fetch(source)).text() : fs.readFileSync(source, 'utf8');
  return JSON.parse(text) as Transcript;
}

async function main(args: string[]): Promise<number> {
  const [source, ...replacedFiles] = args;
  if (!source) {
    process.stderr.write('usage: npm run verify-draw -- <transcript.json | https://…/public/draws/<id>/transcript> [replaced-draw transcript.json …]\n');
    return 2;
  }
  let current = await load(source);
  const first = current;
  for (let depth = 0; ; depth++) {
    const verdict: Verdict = verifyTranscript(current);
    if (!verdict.ok) return report(`DIFFERENCE: ${depth ? `in replaced draw ${current.drawId}: ` : ''}${verdict.difference}`, 1);
    if (!current.redraw) break;
    if (depth >= MAX_CHAIN) return report(`UNANCHORED: more than ${MAX_CHAIN} redraws`, 3);
    const next = /^https?:\/\//.test(source) ? new URL(`/public/draws/${current.redraw.replacedDrawId}/transcript`, source).toString() : replacedFiles[depth];
    if (!next) return report(`UNANCHORED: ${verdict.unanchored ?? ''}`, 3);
    const replaced = await load(next);
    const link = verifyRedrawLink(current, replaced);
    if (!link.ok) return report(`DIFFERENCE: redraw link: ${link.difference}`, 1);
    current = replaced;
  }
  const superseded = first.supersededBy ? ` — this draw was SUPERSEDED by redraw ${first.supersededBy.id} (${first.supersededBy.reason})` : '';
  const redrawn = first.redraw ? ` — a redraw of draw ${first.redraw.replacedDrawId} (${first.redraw.reason}), link verified` : '';
  return report(`OK: draw ${first.drawId} of plan ${first.planId} re-computed exactly (seed ${first.seed})${redrawn}${superseded}`, 0);
}

function report(line: string, code: number): number {
  process.stdout.write(line + '\n');
  return code;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`cannot verify: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
