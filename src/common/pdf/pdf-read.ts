import { inflateSync } from 'node:zlib';

/**
 * Reads back the PDFs PdfDocument writes — for the tests, and as a structural check: every xref offset
 * must point at its object, the trailer at the catalog, the catalog at the page tree. Text is the
 * UTF-16BE hex strings shown with Tj, one entry per text operation, page by page. Not a general
 * PDF parser (no object streams, no incremental updates).
 */
export interface PdfReadResult {
  pages: string[][];
  /** Every text operation of every page, joined with newlines (for `toContain`). */
  text: string;
  objectCount: number;
}

export function readPdf(buf: Buffer): PdfReadResult {
  const src = buf.toString('latin1');
  if (!src.startsWith('%PDF-')) throw new Error('not a PDF: no header');
  if (!/%%EOF\s*$/.test(src)) throw new Error('no %%EOF at the end');
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(src);
  if (!startxref) throw new Error('no startxref');
  const xrefAt = Number(startxref[1]);
  if (!src.startsWith('xref', xrefAt)) throw new Error(`startxref ${xrefAt} does not point at the xref table`);
  const head = /^xref\s+0\s+(\d+)\s*\n/.exec(src.slice(xrefAt));
  if (!head) throw new Error('bad xref header');
  const count = Number(head[1]);
  const entriesAt = xrefAt + head[0].length;
  const offsets = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const entry = src.slice(entriesAt + i * 20, entriesAt + (i + 1) * 20);
    if (!/^\d{10} \d{5} [nf] ?\r?\n$/.test(entry)) throw new Error(`bad xref entry ${i}: ${JSON.stringify(entry)}`);
    if (entry[17] === 'n') offsets.set(i, Number(entry.slice(0, 10)));
  }
  const body = (n: number): string => {
    const at = offsets.get(n);
    if (at === undefined) throw new Error(`object ${n} is not in the xref`);
    if (!src.startsWith(`${n} 0 obj`, at)) throw new Error(`xref offset of object ${n} (${at}) does not point at it`);
    const end = src.indexOf('endobj', at);
    return src.slice(at + `${n} 0 obj`.length, end);
  };
  for (const n of offsets.keys()) body(n);
  const trailer = src.slice(xrefAt + head[0].length + count * 20);
  const size = /\/Size (\d+)/.exec(trailer);
  if (Number(size?.[1]) !== count) throw new Error('trailer /Size differs from the xref');
  const ref = (s: string, key: string): number => {
    const m = new RegExp(`/${key} (\\d+) 0 R`).exec(s);
    if (!m) throw new Error(`no /${key} reference`);
    return Number(m[1]);
  };
  const catalog = body(ref(trailer, 'Root'));
  if (!catalog.includes('/Type /Catalog')) throw new Error('the root is not a catalog');
  const tree = body(ref(catalog, 'Pages'));
  const kids = [.../\/Kids \[([^\]]*)\]/.exec(tree)![1].matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
  if (Number(/\/Count (\d+)/.exec(tree)?.[1]) !== kids.length) throw new Error('page /Count differs from /Kids');
  const pages = kids.map((k) => {
    const page = body(k);
    if (!page.includes('/Type /Page')) throw new Error(`object ${k} is not a page`);
    return textOf(streamOf(body(ref(page, 'Contents'))));
  });
  return { pages, text: pages.map((p) => p.join('\n')).join('\n'), objectCount: count - 1 };
}

function streamOf(obj: string): string {
  const length = Number(/\/Length (\d+)/.exec(obj)?.[1]);
  const start = obj.indexOf('stream\n') + 'stream\n'.length;
  const raw = Buffer.from(obj.slice(start, start + length), 'latin1');
  if (!obj.slice(start + length).trimStart().startsWith('endstream')) throw new Error('stream /Length is wrong');
  return (obj.includes('/FlateDecode') ? inflateSync(raw) : raw).toString('latin1');
}

function textOf(content: string): string[] {
  return [...content.matchAll(/<([0-9A-Fa-f\s]*)>\s*Tj/g)].map((m) => {
    const bytes = Buffer.from(m[1].replace(/\s+/g, ''), 'hex');
    return bytes.swap16().toString('utf16le');
  });
}
