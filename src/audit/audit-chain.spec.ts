import { canonicalJson as snapshotCanonicalJson } from '../plans/snapshot';
import { AuditEvent, AuditRow, canonicalJson, ChainVerifier, eventHash, GENESIS_HASH, parseKeptHead, stateHash, verifyChain } from './audit-chain';

const ACTOR = '0b7f6a3e-2c1d-4e5f-8a9b-1c2d3e4f5a6b';

function event(seq: number, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    seq,
    at: new Date(Date.UTC(2025, 2, 1, 8, 0, seq)).toISOString(),
    actorId: seq % 2 ? ACTOR : null,
    action: seq === 1 ? 'plan.create' : 'plan.update',
    subjectType: 'plan',
    subjectId: '5d0c8e9a-7b6f-4a3e-9c2d-1e0f2a3b4c5d',
    beforeHash: seq === 1 ? null : stateHash({ version: seq - 1 }),
    afterHash: stateHash({ version: seq }),
    details: { note: `第${seq}次修改`, fields: ['title', 'quota'], nested: { b: seq, a: [seq, null] } },
    ...overrides,
  };
}

/** Seals events into a chain the way the service does. */
function seal(events: AuditEvent[], prev = GENESIS_HASH): AuditRow[] {
  return events.map((e) => {
    const row = { ...e, prevHash: prev, hash: eventHash(prev, e) };
    prev = row.hash;
    return row;
  });
}

const chain = (n = 5) => seal(Array.from({ length: n }, (_, i) => event(i + 1)));
const clone = (rows: AuditRow[]): AuditRow[] => JSON.parse(JSON.stringify(rows)) as AuditRow[];

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined, whatever the insertion order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: undefined, x: 'x' }], c: null }, u: undefined })).toBe('{"a":{"c":null,"d":[1,{"x":"x","z":0}]},"b":1}');
    expect(canonicalJson({ a: { c: null, d: [1, { x: 'x', z: 0 }] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [1, { z: 0, x: 'x' }], c: null } }));
  });

  it('orders keys by UTF-8 bytes, not UTF-16 code units', () => {
    // U+FF5E is EF BD 9E in UTF-8, before U+1F600 (F0 …); in UTF-16 the emoji (D83D …) would sort first.
    expect(canonicalJson({ '\u{1F600}': 1, '\uFF5E': 2, a: 3 })).toBe('{"a":3,"～":2,"😀":1}');
  });

  it('writes values as JSON.stringify does: Dates as ISO strings, undefined in arrays as null', () => {
    expect(canonicalJson({ at: new Date('2025-03-01T08:00:00.000Z'), list: [undefined, NaN] })).toBe('{"at":"2025-03-01T08:00:00.000Z","list":[null,null]}');
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
  });

  it('agrees with the plans snapshot canonical JSON on plain data', () => {
    const value = { z: [1, '二', { y: true, x: null }], a: { c: 1.5, b: '～', '\u{1F600}': -2 } };
    expect(canonicalJson(value)).toBe(snapshotCanonicalJson(value));
  });
});

describe('eventHash', () => {
  it('matches a test vector computed independently', () => {
    /*
     * python3 - <<'EOF'
     * import hashlib, json
     * canon = lambda v: json.dumps(v, sort_keys=True, separators=(',', ':'), ensure_ascii=False)
     * state = {"state": "published", "title": "2025年第一季度双随机抽查", "quota": 5}
     * after = hashlib.sha256(canon(state).encode()).hexdigest()
     * event = {"seq": 1, "at": "2025-03-01T08:00:00.000Z", "actorId": "0b7f6a3e-2c1d-4e5f-8a9b-1c2d3e4f5a6b",
     *          "action": "plan.publish", "subjectType": "plan", "subjectId": "5d0c8e9a-7b6f-4a3e-9c2d-1e0f2a3b4c5d",
     *          "beforeHash": None, "afterHash": after,
     *          "details": {"\uff5e": "fullwidth tilde", "\U0001F600": "emoji", "reason": "按计划发布", "n": [3, 1.5, None, True]}}
     * print(after)
     * print(hashlib.sha256(bytes.fromhex("0" * 64) + canon(event).encode()).hexdigest())
     * EOF
     * (Python sorts keys by code point, which is UTF-8 byte order.)
     */
    const after = stateHash({ title: '2025年第一季度双随机抽查', quota: 5, state: 'published' });
    expect(after).toBe('0b2e6b6e43dede2753e8460261d0479cc04b371622d639d1ed5655aa29de70b3');
    const hash = eventHash(GENESIS_HASH, {
      seq: 1,
      at: '2025-03-01T08:00:00.000Z',
      actorId: ACTOR,
      action: 'plan.publish',
      subjectType: 'plan',
      subjectId: '5d0c8e9a-7b6f-4a3e-9c2d-1e0f2a3b4c5d',
      beforeHash: null,
      afterHash: after,
      details: { reason: '按计划发布', n: [3, 1.5, null, true], '\u{1F600}': 'emoji', '\uFF5E': 'fullwidth tilde' },
    });
    expect(hash).toBe('f93676ca0fa946cdd7859c09299ca52df07c3f4c5e33be63cf7168ac5410ccb9');
  });

  it('does not depend on the order of fields or details keys, and ignores extra properties', () => {
    const e = event(3);
    const reordered = Object.fromEntries(Object.entries({ ...e, details: { nested: { a: [3, null], b: 3 }, fields: ['title', 'quota'], note: '第3次修改' } }).reverse()) as unknown as AuditEvent;
    expect(eventHash(GENESIS_HASH, reordered)).toBe(eventHash(GENESIS_HASH, e));
    expect(eventHash(GENESIS_HASH, { ...e, prevHash: 'x', hash: 'y' } as AuditEvent)).toBe(eventHash(GENESIS_HASH, e));
  });

  it('depends on the previous hash', () => {
    expect(eventHash('f'.repeat(64), event(1))).not.toBe(eventHash(GENESIS_HASH, event(1)));
  });

  it('refuses a previous hash that is not 64 lowercase hex characters', () => {
    expect(() => eventHash('abc', event(1))).toThrow(TypeError);
    expect(() => eventHash('G'.repeat(64), event(1))).toThrow(TypeError);
  });
});

