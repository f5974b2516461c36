import * as fs from 'node:fs';
import * as path from 'node:path';
import { QUICKNET, roundAt, roundTime, verifyRound } from './drand';

interface Fixture {
  chain: { public_key: string; dst: string; genesis_time: number; period_seconds: number; chain_hash: string };
  rounds: { round: number; signature: string; randomness: string }[];
}

// Real public quicknet rounds (a copy of ../shared/data/drand-quicknet.json, kept in the repo so any clone can test).
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'drand-quicknet.json'), 'utf8')) as Fixture;

describe('drand quicknet verification (offline)', () => {
  it('pins the same chain as the published parameters', () => {
    expect(QUICKNET.publicKey).toBe(fixture.chain.public_key);
    expect(QUICKNET.dst).toBe(fixture.chain.dst);
    expect(QUICKNET.genesisTime).toBe(fixture.chain.genesis_time);
    expect(QUICKNET.chainHash).toBe(fixture.chain.chain_hash);
  });

  it.each(fixture.rounds.map((r) => [r.round, r] as const))('verifies real round %i and derives its randomness', (_round, r) => {
    expect(verifyRound(QUICKNET, r.round, r.signature)).toEqual({ ok: true, randomness: r.randomness });
  });

  it('refuses a signature for another round, a flipped bit, and junk', () => {
    const [a, b] = fixture.rounds;
    expect(verifyRound(QUICKNET, a.round + 1, a.signature)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(verifyRound(QUICKNET, b.round, a.signature)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    const flipped = a.signature.slice(0, 40) + (a.signature[40] === '0' ? '1' : '0') + a.signature.slice(41);
    expect(verifyRound(QUICKNET, a.round, flipped).ok).toBe(false);
    expect(verifyRound(QUICKNET, a.round, 'zz')).toEqual({ ok: false, reason: 'MALFORMED_SIGNATURE' });
    expect(verifyRound(QUICKNET, 0, a.signature)).toEqual({ ok: false, reason: 'MALFORMED_SIGNATURE' });
  });

  it('maps time to rounds and back', () => {
    expect(roundAt(QUICKNET, QUICKNET.genesisTime)).toBe(1);
    expect(roundAt(QUICKNET, QUICKNET.genesisTime + 2)).toBe(1);
    expect(roundAt(QUICKNET, QUICKNET.genesisTime + 3)).toBe(2);
    expect(roundTime(QUICKNET, 1000)).toBe(QUICKNET.genesisTime + 999 * 3);
    expect(roundAt(QUICKNET, roundTime(QUICKNET, 32285085))).toBe(32285085);
  });
});
