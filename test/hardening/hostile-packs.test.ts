// Packs are data and cannot run code. Hostile packs — given as objects (with
// getters, proxies, functions, objects with toString/valueOf, jsonpath
// scripts, prototype keys) or as YAML files (code tags, alias bombs, deep
// nesting, bad bytes, huge files) — are refused with a PackError when they are
// loaded; valid packs that use tricky names evaluate normally. Before and
// after each, the global objects are snapshotted: nothing is changed, and no
// smuggled function ever runs.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { builtInRulesDirectory, evaluate, loadPackFromDirectory, loadPackFromObject, PackError, tn89Pack, type LoadedPack, type PackInput } from '../../src/index.js';
import { expectNoEffects, sentinel, settle, validInput } from './helpers.js';

type Mutable = Record<string, any>;

/** A valid pack of one fund rule; each test breaks a copy. */
function pack(): Mutable {
  return {
    meta: { id: 'house', version: '1.0.0', notice: { th: 'นโยบายบริษัท', en: 'House policy' }, title: { th: 'นโยบาย', en: 'House policy' }, announced: '2015-01-01', inForce: { from: '2015-01-01', citation: { clause: 1 } } },
    parameters: [{ id: 'limit', description: { th: 'วงเงิน', en: 'limit' }, type: 'money', values: [{ from: '2015-01-01', value: '1000000', citation: { clause: 1 } }] }],
    lookups: [{ id: 'company-group', description: { th: 'กลุ่ม', en: 'group of the management company' }, from: { fact: 'fund', path: '$.managementCompanyId' }, table: { C0000000021: 'big-five' }, citation: { clause: 1 } }],
    messages: { m: { th: 'กองทุน {fundId}', en: 'Fund {fundId}' } },
    rules: [
      {
        id: 'house.mutual',
        title: { th: 'กองทุนรวม', en: 'Mutual fund' },
        subject: 'fund',
        severity: 'info',
        citation: { clause: 1 },
        violationWhen: { fact: 'fund', path: '$.kind', operator: 'equal', value: 'mutual' },
        message: 'm',
      },
    ],
  };
}

const leaf = (p: Mutable) => p['rules'][0]['violationWhen'] as Mutable;

/** Loading must fail with a PackError whose issues match, with no effect on any global. */
async function refusedPack(load: () => unknown, message: RegExp): Promise<void> {
  await expectNoEffects(async () => {
    const { error, value } = await settle(load);
    expect(value, 'the pack loaded').toBeUndefined();
    expect(error).toBeInstanceOf(PackError);
    expect((error as PackError).issues.map((i) => `${i.file ?? ''}: ${i.pointer}: ${i.message}`).join('\n')).toMatch(message);
  });
}

describe('a pack object that would run code if read is refused unread', () => {
  it('a getter', async () => {
    const p = pack();
    Object.defineProperty(p['rules'][0], 'severity', { enumerable: true, get: () => (sentinel.trip('getter'), 'info') });
    await refusedPack(() => loadPackFromObject(p as PackInput), /rules\[0\]\.severity: a getter or setter is not accepted/);
  });

  it('a setter', async () => {
    const p = pack();
    Object.defineProperty(p['meta'], 'notes', { enumerable: true, set: () => sentinel.trip('setter') });
    await refusedPack(() => loadPackFromObject(p as PackInput), /meta\.notes: a getter or setter/);
  });

  it('a class instance with a getter on its prototype', async () => {
    class Sneaky {
      get rules() {
        sentinel.trip('inherited getter');
        return pack()['rules'];
      }
    }
    const p = Object.assign(new Sneaky(), { meta: pack()['meta'], messages: pack()['messages'] });
    await refusedPack(() => loadPackFromObject(p as unknown as PackInput), /\(root\): an object of another kind/);
  });

  it('a Proxy (no trap runs)', async () => {
    const handler: ProxyHandler<object> = {
      get: (t, k, r) => (sentinel.trip(`get ${String(k)}`), Reflect.get(t, k, r)),
      ownKeys: (t) => (sentinel.trip('ownKeys'), Reflect.ownKeys(t)),
      getOwnPropertyDescriptor: (t, k) => (sentinel.trip('getOwnPropertyDescriptor'), Reflect.getOwnPropertyDescriptor(t, k)),
      getPrototypeOf: (t) => (sentinel.trip('getPrototypeOf'), Reflect.getPrototypeOf(t)),
      has: (t, k) => (sentinel.trip('has'), Reflect.has(t, k)),
    };
    await refusedPack(() => loadPackFromObject(new Proxy(pack(), handler) as PackInput), /\(root\): a Proxy is not accepted/);
    const p = pack();
    p['rules'][0]['violationWhen'] = new Proxy(leaf(p), handler);
    await refusedPack(() => loadPackFromObject(p as PackInput), /rules\[0\]\.violationWhen: a Proxy/);
  });

  it.each([
    ['an operator', 'operator'],
    ['a value', 'value'],
    ['a path', 'path'],
    ['a fact', 'fact'],
  ])('a function as %s', async (_, field) => {
    const p = pack();
    leaf(p)[field] = () => sentinel.trip(`function ${field}`);
    await refusedPack(() => loadPackFromObject(p as PackInput), /rules\[0\]\.violationWhen/);
  });

  it('a condition value that is an object with toString, valueOf and Symbol.toPrimitive', async () => {
    const sneaky = {
      toString: () => (sentinel.trip('toString'), 'mutual'),
      valueOf: () => (sentinel.trip('valueOf'), 1),
      [Symbol.toPrimitive]: () => (sentinel.trip('toPrimitive'), 'mutual'),
    };
    const p = pack();
    leaf(p)['value'] = sneaky;
    await refusedPack(() => loadPackFromObject(p as PackInput), /rules\[0\]\.violationWhen/);
    const q = pack();
    leaf(q)['value'] = { fact: 'fund', path: '$.kind', toString: sneaky.toString };
    await refusedPack(() => loadPackFromObject(q as PackInput), /unknown field "toString"/);
  });

  it('function strings are only strings: an unknown operator or fact', async () => {
    const p = pack();
    leaf(p)['operator'] = "function () { globalThis.pwned = 1 }";
    await refusedPack(() => loadPackFromObject(p as PackInput), /unknown operator/);
    const q = pack();
    leaf(q)['fact'] = "(() => { globalThis.pwned = 1 })()";
    await refusedPack(() => loadPackFromObject(q as PackInput), /unknown fact/);
  });
});

