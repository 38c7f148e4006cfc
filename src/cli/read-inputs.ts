import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseDocument } from 'yaml';

export interface InputFile {
  file: string;
  /** The file's content as an evaluation input `{ funds, investors }`. */
  input?: unknown;
  /** Why it could not be read or parsed. */
  error?: string;
}

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Expand the paths given on the command line: files as they are, directories to their scheme files (sorted). */
export function expandPaths(paths: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      missing.push(path);
      continue;
    }
    if (stats.isDirectory()) {
      for (const name of readdirSync(path).sort()) if (EXTENSIONS.has(extname(name).toLowerCase())) files.push(join(path, name));
    } else files.push(path);
  }
  return { files, missing };
}

/**
 * A scheme file holds one fund, a list of funds, or a whole input
 * `{ funds, investors }`; all three become an evaluation input.
 */
export function normaliseDocument(value: unknown): unknown {
  if (Array.isArray(value)) return { funds: value };
  if (value && typeof value === 'object' && !('funds' in value) && 'id' in value) return { funds: [value] };
  return value;
}

export function readInputFile(file: string): InputFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { file, error: `cannot read: ${(error as Error).message}` };
  }
  if (extname(file).toLowerCase() === '.json') {
    try {
      return { file, input: normaliseDocument(JSON.parse(text)) };
    } catch (error) {
      return { file, error: `invalid JSON: ${(error as Error).message}` };
    }
  }
  // The core schema keeps dates as strings (YAML 1.1 would turn them into instants).
  const doc = parseDocument(text, { schema: 'core', uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) return { file, error: `invalid YAML: ${doc.errors.map((e) => e.message.split('\n')[0]).join('; ')}` };
  return { file, input: normaliseDocument(doc.toJS({ maxAliasCount: 100 })) };
}