describe('verifyChain', () => {
  it('accepts a sealed chain and returns its count and head', () => {
    const rows = chain();
    expect(verifyChain(rows)).toEqual({ ok: true, count: 5, head: rows[4].hash });
  });

  it('accepts an empty chain with the genesis head', () => {
    expect(verifyChain([])).toEqual({ ok: true, count: 0, head: GENESIS_HASH });
  });

  it('accepts rows read back with their keys in another order (as from jsonb)', () => {
    const rows = chain().map((r) => ({ ...r, details: Object.fromEntries(Object.entries(r.details).reverse()) }));
    expect(verifyChain(rows).ok).toBe(true);
  });

  const tamperings: [string, (row: AuditRow) => void][] = [
    ['at', (r) => (r.at = '2025-03-01T09:00:00.000Z')],
    ['actorId', (r) => (r.actorId = r.actorId ? null : ACTOR)],
    ['action', (r) => (r.action = 'plan.delete')],
    ['subjectType', (r) => (r.subjectType = 'item')],
    ['subjectId', (r) => (r.subjectId = 'another')],
    ['beforeHash', (r) => (r.beforeHash = stateHash('forged'))],
    ['afterHash', (r) => (r.afterHash = null)],
    ['details (nested value)', (r) => ((r.details.nested as { b: number }).b = 999)],
    ['details (added key)', (r) => (r.details.extra = true)],
    ['prevHash', (r) => (r.prevHash = 'e'.repeat(64))],
    ['hash', (r) => (r.hash = 'e'.repeat(64))],
  ];

  for (const [field, tamper] of tamperings) {
    it(`reports an altered ${field} at the altered row, whichever row it is`, () => {
      for (let i = 0; i < 5; i += 1) {
        const rows = clone(chain());
        tamper(rows[i]);
        const verdict = verifyChain(rows);
        expect(verdict).toMatchObject({ ok: false, seq: i + 1 });
      }
    });
  }

  it('reports an altered seq at that row', () => {
    const rows = clone(chain());
    rows[2].seq = 30;
    expect(verifyChain(rows)).toEqual({ ok: false, seq: 30, reason: expect.stringContaining('expected seq 3') });
    const first = clone(chain());
    first[0].seq = 0; // no predecessor to compare with: the hash gives it away
    expect(verifyChain(first)).toEqual({ ok: false, seq: 0, reason: expect.stringContaining('does not match') });
  });

  it('reports a deleted row at the next one', () => {
    const rows = chain();
    expect(verifyChain([...rows.slice(0, 2), ...rows.slice(3)])).toEqual({ ok: false, seq: 4, reason: expect.stringContaining('expected seq 3') });
    expect(verifyChain(rows.slice(1))).toEqual({ ok: false, seq: 2, reason: expect.stringContaining('genesis') });
  });

  it('reports a deleted row even when the later rows are renumbered', () => {
    const rows = chain();
    const renumbered = [...rows.slice(0, 2), ...rows.slice(3).map((r) => ({ ...r, seq: r.seq - 1 }))];
    expect(verifyChain(renumbered)).toEqual({ ok: false, seq: 3, reason: expect.stringContaining('hash of seq 2') });
  });

  it('cannot see a deleted last row or a re-sealed tail: that is what the published head is for', () => {
    const rows = chain();
    const truncated = verifyChain(rows.slice(0, 4));
    expect(truncated).toEqual({ ok: true, count: 4, head: rows[3].hash });
    const resealed = [...rows.slice(0, 2), ...seal([event(3, { action: 'plan.forged' }), event(4), event(5)], rows[1].hash)];
    const verdict = verifyChain(resealed);
    expect(verdict.ok).toBe(true);
    expect(verdict.ok && verdict.head).not.toBe(rows[4].hash);
  });

  it('reports reordered rows at the first row out of place', () => {
    const rows = chain();
    expect(verifyChain([rows[0], rows[2], rows[1], rows[3], rows[4]])).toMatchObject({ ok: false, seq: 3 });
  });

  it('reports a forged row inserted with a valid hash at the row it displaces', () => {
    const rows = chain();
    const [forged] = seal([event(3, { action: 'plan.forged' })], rows[1].hash);
    expect(verifyChain([rows[0], rows[1], forged, ...rows.slice(2)])).toMatchObject({ ok: false, seq: 3, reason: expect.stringContaining('follows seq 3') });
  });

  it('reports only the first broken link', () => {
    const rows = clone(chain());
    rows[1].action = 'x';
    rows[3].action = 'y';
    expect(verifyChain(rows)).toMatchObject({ ok: false, seq: 2 });
  });

  it('gives the same verdict when fed incrementally, page by page', () => {
    const rows = seal(Array.from({ length: 12 }, (_, i) => event(i + 1)));
    const verifier = new ChainVerifier();
    for (let i = 0; i < rows.length; i += 5) for (const row of rows.slice(i, i + 5)) verifier.push(row);
    expect(verifier.verdict()).toEqual(verifyChain(rows));

    const broken = clone(rows);
    broken[7].subjectId = 'x';
    const incremental = new ChainVerifier();
    const pushed = broken.map((r) => incremental.push(r));
    expect(pushed.indexOf(false)).toBe(7);
    expect(incremental.verdict()).toEqual(verifyChain(broken));
  });
});

