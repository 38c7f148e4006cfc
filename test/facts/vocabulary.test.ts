/**
 * The fact vocabulary (src/facts/catalog.ts) is the one description of the
 * facts rules read: each fact's schema matches what the engine derives, its
 * input pointers are fields of the input and the ones findings name, the
 * register reads each fact from the column it gives, the pack loader knows
 * exactly its fields, and rules/README.md's fact tables are written from it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { COLUMN_NAMES, parseRegisterRow, REGISTER_COLUMNS } from '../../src/batch/row.js';
import { rowOriginsTemplate } from '../../src/batch/findings.js';
import {
  deriveFundFacts,
  deriveSubjects,
  originOf,
  type AccountingPeriodFacts,
  type FundFacts,
  type FundManagerFacts,
  type InvestorRecord,
  type ObligationFacts,
  type OfficeOrderFacts,
  type RecordedGroundFacts,
  type SchemeAmendmentFacts,
  type Subject,
  type UnitholderFacts,
  type WaiverFacts,
} from '../../src/engine/facts.js';
import { investorCategory } from '../../src/engine/investor-category.js';
import { FACTS, fieldPaths, registerFactColumns } from '../../src/facts/catalog.js';
import { withFactTables } from '../../src/facts/markdown.js';
import { SUBJECT_KINDS } from '../../src/facts/subjects.js';
import { FACT_CATALOG } from '../../src/facts/vocabulary.js';
import { evaluationInputSchema, type EvaluationInput } from '../../src/model/input.js';
import { investorDefinitionsPack, tn89Pack } from '../../src/packs/built-in.js';
import { loadPackFromObject } from '../../src/packs/load.js';
import { PackError } from '../../src/model/errors.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const FIXTURES = join(ROOT, 'fixtures', 'funds');

function fixtureInputs(): { file: string; input: EvaluationInput }[] {
  return readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => ({ file: name, input: evaluationInputSchema.parse(parseYaml(readFileSync(join(FIXTURES, name), 'utf8'))) }));
}

/** Every subject of every fixture fund, as the engine derives them, with the fund's facts. */
function fixtureSubjects(asOf: string): { file: string; fund: FundFacts; subjects: Subject[] }[] {
  const definitions = investorDefinitionsPack();
  return fixtureInputs().flatMap(({ file, input }) => {
    const investors = new Map<string, InvestorRecord>();
    input.investors.forEach((investor, index) => {
      const decided = investorCategory(investor, definitions, ['investors', index], asOf);
      if (decided.ok) investors.set(investor.id, { investor, index, basis: decided.basis, categoryOn: decided.on });
    });
    return input.funds.map((fund, index) => ({ file, fund: deriveFundFacts(fund, asOf), subjects: [...deriveSubjects(fund, index, investors, asOf).values()].flat() }));
  });
}

// `funds[0].unitholders[2].subscriptions[0].amount` → `/funds/*/unitholders/*/subscriptions/*/amount`.
function pointerPattern(origin: string): string {
  return `/${origin.replace(/\[\d+\]/g, '.*').replace(/\./g, '/')}`;
}

/** The input schema's node at a pointer pattern, or undefined when the input has no such field. */
function inputNodeAt(pointer: string): unknown {
  type Node = { _zod: { def: Record<string, unknown> } };
  let node: Node | undefined = evaluationInputSchema as unknown as Node;
  for (const step of pointer.split('/').slice(1)) {
    for (;;) {
      const def: Record<string, unknown> = node!._zod.def;
      if (def['type'] === 'optional' || def['type'] === 'default' || def['type'] === 'nullable') node = def['innerType'] as never;
      else if (def['type'] === 'pipe') node = def['in'] as never;
      else break;
    }
    const def: Record<string, unknown> = node!._zod.def;
    if (step === '*') node = def['type'] === 'array' ? (def['element'] as never) : undefined;
    else node = def['type'] === 'object' ? (def['shape'] as Record<string, never>)[step] : undefined;
    if (!node) return undefined;
  }
  return node;
}

const SUBJECT_FACT = Object.entries(FACTS).filter(([, d]) => d.subjects !== 'all').map(([name]) => name);

