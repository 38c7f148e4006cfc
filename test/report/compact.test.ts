import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { evaluateRegister, tn89Pack, type CatalogRule, type DecidingCondition, type Evidence, type Finding, type RegisterFinding } from '../../src/index.js';
import { cli } from '../cli/helpers/cli.js';
import { SYNTHETIC_AS_OF, SYNTHETIC_SCHEME, syntheticRegister } from '../../scripts/bench-synthetic.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js') as new (options: object) => { compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown } };
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const root = join(__dirname, '..', '..');
const schema = (name: string) => ajv.compile(JSON.parse(readFileSync(join(root, 'schemas', name), 'utf8')));
const validFinding = schema('compact-finding.schema.json');
const validLine = schema('register-finding.schema.json');
const validCatalog = schema('rules-catalog.schema.json');

function expectValid(validate: ReturnType<typeof schema>, value: unknown, what: string): void {
  const ok = validate(value);
  expect(ok ? [] : validate.errors, what).toEqual([]);
}

/** The NDJSON lines a register run writes, and the findings it reports in-process. */
async function registerRun(findings?: 'compact' | 'full'): Promise<{ lines: Record<string, unknown>[]; bytes: number[]; records: RegisterFinding[] }> {
  const text = [...syntheticRegister(3000, 'csv')].join('');
  const written: string[] = [];
  const output = { write: (chunk: string) => (written.push(chunk), true), once: () => output };
  const records: RegisterFinding[] = [];
  await evaluateRegister(SYNTHETIC_SCHEME, { format: 'csv', stream: Readable.from([Buffer.from(text)]) }, { asOf: SYNTHETIC_AS_OF, output, onFinding: (f) => records.push(f), ...(findings ? { findings } : {}) });
  const raw = written.join('').split('\n').filter((l) => l.startsWith('{"type":"finding"'));
  return { lines: raw.map((l) => JSON.parse(l) as Record<string, unknown>), bytes: raw.map((l) => Buffer.byteLength(l) + 1), records };
}

/** A finding's evidence as the library builds it, from its compact values (in the catalog rule's order) and its rule in the catalog. */
function evidenceFrom(values: unknown[], packs: Record<string, string> | undefined, packId: string, rule: CatalogRule): Evidence[] {
  expect(values).toHaveLength(rule.evidence.length);
  return rule.evidence.map(({ name, type, source, label }, i) => ({
    name,
    ...(label ? { label } : {}),
    type,
    value: values[i],
    source,
    ...(source.startsWith('param:') ? { pack: packs?.[name] ?? packId } : {}),
  }) as Evidence);
}

/** A deciding condition as the library reports it, from its compact array: the value not written is the evidence's of the same source. */
function conditionFrom(condition: unknown, evidence: readonly Evidence[]): DecidingCondition {
  if (!Array.isArray(condition)) return condition as DecidingCondition;
  const [fact, path, operator, expected, result, ...actual] = condition as [string, string | null, string, unknown, boolean, ...unknown[]];
  const source = `${fact}${path ? path.slice(1) : ''}`;
  return { fact, ...(path ? { path } : {}), operator, actual: actual.length > 0 ? actual[0] : evidence.find((e) => e.source === source)!.value, expected, result };
}

/** As the finding is written in JSON, with a missing evidence value as null (the compact line's array needs a place for it). */
const asWritten = (evidence: readonly Evidence[]) => (JSON.parse(JSON.stringify(evidence)) as Evidence[]).map((e) => ({ ...e, value: e.value ?? null }));

