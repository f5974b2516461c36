import { readPdf } from './pdf-read';
import { PdfDocument, PdfFlow, textWidthEm, utf16Hex, wrap } from './pdf-writer';

describe('PDF writer', () => {
  it('writes a valid file whose Chinese text reads back page by page', () => {
    const doc = new PdfDocument('现场检查笔录');
    const flow = new PdfFlow(doc);
    flow.para('现场检查笔录', { size: 18, bold: true, center: true });
    for (let i = 0; i < 80; i++) flow.para(`第${i}行：被检查单位 天津某某公司（USCC 91120000MA05ABCD1X）`);
    doc.fillRects(0, [[10, 10, 2, 2]]);
    const pdf = doc.toBuffer();
    const back = readPdf(pdf);
    expect(back.pages.length).toBeGreaterThan(1);
    expect(back.pages[0][0]).toBe('现场检查笔录');
    expect(back.text).toContain('第79行：被检查单位 天津某某公司（USCC 91120000MA05ABCD1X）');
    expect(pdf.toString('latin1')).toContain('/BaseFont /STSong-Light');
    expect(pdf.toString('latin1')).toContain('/Encoding /UniGB-UTF16-H');
  });

  it('is refused by the reader when an xref offset is off', () => {
    const doc = new PdfDocument('x');
    new PdfFlow(doc).para('一');
    const pdf = doc.toBuffer().toString('latin1');
    const broken = pdf.replace(/(xref\n0 \d+\n0000000000 65535 f \n)(\d{10})/, (_, h: string, o: string) => h + String(Number(o) + 1).padStart(10, '0'));
    expect(() => readPdf(Buffer.from(broken, 'latin1'))).toThrow(/does not point at it/);
  });

  it.each([
    ['A', '0041'],
    ['检', '68C0'],
    ['𠀀', 'D840DC00'],
  ])('encodes %s as UTF-16BE hex', (text, hex) => {
    expect(utf16Hex(text)).toBe(hex);
  });

  it('wraps at the width, Latin half-width, keeping a Latin word whole after a space', () => {
    expect(textWidthEm('ab检')).toBe(2);
    expect(wrap('一二三四五六', 4)).toEqual(['一二三四', '五六']);
    expect(wrap('网址 https://x.example/abc', 12)).toEqual(['网址', 'https://x.example/abc']);
    expect(wrap('甲\n乙', 10)).toEqual(['甲', '乙']);
  });
});
