/**
 * Checks made on an uploaded file before any row is read, so a malformed file is refused with a
 * clear message and nothing written: format from the bytes (not the name), text encoding, and the
 * zip structure of an XLSX (zip bombs).
 */
import { Transform, TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import * as yauzl from 'yauzl';

export type FileFormat = 'csv' | 'xlsx';

export class MalformedFileError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Decides the format from the first bytes. */
export function sniffFormat(head: Buffer): FileFormat {
  if (head.length === 0) throw new MalformedFileError('EMPTY_FILE', '文件为空');
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  if (head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    throw new MalformedFileError('LEGACY_XLS', '不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV');
  }
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') throw new MalformedFileError('NOT_A_SPREADSHEET', '文件是 PDF，不是表格：请上传 CSV 或 XLSX');
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (utf16) throw new MalformedFileError('UNSUPPORTED_ENCODING', '不支持 UTF-16 编码：请另存为 UTF-8 或 GB18030 编码的 CSV');
  if (head.subarray(0, 8192).includes(0)) throw new MalformedFileError('NOT_A_SPREADSHEET', '文件不是 CSV 或 XLSX 表格');
  return 'csv';
}

/**
 * Watches the bytes of a CSV as they stream by and tells, at the end, whether they are all valid
 * UTF-8 (with or without BOM) or else valid GB18030. Decoding is strict: no replacement characters.
 */
export class EncodingProbe {
  private utf8: TextDecoder | null = new TextDecoder('utf-8', { fatal: true });
  private gb: TextDecoder | null = new TextDecoder('gb18030', { fatal: true });
  private first = true;
  bom = false;

  push(chunk: Buffer): void {
    if (this.first) {
      this.first = false;
      this.bom = chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
      if (this.bom) this.gb = null;
    }
    this.utf8 = tryDecode(this.utf8, chunk);
    // Once UTF-8 fails we still need GB18030; while UTF-8 holds, GB18030 is only a fallback.
    this.gb = tryDecode(this.gb, chunk);
  }

  /** 'utf-8', 'gb18030', or a MalformedFileError. */
  finish(): 'utf-8' | 'gb18030' {
    this.utf8 = tryFlush(this.utf8);
    this.gb = tryFlush(this.gb);
    if (this.utf8) return 'utf-8';
    if (this.gb) return 'gb18030';
    throw new MalformedFileError('UNSUPPORTED_ENCODING', '无法识别文件编码：请使用 UTF-8（可带 BOM）或 GB18030（GBK）编码的 CSV');
  }
}

function tryDecode(decoder: TextDecoder | null, chunk: Buffer): TextDecoder | null {
  if (!decoder) return null;
  try {
    decoder.decode(chunk, { stream: true });
    return decoder;
  } catch {
    return null;
  }
}

function tryFlush(decoder: TextDecoder | null): TextDecoder | null {
  if (!decoder) return null;
  try {
    decoder.decode();
    return decoder;
  } catch {
    return null;
  }
}

/** Fails a stream that grows past `limit` bytes (decompression or upload). */
export class ByteLimit extends Transform {
  private seen = 0;
  constructor(
    private readonly limit: number,
    private readonly error: () => Error,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) cb(this.error());
    else cb(null, chunk);
  }
}

export interface ZipLimits {
  maxEntries: number;
  maxTotalUncompressed: number;
  /** Uncompressed/compressed ratio above which an entry is treated as a bomb. */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 10_000, maxTotalUncompressed: 1024 ** 3, maxRatio: 200 };

/**
 * Reads the XLSX zip's central directory and inflates every entry, counting bytes: yauzl checks
 * the real sizes against the declared ones, and we check totals and ratios before exceljs sees it.
 */
export async function inspectXlsx(path: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, z) => (err ? reject(notXlsx()) : resolve(z!))),
  );
  let entries = 0;
  let total = 0;
  let sawWorkbook = false;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', () => reject(notXlsx()));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        entries += 1;
        total += entry.uncompressedSize;
        if (entry.fileName === 'xl/workbook.xml') sawWorkbook = true;
        const ratio = entry.compressedSize > 0 ? entry.uncompressedSize / entry.compressedSize : 0;
        if (entries > limits.maxEntries || total > limits.maxTotalUncompressed || (entry.uncompressedSize > 1024 ** 2 && ratio > limits.maxRatio)) {
          reject(new MalformedFileError('ZIP_BOMB', '文件解压后过大或压缩比异常，已拒绝处理'));
          return;
        }
        if (/\/$/.test(entry.fileName)) {
          zip.readEntry();
          return;
        }
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(notXlsx());
          stream.on('error', () => reject(new MalformedFileError('ZIP_BOMB', '文件内容与其声明的大小不符，已拒绝处理')));
          stream.on('end', () => zip.readEntry());
          stream.resume();
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  if (!sawWorkbook) throw notXlsx();
}

function notXlsx(): MalformedFileError {
  return new MalformedFileError('NOT_A_SPREADSHEET', '文件不是有效的 XLSX 表格');
}
