import { encodeQr, formatBits, gfMul, qrSvg, rsGenerator, rsRemainder } from './qr';

/*
 * The encoder is checked against published vectors (ISO/IEC 18004 tables as reprinted in the thonky.com
 * QR tutorial) and by decoding its output with the independent reader below, which uses only the
 * standard's tables — not the encoder's functions — for layout, blocks and error correction.
 */

/** Level M format strings for masks 0..7 (bit 14 first). */
const FORMAT_M = ['101010000010010', '101000100100101', '101111001111100', '101101101001011', '100010111111001', '100000011001110', '100111110010111', '100101010100000'];
/** Version information (18 bits) of versions 7..10. */
const VERSION_INFO: Record<number, number> = { 7: 0x07c94, 8: 0x085bc, 9: 0x09a99, 10: 0x0a4d3 };
const ALIGN: Record<number, number[]> = { 1: [], 2: [6, 18], 3: [6, 22], 4: [6, 26], 5: [6, 30], 6: [6, 34], 7: [6, 22, 38], 8: [6, 24, 42], 9: [6, 26, 46], 10: [6, 28, 50] };
/** Level M: [count, total codewords, data codewords] per block group. */
const BLOCKS: Record<number, [number, number, number][]> = {
  1: [[1, 26, 16]], 2: [[1, 44, 28]], 3: [[1, 70, 44]], 4: [[2, 50, 32]], 5: [[2, 67, 43]], 6: [[4, 43, 27]],
  7: [[4, 49, 31]], 8: [[2, 60, 38], [2, 61, 39]], 9: [[3, 58, 36], [2, 59, 37]], 10: [[4, 69, 43], [1, 70, 44]],
};
const MASK = [
  (r: number, c: number) => (r + c) % 2 === 0,
  (r: number) => r % 2 === 0,
  (_r: number, c: number) => c % 3 === 0,
  (r: number, c: number) => (r + c) % 3 === 0,
  (r: number, c: number) => (Math.floor(r / 2) + Math.floor(c / 3)) % 2 === 0,
  (r: number, c: number) => ((r * c) % 2) + ((r * c) % 3) === 0,
  (r: number, c: number) => (((r * c) % 2) + ((r * c) % 3)) % 2 === 0,
  (r: number, c: number) => (((r + c) % 2) + ((r * c) % 3)) % 2 === 0,
];

const EXP: number[] = [];
const LOG: number[] = [];
for (let i = 0, x = 1; i < 255; i++, x = x & 0x80 ? ((x << 1) ^ 0x11d) & 0xff : x << 1) {
  EXP[i] = x;
  LOG[x] = i;
}
const mul = (a: number, b: number) => (a && b ? EXP[(LOG[a] + LOG[b]) % 255] : 0);