describe('compact findings in the register NDJSON', async () => {
  const compact = await registerRun();
  const full = await registerRun('full');
  const catalog = JSON.parse((await cli(['rules', '--format', 'json'])).out) as { rules: CatalogRule[] };
  const ruleOf = (packId: unknown, id: unknown) => catalog.rules.find((r) => r.packId === packId && r.id === id)!;

  it('is the default, and every finding line matches schemas/register-finding.schema.json', () => {
    expect(compact.lines.length).toBeGreaterThan(20);
    for (const line of compact.lines) expectValid(validLine, line, `row ${String(line['row'])}`);
    expect(compact.lines.some((l) => 'title' in l || 'message' in l)).toBe(false);
  });

  it('loses nothing: with the rules catalog, each line gives back the finding the library reports', () => {
    expect(compact.lines).toHaveLength(compact.records.length);
    compact.lines.forEach((line, i) => {
      const finding = compact.records[i]!;
      const rule = ruleOf(line['packId'], line['ruleId']);
      expect(rule, String(line['ruleId'])).toBeDefined();
      expect(line).toMatchObject({ type: 'finding', row: finding.row, line: finding.line, severity: finding.severity, fields: finding.fields });
      expect(line['status'] ?? 'violation').toBe(finding.status);
      expect([line['fundId'], line['investorId'], finding.subject.kind]).toEqual([finding.subject.fundId, finding.subject.investorId, 'unitholder']);
      expect(finding.subject.pointer).toBe(`rows[${finding.row}]`);
      expect({ key: rule.citation.key, text: rule.citation.text, clauseText: rule.citation.clauseText, reading: rule.citation.reading }).toEqual({ key: finding.citation.text.en, text: finding.citation.text, clauseText: finding.citation.clauseText, reading: finding.citation.reading });
      expect(rule.title).toEqual(finding.title);
      const evidence = evidenceFrom(line['evidence'] as unknown[], line['evidencePacks'] as Record<string, string> | undefined, finding.packId, rule);
      expect(evidence).toEqual(asWritten(finding.evidence));
      expect((line['decidedBy'] as unknown[]).map((c) => conditionFrom(c, evidence))).toEqual(JSON.parse(JSON.stringify(finding.decidedBy)));
      if (finding.consequence) expect(rule.consequence?.citation.text).toEqual(finding.consequence.citation.text);
    });
  });

  it('--full-findings form: each line is the finding as the library reports it', () => {
    expect(full.lines).toEqual(JSON.parse(JSON.stringify(full.records)));
    expect(full.lines[0]).toHaveProperty('title');
  });

  it('keeps its keys in one order, so that two runs diff line by line', () => {
    const order = ['type', 'row', 'line', 'fundId', 'investorId', 'ruleId', 'packId', 'severity', 'status', 'fields', 'evidence', 'evidencePacks', 'decidedBy', 'waiver'];
    const inOrder = (keys: string[], expected: string[]) => expect(keys).toEqual(expected.filter((k) => keys.includes(k)));
    for (const line of compact.lines) inOrder(Object.keys(line), order);
    // The full form writes each evidence entry and deciding condition as the library builds them.
    const evidence = full.lines.flatMap((l) => l['evidence'] as Record<string, unknown>[]);
    const conditions = full.lines.flatMap((l) => l['decidedBy'] as Record<string, unknown>[]);
    expect(evidence.some((e) => 'pack' in e) && evidence.some((e) => 'label' in e) && conditions.some((c) => 'path' in c)).toBe(true);
    for (const entry of evidence) inOrder(Object.keys(entry), ['name', 'label', 'type', 'value', 'source', 'pack']);
    for (const condition of conditions) inOrder(Object.keys(condition), ['fact', 'path', 'params', 'operator', 'actual', 'expected', 'result']);
  });

  it('is a fraction of the full form: under a quarter of its size a finding on average', () => {
    // The absolute size target (bytes a finding) is a benchmark figure: `npm run bench:startup` measures and records it.
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(compact.bytes) * 4).toBeLessThan(mean(full.bytes));
  });
});

describe('compact findings in check --format json', () => {
  const args = ['check', join(root, 'fixtures/funds/14-revocation-grounds.yaml'), join(root, 'fixtures/funds/06-non-retail-ineligible-holders.yaml'), '--as-of', '2024-06-30', '--format', 'json'];

  it('writes compact findings with their location, and the rules catalog once', async () => {
    const r = await cli(args);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as { reports: { report: { findings: Record<string, unknown>[] }; locations: unknown[] }[]; rules: CatalogRule[] };
    expectValid(validCatalog, { rules: json.rules }, 'rules');
    expect(json.rules.map((x) => x.id)).toEqual(tn89Pack().rules.map((x) => x.id));
    const findings = json.reports.flatMap((x) => x.report.findings);
    expect(findings.length).toBeGreaterThan(3);
    for (const report of json.reports) {
      report.report.findings.forEach((finding, i) => {
        expectValid(validFinding, finding, String(finding['ruleId']));
        expect(finding['location']).toEqual(report.locations[i]);
        expect(json.rules.find((x) => x.id === finding['ruleId'])?.citation.key).toBe(finding['citation']);
      });
    }
  });

  it('--full-findings writes every finding with its title, citation words and message', async () => {
    const r = await cli([...args, '--full-findings']);
    const json = JSON.parse(r.out) as { reports: { report: { findings: Finding[] } }[]; rules: CatalogRule[] };
    const findings = json.reports.flatMap((x) => x.report.findings);
    expect(findings.length).toBeGreaterThan(3);
    for (const finding of findings) {
      expect(finding.citation.text.en).toBe(json.rules.find((x) => x.id === finding.ruleId)?.citation.key);
      expect(finding.message.en.length).toBeGreaterThan(0);
      expect(finding.title).toEqual(json.rules.find((x) => x.id === finding.ruleId)?.title);
    }
  });
});

describe('rules --format json', () => {
  it('matches schemas/rules-catalog.schema.json, with each rule’s message template and consequence', async () => {
    const json = JSON.parse((await cli(['rules', '--format', 'json'])).out) as { rules: CatalogRule[] };
    expectValid(validCatalog, json, 'rules --format json');
    const pack = tn89Pack();
    for (const rule of pack.rules) {
      const entry = json.rules.find((x) => x.id === rule.id)!;
      expect(entry.message).toEqual(pack.messages[rule.message]);
      expect(entry.consequence?.message).toEqual(rule.consequence ? pack.messages[rule.consequence.message] : undefined);
    }
  });
});
