import { isAscii, type Buffer } from 'node:buffer';
/**
 * Streaming record readers for registers: text goes in chunk by chunk, whole
 * records come out with the line they start on. Memory is bounded by the
 * longest record allowed, never by the file.
 *
 * CSV follows RFC 4180: `,` between fields, records end at LF or CRLF, a
 * field that starts with `"` is quoted and may hold commas, line breaks and
 * doubled quotes (`""`). Empty lines are skipped (csv-parse's
 * `skip_empty_lines`). The field values are those csv-parse gives for the
 * same text (test/batch/csv.test.ts holds the two together). Unlike
 * csv-parse, a malformed record is reported on its own — a quote inside an
 * unquoted field, text after a closing quote, a quote never closed, a record
 * longer than the limit — and reading goes on with the next line, so no
 * following record is swallowed or silently dropped.
 */

export interface RecordErrorSink {
  /** A record that cannot be read: the line it starts on and why. */
  error(line: number, message: string): void;
}

export interface CsvSink extends RecordErrorSink {
  record(fields: string[], line: number): void;
  /**
   * A record of ASCII bytes without quotes ({@link CsvRecordReader.pushAscii}):
   * bytes[start, end), its fields separated by commas, without its line
   * break; `text` is the same bytes as a string (a position is the same in
   * both). Its `fields` are `text.slice(start, end).split(',')`; the sink
   * finds the commas itself, as it reads the fields.
   */
  ascii?(bytes: Uint8Array, text: string, start: number, end: number, line: number): void;
}

export interface LineSink extends RecordErrorSink {
  line(text: string, line: number): void;
}

/** The longest record (or NDJSON line) read, in characters; a longer one is an error, not a memory spike. */
export const DEFAULT_MAX_RECORD_LENGTH = 1 << 20;

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const BOM = '\uFEFF';

type Parsed = { fields: string[]; next: number; lines: number; error?: string; unterminated?: boolean } | { unclosed: true } | null;

/**
 * The last record of a file that ends inside an unquoted last field, with no
 * line break: a file cut off while it was being written looks exactly like
 * this (an amount 1000000 cut to 10), so it is a bad record, never data.
 */
export const UNTERMINATED_LAST_RECORD =
  'the last record has no line break after its last field: the file may be cut off (still being written?); end the file with a line break';

/** A record that ends at the end of the text, in an unquoted field, without a line break (a CR counts as one). */
function endsUnterminated(text: string, from: number, stop: number): boolean {
  return stop > from && text.charCodeAt(stop - 1) !== CR;
}

function countLines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * Parse one record that contains a quote, from `pos`. `null`: the record is
 * not complete in `text` yet; `{ unclosed }`: a quoted field runs to the end
 * of the text (only when `final`).
 */