describe('paths are plain steps: no jsonpath script, filter, wildcard or prototype step', () => {
  it.each([
    "$..[?(@.constructor.constructor('globalThis.pwned = 1')())]",
    "$[?(@.kind == 'mutual')]",
    '$[(@.length-1)]',
    "$..*",
    '$.*',
    "$['kind']",
    '$.scheme..minimumFirstSubscription',
    '$.offering[-1]',
    '$.offering[0:2]',
    '@.kind',
    'kind',
    '$. kind',
    '$.kind\n',
    '$.ĸind',
  ])('%j', async (path) => {
    const p = pack();
    leaf(p)['path'] = path;
    await refusedPack(() => loadPackFromObject(p as PackInput), /violationWhen\.path: (unsupported path syntax|a path starts with)/);
  });

  it.each(['$.__proto__', '$.constructor', '$.scheme.prototype', '$.kind.constructor.constructor'])('the step in %j', async (path) => {
    const p = pack();
    leaf(p)['path'] = path;
    await refusedPack(() => loadPackFromObject(p as PackInput), /the path step "(__proto__|constructor|prototype)" is not allowed/);
  });

  it('a path of more than 16 steps', async () => {
    const p = pack();
    leaf(p)['path'] = `$${'.a'.repeat(17)}`;
    await refusedPack(() => loadPackFromObject(p as PackInput), /at most 16 steps/);
  });

  it('the same rules apply to evidence and lookup paths', async () => {
    const p = pack();
    p['rules'][0]['evidence'] = [{ name: 'kind', fact: 'fund', path: "$..[?(@.x)]", type: 'text' }];
    await refusedPack(() => loadPackFromObject(p as PackInput), /evidence\[0\]\.path: unsupported path syntax/);
    const q = pack();
    q['lookups'][0]['from']['path'] = '$.constructor';
    await refusedPack(() => loadPackFromObject(q as PackInput), /lookups\[0\]\.from\.path: the path step "constructor"/);
  });
});

