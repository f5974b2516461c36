/**
 * npm run verify-draw -- <transcript file or URL>
 *
 * Re-runs a draw from its public transcript alone and prints OK, or the first difference.
 * Needs no account and no database: a citizen's check.
 */
import * as fs from 'node:fs';
import { Transcript, verifyTranscript } from './draws/transcript';

async function main(source: string | undefined): Promise<number> {
  if (!source) {
    process.stderr.write('usage: npm run verify-draw -- <transcript.json | https://…/public/draws/<id>/transcript>\n');
    return 2;
  }
  const text = /^https?:\/\//.test(source) ? await (await fetch(source)).text() : fs.readFileSync(source, 'utf8');
  const transcript = JSON.parse(text) as Transcript;
  const verdict = verifyTranscript(transcript);
  if (verdict.ok) {
    process.stdout.write(`OK: draw ${transcript.drawId} of plan ${transcript.planId} re-computed exactly (seed ${transcript.seed})\n`);
    return 0;
  }
  process.stdout.write(`DIFFERENCE: ${verdict.difference}\n`);
  return 1;
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`cannot verify: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