function parseQuotedRecord(text: string, pos: number, final: boolean): Parsed {
  const fields: string[] = [];
  const n = text.length;
  let i = pos;
  let lines = 0;
  let error: string | undefined;
  for (;;) {
    if (i < n && text.charCodeAt(i) === QUOTE) {
      const opened = i;
      let value = '';
      let start = i + 1;
      let j = start;
      for (;;) {
        const quote = text.indexOf('"', j);
        if (quote === -1) return final ? { unclosed: true } : null;
        if (quote + 1 >= n && !final) return null; // a doubled quote may follow in the next chunk
        if (text.charCodeAt(quote + 1) === QUOTE) {
          value += text.slice(start, quote + 1);
          j = quote + 2;
          start = j;
          continue;
        }
        value += text.slice(start, quote);
        i = quote + 1;
        break;
      }
      lines += countLines(text, opened, i);
      fields.push(value);
      if (i >= n) return { fields, next: n, lines, ...(error ? { error } : {}) };
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      if (c === LF) return { fields, next: i + 1, lines: lines + 1, ...(error ? { error } : {}) };
      if (c === CR) {
        if (i + 1 >= n && !final) return null;
        if (i + 1 >= n) return { fields, next: n, lines, ...(error ? { error } : {}) };
        if (text.charCodeAt(i + 1) === LF) return { fields, next: i + 2, lines: lines + 1, ...(error ? { error } : {}) };
      }
      // Text after a closing quote: the record is malformed; it ends at the end of this line.
      error ??= `field ${fields.length}: ${JSON.stringify(text[i])} after the closing quote (a quoted field ends with " followed by a comma or the end of the line; write a quote inside it as "")`;
      const end = text.indexOf('\n', i);
      if (end === -1) return final ? { fields, next: n, lines, error } : null;
      return { fields, next: end + 1, lines: lines + 1, error };
    }
    const lineEnd = text.indexOf('\n', i);
    if (lineEnd === -1 && !final) return null;
    const stop = lineEnd === -1 ? n : lineEnd;
    const comma = text.indexOf(',', i);
    if (comma !== -1 && comma < stop) {
      const field = text.slice(i, comma);
      if (!error && field.includes('"')) error = quoteInUnquoted(fields.length + 1);
      fields.push(field);
      i = comma + 1;
      continue;
    }
    let end = stop;
    if (end > i && text.charCodeAt(end - 1) === CR) end--;
    const field = text.slice(i, end);
    if (!error && field.includes('"')) error = quoteInUnquoted(fields.length + 1);
    fields.push(field);
    const unterminated = lineEnd === -1 && endsUnterminated(text, i, stop);
    return { fields, next: lineEnd === -1 ? n : lineEnd + 1, lines: lineEnd === -1 ? lines : lines + 1, ...(error ? { error } : {}), ...(unterminated ? { unterminated } : {}) };
  }
}

function quoteInUnquoted(field: number): string {
  return `field ${field}: a quote inside an unquoted field (quote the whole field and write the quote as "")`;
}

/** A streaming CSV reader: `push` chunks of text, then `end`. */
export class CsvRecordReader {
  private buffer = '';
  private lineNumber = 1;
  private started = false;
  /** Discarding the rest of an over-long line. */
  private skipping = false;

  constructor(
    private readonly sink: CsvSink,
    private readonly maxRecordLength = DEFAULT_MAX_RECORD_LENGTH,
    /** `accept` reads a last record cut inside an unquoted field as data (csv-parse's behaviour); the default reports it ({@link UNTERMINATED_LAST_RECORD}). */
    private readonly unterminatedLastRecord: 'error' | 'accept' = 'error',
  ) {}

