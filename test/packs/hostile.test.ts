import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInRulesDirectory, ComplianceInputError, evaluate, loadPackFromDirectory, loadPackFromObject, PackError, tn89Pack } from '../../src/index.js';

function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
  cpSync(join(builtInRulesDirectory(), 'tn-89-2558'), dir, { recursive: true });
  return dir;
}

describe('a hostile pack', () => {
  it('cannot smuggle __proto__, constructor or prototype keys in', () => {
    const dir = copy();
    const file = join(dir, 'messages.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}  __proto__:\n    th: x\n    en: polluted\n`);
    expect(() => loadPackFromDirectory(dir)).toThrow(/labels\.__proto__: the key "__proto__" is not allowed/);
    expect(({} as Record<string, unknown>)['en']).toBeUndefined();
    const object = JSON.parse('{"meta":{"constructor":{"prototype":{"polluted":true}}}}');
    expect(() => loadPackFromObject(object)).toThrow(PackError);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('cannot run code through a jsonpath script or a function string', () => {
    const dir = copy();
    const file = join(dir, 'rules', 'cl3-no-fund-manager-appointed.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('path: $.fundManagerCount', 'path: "$..[?(@.constructor.constructor(\'globalThis.pwned=1\')())]"'));
    expect(() => loadPackFromDirectory(dir)).toThrow(/unsupported path syntax/);
    expect((globalThis as Record<string, unknown>)['pwned']).toBeUndefined();
  });

  it('cannot nest conditions without bound', () => {
    let condition: unknown = { fact: 'fund', path: '$.kind', operator: 'equal', value: 'mutual' };
    for (let i = 0; i < 200; i++) condition = { not: condition };
    const pack = { meta: { ...tn89Pack().meta, id: 'deep' }, messages: { m: { th: 'ก', en: 'm' } }, rules: [{ id: 'deep.rule', title: { th: 'ก', en: 'a' }, subject: 'fund', severity: 'info', citation: { clause: 1 }, violationWhen: condition, message: 'm' }] };
    expect(() => loadPackFromObject(pack as never)).toThrow(/nested deeper than 64 levels/);
  });
});

describe('hostile input', () => {
  it('is refused with the path of the bad key', async () => {
    const input = JSON.parse('{"funds":[{"__proto__":{"isAdmin":true}}]}');
    await expect(evaluate(input, { asOf: '2024-06-30' })).rejects.toMatchObject({ issues: [{ pointer: 'funds[0].__proto__' }] });
    await expect(evaluate(input, { asOf: '2024-06-30' })).rejects.toBeInstanceOf(ComplianceInputError);
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
  });
});
