/**
 * The layering of src/, read from the import statements themselves:
 * `model` and `io` import nothing of ours; `facts` (the pack vocabulary) and `packs`
 * never import the engine; no runtime import cycles. Type-only imports are
 * erased at build time and are not counted as dependencies.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { operatorFunctions } from '../../src/engine/operators.js';
import { OPERATOR_NAMES } from '../../src/facts/vocabulary.js';

const SRC = resolve(import.meta.dirname, '..', '..', 'src');

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (path.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** Runtime imports (and re-exports) of each file, as files of src/. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const deps: string[] = [];
    for (const match of text.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?'(\.{1,2}\/[^']+)'/gm)) {
      if (match[1]) continue;
      deps.push(resolve(dirname(file), match[2]!.replace(/\.js$/, '.ts')));
    }
    graph.set(file, deps);
  }
  return graph;
}

const layer = (file: string) => relative(SRC, file).split('/')[0]!;
const name = (file: string) => relative(SRC, file);

describe('the import graph of src/', () => {
  const graph = importGraph();

  it('reads the imports (the check is not vacuous)', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get(join(SRC, 'engine', 'session.ts'))).toContain(join(SRC, 'packs', 'combine.ts'));
    expect(graph.get(join(SRC, 'packs', 'directory.ts'))).toContain(join(SRC, 'io', 'read-file.ts'));
  });

  it('model and io import nothing of ours; facts and packs never import the engine (or anything above it)', () => {
    // io (the one file reader, YAML/JSON readers, output writer) sits beside model at the
    // bottom: packs read their files through it.
    const allowed: Record<string, readonly string[]> = {
      model: ['model'],
      io: ['io'],
      facts: ['facts', 'model'],
      packs: ['packs', 'facts', 'model', 'io'],
    };
    const breaches: string[] = [];
    for (const [file, deps] of graph) {
      const may = allowed[layer(file)];
      if (!may) continue;
      for (const dep of deps) if (!may.includes(layer(dep))) breaches.push(`${name(file)} imports ${name(dep)}`);
    }
    expect(breaches).toEqual([]);
  });

  it('has no import cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'open');
      stack.push(file);
      for (const dep of graph.get(file) ?? []) {
        if (state.get(dep) === 'open') cycles.push([...stack.slice(stack.indexOf(dep)), dep].map(name).join(' → '));
        else if (!state.has(dep)) visit(dep);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it('the vocabulary names exactly the operators the engine implements', () => {
    expect([...operatorFunctions.keys()].sort()).toEqual([...OPERATOR_NAMES].sort());
  });
});
