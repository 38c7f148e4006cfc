import { isUtf8 } from 'node:buffer';
import { extname, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { DuplicateKeyError, findDuplicateKey } from '../io/json.js';
import { FileReadError, megabytes, readRegularFile } from '../io/read-file.js';
import { documentShape, SourceMap, type SourceLocation } from './locate.js';

/** One scheme file, read: its content as an evaluation input and the positions of its fields. */
export interface InputFile {
  /** The file as named on the command line (or found by a pattern). */
  file: string;
  /** The file's content as an evaluation input `{ funds, investors }`. */
  input?: unknown;
  /** Where each field of the input is written in the file. */
  source?: SourceMap;
  /** Why it could not be read or parsed, and where (when the parser knows). */
  error?: { message: string; location?: SourceLocation };
}

/**
 * A scheme file holds one fund, a list of funds, or a whole input
 * `{ funds, investors }`; all three become an evaluation input.
 */
export function normaliseDocument(value: unknown): unknown {
  const shape = documentShape(value);
  if (shape === 'fund-list') return { funds: value };
  if (shape === 'single-fund') return { funds: [value] };
  return value;
}

/**
 * Largest scheme file `check` reads. Parsing YAML takes about a second per
 * megabyte; a whole unitholder register belongs in `register`, which streams.
 */
export const MAX_INPUT_FILE_BYTES = 10 * 1024 * 1024;

function parseYaml(text: string) {
  const lineCounter = new LineCounter();
  // The core schema keeps dates as strings (YAML 1.1 would turn them into instants);
  // no tag constructs anything (!!binary, !!timestamp, !!set... are refused as unknown tags).
  const doc = parseDocument(text, { schema: 'core', resolveKnownTags: false, uniqueKeys: true, prettyErrors: true, lineCounter });
  // A tag the schema does not know (!!js/function, !custom) is only a warning to the parser; here it is an error.
  for (const warning of doc.warnings) if (warning.code === 'TAG_RESOLVE_FAILED') doc.errors.push(warning);
  return { doc, lineCounter };
}

function firstError(doc: ReturnType<typeof parseYaml>['doc']): { message: string; location?: SourceLocation } {
  const error = doc.errors[0]!;
  const at = error.linePos?.[0];
  const messages = doc.errors.map((e) =>
    e.message
      .split('\n')[0]!
      .replace(/ at line \d+, column \d+:?$/, '')
      .replace(/^Unresolved tag: (.*)$/, 'the tag $1 is not supported (a scheme file is plain data)')
      .replace(/^Maximum call stack size exceeded$/, 'nested too deeply'),
  );
  return { message: [...new Set(messages)].join('; '), ...(at ? { location: { line: at.line, column: at.col } } : {}) };
}

/** The line of the first bytes that are not UTF-8. */
function firstNonUtf8Line(bytes: Buffer): number {
  let line = 1;
  for (let start = 0; ; line++) {
    const end = bytes.indexOf(10, start);
    if (!isUtf8(bytes.subarray(start, end === -1 ? bytes.length : end)) || end === -1) return line;
    start = end + 1;
  }
}

/** Node names the offset of some JSON syntax errors ("… at position 32"). */
function jsonErrorLocation(message: string, lines: LineCounter): SourceLocation | undefined {
  const offset = /at position (\d+)/.exec(message)?.[1];
  if (offset === undefined) return undefined;
  const { line, col } = lines.linePos(Number(offset));
  return { line, column: col };
}

/** JSON is YAML: the JSON parser decides what the values are, the YAML parser where they are written. */
function readJson(file: string, text: string): InputFile {
  const { doc, lineCounter } = parseYaml(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]!;
    const location = jsonErrorLocation(message, lineCounter) ?? (doc.errors.length > 0 ? firstError(doc).location : undefined);
    return { file, error: { message: `invalid JSON: ${message}`, ...(location ? { location } : {}) } };
  }
  // JSON.parse keeps the last of two equal keys; as in a .yaml file, a key written twice is an error, with its line.
  const duplicate = findDuplicateKey(text);
  if (duplicate) {
    const { line, col } = lineCounter.linePos(duplicate.offset);
    return { file, error: { message: `invalid JSON: ${new DuplicateKeyError(duplicate.key, duplicate.offset).message.replace(/ \(at position \d+\)/, '')}`, location: { line, column: col } } };
  }
  const source = doc.errors.length === 0 ? new SourceMap(doc, lineCounter, documentShape(value)) : undefined;
  return { file, input: normaliseDocument(value), ...(source ? { source } : {}) };
}

function readYaml(file: string, text: string): InputFile {
  const { doc, lineCounter } = parseYaml(text);
  if (doc.errors.length > 0) {
    const { message, location } = firstError(doc);
    return { file, error: { message: `invalid YAML: ${message}`, ...(location ? { location } : {}) } };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { file, error: { message: `invalid YAML: ${(error as Error).message.split('\n')[0]}` } };
  }
  return { file, input: normaliseDocument(value), source: new SourceMap(doc, lineCounter, documentShape(value)) };
}

export function readInputFile(file: string, cwd: string = process.cwd()): InputFile {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(resolve(cwd, file), { maxBytes: MAX_INPUT_FILE_BYTES });
  } catch (error) {
    if (error instanceof FileReadError) {
      if (error.problem !== 'too-large') return { file, error: { message: `cannot read: ${error.reason}` } };
      const limit = `a scheme file is at most ${megabytes(MAX_INPUT_FILE_BYTES)} (check a unitholder register with the register command, which streams it)`;
      return { file, error: { message: `${error.reason.split(';')[0]}; ${limit}` } };
    }
    return { file, error: { message: `cannot read: ${(error as Error).message}` } };
  }
  if (!isUtf8(bytes)) {
    return { file, error: { message: 'the file is not UTF-8 text (convert a TIS-620 or Windows-874 file to UTF-8)', location: { line: firstNonUtf8Line(bytes), column: 1 } } };
  }
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const ext = extname(file).toLowerCase();
  if (ext === '.ndjson' || ext === '.jsonl') return readNdjson(file, text);
  return ext === '.json' ? readJson(file, text) : readYaml(file, text);
}

/** NDJSON (e.g. written by `sec pull`): one fund a line, read as `{ funds }`. */
function readNdjson(file: string, text: string): InputFile {
  const funds: unknown[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    try {
      funds.push(JSON.parse(line));
    } catch (error) {
      return { file, error: { message: `invalid JSON on line ${index + 1}: ${(error as Error).message.split('\n')[0]}`, location: { line: index + 1, column: 1 } } };
    }
  }
  return { file, input: { funds } };
}

/** Scheme text that came from no file (`check -`, stdin): JSON when `json`, else YAML; `name` is what reports call it. */
export function readInputText(name: string, text: string, json: boolean): InputFile {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return json ? readJson(name, clean) : readYaml(name, clean);
}
