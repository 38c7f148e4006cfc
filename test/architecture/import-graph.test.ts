/**
 * The layering of src/, read from the source by the TypeScript parser: every
 * `import` and `export ... from`, type-only or not, every `import()` call and
 * every `import('...')` type.
 *
 * - `model` and `io` import nothing of ours; `facts` (the fact vocabulary)
 *   imports only `model`; `packs` never imports the engine or anything above
 *   it — not even a type (a type is a dependency on the engine's contract).
 * - The CLI's launcher (cli/launch) imports only its code cache module.
 * - No import cycles at run time (static and dynamic imports). Cycles made of
 *   type-only imports are erased at build time; the ones left are listed below,
 *   and a new one fails.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { operatorFunctions } from '../../src/engine/operators.js';
import { OPERATOR_NAMES } from '../../src/facts/vocabulary.js';

const SRC = resolve(import.meta.dirname, '..', '..', 'src');

type ImportKind = 'value' | 'dynamic' | 'type';
interface Edge {
  to: string;
  kind: ImportKind;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (path.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** An import declaration that names only types (`import type`, or `import { type A, type B }`) is erased at build time. */
function typeOnly(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import './x.js'`: a side effect
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return !clause.name && !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

function importsOf(file: string): Edge[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const edges: Edge[] = [];
  const add = (specifier: string, kind: ImportKind) => {
    if (specifier.startsWith('.')) edges.push({ to: resolve(dirname(file), specifier.replace(/\.js$/, '.ts')), kind });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) add(node.moduleSpecifier.text, typeOnly(node) ? 'type' : 'value');
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const onlyTypes = node.isTypeOnly || (!!node.exportClause && ts.isNamedExports(node.exportClause) && node.exportClause.elements.length > 0 && node.exportClause.elements.every((e) => e.isTypeOnly));
      add(node.moduleSpecifier.text, onlyTypes ? 'type' : 'value');
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      add(node.arguments[0].text, 'dynamic');
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, 'type');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

const name = (file: string) => relative(SRC, file);
const layer = (file: string) => name(file).split('/')[0]!;

/** Every cycle found by a depth-first walk over the edges of the given kinds, as `a.ts → b.ts → a.ts`. */
function cycles(graph: ReadonlyMap<string, Edge[]>, kinds: readonly ImportKind[]): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const edge of graph.get(file) ?? []) {
      if (!kinds.includes(edge.kind)) continue;
      if (state.get(edge.to) === 'open') found.push([...stack.slice(stack.indexOf(edge.to)), edge.to].map(name).join(' → '));
      else if (!state.has(edge.to)) visit(edge.to);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return found;
}

/**
 * Type-only cycles that remain, in code other work owns (the order check and
 * the engine's report types); each is erased at build time. Remove a line
 * when its cycle is gone; a cycle not listed here fails the test.
 */
const KNOWN_TYPE_ONLY_CYCLES = [
  // report.ts names SubjectIdentity (facts.ts), facts.ts names CategoryBasis, investor-category.ts names ReportNotice.
  'engine/facts.ts → engine/investor-category.ts → engine/report.ts → engine/facts.ts',
  // explain.ts words the OrderCheck and OrderParty types that check.ts declares.
  'pretrade/check.ts → pretrade/explain.ts → pretrade/check.ts',
];

describe('the import graph of src/', () => {
  const graph = new Map(sourceFiles(SRC).map((file) => [file, importsOf(file)]));
  const edges = (file: string) => graph.get(join(SRC, file)) ?? [];

  it('reads the imports, type-only and dynamic ones included (the check is not vacuous)', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(edges('engine/session.ts')).toContainEqual({ to: join(SRC, 'packs', 'combine.ts'), kind: 'value' });
    expect(edges('model/input.ts')).toContainEqual({ to: join(SRC, 'model', 'fund.ts'), kind: 'value' });
    expect(edges('batch/row.ts')).toContainEqual({ to: join(SRC, 'engine', 'facts.ts'), kind: 'type' });
    expect(edges('cli/main.ts').some((e) => e.kind === 'dynamic')).toBe(true);
    // Every edge leads to a file of src/.
    for (const [file, list] of graph) for (const edge of list) expect(graph.has(edge.to), `${name(file)} imports ${name(edge.to)}`).toBe(true);
  });

  it('model and io import nothing of ours; facts imports only model; packs never imports the engine (or anything above it)', () => {
    // io (the one file reader, YAML/JSON readers, output writer) sits beside model at the
    // bottom: packs read their files through it.
    const allowed: Record<string, readonly string[]> = {
      model: ['model'],
      io: ['io'],
      facts: ['facts', 'model'],
      packs: ['packs', 'facts', 'model', 'io'],
    };
    const breaches: string[] = [];
    for (const [file, list] of graph) {
      const may = allowed[layer(file)];
      if (!may) continue;
      for (const edge of list) if (!may.includes(layer(edge.to))) breaches.push(`${name(file)} imports ${name(edge.to)}${edge.kind === 'value' ? '' : ` (${edge.kind})`}`);
    }
    expect(breaches).toEqual([]);
  });

  it('the CLI launcher imports only its code cache module (and node built-ins): it runs before the cache can help', () => {
    const launch = join(SRC, 'cli', 'launch');
    const outside = [...graph].filter(([file]) => file.startsWith(launch)).flatMap(([file, list]) => list.filter((e) => e.to !== join(launch, 'code-cache.ts')).map((e) => `${name(file)} imports ${name(e.to)}`));
    expect(edges('cli/launch/launcher.ts')).toContainEqual({ to: join(launch, 'code-cache.ts'), kind: 'value' });
    expect(outside).toEqual([]);
    const packages = [...graph.keys()].filter((file) => file.startsWith(launch)).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/ from '([^.'][^']*)'/g)].map((m) => m[1]!));
    expect(packages.length).toBeGreaterThan(0);
    expect(packages.filter((specifier) => !specifier.startsWith('node:'))).toEqual([]);
  });

  it('has no import cycles at run time', () => {
    expect(cycles(graph, ['value', 'dynamic'])).toEqual([]);
  });

  it('has no cycles of type-only imports but the known ones', () => {
    expect(cycles(graph, ['value', 'dynamic', 'type']).filter((cycle) => !KNOWN_TYPE_ONLY_CYCLES.includes(cycle))).toEqual([]);
  });

  it('the vocabulary names exactly the operators the engine implements', () => {
    expect([...operatorFunctions.keys()].sort()).toEqual([...OPERATOR_NAMES].sort());
  });
});
