import type { PackFiles } from './files.js';
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

/** A pack ready to evaluate: validated, cross-checked, frozen. */
export type LoadedPack = Readonly<Pack> & { readonly source: string };

function readYaml(files: PackFiles, path: string, issues: ValidationIssue[]): unknown {
  const shownAs = files.shown(path);
  const read = files.readYaml(path);
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

export interface LoadOptions {
  /** Custom facts and operators the pack may use. */
  extensions?: Extensions;
}

/**
 * Load a pack from its files ({@link PackFiles}: a directory, or texts in
 * memory): `pack.yaml` (metadata), and optionally `clauses.yaml`,
 * `parameters.yaml`, `lookups.yaml`, `messages.yaml` and one file per rule
 * under `rules/`. Every problem in every file is collected before a
 * {@link PackError} is thrown. The file-system entry point is
 * `loadPackFromDirectory` (packs/directory.ts).
 */
export function loadPackFromFiles(files: PackFiles, options: LoadOptions = {}): LoadedPack {
  const issues: ValidationIssue[] = [];
  const shown = (path: string) => files.shown(path);
  const optional = (name: string) => {
    if (!files.has(name)) return undefined;
    return readYaml(files, name, issues);
  };

  // A file that could not be read has its problem listed already; it is not also "not an object".
  const metaRaw = readYaml(files, 'pack.yaml', issues);
  const meta = metaRaw === undefined ? undefined : parseWith(packMetaSchema, metaRaw, shown('pack.yaml'), issues);
  const clausesRaw = optional('clauses.yaml');
  const clauses = clausesRaw === undefined ? undefined : parseWith(clausesFileSchema, clausesRaw, shown('clauses.yaml'), issues);
  const paramsRaw = optional('parameters.yaml');
  const parameters = paramsRaw === undefined ? undefined : parseWith(parametersFileSchema, paramsRaw, shown('parameters.yaml'), issues);
  const lookupsRaw = optional('lookups.yaml');
  const lookups = lookupsRaw === undefined ? undefined : parseWith(lookupsFileSchema, lookupsRaw, shown('lookups.yaml'), issues);
  const categoriesRaw = optional('investor-categories.yaml');
  const categories = categoriesRaw === undefined ? undefined : parseWith(investorCategoriesFileSchema, categoriesRaw, shown('investor-categories.yaml'), issues);
  const referencesRaw = optional('references.yaml');
  const references = referencesRaw === undefined ? undefined : parseWith(referencesFileSchema, referencesRaw, shown('references.yaml'), issues);
  const coverageRaw = optional('coverage.yaml');
  const coverage = coverageRaw === undefined ? undefined : parseWith(coverageFileSchema, coverageRaw, shown('coverage.yaml'), issues);
  const messagesRaw = optional('messages.yaml');
  const messages = messagesRaw === undefined ? undefined : parseWith(messagesFileSchema, messagesRaw, shown('messages.yaml'), issues);

  const rules: Pack['rules'] = [];
  const ruleFiles = new Map<string, string>();
  for (const name of files.list('rules')) {
    const path = `rules/${name}`;
    const raw = readYaml(files, path, issues);
    const rule = raw === undefined ? undefined : parseWith(ruleSchema, raw, shown(path), issues);
    if (rule) {
      rules.push(rule);
      ruleFiles.set(rule.id, shown(path));
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
    fileOfRule: (id) => ruleFiles.get(id) ?? shown('rules'),
    fileOf: (part) => shown(`${part}.yaml`),
  }, vocabularyOf(options.extensions));
  if (referenceIssues.length > 0) throw new PackError(referenceIssues);
  return deepFreeze({ ...pack, source: files.source });
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
