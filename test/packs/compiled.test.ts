import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInRulesDirectory, loadPackFromDirectory } from '../../src/index.js';
import { compileBuiltInPacks, compilePack } from '../../src/packs/compile-built-in.js';
import { packSourceDigest, readCompiledPack } from '../../src/packs/compiled.js';

const rules = builtInRulesDirectory();
const BUILT_IN = ['sec-investor-definitions', 'tn-89-2558'];

/** The packs as the build writes them, into a fresh directory. */
function compiledInto(): string {
  const out = mkdtempSync(join(tmpdir(), 'compiled-packs-'));
  compileBuiltInPacks(rules, out);
  return out;
}

describe('built-in packs compiled at build time', () => {
  const out = compiledInto();

  it('compiles every built-in pack of rules/ and nothing else', () => {
    for (const name of BUILT_IN) expect(existsSync(join(out, `${name}.json`)), name).toBe(true);
  });

  it.each(BUILT_IN)('%s: the compiled pack is the pack the YAML loader returns, frozen', (name) => {
    const fromYaml = loadPackFromDirectory(join(rules, name));
    const compiled = readCompiledPack(name, join(rules, name), out);
    expect(compiled).toBeDefined();
    expect(compiled).toStrictEqual(fromYaml);
    expect(Object.isFrozen(compiled!.rules[0] ?? compiled!.meta)).toBe(true);
    expect(Object.isFrozen(compiled!.meta.inForce)).toBe(true);
  });

  it('records the digest of the YAML it was validated from', () => {
    const file = JSON.parse(readFileSync(join(out, 'tn-89-2558.json'), 'utf8'));
    expect(file.sourceDigest).toBe(packSourceDigest(join(rules, 'tn-89-2558')));
    expect(file.sourceDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is not used once the YAML changes: an edited rule file is loaded from the YAML, never the stale build', () => {
    const copy = mkdtempSync(join(tmpdir(), 'edited-pack-'));
    cpSync(join(rules, 'tn-89-2558'), copy, { recursive: true });
    expect(readCompiledPack('tn-89-2558', copy, out)).toBeDefined();
    const pack = join(copy, 'pack.yaml');
    writeFileSync(pack, `${readFileSync(pack, 'utf8')}\n# edited after the build\n`);
    expect(readCompiledPack('tn-89-2558', copy, out)).toBeUndefined();
  });

  it('is not used when it is missing, of another format or of another pack', () => {
    const dir = join(rules, 'tn-89-2558');
    expect(readCompiledPack('tn-89-2558', dir, mkdtempSync(join(tmpdir(), 'no-packs-')))).toBeUndefined();
    const other = mkdtempSync(join(tmpdir(), 'odd-packs-'));
    const file = compilePack(rules, 'tn-89-2558');
    writeFileSync(join(other, 'tn-89-2558.json'), JSON.stringify({ ...file, format: 2 }));
    expect(readCompiledPack('tn-89-2558', dir, other)).toBeUndefined();
    writeFileSync(join(other, 'tn-89-2558.json'), JSON.stringify({ ...file, name: 'sec-investor-definitions' }));
    expect(readCompiledPack('tn-89-2558', dir, other)).toBeUndefined();
    writeFileSync(join(other, 'tn-89-2558.json'), '{ not json');
    expect(readCompiledPack('tn-89-2558', dir, other)).toBeUndefined();
  });
});
