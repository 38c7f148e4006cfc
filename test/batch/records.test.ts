/**
 * The register's record readers: CSV fields are exactly what csv-parse gives
 * for the same text, however the text is cut into chunks; line numbers are
 * those of the record's first line; malformed records are reported on their
 * own and reading goes on.
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRecordReader, LineReader, UNTERMINATED_LAST_RECORD } from '../../src/batch/records.js';

interface Read {
  records: { fields: string[]; line: number }[];
  errors: { line: number; message: string }[];
}

function readCsv(chunks: readonly string[], maxRecordLength?: number, unterminatedLastRecord: 'error' | 'accept' = 'error'): Read {
  const read: Read = { records: [], errors: [] };
  const reader = new CsvRecordReader(
    { record: (fields, line) => read.records.push({ fields, line }), error: (line, message) => read.errors.push({ line, message }) },
    maxRecordLength,
    unterminatedLastRecord,
  );
  for (const chunk of chunks) reader.push(chunk);
  reader.end();
  return read;
}

function readLines(chunks: readonly string[], maxLineLength?: number) {
  const read: { lines: { text: string; line: number }[]; errors: { line: number; message: string }[] } = { lines: [], errors: [] };
  const reader = new LineReader({ line: (text, line) => read.lines.push({ text, line }), error: (line, message) => read.errors.push({ line, message }) }, maxLineLength);
  for (const chunk of chunks) reader.push(chunk);
  reader.end();
  return read;
}

/** Cut a text at the given fractions of its length. */
function cut(text: string, at: readonly number[]): string[] {
  const points = [...new Set(at.map((f) => Math.floor(f * text.length)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(text.slice(start, point));
    start = point;
  }
  chunks.push(text.slice(start));
  return chunks;
}

const fieldArb = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z0-9 .\-_]{0,8}$/) },
  { weight: 1, arbitrary: fc.constantFrom('กองทุน', '500000.00', 'BE 2559-01-16', '', ' ') },
  { weight: 2, arbitrary: fc.array(fc.constantFrom('a', ',', '"', '\n', '\r\n', '\r', ' ', 'ก'), { maxLength: 6 }).map((parts) => parts.join('')) },
);

