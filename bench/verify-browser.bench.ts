/**
 * npm run bench:verify-browser [-- --rounds N] [-- --candidates N]
 *
 * Issue 15's budget for 「在浏览器中验证」: a 20,000-candidate draw re-run and anchored in Chromium in
 * ≤ 10 s. The draw is synthetic but made by the real pure modules (draw-v1, commit-reveal with a
 * named event, its publication record) and checked first by the Node verifier; a small HTTP server
 * serves it with the built browser verifier (web/verifier/dist/verify-draw.js, as the portal serves
 * it) under the draw page's button. Timed per round, each in a fresh browser context (cold cache):
 * from the click to the verdict — downloads, parsing, hashing, the draw, the anchor.
 * Not a test: figures go to docs/benchmarks.md with the machine line printed here.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { verifyAnchor } from '../src/draws/anchor';
import { QUICKNET } from '../src/draws/drand';
import { draw } from '../src/draws/draw-v1';
import { publicationRecord } from '../src/draws/publication-record';
import { commitRevealRandomness, drawInputFrom, FrozenParameters, Transcript, TRANSCRIPT_FORMAT, verifyTranscript } from '../src/draws/transcript';
import { canonicalJson, parametersSnapshot } from '../src/plans/snapshot';
import { launchBrowser } from '../test/support/browser';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, candidates: { type: 'string', default: '20000' } } });
const ROUNDS = Number(values.rounds);
const CANDIDATES = Number(values.candidates);
const LIMIT_SECONDS = 10;
const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'web', 'verifier', 'dist', 'verify-draw.js');
const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

function syntheticDraw(): { transcript: Transcript; feed: unknown } {
  const uscc = (i: number) => `91120000MA${String(i).padStart(7, '0')}X`;
  const candidates = Array.from({ length: CANDIDATES }, (_, i) => `${uscc(i)}\t${'ABCD'[i % 4]}\t${i % 50 === 0 ? 'RECENTLY_CHECKED' : ''}\t${i % 7 === 0 ? `第${i % 20}监管所` : ''}\t\n`).sort().join('');
  const inspectors = Array.from({ length: 400 }, (_, i) => `ZJ${String(i).padStart(6, '0')}\t${i % 13 === 0 ? 0 : 1}\t实验动物\t第${i % 20}监管所\t${i % 3}\tdept-1\n`).sort().join('');
  const conflicts = '';
  const planId = randomUUID();
  const publishedAt = '2027-01-04T02:00:00.000Z';
  const event = { name: '中国体育彩票排列5 第27003期开奖号码', at: '2027-01-04T12:30:00.000Z', checkUrl: 'https://www.lottery.gov.cn/' };
  const secret = randomBytes(32);
  const randomness = { source: 'commit-reveal' as const, commitment: sha256(secret), event };
  const params = {
    algorithm: 'draw-v1', planId, departmentId: 'dept-1', jointDepartmentIds: [], year: 2027, items: [], domain: '实验动物', candidateFilter: { districts: [], industryCodes: [], licenceTypes: [] },
    sampling: { A: { ratioBasisPoints: 1000 }, B: { ratioBasisPoints: 500 }, C: { ratioBasisPoints: 2000 }, D: { count: 300 } }, rounding: 'largest-remainder-min1', teamSize: 2, taskCapPerInspector: 40,
    repeatWindow: 'calendar_year', annualCapPerEntity: null, windowStart: '2027-02-01', windowEnd: '2027-06-30', recusalRules: { declaredConflict: true, lastInspector: true, sameSupervisingUnit: true },
    conflictsHash: sha256(conflicts), snapshotDate: '2027-01-04', randomness,
  };
  const frozen = parametersSnapshot(params);
  const hashes = { candidatePoolHash: sha256(candidates), inspectorPoolHash: sha256(inspectors), parametersHash: frozen.hash };
  const witnessEntropy = '排列5 开奖号码 4 0 7 1 3';
  const value = commitRevealRandomness(secret.toString('hex'), witnessEntropy);
  const result = JSON.parse(JSON.stringify(draw(drawInputFrom(params as unknown as FrozenParameters, { candidates, inspectors, conflicts }, hashes, value))));
  const publication = publicationRecord({ planId, publishedAt, algorithm: 'draw-v1', ...hashes, conflictsHash: params.conflictsHash, randomness }, undefined);
  const transcript: Transcript = {
    format: TRANSCRIPT_FORMAT, drawId: randomUUID(), planId, parametersJson: frozen.json, ...hashes, candidates, inspectors, conflicts,
    randomness: { source: 'commit-reveal', commitment: randomness.commitment, secret: secret.toString('hex'), witnessEntropy, randomness: value },
    seed: result.seed, result, substitutions: [], createdAt: '2027-01-04T12:35:00.000Z', publishedAt, publication,
  };
  const checked = [verifyTranscript(transcript), verifyAnchor(transcript, { publication, redraws: [] }, [QUICKNET])];
  if (!checked.every((v) => v.ok)) throw new Error(`the synthetic draw does not verify in Node: ${JSON.stringify(checked)}`);
  return { transcript, feed: [{ kind: 'plan', plan_id: planId, record: canonicalJson(publication) }] };
}

async function main(): Promise<void> {
  if (!fs.existsSync(SCRIPT)) throw new Error(`${SCRIPT} is not built: run node web/verifier/build.mjs (npm start and npm test do)`);
  const { transcript, feed } = syntheticDraw();
  const body = { '/transcript.json': JSON.stringify(transcript), '/feed.json': JSON.stringify(feed), '/verify-draw.js': fs.readFileSync(SCRIPT, 'utf8') } as Record<string, string>;
  const page = `<!doctype html><meta charset="utf-8"><title>bench</title><button type="button" id="verify-in-browser" hidden data-draw-id="${transcript.drawId}" data-transcript-url="/transcript.json" data-transcript-base="/draws/{id}.json" data-feed-url="/feed.json">在浏览器中验证</button><div id="verify-browser-result"></div><script src="/verify-draw.js" defer></script>`;
  const server = http.createServer((req, res) => {
    const text = req.url === '/' ? page : body[req.url ?? ''];
    if (text === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': req.url === '/' ? 'text/html; charset=utf-8' : req.url!.endsWith('.js') ? 'text/javascript' : 'application/json', 'Content-Security-Policy': "script-src 'self'" }).end(text);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  const times: number[] = [];
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const context = await browser.newContext({ baseURL: base });
      const p = await context.newPage();
      await p.goto('/');
      const button = p.getByRole('button', { name: '在浏览器中验证' });
      await button.waitFor();
      const started = Date.now();
      await button.click();
      await p.locator('#verify-browser-verdict').waitFor({ timeout: 120_000 });
      times.push((Date.now() - started) / 1000);
      const verdict = await p.locator('#verify-browser-verdict').getAttribute('data-verdict');
      if (verdict !== 'OK') throw new Error(`verdict ${verdict}: ${(await p.locator('.verify-steps').textContent()) ?? ''}`);
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
  const mb = (Buffer.byteLength(body['/transcript.json']) / 2 ** 20).toFixed(1);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 20)} MiB RAM, Node ${process.version} (server), Chromium via playwright-core`);
  console.log(`draw: ${CANDIDATES} candidates, ${transcript.result.selections.length} selected, ${transcript.result.teams.length} teams from 400 inspectors; transcript ${mb} MiB`);
  console.log(`browser verification (click → verdict OK), ${ROUNDS} rounds: ${times.map((t) => `${t.toFixed(2)} s`).join(', ')}; median ${median.toFixed(2)} s — limit ${LIMIT_SECONDS} s: ${median <= LIMIT_SECONDS ? 'PASS' : 'FAIL'}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