describe("names that are Object's own members are unknown names, not a crash", () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'])('the fact %j', async (fact) => {
    const p = pack();
    leaf(p)['fact'] = fact;
    await refusedPack(() => loadPackFromObject(p as PackInput), /unknown fact/);
  });

  it.each(['constructor', 'toString', 'eval', 'greaterThan', 'lessThanInclusive', 'startsWith'])('the operator %j', async (operator) => {
    const p = pack();
    leaf(p)['operator'] = operator;
    await refusedPack(() => loadPackFromObject(p as PackInput), /unknown operator/);
  });

  it('the message id "constructor"', async () => {
    const p = pack();
    p['rules'][0]['message'] = 'constructor';
    await refusedPack(() => loadPackFromObject(p as PackInput), /no message "constructor"/);
    const q = pack();
    q['rules'][0]['consequence'] = { message: 'constructor', citation: { clause: 1 } };
    await refusedPack(() => loadPackFromObject(q as PackInput), /no message "constructor"/);
  });

  it('a parameter or lookup id "constructor" or "__proto__"', async () => {
    for (const [fact, id] of [['param', 'constructor'], ['param', '__proto__'], ['lookup', 'constructor'], ['lookup', 'hasOwnProperty']] as const) {
      const p = pack();
      p['rules'][0]['violationWhen'] = { fact, params: { id }, operator: 'equal', value: 1 };
      await refusedPack(() => loadPackFromObject(p as PackInput), /no (parameter|lookup)/);
    }
  });

  it('json-rules-engine condition features the format does not have (shared conditions, priorities, object params)', async () => {
    for (const condition of [{ condition: 'shared' }, { ...leaf(pack()), priority: 99 }, { ...leaf(pack()), params: { id: { nested: true } } }, { all: [], name: 'x' }]) {
      const p = pack();
      p['rules'][0]['violationWhen'] = condition;
      await refusedPack(() => loadPackFromObject(p as PackInput), /violationWhen/);
    }
  });
});

describe('prototype keys and unbounded structures are refused at load', () => {
  it.each([
    ['meta', '{"constructor":{"prototype":{"polluted":true}}}', /meta\.constructor: the key "constructor" is not allowed/],
    ['messages', '{"m":{"th":"ก","en":"m"},"__proto__":{"polluted":true}}', /messages\.__proto__: the key "__proto__" is not allowed/],
    ['labels', '{"prototype":{"th":"ก","en":"x"}}', /labels\.prototype: the key "prototype" is not allowed/],
  ] as const)('in %s', async (part, json, message) => {
    const p = pack();
    p[part] = part === 'meta' ? { ...p['meta'], ...JSON.parse(json) } : JSON.parse(json);
    await refusedPack(() => loadPackFromObject(p as PackInput), message);
  });

  it('in a lookup table and in params', async () => {
    const p = pack();
    p['lookups'][0]['table'] = JSON.parse('{"C1":"a","__proto__":{"polluted":true}}');
    await refusedPack(() => loadPackFromObject(p as PackInput), /lookups\[0\]\.table\.__proto__/);
    const q = pack();
    q['rules'][0]['violationWhen'] = JSON.parse('{"fact":"param","params":{"id":"limit","constructor":1},"operator":"decimalAtLeast","value":1}');
    await refusedPack(() => loadPackFromObject(q as PackInput), /params\.constructor/);
  });

  it.each([65, 10_000])('conditions nested %i levels deep', async (levels) => {
    let condition: unknown = leaf(pack());
    for (let i = 0; i < levels; i++) condition = i % 2 ? { not: condition } : { all: [condition] };
    const p = pack();
    p['rules'][0]['violationWhen'] = condition;
    await refusedPack(() => loadPackFromObject(p as PackInput), /nested deeper than 64 levels/);
  });

  it('a rule with 150,000 malformed evidence items: a PackError listing the first ones, not a stack overflow', async () => {
    const p = pack();
    p['rules'][0]['evidence'] = Array.from({ length: 150_000 }, () => ({}));
    await expectNoEffects(async () => {
      const { error } = await settle(() => loadPackFromObject(p as PackInput));
      expect(error).toBeInstanceOf(PackError);
      expect((error as PackError).issues[0]!.pointer).toMatch(/^rules\[0\]\.evidence\[0\]\./);
      expect((error as PackError).message.length).toBeLessThan(100_000);
    });
  });
});

// ---------------------------------------------------------------------------
// Packs as YAML files.

function packCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-pack-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(builtInRulesDirectory(), 'tn-89-2558'), dir, { recursive: true });
  return dir;
}

const RULE = join('rules', 'cl3-no-fund-manager-appointed.yaml');