describe('the fact vocabulary', () => {
  it('describes every fact and field in English and Thai, with where it comes from in the input', () => {
    for (const [name, definition] of Object.entries(FACTS)) {
      expect(definition.en.length, name).toBeGreaterThan(10);
      expect(definition.th, name).toMatch(/[\u0E00-\u0E7F]/);
      for (const [path, field] of fieldPaths(definition.fields)) {
        expect(field.en.length, `${name}.${path}`).toBeGreaterThan(3);
        expect(field.th, `${name}.${path}`).toMatch(/[\u0E00-\u0E7F]/);
        expect(field.from.length, `${name}.${path}`).toBeGreaterThan(0);
        for (const pointer of field.from) expect(inputNodeAt(pointer), `${name}.${path} from ${pointer}: not a field of the input`).toBeDefined();
      }
    }
  });

  it('is the catalogue the pack loader checks fact paths against', () => {
    expect(Object.keys(FACT_CATALOG)).toEqual(Object.keys(FACTS));
    for (const [name, definition] of Object.entries(FACTS)) {
      expect(FACT_CATALOG[name]!.subjects, name).toEqual(definition.subjects);
      expect(FACT_CATALOG[name]!.fields, name).toEqual(definition.fields ? Object.keys(definition.fields) : null);
    }
    // A pack reading every documented path of its subject's fact loads...
    const base = tn89Pack();
    const subjectOf = (fact: string) => (FACTS[fact as keyof typeof FACTS].subjects as readonly string[])[0]!;
    const packReading = (fact: string, path: string) =>
      loadPackFromObject({
        meta: { ...base.meta, id: 'vocabulary-check' },
        clauses: base.clauses.map((c) => structuredClone(c)),
        messages: { m: { th: 'ข้อความ', en: 'message' } },
        rules: [{ id: 'vocabulary-check.r', title: { th: 'ก', en: 'r' }, subject: subjectOf(fact), severity: 'info', citation: { clause: 1 }, message: 'm', violationWhen: { fact, path: `$.${path}`, operator: 'equal', value: 'x' } }],
      } as never);
    for (const fact of SUBJECT_FACT) {
      for (const [path] of fieldPaths(FACTS[fact as keyof typeof FACTS].fields)) expect(() => packReading(fact, path), `${fact}.${path}`).not.toThrow();
    }
    // ...and a misspelt one is refused, naming the vocabulary's fields.
    try {
      packReading('unitholder', 'firstSubscription.amunt');
      expect.unreachable('a misspelt field loads');
    } catch (error) {
      expect(error).toBeInstanceOf(PackError);
      expect((error as PackError).issues.map((i) => i.message).join('\n')).toContain('"unitholder.firstSubscription" has no field "amunt"; fields: date, amount, orderKnown');
    }
  });

  it('gives each fact the schema of the values the engine derives (fixtures, two as-of dates)', () => {
    let checked = 0;
    for (const asOf of ['2024-06-30', '2017-01-01']) {
      for (const { file, fund, subjects } of fixtureSubjects(asOf)) {
        const parsedFund = FACTS.fund.schema.safeParse(fund);
        expect(parsedFund.error?.issues, `${file}: fund`).toBeUndefined();
        for (const subject of subjects) {
          for (const [name, value] of Object.entries(subject.facts)) {
            const parsed = FACTS[name as keyof typeof FACTS].schema.safeParse(value);
            expect(parsed.error?.issues, `${file}: ${subject.identity.pointer} ${name}`).toBeUndefined();
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('names the input fields findings point to (the engine\'s origins are among each field\'s sources)', () => {
    const seen = new Set<string>();
    const mismatches = new Set<string>();
    for (const { file, subjects } of fixtureSubjects('2024-06-30')) {
      for (const subject of subjects) {
        const names = ['fund', ...Object.keys(subject.facts)];
        for (const name of names) {
          for (const [path, field] of fieldPaths(FACTS[name as keyof typeof FACTS].fields)) {
            const origin = originOf(subject, name, `$.${path}`);
            if (origin === undefined) continue;
            const pattern = pointerPattern(origin);
            if (inputNodeAt(pattern) === undefined) mismatches.add(`${name}.${path} points to ${pattern}, which is not a field of the input`);
            // The pointer is one of the field's sources, inside one, or the record that holds them (`offering` for `offering.abroadOnly`).
            const named = field.from.some((from) => pattern === from || pattern.startsWith(`${from}/`) || from.startsWith(`${pattern}/`));
            if (!named) mismatches.add(`${name}.${path} points to ${pattern}, not to ${field.from.join(' or ')} (${file})`.replace(/ \(.*\)$/, ''));
            seen.add(`${name}.${path}`);
          }
        }
      }
    }
    expect([...mismatches]).toEqual([]);
    // Every subject fact is exercised by the fixtures.
    for (const fact of SUBJECT_FACT) expect([...seen].some((p) => p.startsWith(`${fact}.`)), fact).toBe(true);
  });

  it('gives each subject kind the placeholders its subjects\' identities fill', () => {
    // What each identity field of a subject fills in a message (engine/messages.ts).
    const filledBy: Record<string, readonly string[]> = {
      fundId: ['fundId'],
      investorId: ['investorId'],
      period: ['periodStart', 'periodEnd'],
      orderId: ['orderId'],
      amendmentId: ['amendmentId'],
      fundManager: ['fundManager'],
      obligationId: ['obligationId'],
      waiverReference: ['waiverReference'],
      groundItem: ['groundItem'],
    };
    const kinds = new Set<string>();
    for (const { subjects } of fixtureSubjects('2024-06-30')) {
      for (const { identity } of subjects) {
        const filled = Object.keys(identity).flatMap((key) => filledBy[key] ?? []);
        expect(filled.sort(), identity.kind).toEqual([...SUBJECT_KINDS[identity.kind].placeholders].sort());
        kinds.add(identity.kind);
      }
    }
    expect([...kinds].sort()).toEqual(Object.keys(SUBJECT_KINDS).sort());
  });

  it('writes the subject and fact tables of rules/README.md (run `npm run facts-doc` after changing the vocabulary)', () => {
    const readme = readFileSync(join(ROOT, 'rules', 'README.md'), 'utf8');
    expect(withFactTables(readme)).toBe(readme);
  });
});

describe('the register columns', () => {
  it('each column but fund_id gives the unitholder facts the vocabulary says it gives', () => {
    const columns = registerFactColumns();
    expect(new Set(Object.values(columns))).toEqual(new Set(COLUMN_NAMES.filter((c) => c !== 'fund_id')));
    expect(REGISTER_COLUMNS.map((c) => c.column)).toEqual(COLUMN_NAMES);
    // One row with a distinct value in every column: each fact the vocabulary maps to a column holds that column's value.
    const cells: Record<string, string> = {
      fund_id: 'F1',
      investor_id: 'I-17',
      investor_type: 'juristic',
      category: 'high-net-worth',
      domicile: 'SG',
      assessed_on: '2019-01-02',
      first_subscription_date: '2019-05-12',
      first_subscription_amount: '500000',
      subscription_count: '4',
      total_subscribed: '1250000.5',
      subscriptions_without_prospectus: '2',
    };
    const parsed = parseRegisterRow(COLUMN_NAMES.map((c) => cells[c]));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    let compared = 0;
    for (const [path, field] of fieldPaths(FACTS.unitholder.fields)) {
      if (!field.column || field.type === 'object') continue;
      const value = path.split('.').reduce<unknown>((v, step) => (v as Record<string, unknown>)[step], parsed.row.facts);
      expect(String(value), path).toBe(cells[field.column]);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(10);
    expect(FACTS.unitholder.schema.safeParse(parsed.row.facts).error?.issues).toBeUndefined();
  });

  it('findings about a register row name the column of each fact', () => {
    const origins = rowOriginsTemplate({});
    expect(origins['unitholder.firstSubscription.amount']).toBe('rows[#].first_subscription_amount');
    expect(origins['unitholder.categoryAtFirstSubscription']).toBe('rows[#].category');
    for (const [path, column] of Object.entries(registerFactColumns())) expect(origins[path]).toBe(`rows[#].${column}`);
  });
});

describe('the vocabulary\'s schemas and the engine\'s fact types agree', () => {
  type Of<K extends keyof typeof FACTS> = z.infer<(typeof FACTS)[K]['schema']>;
  it('every value a schema accepts is a value of the engine\'s type, field for field', () => {
    expectTypeOf<Of<'fund'>>().toExtend<FundFacts>();
    expectTypeOf<keyof Of<'fund'>>().toEqualTypeOf<keyof FundFacts>();
    expectTypeOf<Of<'unitholder'>>().toExtend<UnitholderFacts>();
    expectTypeOf<keyof Of<'unitholder'>>().toEqualTypeOf<keyof UnitholderFacts>();
    expectTypeOf<Of<'period'>>().toExtend<AccountingPeriodFacts>();
    expectTypeOf<keyof Of<'period'>>().toEqualTypeOf<keyof AccountingPeriodFacts>();
    expectTypeOf<Of<'order'>>().toExtend<OfficeOrderFacts>();
    expectTypeOf<keyof Of<'order'>>().toEqualTypeOf<keyof OfficeOrderFacts>();
    expectTypeOf<Of<'amendment'>>().toExtend<SchemeAmendmentFacts>();
    expectTypeOf<keyof Of<'amendment'>>().toEqualTypeOf<keyof SchemeAmendmentFacts>();
    expectTypeOf<Of<'manager'>>().toExtend<FundManagerFacts>();
    expectTypeOf<keyof Of<'manager'>>().toEqualTypeOf<keyof FundManagerFacts>();
    expectTypeOf<Of<'obligation'>>().toExtend<ObligationFacts>();
    expectTypeOf<keyof Of<'obligation'>>().toEqualTypeOf<keyof ObligationFacts>();
    expectTypeOf<Of<'waiver'>>().toExtend<WaiverFacts>();
    expectTypeOf<keyof Of<'waiver'>>().toEqualTypeOf<keyof WaiverFacts>();
    expectTypeOf<Of<'ground'>>().toExtend<RecordedGroundFacts>();
    expectTypeOf<keyof Of<'ground'>>().toEqualTypeOf<keyof RecordedGroundFacts>();
    // The runtime half of the check is the fixture test above.
    expect(Object.keys(FACTS)).toContain('unitholder');
  });
});