/** A CSV text and the records it holds, with the line each starts on. */
const csvArb = fc
  .record({
    records: fc.array(fc.array(fieldArb, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 }),
    quoteAll: fc.boolean(),
    crlf: fc.boolean(),
    trailingNewline: fc.boolean(),
    blankLines: fc.array(fc.nat(12), { maxLength: 3 }),
  })
  .map(({ records, quoteAll, crlf, trailingNewline, blankLines }) => {
    const newline = crlf ? '\r\n' : '\n';
    const needsQuotes = (f: string) => quoteAll || /[",\r\n]/.test(f) || f === '';
    const lines: string[] = [];
    const expected: { fields: string[]; line: number }[] = [];
    let line = 1;
    records.forEach((fields, index) => {
      if (blankLines.includes(index)) {
        lines.push('');
        line++;
      }
      // A record of one empty field would be an empty line: give it quotes.
      const text = fields.map((f) => (needsQuotes(f) || fields.length === 1 ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
      expected.push({ fields, line });
      lines.push(text);
      line += 1 + (text.match(/\n/g)?.length ?? 0);
    });
    return { text: lines.join(newline) + (trailingNewline ? newline : ''), expected };
  });

describe('the CSV record reader', () => {
  it('reads what csv-parse reads, with each record\'s first line, however the text is cut', () => {
    fc.assert(
      fc.property(csvArb, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }), ({ text, expected }, at) => {
        const reference = parse(text, { relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
        // csv-parse reads a last record without a line break; the register reader reports it (tested below).
        const read = readCsv(cut(text, at), undefined, 'accept');
        expect(read.errors).toEqual([]);
        expect(read.records.map((r) => r.fields)).toEqual(reference);
        expect(read.records).toEqual(expected);
      }),
      { numRuns: 2_000 },
    );
  });

  it('reads the same records from bytes cut after line breaks (pushAscii) as from their text, and leaves what it cannot read to push', () => {
    fc.assert(
      fc.property(csvArb, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }), ({ text }, at) => {
        const whole = readCsv([text], undefined, 'accept');
        const read: Read = { records: [], errors: [] };
        const reader = new CsvRecordReader(
          {
            record: (fields, line) => read.records.push({ fields, line }),
            ascii: (bytes, chunk, start, end, line) => {
              const record = chunk.slice(start, end);
              expect(Buffer.from(bytes.subarray(start, end)).toString('latin1')).toBe(record);
              read.records.push({ fields: record.split(','), line });
            },
            error: (line, message) => read.errors.push({ line, message }),
          },
          undefined,
          'accept',
        );
        // Chunks end after a line break, as the register cuts them; the first one starts the reader as text.
        const bytes = Buffer.from(text, 'utf8');
        let start = 0;
        for (const point of [...new Set(at.map((f) => Math.floor(f * bytes.length)))].sort((a, b) => a - b)) {
          const nl = bytes.lastIndexOf(10, point - 1);
          if (nl < start) continue;
          const chunk = bytes.subarray(start, nl + 1);
          if (!reader.pushAscii(chunk)) reader.push(chunk.toString('utf8'));
          start = nl + 1;
        }
        reader.push(bytes.subarray(start).toString('utf8'));
        reader.end();
        expect(read).toEqual(whole);
      }),
      { numRuns: 2_000 },
    );
    const read: Read = { records: [], errors: [] };
    const reader = new CsvRecordReader({ record: () => {}, ascii: (_b, chunk, start, end, line) => read.records.push({ fields: chunk.slice(start, end).split(','), line }), error: () => {} });
    expect(reader.pushAscii(Buffer.from('a,b\n'))).toBe(false); // not started: a byte-order mark may come first
    reader.push('h1,h2\n');
    expect(reader.pushAscii(Buffer.from('1,"2"\n'))).toBe(false); // a quote
    expect(reader.pushAscii(Buffer.from('ก,2\n'))).toBe(false); // not ASCII
    expect(reader.pushAscii(Buffer.from('1,2'))).toBe(false); // no line break at the end
    expect(reader.pushAscii(Buffer.from('1,2\r\n\r\n3,4\n'))).toBe(true);
    expect(read.records).toEqual([
      { fields: ['1', '2'], line: 2 },
      { fields: ['3', '4'], line: 4 },
    ]);
  });

  it('strips a byte-order mark, skips empty lines and counts them', () => {
    const read = readCsv(['\uFEFFa,b\r\n\r\n', '1,2\r\n', '\n3,"x\r\ny"\n']);
    expect(read.records).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['1', '2'], line: 3 },
      { fields: ['3', 'x\r\ny'], line: 5 },
    ]);
  });

  it('reports text after a closing quote with its line, and reads on', () => {
    const read = readCsv(['a,b,c\n1,"2"x,3\n4,5,6\n']);
    expect(read.errors).toEqual([{ line: 2, message: expect.stringMatching(/^field 2: "x" after the closing quote/) }]);
    expect(read.records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['a', 'b', 'c']],
      [3, ['4', '5', '6']],
    ]);
  });

  it('reports a quote inside an unquoted field', () => {
    const read = readCsv(['a,b"c,d\n1,2,3\n']);
    expect(read.errors).toEqual([{ line: 1, message: 'field 2: a quote inside an unquoted field (quote the whole field and write the quote as "")' }]);
    expect(read.records).toEqual([{ fields: ['1', '2', '3'], line: 2 }]);
  });

  it('reports a quote never closed, and still reads the lines after it', () => {
    const read = readCsv(['h1,h2\n"unclosed,1\n', '2,3\n4,5\n']);
    expect(read.errors).toEqual([{ line: 2, message: 'a quoted field is not closed before the end of the file (a missing ")' }]);
    expect(read.records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['h1', 'h2']],
      [3, ['2', '3']],
      [4, ['4', '5']],
    ]);
  });

  it('refuses a record longer than the limit without holding it, and reads on', () => {
    const long = 'x'.repeat(500);
    const chunks = cut(`a,b\n${long},${long}\n1,2\n"${long}\n${long}",9\n3,4\n`, [0.1, 0.2, 0.3, 0.5, 0.7, 0.9]);
    const read = readCsv(chunks, 200);
    // Line 5 is the rest of the over-long quoted record of line 4: malformed in its own right.
    expect(read.errors.map((e) => e.line)).toEqual([2, 4, 5]);
    expect(read.errors[0]!.message).toBe('a record longer than 200 characters (is a quote not closed?)');
    expect(read.records.map((r) => [r.line, r.fields[0]])).toContainEqual([3, '1']);
    expect(read.records.map((r) => [r.line, r.fields[0]])).toContainEqual([6, '3']);
  });

  it('reports a last record cut inside an unquoted field (no line break at the end) instead of reading it; an empty text is nothing', () => {
    // A register still being written: the amount 1000000 cut to 10 must not be read as 10.
    expect(readCsv(['a,b\n1,', '10']).records).toEqual([{ fields: ['a', 'b'], line: 1 }]);
    expect(readCsv(['a,b\n1,', '10']).errors).toEqual([{ line: 2, message: UNTERMINATED_LAST_RECORD }]);
    expect(readCsv(['a,b\n"1",10']).errors).toEqual([{ line: 2, message: UNTERMINATED_LAST_RECORD }]);
    // A complete last field: a closing quote, or a line break (LF, CRLF, or a CR the file ends on).
    expect(readCsv(['a,b\n1,"10"']).records.at(-1)).toEqual({ fields: ['1', '10'], line: 2 });
    for (const end of ['\n', '\r\n', '\r']) expect(readCsv([`a,b\n1,10${end}`]).records.at(-1)).toEqual({ fields: ['1', '10'], line: 2 });
    // As csv-parse reads it, when asked to.
    expect(readCsv(['a,b\n1,', '2'], undefined, 'accept').records.at(-1)).toEqual({ fields: ['1', '2'], line: 2 });
    expect(readCsv(['']).records).toEqual([]);
    expect(readCsv([]).records).toEqual([]);
  });
});

describe('the NDJSON line reader', () => {
  it('gives each non-blank line with its number, however the text is cut', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(''), fc.constant('  '), fc.json()), { maxLength: 12 }), fc.boolean(), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 }), (lines, crlf, at) => {
        const text = lines.join(crlf ? '\r\n' : '\n');
        const expected = lines.map((t, i) => ({ text: t, line: i + 1 })).filter((l) => l.text.trim() !== '');
        expect(readLines(cut(text, at)).lines).toEqual(expected);
      }),
      { numRuns: 1_000 },
    );
  });

  it('refuses a line longer than the limit without holding it, and reads on', () => {
    const read = readLines(cut(`{"a":1}\n${'x'.repeat(1000)}\n{"b":2}\n`, [0.05, 0.3, 0.6, 0.9]), 100);
    expect(read.errors).toEqual([{ line: 2, message: 'a line longer than 100 characters' }]);
    expect(read.lines).toEqual([
      { text: '{"a":1}', line: 1 },
      { text: '{"b":2}', line: 3 },
    ]);
  });
});
