import { statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listDataFiles, pathExists } from '../io/read-file.js';
import { readYamlFile } from '../io/yaml-file.js';
import type { z } from 'zod';
import { PackError, type ValidationIssue } from '../model/errors.js';
import {
  clausesFileSchema,
  coverageFileSchema,
  investorCategoriesFileSchema,
  lookupsFileSchema,
  referencesFileSchema,
  messagesFileSchema,
  packMetaSchema,
  packSchema,
  parametersFileSchema,
  ruleSchema,
  type Pack,
  type PackInput,
} from './schema.js';
import { safeParseBounded, unsafeStructure } from './safety.js';
import { validatePackReferences } from './validate.js';
import { vocabularyOf, type Extensions } from '../facts/vocabulary.js';
import { readCompiledPack } from './compiled.js';

/** A pack ready to evaluate: validated, cross-checked, frozen. */
export type LoadedPack = Readonly<Pack> & { readonly source: string };

function readYaml(file: string, shownAs: string, issues: ValidationIssue[], within: string): unknown {
  const read = readYamlFile(file, { within });
  if (!read.ok) {
    for (const message of read.problems) issues.push({ path: [], pointer: '(file)', message, file: shownAs });
    return undefined;
  }
  const unsafe = unsafeStructure(read.value, shownAs);
  if (unsafe.length > 0) {
    issues.push(...unsafe);
    return undefined;
  }
  return read.value;
}

