import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInRulesDirectory, loadPackFromDirectory, loadPackFromObject, PackError, tn89Pack } from '../../src/index.js';
import { jsonSchemas } from '../../src/authoring/json-schema.js';

function copyOfBuiltInPack(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pack-'));
  cpSync(join(builtInRulesDirectory(), 'tn-89-2558'), dir, { recursive: true });
  return dir;
}

function packErrorOf(fn: () => unknown): PackError {
  try {
    fn();
  } catch (error) {
    if (error instanceof PackError) return error;
    throw error;
  }
  throw new Error('expected a PackError');
}

describe('the TorNor. 89/2558 pack', () => {
  const pack = tn89Pack();

  it('loads with its metadata, 16 clauses, dated parameters and rules', () => {
    expect(pack.meta.notice).toEqual({ th: 'ทน. 89/2558', en: 'TorNor. 89/2558' });
    expect(pack.meta.inForce.from).toBe('2016-01-16');
    expect(pack.meta.announced).toBe('2015-12-17');
    expect(pack.clauses.map((c) => c.clause)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    expect(pack.rules.length).toBeGreaterThanOrEqual(20);
  });

  it('keeps the 500,000 THB threshold as a dated parameter citing the definition of a high-net-worth investor', () => {
    const threshold = pack.parameters.find((p) => p.id === 'hnw-minimum-first-subscription');
    expect(threshold?.values).toEqual([{ from: '2016-01-16', value: '500000', citation: { clause: 1, term: 'ผู้มีเงินลงทุนสูง' } }]);
  });

  it('quotes every clause verbatim from the official Thai text', () => {
    const official = readFileSync(join(__dirname, '../../fixtures/notice/tn-89-2558.th.txt'), 'utf8').replace(/\s+/g, ' ');
    for (const clause of pack.clauses) {
      for (const text of [clause.text, ...clause.parts.map((p) => p.text)]) {
        // Clause numbers and item markers are carried by the structure, not the text.
        expect(official.includes(text.replace(/\s+/g, ' ')), `clause ${clause.clause}: ${text.slice(0, 40)}`).toBe(true);
      }
    }
  });

  it('is frozen, so no evaluation can change it', () => {
    expect(Object.isFrozen(pack.rules[0])).toBe(true);
  });

  it('cites a clause with every rule, and every clause a rule cites exists', () => {
    for (const rule of pack.rules) {
      expect(rule.citation.clause, rule.id).toBeDefined();
      expect(pack.clauses.some((c) => c.clause === rule.citation.clause), rule.id).toBe(true);
    }
  });
});

describe('an invalid pack', () => {
  it('is an error naming the file, the path and the problem', () => {
    const dir = copyOfBuiltInPack();
    const file = join(dir, 'rules', 'cl1-declared-type-mismatch.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('severity: violation', 'severity: catastrophic'));
    const error = packErrorOf(() => loadPackFromDirectory(dir));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ pointer: 'severity', file: expect.stringContaining('cl1-declared-type-mismatch.yaml') });
    expect(error.message).toContain('cl1-declared-type-mismatch.yaml: severity');
  });

  it('fails at load on an unknown fact, field, operator, parameter or message — not silently at run time', () => {
    const dir = copyOfBuiltInPack();
    const file = join(dir, 'rules', 'cl12-holder-outside-non-retail-fund-class.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace('path: $.firstSubscription.amount\n      operator: decimalLessThan\n      value: { fact: param, params: { id: hnw-minimum-first-subscription } }\n    - { fact: unitholder', 'path: $.firstSubscriptionn.amount\n      operator: lessThan\n      value: { fact: param, params: { id: hnw-minimum-first-subscription } }\n    - { fact: unitholder')
        .replace('id: hnw-minimum-first-subscription } }\n    - { fact: unitholder', 'id: hnw-threshold } }\n    - { fact: unitholder')
        .replace('message: holder-outside-non-retail-fund-class', 'message: no-such-message')
        .replace('fact: fund, path: $.kind', 'fact: fnud, path: $.kind'),
    );
    const error = packErrorOf(() => loadPackFromDirectory(dir));
    const messages = error.issues.map((i) => `${i.pointer}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^appliesWhen\.all\[0\]\.fact: unknown fact "fnud"/),
        expect.stringMatching(/^violationWhen\.all\[0\]\.path: .*no field "firstSubscriptionn"/),
        expect.stringMatching(/^violationWhen\.all\[0\]\.operator: unknown operator "lessThan"/),
        expect.stringMatching(/^violationWhen\.all\[0\]\.value\.params\.id: no parameter "hnw-threshold"/),
        expect.stringMatching(/^message: no message "no-such-message"/),
      ]),
    );
  });

  it('refuses a path that could reach the prototype or evaluate a script', () => {
    const dir = copyOfBuiltInPack();
    const file = join(dir, 'rules', 'cl12-x-fund-holder-not-institutional-or-uhnw.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('path: $.categoryAtFirstSubscription\n', 'path: $..[?(@.constructor)]\n'));
    expect(packErrorOf(() => loadPackFromDirectory(dir)).issues[0]?.message).toMatch(/unsupported path syntax/);
    writeFileSync(file, readFileSync(file, 'utf8').replace('path: $..[?(@.constructor)]', 'path: $.__proto__'));
    expect(packErrorOf(() => loadPackFromDirectory(dir)).issues[0]?.message).toMatch(/not allowed/);
  });

  it('refuses overlapping dated values of a parameter', () => {
    const pack = tn89Pack();
    const object = structuredClone({ ...pack, source: undefined }) as Record<string, unknown> & { parameters: { id: string; values: unknown[] }[] };
    delete object['source'];
    const threshold = object.parameters.find((p) => p.id === 'hnw-minimum-first-subscription')!;
    threshold.values.push({ from: '2020-01-01', value: '1000000', citation: { clause: 1, term: 'ผู้มีเงินลงทุนสูง' } });
    const error = packErrorOf(() => loadPackFromObject(object as never));
    expect(error.issues[0]?.message).toMatch(/overlap/);
  });

  it('refuses a message that uses a placeholder the rule has no evidence for', () => {
    const dir = copyOfBuiltInPack();
    const file = join(dir, 'messages.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('was below the {threshold} in force that day', 'was below the {thresholdd} in force that day'));
    expect(packErrorOf(() => loadPackFromDirectory(dir)).issues[0]?.message).toMatch(/\{thresholdd\}/);
  });
});

describe('the JSON Schemas in schemas/', () => {
  it('are the ones generated from the zod schemas (run `npm run schemas` after changing a schema)', () => {
    for (const [name, schema] of Object.entries(jsonSchemas())) {
      const committed = JSON.parse(readFileSync(join(__dirname, '../../schemas', name), 'utf8'));
      expect(committed, name).toEqual(JSON.parse(JSON.stringify(schema)));
    }
  });
});
