import { parse } from 'csv-parse/sync';
import { CsvChunkParser } from './csv-parser';

function parseAll(text: string, chunkSizes: number[]): string[][] {
  const p = new CsvChunkParser();
  const out: string[][] = [];
  let i = 0;
  let k = 0;
  while (i < text.length) {
    const size = chunkSizes[k++ % chunkSizes.length];
    out.push(...p.push(text.slice(i, i + size)));
    i += size;
  }
  out.push(...p.end());
  return out;
}

const oracle = (text: string): string[][] => parse(text, { relax_column_count: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n'] });

describe('CsvChunkParser', () => {
  it('parses plain rows with CRLF or LF and skips empty lines', () => {
    expect(parseAll('a,b,c\r\n1,2,3\n\n4,,6\n', [1000])).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
      ['4', '', '6'],
    ]);
  });

  it('handles quotes: commas, doubled quotes and newlines inside fields', () => {
    const text = 'name,addr\r\n"康希诺,生物","天津""滨海""\n新区"\r\nx,"y"\n';
    expect(parseAll(text, [1000])).toEqual([
      ['name', 'addr'],
      ['康希诺,生物', '天津"滨海"\n新区'],
      ['x', 'y'],
    ]);
  });

  it('keeps the last record without a trailing newline', () => {
    expect(parseAll('a,b\n1,2', [1000])).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseAll('a,b\n"1","2"', [1000])).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('refuses an unclosed quote at the end, also right after an escaped quote', () => {
    for (const chunks of [['a,"b\nc\n'], ['x,"abc""'], ['x,"', '"', '"']]) {
      const p = new CsvChunkParser();
      for (const c of chunks) p.push(c);
      expect(() => p.end()).toThrow('引号未闭合');
    }
  });

  it('treats a lone CR as data whether or not the chunk has quotes', () => {
    expect(parseAll('h1,h2\na,b\rc,d\n', [1000])).toEqual([
      ['h1', 'h2'],
      ['a', 'b\rc', 'd'],
    ]);
    expect(parseAll('h1,h2\n"a",b\rc,d\n', [1000])).toEqual([
      ['h1', 'h2'],
      ['a', 'b\rc', 'd'],
    ]);
  });

  it('agrees with csv-parse at every chunk boundary on tricky input', () => {
    const text = 'h1,h2,h3\r\n"a,1","b""2",c\r\n"",x,""\n"multi\r\nline","q""",z\n\n1,2,3\n"end"';
    const expected = oracle(text);
    for (let size = 1; size <= text.length; size++) expect(parseAll(text, [size])).toEqual(expected);
  });

  it('agrees with csv-parse on random input split at random places', () => {
    const alphabet = ['a', '中', ',', '"', '\n', '\r\n', ' ', 'b'];
    let seed = 42;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let trial = 0; trial < 300; trial++) {
      // Build valid CSV: quote fields that need it.
      const rows: string[] = [];
      for (let r = 0; r < 1 + rnd(6); r++) {
        const fields: string[] = [];
        for (let f = 0; f < 1 + rnd(4); f++) {
          let v = '';
          for (let c = 0; c < rnd(6); c++) v += alphabet[rnd(alphabet.length)];
          fields.push(/[",\r\n]/.test(v) || rnd(4) === 0 ? `"${v.replace(/"/g, '""')}"` : v);
        }
        rows.push(fields.join(','));
      }
      const text = rows.join(rnd(2) ? '\n' : '\r\n') + (rnd(2) ? '\n' : '');
      const sizes = [1 + rnd(7), 1 + rnd(13), 1 + rnd(50)];
      // A record of only empty fields is an empty row either way (the importer skips those).
      const nonEmpty = (rs: string[][]) => rs.filter((r) => r.some((f) => f !== ''));
      expect(nonEmpty(parseAll(text, sizes))).toEqual(nonEmpty(oracle(text)));
    }
  });
});
