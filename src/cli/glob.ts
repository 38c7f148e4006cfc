import { readdirSync, statSync, type Dirent } from 'node:fs';
import { extname, isAbsolute, join, resolve } from 'node:path';

/**
 * File arguments of `check`: files, directories (their scheme files and, unless
 * `recursive` is off, those of every subdirectory but hidden ones and
 * `node_modules`) and glob patterns. Node 20 has no `fs.globSync`, so patterns are
 * expanded here: `*` and `?` within one path segment, `**` for any number of
 * directories. Names starting with "." are matched only by a pattern segment
 * that starts with "."; symbolic links to directories are not followed by `**`.
 */

export const SCHEME_EXTENSIONS: ReadonlySet<string> = new Set(['.yaml', '.yml', '.json']);

export function isSchemeFile(name: string): boolean {
  return SCHEME_EXTENSIONS.has(extname(name).toLowerCase());
}

export function isGlob(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

/** One path segment of a pattern as a regular expression (`*` → any run of characters but "/"). */
export function segmentToRegExp(segment: string): RegExp {
  let source = '';
  for (const char of segment) {
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

type Kind = 'file' | 'directory' | 'other';

function kindOf(dir: string, entry: Dirent): Kind {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'directory';
  if (!entry.isSymbolicLink()) return 'other';
  try {
    const stats = statSync(join(dir, entry.name));
    return stats.isFile() ? 'file' : 'other'; // a linked directory is not walked into
  } catch {
    return 'other';
  }
}

function entriesOf(dir: string): { name: string; kind: Kind }[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .map((entry) => ({ name: entry.name, kind: kindOf(dir, entry) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
}

function walk(absolute: string, shown: string, segments: readonly string[], out: Set<string>): void {
  const [segment, ...rest] = segments;
  if (segment === undefined) return;
  if (segment === '**') {
    walk(absolute, shown, rest, out);
    for (const entry of entriesOf(absolute)) {
      if (entry.kind === 'directory' && !entry.name.startsWith('.')) walk(join(absolute, entry.name), join(shown, entry.name), segments, out);
    }
    return;
  }
  const matcher = segmentToRegExp(segment);
  for (const entry of entriesOf(absolute)) {
    if (entry.name.startsWith('.') && !segment.startsWith('.')) continue;
    if (!matcher.test(entry.name)) continue;
    if (rest.length === 0 && entry.kind === 'file') out.add(join(shown, entry.name));
    if (rest.length > 0 && entry.kind === 'directory') walk(join(absolute, entry.name), join(shown, entry.name), rest, out);
  }
}

/** The files a pattern matches, sorted, written relative like the pattern (or absolute if it is). */
export function globFiles(pattern: string, cwd: string): string[] {
  const segments = pattern.split('/');
  const firstGlob = segments.findIndex(isGlob);
  if (firstGlob < 0) return [];
  const baseSegments = segments.slice(0, firstGlob);
  const base = baseSegments.length === 0 ? '.' : baseSegments.join('/') || '/';
  const out = new Set<string>();
  walk(isAbsolute(base) ? base : resolve(cwd, base), base, segments.slice(firstGlob).filter((s) => s !== ''), out);
  return [...out].sort();
}

/** An argument that named nothing to check, with the reason. */
export interface ArgumentProblem {
  argument: string;
  message: string;
}

export interface Expanded {
  files: string[];
  /** Arguments that named nothing to check, each with the reason. */
  problems: ArgumentProblem[];
}

/** Directories a directory walk never enters: hidden ones (".git", ".github"...) and installed packages. */
export function isSkippedDirectory(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** The scheme files of a directory, sorted, then (when `recursive`) those of its subdirectories, depth first. */
function schemeFilesIn(absolute: string, shown: string, recursive: boolean, out: string[]): void {
  const entries = entriesOf(absolute);
  for (const entry of entries) {
    if (entry.kind === 'file' && !entry.name.startsWith('.') && isSchemeFile(entry.name)) out.push(join(shown, entry.name));
  }
  if (!recursive) return;
  for (const entry of entries) {
    if (entry.kind === 'directory' && !isSkippedDirectory(entry.name)) schemeFilesIn(join(absolute, entry.name), join(shown, entry.name), recursive, out);
  }
}

export interface ExpandOptions {
  /** Walk into subdirectories of a directory argument (default: true). */
  recursive?: boolean;
}

function expandOne(argument: string, cwd: string, options: ExpandOptions): { files: string[]; problem?: string } {
  if (isGlob(argument)) {
    const files = globFiles(argument, cwd).filter(isSchemeFile);
    return files.length > 0 ? { files } : { files, problem: 'no .yaml, .yml or .json file matches' };
  }
  let stats;
  try {
    stats = statSync(resolve(cwd, argument));
  } catch {
    return { files: [], problem: 'no such file or directory' };
  }
  if (!stats.isDirectory()) return { files: [argument] };
  const recursive = options.recursive ?? true;
  const files: string[] = [];
  schemeFilesIn(resolve(cwd, argument), argument, recursive, files);
  if (files.length > 0) return { files };
  return { files, problem: `no .yaml, .yml or .json files in this directory${recursive ? ' or below it' : ' (--no-recursive)'}` };
}

/** Expand the command line's files, directories and patterns; each file once, in the order given. */
export function expandArguments(args: readonly string[], cwd: string, options: ExpandOptions = {}): Expanded {
  const files = new Map<string, string>();
  const problems: ArgumentProblem[] = [];
  for (const argument of args) {
    const expanded = expandOne(argument, cwd, options);
    for (const file of expanded.files) if (!files.has(resolve(cwd, file))) files.set(resolve(cwd, file), file);
    if (expanded.problem !== undefined) problems.push({ argument, message: expanded.problem });
  }
  return { files: [...files.values()], problems };
}