describe('a pack directory with hostile YAML is refused, naming the file', () => {
  it.each([
    ['a !!js/function tag', 'messages.yaml', (t: string) => `${t}  pwned: !!js/function "function () { globalThis.pwned = 1 }"\n`, /messages\.yaml.*Unresolved tag: tag:yaml\.org,2002:js\/function/],
    ['a !!js/regexp tag', RULE, (t: string) => t.replace('severity:', 'description: !!js/regexp /x/\nseverity:'), /Unresolved tag: tag:yaml\.org,2002:js\/regexp/],
    ['a !!js/undefined tag', RULE, (t: string) => t.replace('severity:', 'description: !!js/undefined x\nseverity:'), /Unresolved tag/],
    ['a local tag', RULE, (t: string) => t.replace('severity:', 'description: !python/object:os.system x\nseverity:'), /Unresolved tag/],
    ['a !!binary value', 'messages.yaml', (t: string) => `${t}  blob: !!binary aGVsbG8=\n`, /Unresolved tag: tag:yaml\.org,2002:binary/],
    ['a !!timestamp value', 'pack.yaml', (t: string) => t.replace(/announced: .*/, 'announced: !!timestamp 2015-12-23'), /Unresolved tag: tag:yaml\.org,2002:timestamp/],
    ['a !!set value', 'pack.yaml', (t: string) => `${t}\nnotes: !!set { a, b }\n`, /Unresolved tag: tag:yaml\.org,2002:set/],
    ['a billion-laughs alias bomb', RULE, () => `a: &a ["l","l","l","l","l","l","l","l","l"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n`, /Excessive alias count/],
    ['10,000 levels of nesting', 'clauses.yaml', () => `${'['.repeat(10_000)}${']'.repeat(10_000)}`, /clauses\.yaml.*YAML: /],
    ['a constructor key', RULE, (t: string) => `${t}constructor:\n  prototype:\n    polluted: true\n`, /the key "constructor" is not allowed/],
  ])('%s', async (_, file, edit, message) => {
    const dir = packCopy();
    const path = join(dir, file);
    writeFileSync(path, edit(readFileSync(path, 'utf8')));
    await refusedPack(() => loadPackFromDirectory(dir), message);
  });

  it('bytes that are not UTF-8', async () => {
    const dir = packCopy();
    const path = join(dir, 'messages.yaml');
    writeFileSync(path, Buffer.concat([readFileSync(path), Buffer.from('  bad:\n    th: "'), Buffer.from([0xe0, 0xb8]), Buffer.from('"\n    en: x\n')]));
    await refusedPack(() => loadPackFromDirectory(dir), /messages\.yaml.*not UTF-8/s);
  });

  it('a file larger than 10 MB, refused before it is parsed', async () => {
    const dir = packCopy();
    writeFileSync(join(dir, 'parameters.yaml'), `# ${'x'.repeat(11 * 1024 * 1024)}\n`);
    await refusedPack(() => loadPackFromDirectory(dir), /larger than 10 MB/);
  });
});

// ---------------------------------------------------------------------------
// Valid packs with tricky names evaluate normally and change nothing.

describe('evaluating packs changes no global object', () => {
  it('the built-in pack, over a fund with findings', async () => {
    await expectNoEffects(async () => {
      const report = await evaluate(validInput(), { asOf: '2024-06-30', packs: [tn89Pack()] });
      expect(report.findings.length).toBeGreaterThan(0);
    });
  });

  it("evidence named after Object's members, in the message", async () => {
    const p = pack();
    p['messages'] = { m: { th: '{constructor} {toString} {valueOf}', en: '{constructor} {toString} {valueOf}' } };
    p['rules'][0]['evidence'] = [
      { name: 'constructor', fact: 'fund', path: '$.kind', type: 'text' },
      { name: 'toString', fact: 'fund', path: '$.id', type: 'text' },
      { name: 'valueOf', fact: 'param', params: { id: 'limit' }, type: 'money' },
    ];
    await expectNoEffects(async () => {
      const loaded = loadPackFromObject(p as PackInput);
      const report = await evaluate(validInput(), { asOf: '2024-06-30', packs: [loaded] });
      expect(report.findings.map((f) => f.message.en)).toEqual(['mutual M0042_2561 THB 1,000,000.00']);
    });
  });

  it("a lookup keyed by input text that names Object's members finds nothing", async () => {
    const p = pack();
    p['rules'][0]['violationWhen'] = { fact: 'lookup', params: { id: 'company-group' }, operator: 'equal', value: null };
    const loaded = loadPackFromObject(p as PackInput);
    for (const company of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'C0000000021']) {
      const input = validInput();
      input.funds[0]!['managementCompany'] = { id: company };
      await expectNoEffects(async () => {
        const report = await evaluate(input, { asOf: '2024-06-30', packs: [loaded] });
        expect(report.findings.length, company).toBe(company === 'C0000000021' ? 0 : 1);
      });
    }
  });

  it('a forged "loaded" pack (frozen, with a source) that skips validation still cannot run a jsonpath script', async () => {
    const { source, ...valid } = loadPackFromObject(pack() as PackInput);
    const data = structuredClone(valid) as Mutable;
    leaf(data)['path'] = "$..[?(@.constructor.constructor('globalThis.pwned = 1')())]";
    const forged = Object.freeze({ ...data, source: `${source} (forged)` }) as unknown as LoadedPack;
    await expectNoEffects(async () => {
      await expect(evaluate(validInput(), { asOf: '2024-06-30', packs: [forged] })).rejects.toThrow(/Invalid fact path/);
    });
    expect((globalThis as Record<string, unknown>)['pwned']).toBeUndefined();
  });
});
