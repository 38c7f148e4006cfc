// package.json says "sideEffects": false, so bundlers may drop any module of
// ours that is not used. That is only true if no module does anything when it
// is imported beyond defining constants and caches. Checked two ways: every
// top-level statement of src/ is a declaration (no statement runs, no IIFE,
// nothing touches process or the global object at load time), and importing
// the library in a fresh process changes no global object, process listener,
// environment variable or timer.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { sideEffects?: unknown };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    // A declaration file (.d.ts) emits no code: nothing of it runs at load time.
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The CLI's executables (the package's, and the one run from the sources) are the modules whose job is a side effect; bins, never imported. */
const EXECUTABLES = [join(root, 'src', 'cli', 'bin.ts'), join(root, 'src', 'cli', 'launch', 'launcher.ts')];

const GLOBAL_NAMES = new Set(['globalThis', 'global', 'window', 'self', 'process', 'console', 'setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'require', 'eval', 'Function']);

/** What runs at module load in a top-level statement: statements, IIFEs, and references to globals outside function bodies. */
function loadTimeEffects(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const problems: string[] = [];
  const where = (node: ts.Node) => `${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;

  const visitLoadTime = (node: ts.Node): void => {
    if (ts.isTypeNode(node)) return;
    // A function's body runs when it is called, not when the module loads...
    if (ts.isFunctionLike(node)) return;
    // ...unless it is called right here.
    if (ts.isCallExpression(node)) {
      let callee: ts.Expression = node.expression;
      while (ts.isParenthesizedExpression(callee)) callee = callee.expression;
      if (ts.isFunctionExpression(callee) || ts.isArrowFunction(callee)) problems.push(`${where(node)}: an immediately invoked function runs at load time`);
    }
    const isName = (parent: ts.Node) => (ts.isPropertyAccessExpression(parent) || ts.isPropertyAssignment(parent)) && parent.name === node;
    if (ts.isIdentifier(node) && GLOBAL_NAMES.has(node.text) && !isName(node.parent)) problems.push(`${where(node)}: "${node.text}" is used at load time`);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) problems.push(`${where(node)}: an assignment runs at load time`);
    ts.forEachChild(node, visitLoadTime);
  };

  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) continue;
    if (ts.isFunctionDeclaration(statement)) continue;
    if (ts.isVariableStatement(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) {
      if (ts.isClassDeclaration(statement)) {
        for (const member of statement.members) {
          if (ts.isClassStaticBlockDeclaration(member)) problems.push(`${where(member)}: a static block runs at load time`);
          else if (ts.isPropertyDeclaration(member) && member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword) && member.initializer) visitLoadTime(member.initializer);
        }
        if (statement.heritageClauses) statement.heritageClauses.forEach(visitLoadTime);
      } else ts.forEachChild(statement, visitLoadTime);
      continue;
    }
    if (ts.isModuleDeclaration(statement)) {
      problems.push(`${where(statement)}: a module or global augmentation`);
      continue;
    }
    problems.push(`${where(statement)}: a ${ts.SyntaxKind[statement.kind]} runs at load time`);
  }
  return problems;
}

describe('"sideEffects": false is true of the code', () => {
  it('package.json declares it', () => {
    expect(manifest.sideEffects).toBe(false);
  });

  it('every top-level statement in src/ is a declaration: constants, caches, functions, classes, types', () => {
    const files = sourceFiles(join(root, 'src')).filter((file) => !EXECUTABLES.includes(file));
    expect(files.length).toBeGreaterThan(30);
    expect(files.flatMap(loadTimeEffects)).toEqual([]);
  });

  it('the check itself catches a module with a side effect', () => {
    const probe = join(mkdtempSync(join(tmpdir(), 'side-effects-')), 'probe.ts');
    writeFileSync(probe, "import { z } from 'zod';\nexport const a = z.string();\nprocess.on('exit', () => {});\n(() => { (globalThis as any).x = 1; })();\nconst b = globalThis.setTimeout;\nif (a) {}\n");
    const found = loadTimeEffects(probe);
    expect(found).toEqual([
      expect.stringMatching(/:3: a ExpressionStatement runs at load time$/),
      expect.stringMatching(/:4: a ExpressionStatement runs at load time$/),
      expect.stringMatching(/:5: "globalThis" is used at load time$/),
      expect.stringMatching(/:6: a IfStatement runs at load time$/),
    ]);
  });

  it('importing the library in a fresh process changes no global, listener, environment variable or timer', () => {
    // Dependencies are imported first: their own effects are theirs, not ours.
    const script = `
      const watched = { globalThis, Object, 'Object.prototype': Object.prototype, Array, 'Array.prototype': Array.prototype, 'Function.prototype': Function.prototype,
        'String.prototype': String.prototype, 'Number.prototype': Number.prototype, 'Promise.prototype': Promise.prototype, 'Error': Error, JSON, Math, Reflect, process };
      const snapshot = () => {
        const out = new Map();
        for (const [name, object] of Object.entries(watched)) for (const key of Reflect.ownKeys(object)) out.set(name + '.' + String(key), Object.getOwnPropertyDescriptor(object, key));
        for (const event of process.eventNames()) out.set('listeners:' + String(event), { value: process.listenerCount(event) });
        for (const key of Object.keys(process.env)) out.set('env:' + key, { value: process.env[key] });
        out.set('resources', { value: process.getActiveResourcesInfo().join(',') });
        out.set('stackTraceLimit', { value: Error.stackTraceLimit });
        return out;
      };
      for (const dependency of ['zod', 'decimal.js', 'yaml', 'json-rules-engine', 'commander']) await import(dependency);
      const before = snapshot();
      const library = await import('./src/index.ts');
      const after = snapshot();
      const same = (a, b) => a && b && Object.is(a.value, b.value) && a.get === b.get && a.set === b.set;
      const changes = [];
      for (const [key, descriptor] of after) if (!same(before.get(key), descriptor)) changes.push(key);
      for (const key of before.keys()) if (!after.has(key)) changes.push('removed ' + key);
      console.log(JSON.stringify({ exports: Object.keys(library).length, changes }));
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    const result = JSON.parse(out.trim().split('\n').at(-1)!) as { exports: number; changes: string[] };
    expect(result.exports).toBeGreaterThan(50);
    expect(result.changes).toEqual([]);
  });
});
