import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { where } from './check-run.js';
import { SourceMap } from './locate.js';
import { SEVERITY_RANK } from './severity.js';
import { closest } from './suggest.js';

/**
 * The project's settings for `check`, so a CI step and a person at a terminal
 * run the same check: `thai-fund-compliance.config.yaml` (or `.yml`, `.json`),
 * or the `"thai-fund-compliance"` key of `package.json`, in the working
 * directory or the nearest directory above it. Flags on the command line win.
 * Paths in the file are relative to the file's directory.
 *
 * ```yaml
 * files: [schemes]
 * packs: [rules/house-policy]
 * failOn: warning
 * lang: th
 * ```
 */

export const CONFIG_FILES = ['thai-fund-compliance.config.yaml', 'thai-fund-compliance.config.yml', 'thai-fund-compliance.config.json'] as const;
export const PACKAGE_JSON_KEY = 'thai-fund-compliance';

export const CHECK_FORMATS = ['text', 'json', 'sarif', 'junit', 'html', 'github'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export interface CheckConfig {
  /** Files, directories or patterns to check when none is given on the command line. */
  files?: string[];
  asOf?: string;
  format?: CheckFormat;
  lang?: 'th' | 'en';
  failOn?: keyof typeof SEVERITY_RANK;
  /** Rule pack directories evaluated beside the notice. */
  packs?: string[];
  recursive?: boolean;
  output?: string;
  quiet?: boolean;
}

export interface LoadedConfig {
  /** The file the settings came from (as a path relative to the working directory when below it). */
  file: string;
  config: CheckConfig;
}

export type ConfigResult = { ok: true; loaded?: LoadedConfig } | { ok: false; problems: string[] };

type Check = (value: unknown) => string | undefined;

const isString: Check = (v) => (typeof v === 'string' && v !== '' ? undefined : 'expected a non-empty string');
const isStringList: Check = (v) => (Array.isArray(v) && v.every((x) => typeof x === 'string' && x !== '') ? undefined : 'expected a list of non-empty strings');
const isBoolean: Check = (v) => (typeof v === 'boolean' ? undefined : 'expected true or false');
const oneOf =
  (choices: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && choices.includes(v) ? undefined : `expected one of ${choices.map((c) => `"${c}"`).join(', ')}`;

const KEYS: Record<keyof CheckConfig | '$schema', Check> = {
  $schema: isString,
  files: isStringList,
  asOf: isString,
  format: oneOf(CHECK_FORMATS),
  lang: oneOf(['th', 'en']),
  failOn: oneOf(Object.keys(SEVERITY_RANK)),
  packs: isStringList,
  recursive: isBoolean,
  output: isString,
  quiet: isBoolean,
};

/** The nearest config file from `cwd` upward, or undefined. */
export function findConfig(cwd: string): { path: string; packageJson: boolean } | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_FILES) if (existsSync(join(dir, name))) return { path: join(dir, name), packageJson: false };
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        const json = JSON.parse(readFileSync(pkg, 'utf8')) as Record<string, unknown>;
        if (json !== null && typeof json === 'object' && PACKAGE_JSON_KEY in json) return { path: pkg, packageJson: true };
      } catch {
        // a package.json that is not JSON is npm's problem, not a config of ours
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/** A path from the config file, as a path the command line would give: relative to `cwd` (absolute only on another drive). */
function fromConfigDir(path: string, configDir: string, cwd: string): string {
  if (isAbsolute(path)) return path;
  const absolute = resolve(configDir, path);
  const rel = relative(cwd, absolute);
  if (rel === '') return '.';
  return isAbsolute(rel) ? absolute : rel;
}

/** Read and check a config file: every bad or unknown key is a problem at its line, an unknown one with a did-you-mean. */
export function readConfig(path: string, cwd: string, packageJson = false): ConfigResult {
  const name = shown(path, cwd);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { ok: false, problems: [`${name}: cannot read: ${(error as Error).message}`] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { schema: 'core', uniqueKeys: true, lineCounter });
  if (doc.errors.length > 0) {
    const at = doc.errors[0]!.linePos?.[0];
    return { ok: false, problems: [`${at ? `${name}:${at.line}:${at.col}` : name}: ${doc.errors[0]!.message.split('\n')[0]}`] };
  }
  const source = new SourceMap(doc, lineCounter, 'input');
  let value: unknown = doc.toJS();
  const base: (string | number)[] = packageJson ? [PACKAGE_JSON_KEY] : [];
  if (packageJson) value = (value as Record<string, unknown>)[PACKAGE_JSON_KEY];
  const at = (path: (string | number)[]) => where(name, source.locate([...base, ...path]).location);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, problems: [`${at([])}: ${packageJson ? `the "${PACKAGE_JSON_KEY}" key` : 'the file'} must be a mapping of settings (${Object.keys(KEYS).filter((k) => k !== '$schema').join(', ')})`] };
  }
  const problems: string[] = [];
  const known = Object.keys(KEYS);
  for (const [key, setting] of Object.entries(value)) {
    const check = KEYS[key as keyof typeof KEYS];
    if (!check) {
      const [suggestion] = closest(key, known, 1);
      problems.push(`${at([key])}: ${key}: unknown setting${suggestion ? `; did you mean "${suggestion}"?` : ''} (settings: ${known.filter((k) => k !== '$schema').join(', ')})`);
      continue;
    }
    const problem = check(setting);
    if (problem) problems.push(`${at([key])}: ${key}: ${problem}`);
  }
  if (problems.length > 0) return { ok: false, problems };
  const raw = value as CheckConfig;
  const dir = dirname(path);
  const config: CheckConfig = {
    ...raw,
    ...(raw.files ? { files: raw.files.map((f) => fromConfigDir(f, dir, cwd)) } : {}),
    ...(raw.packs ? { packs: raw.packs.map((p) => fromConfigDir(p, dir, cwd)) } : {}),
    ...(raw.output ? { output: fromConfigDir(raw.output, dir, cwd) } : {}),
  };
  delete (config as { $schema?: unknown }).$schema;
  return { ok: true, loaded: { file: name, config } };
}

/** The config that applies in `cwd`: `explicit` when given (`--config`), else the nearest one found. */
export function loadConfig(cwd: string, explicit?: string): ConfigResult {
  if (explicit !== undefined) {
    const path = resolve(cwd, explicit);
    const isPackageJson = /(^|[\\/])package\.json$/.test(path);
    return readConfig(path, cwd, isPackageJson);
  }
  const found = findConfig(cwd);
  return found ? readConfig(found.path, cwd, found.packageJson) : { ok: true };
}
