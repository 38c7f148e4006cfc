import { statSync } from 'node:fs';
import { readRegularFile } from '../io/read-file.js';
import { MAX_DATA_FILE_BYTES } from '../io/yaml-file.js';
import { resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { loadPackFromDirectory, PackError, planPacks, renderCitation, tn89Pack, type Citation, type LoadedPack, type Localized, type Parameter, type RenderedCitation, type Rule, type ValidationIssue } from '../index.js';
import { SourceMap } from './locate.js';

export interface PackLoad {
  /** The built-in TorNor. 89/2558 pack, then the extra packs in the order given. */
  packs: LoadedPack[];
  /** Every problem of every bad pack, `file:line:column: path: reason`. */
  problems: string[];
}

/**
 * Pack files parsed for locating issues, by path, size and modification time:
 * a pack with thousands of issues in one file is parsed once, not once per
 * issue (that took minutes). The few most recent are kept.
 */
const parsedPackFiles = new Map<string, { doc: ReturnType<typeof parseDocument>; lineCounter: LineCounter }>();

function parsedPackFile(file: string) {
  const path = resolve(file);
  const stats = statSync(path);
  const key = `${path}\u0000${stats.size}\u0000${stats.mtimeMs}`;
  let parsed = parsedPackFiles.get(key);
  if (!parsed) {
    const lineCounter = new LineCounter();
    parsed = { doc: parseDocument(readRegularFile(path, { maxBytes: MAX_DATA_FILE_BYTES }).toString('utf8'), { lineCounter }), lineCounter };
    if (parsedPackFiles.size >= 8) parsedPackFiles.delete(parsedPackFiles.keys().next().value!);
    parsedPackFiles.set(key, parsed);
  }
  return parsed;
}

/** `file:line:column` of a pack issue, found by parsing the file it names (the loader names it relative to the process's cwd). */
export function whereIs(issue: ValidationIssue): string {
  if (!issue.file) return '(pack)';
  if (issue.pointer === '(file)') return issue.file;
  try {
    const { doc, lineCounter } = parsedPackFile(issue.file);
    const { location } = new SourceMap(doc, lineCounter, 'input').locate(issue.path);
    return `${issue.file}:${location.line}:${location.column}`;
  } catch {
    return issue.file;
  }
}

/** What stops the packs from being evaluated together: a rule id taken twice without `override`, a `disable` of nothing. */
function planProblems(packs: readonly LoadedPack[]): string[] {
  try {
    planPacks(packs);
    return [];
  } catch (error) {
    if (!(error instanceof PackError)) throw error;
    return error.issues.map((issue) => `${whereIs(issue)}: ${issue.pointer}: ${issue.message}`);
  }
}

/** Load the packs given with `--pack`; a bad pack is reported with all its issues, never thrown. */
export function loadPacks(directories: readonly string[], cwd: string): PackLoad {
  const packs: LoadedPack[] = [tn89Pack()];
  const problems: string[] = [];
  for (const directory of directories) {
    try {
      const pack = loadPackFromDirectory(resolve(cwd, directory));
      const twin = packs.find((p) => p.meta.id === pack.meta.id);
      if (twin) problems.push(`${directory}: the pack id "${pack.meta.id}" is already taken by ${twin === packs[0] ? 'the built-in pack' : twin.source}`);
      else packs.push(pack);
    } catch (error) {
      if (!(error instanceof PackError)) throw error;
      for (const issue of error.issues) problems.push(`${whereIs(issue)}: ${issue.pointer}: ${issue.message}`);
    }
  }
  if (problems.length === 0) problems.push(...planProblems(packs));
  return { packs, problems };
}

/** A citation with its words: what a report prints beside a finding. */
export type CitationInfo = Pick<RenderedCitation, 'text' | 'clauseText' | 'reading'>;

/** A citation of a pack rendered exactly as the engine renders a finding's citation. */
export function describeCitation(pack: LoadedPack, citation: Citation): CitationInfo {
  const { text, clauseText, reading } = renderCitation(pack, citation);
  return { text, ...(clauseText !== undefined ? { clauseText } : {}), ...(reading !== undefined ? { reading } : {}) };
}

/** Parameters a later pack overrides, by id: what the engine evaluates instead of the rule's own pack's. */
export type ParameterOverrides = ReadonlyMap<string, { pack: LoadedPack; parameter: Parameter }>;

/** One rule as it is evaluated, with its citation's words. */
export interface RuleInfo {
  /** The pack whose version of the rule decides. */
  pack: LoadedPack;
  rule: Rule;
  citation: CitationInfo;
  /** The pack whose rule of the same id this one overrides. */
  replaces?: string;
  /** Switched off by a later pack: listed, never evaluated. */
  disabled?: { by: string; reason: Localized };
  parameterOverrides: ParameterOverrides;
}

/** Every rule of the packs as they are evaluated together (overrides in place), then the disabled ones. */
export function ruleCatalog(packs: readonly LoadedPack[]): RuleInfo[] {
  const plan = planPacks(packs);
  const info = (pack: LoadedPack, rule: Rule) => ({ pack, rule, citation: describeCitation(pack, rule.citation), parameterOverrides: plan.parameterOverrides });
  return [
    ...plan.rules.map(({ pack, rule, replaces }) => ({ ...info(pack, rule), ...(replaces ? { replaces } : {}) })),
    ...plan.disabled.map(({ pack, rule, by, reason }) => ({ ...info(pack, rule), disabled: { by, reason } })),
  ];
}