describe('kept heads', () => {
  const run = (rows: AuditRow[], kept: { seq: number; hash: string }) => {
    const v = new ChainVerifier(kept);
    for (const r of rows) if (!v.push(r)) break;
    return v.keptVerdict();
  };

  it.each([
    ['the same chain', (c: AuditRow[]) => c, true, /extends the kept head seq 3/],
    ['a chain that grew', (c: AuditRow[]) => [...c, ...seal([event(6), event(7)], c[4].hash)], true, /head seq 7\) extends/],
    ['a truncated tail', (c: AuditRow[]) => c.slice(0, 2), false, /ends at seq 2, before the kept head's seq 3: .*truncated/],
    ['an emptied log', () => [], false, /ends at seq 0/],
    ['a tail rewritten with recomputed hashes', (c: AuditRow[]) => [...c.slice(0, 2), ...seal([event(3, { action: 'plan.forged' }), event(4)], c[1].hash)], false, /seq 3 has hash [0-9a-f]{64}, not the kept .*rewritten/],
    ['a chain broken before the kept seq', (c: AuditRow[]) => [c[0], { ...c[1], details: { forged: true } }, ...c.slice(2)], false, /broken at seq 2/],
  ])('%s', (_name, mutate, extended, reason) => {
    const c = chain(5);
    const verdict = run(mutate(c), { seq: 3, hash: c[2].hash });
    expect(verdict).toMatchObject({ seq: 3, hash: c[2].hash, extended });
    expect(verdict!.reason).toMatch(reason);
  });

  it('is not asked for without a kept head', () => {
    const v = new ChainVerifier();
    for (const r of chain(2)) v.push(r);
    expect(v.keptVerdict()).toBeNull();
  });

  const h = 'ab'.repeat(32);
  it.each([
    [`12:${h}`, { seq: 12, hash: h }],
    [`  12:${h.toUpperCase()}\n`, { seq: 12, hash: h }],
    [JSON.stringify({ seq: 12, hash: h, at: '2026-12-03T00:00:00.000Z' }), { seq: 12, hash: h }],
    [JSON.stringify([{ audit_head_seq: 12, audit_head_hash: h, publisher: '…' }]), { seq: 12, hash: h }],
    [JSON.stringify({ day: '2026-12-03', seq: '12', hash: h }), { seq: 12, hash: h }],
  ])('parses %s', (text, kept) => {
    expect(parseKeptHead(text)).toEqual(kept);
  });

  it.each([
    ['12', /<seq>:<64 hex characters>/],
    [`0:${h}`, /positive integer/],
    [`x:${h}`, /<seq>:<64 hex/],
    ['{"seq":12,"hash":"abc"}', /64 hex characters/],
    ['{"hash":"' + h + '"}', /positive integer/],
    ['[]', /positive integer/],
  ])('refuses %s', (text, message) => {
    expect(() => parseKeptHead(text)).toThrow(message);
  });
});
