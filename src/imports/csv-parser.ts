/**
 * An incremental RFC 4180 CSV parser over decoded text chunks. Pure. Written for throughput
 * (the import benchmark): chunks without quotes take a split-based fast path; quoted fields
 * (commas, quotes and newlines inside) take a character scan. Records end at LF or CRLF; a lone
 * CR is data. Empty lines are skipped.
 */
export class CsvChunkParser {
  private pending = '';

  /** Complete records in `chunk` (plus what was pending); a trailing partial record is kept. */
  push(chunk: string): string[][] {
    const text = this.pending + chunk;
    const lastNewline = text.lastIndexOf('\n');
    if (lastNewline === -1) {
      this.pending = text;
      return [];
    }
    if (text.indexOf('"') === -1) {
      this.pending = text.slice(lastNewline + 1);
      return splitPlain(text, lastNewline);
    }
    const { records, consumed } = scanQuoted(text, false);
    this.pending = text.slice(consumed);
    return records;
  }

  /** The last record, if the input did not end with a newline. Throws on an unclosed quote. */
  end(): string[][] {
    const text = this.pending;
    this.pending = '';
    if (text.trim() === '') return [];
    const { records, consumed } = scanQuoted(text, true);
    if (consumed < text.length) throw new Error('引号未闭合');
    return records;
  }
}

function splitPlain(text: string, lastNewline: number): string[][] {
  const records: string[][] = [];
  let start = 0;
  while (start <= lastNewline) {
    let end = text.indexOf('\n', start);
    const next = end + 1;
    if (end > start && text.charCodeAt(end - 1) === 13) end -= 1; // CRLF
    if (end > start) records.push(text.slice(start, end).split(','));
    start = next;
  }
  return records;
}

/**
 * Scans records from `text`. Stops before an incomplete trailing record unless `final`.
 * Returns how many characters were consumed.
 */
function scanQuoted(text: string, final: boolean): { records: string[][]; consumed: number } {
  const records: string[][] = [];
  const n = text.length;
  let i = 0;
  let recordStart = 0;
  let fields: string[] = [];
  let field = '';
  let fieldStart = 0;
  let quoted = false;
  let consumed = 0;
  const endRecord = () => {
    if (!(fields.length === 0 && field === '')) {
      fields.push(field);
      records.push(fields);
    }
    fields = [];
    field = '';
  };
  while (i < n) {
    if (quoted) {
      const q = text.indexOf('"', i);
      if (q === -1) {
        // Unclosed quote: wait for more input (or report at the very end).
        return { records, consumed: final ? consumed : recordStart };
      }
      field += text.slice(i, q);
      if (q + 1 < n && text.charCodeAt(q + 1) === 34) {
        field += '"';
        i = q + 2;
      } else if (q + 1 >= n && !final) {
        return { records, consumed: recordStart }; // is it "" or the end of the field? need more input
      } else {
        quoted = false;
        i = q + 1;
        fieldStart = i;
      }
      continue;
    }
    const c = text.charCodeAt(i);
    if (c === 34 && i === fieldStart && field === '') {
      quoted = true;
      i += 1;
    } else if (c === 44) {
      fields.push(field + text.slice(fieldStart, i));
      field = '';
      i += 1;
      fieldStart = i;
    } else if (c === 10 || (c === 13 && i + 1 < n && text.charCodeAt(i + 1) === 10)) {
      field += text.slice(fieldStart, i);
      endRecord();
      i += c === 13 ? 2 : 1;
      fieldStart = i;
      recordStart = i;
      consumed = i;
    } else if (c === 13 && i + 1 >= n && !final) {
      return { records, consumed: recordStart }; // CR at the end of a chunk: is an LF next?
    } else {
      // Plain characters up to the next delimiter; a stray quote inside a field is kept as is.
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 44 || d === 10 || d === 13) break;
        j += 1;
      }
      i = j;
    }
  }
  if (quoted) return { records, consumed: recordStart }; // input ended inside a quoted field
  if (final) {
    field += text.slice(fieldStart, n);
    endRecord();
    return { records, consumed: n };
  }
  return { records, consumed: recordStart };
}