/** Reads a matrix back to text (no error correction: a valid code has zero syndromes). */
function decode(m: boolean[][]): { text: string; version: number; mask: number; versionInfo: number | null } {
  const size = m.length;
  const version = (size - 17) / 4;
  const at = (r: number, c: number) => (m[r][c] ? 1 : 0);
  // Format copy 1: row 8 cols 0..5,7,8 then col 8 rows 7,5..0 (bit 14 first).
  const cells = [[8, 0], [8, 1], [8, 2], [8, 3], [8, 4], [8, 5], [8, 7], [8, 8], [7, 8], [5, 8], [4, 8], [3, 8], [2, 8], [1, 8], [0, 8]];
  const format = cells.map(([r, c]) => at(r, c)).join('');
  const mask = FORMAT_M.indexOf(format);
  if (mask < 0) throw new Error(`format ${format} is not level M`);
  let versionInfo: number | null = null;
  if (version >= 7) {
    versionInfo = 0;
    for (let i = 17; i >= 0; i--) versionInfo = (versionInfo << 1) | at(Math.floor(i / 3), size - 11 + (i % 3));
  }
  const fn = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  const mark = (r0: number, c0: number, h: number, w: number) => {
    for (let r = r0; r < r0 + h; r++) for (let c = c0; c < c0 + w; c++) fn[r][c] = true;
  };
  mark(0, 0, 9, 9);
  mark(0, size - 8, 9, 8);
  mark(size - 8, 0, 8, 9);
  mark(6, 0, 1, size);
  mark(0, 6, size, 1);
  const inFinder = (r: number, c: number) => (r < 9 && c < 9) || (r < 9 && c >= size - 9) || (r >= size - 9 && c < 9);
  for (const r of ALIGN[version]) for (const c of ALIGN[version]) if (!inFinder(r, c)) mark(r - 2, c - 2, 5, 5);
  if (version >= 7) {
    mark(0, size - 11, 6, 3);
    mark(size - 11, 0, 3, 6);
  }
  const bits: number[] = [];
  let upward = true;
  for (let c = size - 1; c > 0; c -= 2) {
    if (c === 6) c = 5;
    for (let k = 0; k < size; k++) {
      const r = upward ? size - 1 - k : k;
      for (const cc of [c, c - 1]) if (!fn[r][cc]) bits.push(at(r, cc) ^ (MASK[mask](r, cc) ? 1 : 0));
    }
    upward = !upward;
  }
  const codewords: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) codewords.push(bits.slice(i, i + 8).reduce((a, b) => (a << 1) | b, 0));
  const groups = BLOCKS[version].flatMap(([n, total, data]) => Array.from({ length: n }, () => ({ total, data, bytes: [] as number[] })));
  let k = 0;
  const maxData = Math.max(...groups.map((g) => g.data));
  for (let i = 0; i < maxData; i++) for (const g of groups) if (i < g.data) g.bytes.push(codewords[k++]);
  const ecc = groups[0].total - groups[0].data;
  for (let i = 0; i < ecc; i++) for (const g of groups) g.bytes.push(codewords[k++]);
  for (const g of groups) {
    for (let i = 0; i < ecc; i++) {
      let s = 0;
      for (const b of g.bytes) s = mul(s, EXP[i]) ^ b;
      if (s !== 0) throw new Error('non-zero syndrome');
    }
  }
  const data = groups.flatMap((g) => g.bytes.slice(0, g.data));
  const stream = data.flatMap((b) => Array.from({ length: 8 }, (_, i) => (b >>> (7 - i)) & 1));
  let p = 0;
  const read = (n: number) => {
    let v = 0;
    for (let i = 0; i < n; i++) v = (v << 1) | stream[p++];
    return v;
  };
  if (read(4) !== 0b0100) throw new Error('not byte mode');
  const len = read(version <= 9 ? 8 : 16);
  const out = Buffer.from(Array.from({ length: len }, () => read(8)));
  return { text: out.toString('utf8'), version, mask, versionInfo };
}

describe('QR encoder', () => {
  it('computes the published Reed–Solomon codewords of "HELLO WORLD" at 1-M', () => {
    const data = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17];
    expect(rsRemainder(data, rsGenerator(10))).toEqual([196, 35, 39, 119, 235, 215, 231, 226, 93, 23]);
    expect(gfMul(0x53, 0xca)).toBe(mul(0x53, 0xca));
  });

  it.each(FORMAT_M.map((s, mask) => [mask, s]))('gives the published format string of mask %i at level M', (mask, s) => {
    expect(formatBits(mask as number).toString(2).padStart(15, '0')).toBe(s);
  });

  const url = (n: number) => `https://sjgk.example.gov.cn/portal/check-code/${'a'.repeat(n)}`;
  it.each([
    ['HELLO WORLD', 1],
    ['检查码 双随机、一公开', 3],
    [url(26), 5],
    [url(60), 6],
    [url(76), 7],
    [url(77), 8],
    [url(120), 9],
    [url(167), 10],
  ])('encodes %j in the smallest version, and decodes back to it', (text, version) => {
    const qr = encodeQr(text as string);
    expect(qr.version).toBe(version);
    expect(qr.size).toBe(qr.version * 4 + 17);
    const back = decode(qr.modules);
    expect(back).toMatchObject({ text, version, mask: qr.mask });
    if (qr.version >= 7) expect(back.versionInfo).toBe(VERSION_INFO[qr.version]);
  });

  it('refuses text beyond version 10-M', () => {
    expect(() => encodeQr('x'.repeat(214))).toThrow(/do not fit/);
    expect(encodeQr('x'.repeat(213)).version).toBe(10);
  });

  it('draws an SVG with one unit square per dark module and a quiet zone', () => {
    const qr = encodeQr('HELLO WORLD');
    const svg = qrSvg(qr);
    expect(svg).toContain(`viewBox="0 0 ${qr.size + 8} ${qr.size + 8}"`);
    expect(svg.match(/h1v1h-1z/g)).toHaveLength(qr.modules.flat().filter(Boolean).length);
  });
});