function parseWith<T extends z.ZodType>(schema: T, value: unknown, file: string, issues: ValidationIssue[]): z.infer<T> | undefined {
  const result = safeParseBounded(schema, value, file);
  if (!result.success) {
    issues.push(...result.issues);
    return undefined;
  }
  return result.data;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Load a pack from a directory: `pack.yaml` (metadata), and optionally
 * `clauses.yaml`, `parameters.yaml`, `lookups.yaml`, `messages.yaml` and one
 * file per rule under `rules/`. Every problem in every file is collected
 * before a {@link PackError} is thrown.
 */
export interface LoadOptions {
  /** Custom facts and operators the pack may use. */
  extensions?: Extensions;
}

export function loadPackFromDirectory(directory: string, options: LoadOptions = {}): LoadedPack {
  const issues: ValidationIssue[] = [];
  const shown = (file: string) => relative(process.cwd(), file) || file;
  const optional = (name: string) => {
    const file = join(directory, name);
    if (!pathExists(file)) return undefined;
    return readYaml(file, shown(file), issues, directory);
  };

  const metaFile = join(directory, 'pack.yaml');
  // A file that could not be read has its problem listed already; it is not also "not an object".
  const metaRaw = readYaml(metaFile, shown(metaFile), issues, directory);
  const meta = metaRaw === undefined ? undefined : parseWith(packMetaSchema, metaRaw, shown(metaFile), issues);
  const clausesRaw = optional('clauses.yaml');
  const clauses = clausesRaw === undefined ? undefined : parseWith(clausesFileSchema, clausesRaw, shown(join(directory, 'clauses.yaml')), issues);
  const paramsRaw = optional('parameters.yaml');
  const parameters = paramsRaw === undefined ? undefined : parseWith(parametersFileSchema, paramsRaw, shown(join(directory, 'parameters.yaml')), issues);
  const lookupsRaw = optional('lookups.yaml');
  const lookups = lookupsRaw === undefined ? undefined : parseWith(lookupsFileSchema, lookupsRaw, shown(join(directory, 'lookups.yaml')), issues);
  const categoriesRaw = optional('investor-categories.yaml');
  const categories = categoriesRaw === undefined ? undefined : parseWith(investorCategoriesFileSchema, categoriesRaw, shown(join(directory, 'investor-categories.yaml')), issues);
  const referencesRaw = optional('references.yaml');
  const references = referencesRaw === undefined ? undefined : parseWith(referencesFileSchema, referencesRaw, shown(join(directory, 'references.yaml')), issues);
  const coverageRaw = optional('coverage.yaml');
  const coverage = coverageRaw === undefined ? undefined : parseWith(coverageFileSchema, coverageRaw, shown(join(directory, 'coverage.yaml')), issues);
  const messagesRaw = optional('messages.yaml');
  const messages = messagesRaw === undefined ? undefined : parseWith(messagesFileSchema, messagesRaw, shown(join(directory, 'messages.yaml')), issues);

  const rules: Pack['rules'] = [];
  const ruleFiles = new Map<string, string>();
  const rulesDir = join(directory, 'rules');
  const entries = listDataFiles(rulesDir);
  for (const name of entries) {
    const file = join(rulesDir, name);
    const raw = readYaml(file, shown(file), issues, directory);
    const rule = raw === undefined ? undefined : parseWith(ruleSchema, raw, shown(file), issues);
    if (rule) {
      rules.push(rule);
      ruleFiles.set(rule.id, shown(file));
    }
  }

  if (issues.length > 0 || !meta) throw new PackError(issues);
  const pack: Pack = {
    meta,
    clauses: clauses?.clauses ?? [],
    parameters: parameters?.parameters ?? [],
    lookups: lookups?.lookups ?? [],
    messages: messages?.messages ?? {},
    labels: messages?.labels ?? {},
    rules,
    investorCategories: categories?.investorCategories ?? [],
    references: references?.references ?? [],
    coverage: coverage?.coverage ?? [],
  };
  const referenceIssues = validatePackReferences(pack, {
    fileOfRule: (id) => ruleFiles.get(id) ?? shown(rulesDir),
    fileOf: (part) => shown(join(directory, `${part}.yaml`)),
  }, vocabularyOf(options.extensions));
  if (referenceIssues.length > 0) throw new PackError(referenceIssues);
  return deepFreeze({ ...pack, source: shown(directory) });
}

/** Validate a pack given as a plain object (e.g. built in code or read from JSON). */
export function loadPackFromObject(input: PackInput, source = '(object)', options: LoadOptions = {}): LoadedPack {
  const unsafe = unsafeStructure(input, source);
  if (unsafe.length > 0) throw new PackError(unsafe);
  const result = safeParseBounded(packSchema, input, source);
  if (!result.success) throw new PackError(result.issues);
  const referenceIssues = validatePackReferences(result.data, { fileOfRule: () => source, fileOf: () => source }, vocabularyOf(options.extensions));
  if (referenceIssues.length > 0) throw new PackError(referenceIssues);
  return deepFreeze({ ...result.data, source });
}

/** Where the packs shipped with the library live (`rules/` at the package root). */
export function builtInRulesDirectory(): string {
  // Works from src/packs (tests) and from dist/ (the built package).
  const here = fileURLToPath(new URL('.', import.meta.url));
  const candidates = [join(here, '..', '..', 'rules'), join(here, '..', 'rules')];
  for (const candidate of candidates) {
    try {
      if (statSync(join(candidate, 'tn-89-2558', 'pack.yaml')).isFile()) return candidate;
    } catch {
      // try the next layout
    }
  }
  throw new Error(`Cannot find the built-in rules directory (looked in ${candidates.join(', ')})`);
}

const builtIn = new Map<string, LoadedPack>();

function builtInPack(name: string): LoadedPack {
  let pack = builtIn.get(name);
  if (!pack) {
    const directory = join(builtInRulesDirectory(), name);
    // The build's validated copy when it matches the YAML; else the YAML itself.
    pack = readCompiledPack(name, directory) ?? loadPackFromDirectory(directory);
    builtIn.set(name, pack);
  }
  return pack;
}

/** The TorNor. 89/2558 pack shipped with the library (loaded once, frozen). */
export function tn89Pack(): LoadedPack {
  return builtInPack('tn-89-2558');
}

/** The SEC investor-definition thresholds (institutional, ultra-high-net-worth, high-net-worth), dated. */
export function investorDefinitionsPack(): LoadedPack {
  return builtInPack('sec-investor-definitions');
}