  push(chunk: string): void {
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.startsWith(BOM)) text = text.slice(1);
    }
    if (this.skipping) {
      const nl = text.indexOf('\n');
      if (nl === -1) return;
      this.skipping = false;
      this.lineNumber++;
      text = text.slice(nl + 1);
    }
    this.parse(this.buffer.length === 0 ? text : this.buffer + text, false);
  }

  end(): void {
    if (this.skipping) {
      this.skipping = false;
      this.buffer = '';
      return;
    }
    this.parse(this.buffer, true);
  }

  /**
   * Read bytes that end with a line break without decoding them record by
   * record, when they can be: ASCII, no quote, no record pending from the
   * text pushed before, past the start (a byte-order mark). Each non-empty
   * line is then a record of the sink's `ascii`, exactly as `push` would
   * read it, and true is returned. Otherwise nothing is read and false is
   * returned: push the bytes' text instead.
   */
  pushAscii(bytes: Buffer): boolean {
    const sink = this.sink;
    const n = bytes.length;
    if (!sink.ascii || !this.started || this.skipping || this.buffer.length > 0 || n === 0 || bytes[n - 1] !== LF) return false;
    if (bytes.indexOf(QUOTE) !== -1 || !isAscii(bytes)) return false;
    // One string for the whole chunk (ASCII: Latin-1 reads it the same); records slice what they keep from it.
    const text = bytes.toString('latin1');
    let line = this.lineNumber;
    // Each line break is found natively (the bytes end with one, so there always is a next one).
    for (let start = 0; start < n; ) {
      const lf = text.indexOf('\n', start);
      let end = lf;
      if (end > start && bytes[end - 1] === CR) end--;
      if (end > start) sink.ascii(bytes, text, start, end, line);
      line++;
      start = lf + 1;
    }
    this.lineNumber = line;
    return true;
  }

  private parse(text: string, final: boolean): void {
    const sink = this.sink;
    let pos = 0;
    let line = this.lineNumber;
    let quote = text.indexOf('"');
    const n = text.length;
    while (pos < n) {
      if (quote !== -1 && quote < pos) quote = text.indexOf('"', pos);
      const nl = text.indexOf('\n', pos);
      if (quote === -1 || (nl !== -1 && quote > nl)) {
        // No quote in this record: split on commas.
        if (nl === -1 && !final) break;
        const stop = nl === -1 ? n : nl;
        let end = stop;
        if (end > pos && text.charCodeAt(end - 1) === CR) end--;
        if (end > pos) {
          if (nl === -1 && this.unterminatedLastRecord === 'error' && endsUnterminated(text, pos, stop)) sink.error(line, UNTERMINATED_LAST_RECORD);
          else sink.record(text.slice(pos, end).split(','), line);
        }
        if (nl === -1) {
          pos = n;
          break;
        }
        line++;
        pos = nl + 1;
        continue;
      }
      const parsed = parseQuotedRecord(text, pos, final);
      if (parsed === null) break;
      if ('unclosed' in parsed) {
        sink.error(line, 'a quoted field is not closed before the end of the file (a missing ")');
        // Read on from the next line, so the records after it are not lost.
        const resume = text.indexOf('\n', pos);
        if (resume === -1) {
          pos = n;
          break;
        }
        line++;
        pos = resume + 1;
        continue;
      }
      if (parsed.error) sink.error(line, parsed.error);
      else if (parsed.unterminated && this.unterminatedLastRecord === 'error') sink.error(line, UNTERMINATED_LAST_RECORD);
      else sink.record(parsed.fields, line);
      line += parsed.lines;
      pos = parsed.next;
    }
    let rest = text.slice(pos);
    if (!final && rest.length > this.maxRecordLength) {
      sink.error(line, `a record longer than ${this.maxRecordLength} characters (is a quote not closed?)`);
      const nl = rest.indexOf('\n');
      if (nl === -1) {
        this.skipping = true;
        rest = '';
      } else {
        this.lineNumber = line + 1;
        this.buffer = '';
        this.parse(rest.slice(nl + 1), false);
        return;
      }
    }
    this.buffer = rest;
    this.lineNumber = line;
  }
}

/**
 * A streaming line reader for NDJSON: every non-blank line, with its number.
 * A line longer than the limit is reported and skipped without being held.
 */
export class LineReader {
  private buffer = '';
  private lineNumber = 1;
  private started = false;
  private skipping = false;

  constructor(
    private readonly sink: LineSink,
    private readonly maxLineLength = DEFAULT_MAX_RECORD_LENGTH,
  ) {}

  push(chunk: string): void {
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.startsWith(BOM)) text = text.slice(1);
    }
    if (this.skipping) {
      const nl = text.indexOf('\n');
      if (nl === -1) return;
      this.skipping = false;
      this.lineNumber++;
      text = text.slice(nl + 1);
    }
    const all = this.buffer.length === 0 ? text : this.buffer + text;
    let pos = 0;
    let line = this.lineNumber;
    for (let nl = all.indexOf('\n'); nl !== -1; nl = all.indexOf('\n', pos)) {
      this.emit(all, pos, nl, line);
      line++;
      pos = nl + 1;
    }
    this.lineNumber = line;
    if (all.length - pos > this.maxLineLength) {
      this.sink.error(line, `a line longer than ${this.maxLineLength} characters`);
      this.skipping = true;
      this.buffer = '';
    } else this.buffer = all.slice(pos);
  }

  end(): void {
    if (!this.skipping && this.buffer.length > 0) this.emit(this.buffer, 0, this.buffer.length, this.lineNumber);
    this.buffer = '';
    this.skipping = false;
  }

  private emit(text: string, from: number, to: number, line: number): void {
    let end = to;
    if (end > from && text.charCodeAt(end - 1) === CR) end--;
    const value = text.slice(from, end);
    if (value.trim().length > 0) this.sink.line(value, line);
  }
}
