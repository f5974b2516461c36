import { deflateSync } from 'node:zlib';

/**
 * A minimal PDF 1.7 writer for the printable documents the server renders (the 现场检查笔录): text
 * lines, lines and filled rectangles on A4 pages. Chinese needs no embedded font: the text uses the
 * standard's predefined CJK font STSong-Light with the CMap UniGB-UTF16-H (strings are UTF-16BE),
 * which every conforming reader supplies or substitutes (ADR 0019). Pure: content in, bytes out.
 */

export const A4 = { width: 595.28, height: 841.89 };

/** Width of a string in em at our font: Latin glyphs of Adobe-GB1 are half-width, the rest full-width. */
export function textWidthEm(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! < 0x7f ? 0.5 : 1;
  return w;
}

/** A string as the hex of its UTF-16BE code units (the CMap UniGB-UTF16-H reads these). */
export function utf16Hex(text: string): string {
  const le = Buffer.from(text, 'utf16le');
  return le.swap16().toString('hex').toUpperCase();
}

const num = (n: number) => (Math.round(n * 100) / 100).toString();

export class PdfDocument {
  private readonly pages: string[][] = [];

  constructor(readonly title: string) {}

  get pageCount(): number {
    return this.pages.length;
  }

  addPage(): number {
    this.pages.push([]);
    return this.pages.length - 1;
  }

  /** One line of text, its baseline at (x, y) from the bottom-left; `bold` by fill-and-stroke. */
  text(page: number, x: number, y: number, size: number, text: string, bold = false): void {
    if (!text) return;
    const mode = bold ? `2 Tr ${num(size / 40)} w ` : '';
    this.pages[page].push(`BT /F1 ${num(size)} Tf ${mode}${num(x)} ${num(y)} Td <${utf16Hex(text)}> Tj ET`);
  }

  line(page: number, x1: number, y1: number, x2: number, y2: number, width = 0.6): void {
    this.pages[page].push(`${num(width)} w ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S`);
  }

  rect(page: number, x: number, y: number, w: number, h: number, fill: boolean): void {
    this.pages[page].push(`${num(x)} ${num(y)} ${num(w)} ${num(h)} re ${fill ? 'f' : 'S'}`);
  }

  /** Raw operators for a batch of filled rectangles (a QR code has hundreds). */
  fillRects(page: number, rects: [number, number, number, number][]): void {
    if (rects.length) this.pages[page].push(`${rects.map(([x, y, w, h]) => `${num(x)} ${num(y)} ${num(w)} ${num(h)} re`).join('\n')}\nf`);
  }

  toBuffer(): Buffer {
    const objects: Buffer[] = [];
    const add = (body: string | Buffer): number => {
      objects.push(typeof body === 'string' ? Buffer.from(body, 'latin1') : body);
      return objects.length;
    };
    const stream = (dict: string, data: Buffer) =>
      Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);
    const catalog = add('<< /Type /Catalog /Pages 2 0 R >>');
    add(''); // the page tree, filled in once the pages are numbered
    const descriptor = add('<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>');
    const cid = add(
      `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor ${descriptor} 0 R /DW 1000 /W [1 95 500 814 939 500] >>`,
    );
    const font = add(`<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UTF16-H /Encoding /UniGB-UTF16-H /DescendantFonts [${cid} 0 R] >>`);
    const kids = this.pages.map((ops) => {
      const content = add(stream('/Filter /FlateDecode', deflateSync(Buffer.from(ops.join('\n'), 'latin1'))));
      return add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${A4.width} ${A4.height}] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`);
    });
    objects[1] = Buffer.from(`<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`, 'latin1');
    const info = add(`<< /Title <FEFF${utf16Hex(this.title)}> /Producer (ssgk) >>`);

    const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
    let offset = chunks[0].length;
    const offsets: number[] = [];
    objects.forEach((body, i) => {
      offsets.push(offset);
      const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
      chunks.push(chunk);
      offset += chunk.length;
    });
    const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
    chunks.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
    return Buffer.concat(chunks);
  }
}

/**
 * Lays text out top to bottom with wrapping and page breaks (A4, fixed margins). Each wrapped line is
 * one text operation, so a text extractor reads the document back in reading order.
 */
export class PdfFlow {
  readonly margin = 56;
  page: number;
  y: number;

  constructor(readonly doc: PdfDocument) {
    this.page = doc.addPage();
    this.y = A4.height - this.margin;
  }

  get width(): number {
    return A4.width - 2 * this.margin;
  }

  /** Room for `h` points on this page, else a new page. */
  ensure(h: number): void {
    if (this.y - h < this.margin + 20) {
      this.page = this.doc.addPage();
      this.y = A4.height - this.margin;
    }
  }

  gap(h: number): void {
    this.y -= h;
  }

  /** A paragraph wrapped to the width (less `indent`, and less `right` reserved on the right). */
  para(text: string, opts: { size?: number; indent?: number; bold?: boolean; lead?: number; right?: number; center?: boolean } = {}): void {
    const size = opts.size ?? 10.5;
    const lead = opts.lead ?? size * 1.6;
    const indent = opts.indent ?? 0;
    const maxEm = (this.width - indent - (opts.right ?? 0)) / size;
    for (const line of wrap(text, maxEm)) {
      this.ensure(lead);
      this.y -= lead;
      const x = opts.center ? (A4.width - textWidthEm(line) * size) / 2 : this.margin + indent;
      this.doc.text(this.page, x, this.y + (lead - size) / 2, size, line, opts.bold);
    }
  }

  rule(): void {
    this.ensure(8);
    this.y -= 4;
    this.doc.line(this.page, this.margin, this.y, A4.width - this.margin, this.y, 0.5);
    this.y -= 4;
  }
}

/** Breaks text into lines of at most `maxEm` em, at newlines and, for Latin words, at spaces where it can. */
export function wrap(text: string, maxEm: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    let w = 0;
    for (const ch of para) {
      const cw = textWidthEm(ch);
      if (w + cw > maxEm && line) {
        const space = line.lastIndexOf(' ');
        // Keep a Latin word (a URL, a certificate number) whole when the line has an earlier space.
        if (ch.codePointAt(0)! < 0x7f && ch !== ' ' && space > 0 && /^[\x21-\x7e]*$/.test(line.slice(space + 1))) {
          out.push(line.slice(0, space));
          line = line.slice(space + 1);
        } else {
          out.push(line);
          line = '';
        }
        w = textWidthEm(line);
      }
      line += ch;
      w += cw;
    }
    out.push(line);
  }
  return out.map((l) => l.trimEnd());
}
