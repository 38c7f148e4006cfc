/**
 * Whole registers: streamed CSV and NDJSON rows give the findings evaluate()
 * gives for the same unitholders; bad rows are reported with their row and
 * line, counted and never dropped; the CLI's exit codes, output formats and
 * progress line.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { openRegularFileChunks } from '../../src/io/read-file.js';
import { SYNTHETIC_AS_OF, SYNTHETIC_SCHEME, syntheticRegister } from '../../scripts/bench-synthetic.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import {
  ComplianceInputError,
  evaluate,
  evaluateRegister,
  evaluateRegisterFile,
  fundSchema,
  loadPackFromObject,
  tn89Pack,
  type PackInput,
  type InvestorInput as Investor,
  type Finding,
  type FundInput,
  type RegisterFinding,
  type RegisterOptions,
  type RegisterSummary,
  type RowError,
} from '../../src/index.js';
import { asOfArb, fundArb } from './arbitraries.js';
import { REGISTER_FUND } from '../helpers/build.js';

const AS_OF = '2024-06-30';

const hnwFund = REGISTER_FUND;
const retailFund: FundInput = { ...hnwFund, id: 'RETAIL-R', declaredType: 'R', scheme: { investorRestriction: 'general', minimumFirstSubscription: '1000' } };

/** A house pack: a stricter high-net-worth threshold (overriding the notice's) and a unitholder rule of its own. */
const housePack = loadPackFromObject({
  meta: { ...tn89Pack().meta, id: 'house', title: { th: 'นโยบายภายใน', en: 'House policy' } },
  parameters: [
    { id: 'hnw-minimum-first-subscription', override: true, description: { th: 'เกณฑ์ภายใน', en: 'House threshold' }, type: 'money', values: [{ from: '2016-01-16', value: '1000000', citation: { clause: 1 } }] },
  ],
  messages: { foreign: { th: 'ผู้ลงทุนรายย่อยต่างประเทศ {category}', en: 'Foreign retail holder ({category})' } },
  rules: [
    {
      id: 'house.foreign-retail-holder',
      title: { th: 'ผู้ลงทุนรายย่อยต่างประเทศ', en: 'Foreign retail holder' },
      subject: 'unitholder',
      severity: 'warning',
      citation: { clause: 1 },
      appliesWhen: { fact: 'fund', path: '$.kind', operator: 'equal', value: 'mutual' },
      violationWhen: { all: [{ fact: 'unitholder', path: '$.domicile', operator: 'notEqual', value: 'TH' }, { fact: 'unitholder', path: '$.category', operator: 'equal', value: 'retail' }] },
      evidence: [{ name: 'category', fact: 'unitholder', path: '$.category', type: 'text' }],
      message: 'foreign',
    },
  ],
} as PackInput);

const HEADER = 'fund_id,investor_id,investor_type,category,domicile,assessed_on,first_subscription_date,first_subscription_amount,subscription_count,total_subscribed,subscriptions_without_prospectus';

interface Collected {
  summary: RegisterSummary;
  findings: RegisterFinding[];
  errors: RowError[];
}

async function run(scheme: unknown, format: 'csv' | 'ndjson', text: string | string[], options: Partial<RegisterOptions> = {}): Promise<Collected> {
  const findings: RegisterFinding[] = [];
  const errors: RowError[] = [];
  // One text is cut after its first line: the reader starts on text, and reads the lines after it from their bytes (CsvRecordReader.pushAscii).
  const chunks = Array.isArray(text) ? text : [text.slice(0, text.indexOf('\n') + 1), text.slice(text.indexOf('\n') + 1)];
  const summary = await evaluateRegister(scheme, { format, stream: Readable.from(chunks.map((c) => Buffer.from(c))) }, { asOf: AS_OF, onFinding: (f) => findings.push(f), onRowError: (e) => errors.push(e), ...options });
  return { summary, findings, errors };
}

/** Register rows for the unitholders of a scheme input, as a registrar would export them as of a date. */
function registerOf(input: { funds: FundInput[]; investors: { id: string; type: string; category?: string; domicile: string; assessedOn?: string }[] }, asOf: string) {
  const investors = new Map(input.investors.map((i) => [i.id, i]));
  const rows: Record<string, string | number>[] = [];
  for (const raw of input.funds) {
    const fund = fundSchema.parse(raw);
    for (const holder of fund.unitholders) {
      const investor = investors.get(holder.investorId)!;
      const held = holder.subscriptions.filter((s) => s.date <= asOf);
      // The first subscription; none held yet → the first one there is (the row is then "not yet holding").
      const pool = held.length > 0 ? held : holder.subscriptions;
      let first = pool[0]!;
      for (const s of pool) if (s.date < first.date) first = s;
      const total = held.reduce((sum, s) => sum + Math.round(Number(s.amount) * 1000), 0);
      rows.push({
        fund_id: fund.id,
        investor_id: investor.id,
        investor_type: investor.type,
        category: investor.category!,
        domicile: investor.domicile,
        assessed_on: investor.assessedOn ?? '',
        first_subscription_date: first.date,
        first_subscription_amount: first.amount,
        subscription_count: Math.max(held.length, 1),
        total_subscribed: held.length > 0 ? (total / 1000).toFixed(3) : first.amount,
        subscriptions_without_prospectus: held.filter((s) => s.prospectusDelivered === false).length,
      });
    }
  }
  return rows;
}

const toCsv = (rows: Record<string, string | number>[]) => [HEADER, ...rows.map((r) => HEADER.split(',').map((c) => String(r[c] ?? '')).join(','))].join('\n') + '\n';
const toNdjson = (rows: Record<string, string | number>[]) => rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).filter(([, v]) => v !== '')))).join('\n') + '\n';

/** A finding without what locates it in its file (the scheme's pointers vs the register's rows). */
const comparable = (f: Finding) => {
  const { fields: _fields, subject, ...rest } = f;
  const { pointer: _pointer, ...who } = subject;
  return { ...rest, subject: who };
};

describe('a register gives the findings evaluate() gives for the same unitholders', () => {
  it('for generated funds, holders and dates (CSV and NDJSON)', async () => {
    const investorArb = fc.record({ type: fc.constantFrom('individual', 'juristic'), category: fc.constantFrom('institutional', 'ultra-high-net-worth', 'high-net-worth', 'retail'), domicile: fc.constantFrom('TH', 'SG'), assessedOn: fc.option(fc.constantFrom('2016-01-16', '2020-02-29'), { nil: undefined }) });
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fundArb('F'), { minLength: 1, maxLength: 2 }), fc.array(investorArb, { minLength: 6, maxLength: 6 }), asOfArb, fc.boolean(), async (generated, people, asOfText, withHouse) => {
        const packs = withHouse ? [tn89Pack(), housePack] : [tn89Pack()];
        const asOf = asOfText.startsWith('BE') ? AS_OF : asOfText;
        // A register row states its first subscription; a scheme states the order of same-date subscriptions by sequence (in list order here, as registerOf reads them).
        const funds = generated.map((f, i) => ({ ...f, id: `F${i}`, unitholders: (f.unitholders ?? []).map((h) => ({ ...h, subscriptions: h.subscriptions.map((sub, n) => ({ ...sub, sequence: n })) })) }));
        const investors = people.map((p, i) => Object.fromEntries(Object.entries({ id: `I${i + 1}`, ...p }).filter(([, v]) => v !== undefined)) as unknown as Investor);
        const input = { funds, investors } as { funds: FundInput[]; investors: { id: string; type: string; category?: string; domicile: string; assessedOn?: string }[] };
        let report;
        try {
          report = await evaluate(input, { asOf, packs });
        } catch (error) {
          if (error instanceof ComplianceInputError) return; // not a valid scheme: nothing to compare
          throw error;
        }
        const rows = registerOf(input, asOf);
        const scheme = { funds: funds.map((f) => ({ ...f, unitholders: [] })) };
        const expected = report.findings.filter((f) => f.subject.kind === 'unitholder').map(comparable);
        for (const [format, text] of [['csv', toCsv(rows)], ['ndjson', toNdjson(rows)]] as const) {
          const got = await run(scheme, format, text, { asOf, packs });
          expect(got.errors).toEqual([]);
          // Findings stream out row by row; evaluate() lists them pack by pack: with several packs, compare as sets.
          const order = (list: unknown[]) => (withHouse ? [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) : list);
          expect(order(got.findings.map(({ type: _t, row: _r, line: _l, ...f }) => comparable(f)))).toStrictEqual(order(expected));
          expect(got.summary.rows.evaluated).toBe(report.funds.reduce((n, f) => n + (f.subjects.unitholder ?? 0), 0));
          expect(got.summary.rules).toStrictEqual(report.rules.filter((r) => r.subject === 'unitholder'));
          expect(got.summary.status === 'not-in-force').toBe(report.status === 'not-in-force');
        }
        compared++;
      }),
      { numRuns: 400 },
    );
    expect(compared).toBeGreaterThan(100);
  }, 120_000);

  it('judges each first subscription by the threshold in force on its date, as evaluate() does (before/on 16 Jan 2016, at the boundary, with an overriding pack)', async () => {
    const cases = [
      ['2016-01-15', '1000'],
      ['2016-01-15', '499999.99'],
      ['2016-01-16', '499999.99'],
      ['2016-01-16', '500000'],
      ['2016-01-16', '500000.00'],
      ['2020-01-10', '999999.99'],
      ['2020-01-10', '1000000'],
    ] as const;
    const investors = cases.map((_, i) => ({ id: `I${i + 1}`, type: 'individual', category: 'retail', domicile: 'SG' }));
    const unitholders = cases.map(([date, amount], i) => ({ investorId: `I${i + 1}`, subscriptions: [{ date, amount }] }));
    const rows = `${HEADER}\n${cases.map(([date, amount], i) => `HNW-B,I${i + 1},individual,retail,SG,,${date},${amount},1,,0`).join('\n')}\n`;
    const byHolder = (list: Finding[]) => list.map((f) => [f.subject.investorId, f.ruleId, f.packId, f.evidence.find((e) => e.name === 'threshold')?.value ?? null]);
    for (const packs of [[tn89Pack()], [tn89Pack(), housePack]]) {
      const report = await evaluate({ funds: [{ ...hnwFund, unitholders }], investors } as never, { asOf: AS_OF, packs });
      const expected = report.findings.filter((f) => f.subject.kind === 'unitholder');
      const got = await run({ funds: [hnwFund] }, 'csv', rows, { packs });
      expect(got.errors).toEqual([]);
      // Findings stream out row by row; evaluate() lists them pack by pack: compare as sets.
      const order = (list: unknown[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      expect(order(got.findings.map(({ type: _t, row: _r, line: _l, ...f }) => comparable(f)))).toStrictEqual(order(expected.map(comparable)));
      const house = packs.length > 1;
      expect(byHolder(got.findings.filter((f) => f.packId === 'tn-89-2558'))).toEqual([
        // Before the notice came into force: reported, never judged by it.
        ['I1', 'tn89.cl16.first-subscription-before-commencement', 'tn-89-2558', null],
        ['I2', 'tn89.cl16.first-subscription-before-commencement', 'tn-89-2558', null],
        ['I3', 'tn89.cl12.holder-outside-non-retail-fund-class', 'tn-89-2558', house ? '1000000' : '500000'],
        ...(house
          ? [
              ['I4', 'tn89.cl12.holder-outside-non-retail-fund-class', 'tn-89-2558', '1000000'],
              ['I5', 'tn89.cl12.holder-outside-non-retail-fund-class', 'tn-89-2558', '1000000'],
              ['I6', 'tn89.cl12.holder-outside-non-retail-fund-class', 'tn-89-2558', '1000000'],
            ]
          : []),
      ]);
    }
  });

  it('points each finding at its row and the column that decided it', async () => {
    const rows = `${HEADER}\nHNW-B,I1,individual,retail,TH,,2020-01-10,499999.99,2,1499999.99,0\nHNW-B,I2,individual,retail,TH,,2020-01-10,500000.00,1,500000.00,0\n`;
    const { findings, summary } = await run({ funds: [hnwFund, retailFund] }, 'csv', rows);
    expect(summary.rows).toEqual({ read: 2, evaluated: 2, notYetHolding: 0, bad: 0 });
    // One finding per breach: a retail holder below the threshold is outside the scheme's class (cl. 12 para 1 (5)), not also below its minimum.
    expect(findings.map((f) => [f.row, f.line, f.ruleId, f.subject.pointer, f.fields])).toEqual([
      [1, 2, 'tn89.cl12.holder-outside-non-retail-fund-class', 'rows[1]', ['rows[1].first_subscription_amount', 'rows[1].category']],
    ]);
    expect(findings[0]!.message.en).toContain('THB 499,999.99');
  });

  it('turns the findings a valid waiver covers into waived ones, as evaluate() does', async () => {
    // §10: a waiver for a fund offered in Thailand and abroad, not affecting Thai investors, with the host country's showing.
    const waived = { ...hnwFund, offering: { inThailand: true, abroad: true }, waivers: [{ reference: 'SEC-W-1', grantedOn: '2019-01-01', ruleIds: ['tn89.cl12.holder-outside-non-retail-fund-class'], affectsThaiInvestors: false, hostCountryShowing: 'letter' }] };
    // A holder abroad is covered; a holder domiciled in Thailand never is (cl. 10).
    const rows = `${HEADER}\nHNW-B,I1,individual,retail,SG,,2020-01-10,1000,1,,0\nHNW-B,I2,individual,retail,TH,,2020-01-10,1000,1,,0\n`;
    const { findings, summary } = await run({ funds: [waived] }, 'csv', rows);
    expect(findings.map((f) => [f.subject.investorId, f.ruleId, f.status])).toEqual([
      ['I1', 'tn89.cl12.holder-outside-non-retail-fund-class', 'waived'],
      ['I2', 'tn89.cl12.holder-outside-non-retail-fund-class', 'violation'],
    ]);
    expect(summary.findings).toMatchObject({ total: 2, violations: 1, waived: 1 });
    expect(findings[0]!.waiver).toEqual({ reference: 'SEC-W-1', pointer: 'funds[0].waivers[0]' });
    // The same as evaluate() gives for the same holders.
    const report = await evaluate(
      { funds: [{ ...waived, unitholders: [{ investorId: 'I1', subscriptions: [{ date: '2020-01-10', amount: '1000' }] }, { investorId: 'I2', subscriptions: [{ date: '2020-01-10', amount: '1000' }] }] }], investors: [{ id: 'I1', type: 'individual', category: 'retail', domicile: 'SG' }, { id: 'I2', type: 'individual', category: 'retail', domicile: 'TH' }] } as never,
      { asOf: AS_OF },
    );
    expect(findings.map(({ type: _t, row: _r, line: _l, ...f }) => comparable(f))).toStrictEqual(report.findings.filter((f) => f.subject.kind === 'unitholder').map(comparable));
    // An invalid waiver (the fund is not offered abroad) waives nothing, as in evaluate().
    const invalid = await run({ funds: [{ ...waived, offering: { inThailand: true, abroad: false } }] }, 'csv', rows);
    expect(invalid.findings.map((f) => f.status)).toEqual(['violation', 'violation']);
  });

  it('before the notice came into force, reports that and finds nothing', async () => {
    const { findings, summary } = await run({ funds: [hnwFund] }, 'csv', `${HEADER}\nHNW-B,I1,individual,retail,TH,,2010-01-10,1000,1,,0\n`, { asOf: '2015-12-31' });
    expect(findings).toEqual([]);
    expect(summary.status).toBe('not-in-force');
    expect(summary.notices[0]!.message.en).toMatch(/not yet in force on 31 Dec 2015/);
    expect(summary.rules.every((r) => r.outcome === 'not-in-force')).toBe(true);
  });
});

describe('bad rows', () => {
  const csv = [
    HEADER,
    'HNW-B,I1,individual,retail,TH,,2020-01-10,600000,1,,0',
    'HNW-B,I2,individual,retail,TH,,2020-13-01,600000,1,,0',
    'HNW-B,I3,individual,retail,TH,,2020-01-10,"600,000",1,,0',
    'HNW-B,I4,individual,retail',
    'NOPE,I5,individual,retail,TH,,2020-01-10,600000,1,,0',
    'HNW-B,"I6"x,individual,retail,TH,,2020-01-10,600000,1,,0',
    '',
    'HNW-B,I7,person,Retail,TH,,2020-01-10,-5,1,,0',
    'HNW-B,I8,individual,retail,TH,,2020-01-10,100,1,,0',
  ].join('\n') + '\n';

  it('are reported with their row, line and reason, counted, and the run goes on', async () => {
    const { summary, errors, findings } = await run({ funds: [hnwFund, retailFund] }, 'csv', csv);
    expect(summary.rows).toEqual({ read: 8, evaluated: 2, notYetHolding: 0, bad: 6 });
    expect(errors.map((e) => [e.row, e.line, e.issues.map((i) => i.field)])).toEqual([
      [2, 3, ['first_subscription_date']],
      [3, 4, ['first_subscription_amount']],
      [4, 5, ['(row)']],
      [5, 6, ['fund_id']],
      [6, 7, ['(row)']],
      [7, 9, ['investor_type', 'category', 'first_subscription_amount']],
    ]);
    expect(errors[0]!.issues[0]!.message).toBe('2020-13-01 is not a real calendar date');
    expect(errors[2]!.issues[0]!.message).toBe('4 fields, but the header has 11');
    expect(errors[3]!.issues[0]!.message).toMatch(/^no fund "NOPE" in the scheme file \(funds: HNW-B, RETAIL-R\)$/);
    expect(errors[0]).toMatchObject({ type: 'row-error', fundId: 'HNW-B', investorId: 'I2' });
    expect(summary.errors).toEqual(errors);
    // The rows after the bad ones were evaluated: I8 first subscribed 100 THB.
    expect(findings.map((f) => f.subject.investorId)).toContain('I8');
    expect(summary.complete).toBe(true);
  });

  it('stop the run after --max-errors, saying where', async () => {
    const { summary, errors } = await run({ funds: [hnwFund, retailFund] }, 'csv', csv, { maxErrors: 2 });
    expect(errors.map((e) => e.row)).toEqual([2, 3, 4]);
    expect(summary.complete).toBe(false);
    expect(summary.aborted).toEqual({ row: 4, line: 5, reason: 'more than 2 bad rows (--max-errors)' });
    expect(summary.rows.read).toBe(4);
  });

  it('in NDJSON: not JSON, not an object, unknown keys; camelCase keys are accepted', async () => {
    const text = [
      '{"fundId":"HNW-B","investorId":"I1","investorType":"individual","category":"retail","domicile":"TH","firstSubscriptionDate":"2020-01-10","firstSubscriptionAmount":100}',
      '',
      '{"fund_id":"HNW-B",',
      '[1,2]',
      '{"fund_id":"HNW-B","investor_id":"I3","investor_type":"individual","category":"retail","domicile":"TH","first_subscription_date":"2020-01-10","first_subscription_amount":"600000","nickname":"x"}',
    ].join('\r\n');
    const { summary, errors, findings } = await run({ funds: [hnwFund, retailFund] }, 'ndjson', text);
    expect(summary.rows).toMatchObject({ read: 4, evaluated: 1, bad: 3 });
    expect(errors.map((e) => [e.row, e.line, e.issues[0]!.field])).toEqual([
      [2, 3, '(row)'],
      [3, 4, '(row)'],
      [4, 5, 'nickname'],
    ]);
    expect(errors[0]!.issues[0]!.message).toMatch(/^not JSON: /);
    expect(findings.map((f) => f.ruleId)).toContain('tn89.cl12.holder-outside-non-retail-fund-class');
  });

  it('a bad CSV header is an input error listing every problem; an empty file too', async () => {
    await expect(run({ funds: [hnwFund] }, 'csv', 'investor_id,name\nI1,x\n')).rejects.toMatchObject({
      issues: [
        { pointer: 'header', message: expect.stringMatching(/^column 2 "name" is not a register column/) },
        { pointer: 'header', message: 'no investor_type column' },
        { pointer: 'header', message: 'no category column' },
        { pointer: 'header', message: 'no domicile column' },
        { pointer: 'header', message: 'no first_subscription_date column' },
        { pointer: 'header', message: 'no first_subscription_amount column' },
      ],
    });
    await expect(run({ funds: [hnwFund] }, 'csv', '')).rejects.toBeInstanceOf(ComplianceInputError);
    await expect(run({ funds: [hnwFund] }, 'csv', '\n\n')).rejects.toThrow(/the register is empty/);
  });

  it('a row whose first subscription is after the as-of date holds no units yet: counted, not evaluated', async () => {
    const { summary, findings } = await run({ funds: [hnwFund] }, 'csv', `${HEADER}\nHNW-B,I1,individual,retail,TH,,2024-07-01,1,1,,0\n`);
    expect(summary.rows).toEqual({ read: 1, evaluated: 0, notYetHolding: 1, bad: 0 });
    expect(summary.funds[0]).toMatchObject({ fundId: 'HNW-B', evaluated: 0, notYetHolding: 1 });
    expect(findings).toEqual([]);
  });
});

describe('output', () => {
  it('streams NDJSON with backpressure: every finding and bad row, then the summary', async () => {
    const lines: string[] = [];
    let buffered = 0;
    const slow: Writable = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, done) {
        buffered = Math.max(buffered, slow.writableLength);
        setTimeout(() => {
          lines.push(...chunk.toString().split('\n').filter(Boolean));
          done();
        }, 1);
      },
    });
    const rows = Array.from({ length: 3000 }, (_, i) => `HNW-B,I${i},individual,retail,TH,,2020-01-10,${i % 3 === 0 ? 'x' : 100 + i},1,,0`);
    const { summary } = await run({ funds: [hnwFund] }, 'csv', [`${HEADER}\n`, ...rows.map((r) => `${r}\n`)], { output: slow });
    // The run leaves the stream open (it is the caller's): ended here, it finishes once every write it took is done.
    await new Promise<void>((done) => slow.end(done));
    const records = lines.map((l) => JSON.parse(l) as { type: string });
    expect(records.at(-1)).toMatchObject({ type: 'summary', rows: { read: 3000, bad: 1000 } });
    expect(records.filter((r) => r.type === 'row-error')).toHaveLength(1000);
    expect(records.filter((r) => r.type === 'finding')).toHaveLength(summary.findings.total);
    // One finding per holder below the threshold (cl. 12 para 1 (5)).
    expect(summary.findings.total).toBe(2000);
    // The reader waited for the slow consumer: what waited in the stream stayed small.
    expect(buffered).toBeLessThan(256 * 1024);
  });
});

describe('findings written without being kept', () => {
  it('are the same NDJSON lines as when each finding is built whole (onFinding), for every rule of the synthetic register', async () => {
    const text = [...syntheticRegister(4000, 'csv', 7, 16 * 1024)];
    const ndjson = async (options: Partial<RegisterOptions>) => {
      let out = '';
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          out += chunk.toString();
          done();
        },
      });
      const summary = await evaluateRegister(SYNTHETIC_SCHEME, { format: 'csv', stream: Readable.from(text.map((c) => Buffer.from(c))) }, { asOf: SYNTHETIC_AS_OF, output: sink, ...options });
      return { lines: out.trim().split('\n').slice(0, -1), summary };
    };
    const kept: RegisterFinding[] = [];
    const whole = await ndjson({ onFinding: (f) => kept.push(f) });
    const lean = await ndjson({});
    expect(lean.lines).toEqual(whole.lines);
    expect(lean.lines).toHaveLength(kept.length);
    expect(new Set(kept.map((f) => f.ruleId)).size).toBeGreaterThanOrEqual(6);
    const { elapsedMs: _a, rowsPerSecond: _b, ...leanSummary } = lean.summary;
    const { elapsedMs: _c, rowsPerSecond: _d, ...wholeSummary } = whole.summary;
    expect(leanSummary).toEqual(wholeSummary);
  });
});

describe('a register file', () => {
  it('comes in chunks that are the file\'s bytes in order, and stopping early closes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfc-chunks-'));
    const bytes = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251));
    writeFileSync(join(dir, 'data.bin'), bytes);
    const { chunks, size } = openRegularFileChunks(join(dir, 'data.bin'), { chunkSize: 4096 });
    expect(size).toBe(bytes.length);
    const read: Buffer[] = [];
    // Each chunk is copied before the next is asked for (the buffers are reused).
    for await (const chunk of chunks) read.push(Buffer.from(chunk));
    expect(Buffer.concat(read).equals(bytes)).toBe(true);
    expect(read.length).toBe(Math.ceil(bytes.length / 4096));
    const early = openRegularFileChunks(join(dir, 'data.bin'), { chunkSize: 4096 }).chunks;
    for await (const chunk of early) {
      expect(chunk.length).toBe(4096);
      break;
    }
    early.close(); // closed already: nothing
  });

  it('is read chunk by chunk into one buffer with the findings, counts and errors of the same text given whole', async () => {
    // About 330 KB: five 64 KiB chunks, lines cut across them; a bad row and a quoted one among them.
    const rows = [...syntheticRegister(4000, 'csv', 11)].join('').split('\n');
    rows.splice(1500, 0, 'HNW-B,I-bad,individual,retail,TH,,2020-13-01,600000,1,,0', 'HNW-B,"I-quoted",individual,retail,TH,,2020-01-10,"600000.00",1,,0');
    const text = rows.join('\n');
    const dir = mkdtempSync(join(tmpdir(), 'tfc-register-file-'));
    writeFileSync(join(dir, 'register.csv'), text);
    const collect = () => {
      const got = { findings: [] as RegisterFinding[], errors: [] as RowError[] };
      return { got, options: { asOf: SYNTHETIC_AS_OF, onFinding: (f: RegisterFinding) => got.findings.push(f), onRowError: (e: RowError) => got.errors.push(e) } };
    };
    const fromFile = collect();
    const fileSummary = await evaluateRegisterFile(SYNTHETIC_SCHEME, join(dir, 'register.csv'), fromFile.options);
    const whole = collect();
    const wholeSummary = await evaluateRegister(SYNTHETIC_SCHEME, { format: 'csv', stream: Readable.from([text]) }, whole.options);
    expect(fromFile.got).toEqual(whole.got);
    expect(fromFile.got.errors.map((e) => e.row)).toEqual([1500]);
    const { elapsedMs: _a, rowsPerSecond: _b, ...fileRest } = fileSummary;
    const { elapsedMs: _c, rowsPerSecond: _d, ...wholeRest } = wholeSummary;
    expect(fileRest).toEqual(wholeRest);
    expect(fileSummary.rows.read).toBe(4002);
  });
});

describe('the register command', () => {
  function workspace(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'tfc-register-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  }
  async function cli(args: string[], cwd: string, tty = false) {
    let out = '';
    let err = '';
    const code = await main(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s), isTTY: tty }, cwd, env: {} });
    return { code, out, err };
  }
  const scheme = JSON.stringify({ funds: [hnwFund, retailFund] });
  const clean = `${HEADER}\nHNW-B,I1,individual,retail,TH,,2020-01-10,500000.00,1,,0\nRETAIL-R,I2,individual,retail,TH,,2020-01-10,1000,1,,0\n`;
  const breaking = `${HEADER}\nHNW-B,I1,individual,retail,TH,,2020-01-10,499999.99,1,,0\n`;

  it('exits 0 on a clean register, 1 on findings, and writes NDJSON ending in a summary', async () => {
    const dir = workspace({ 'scheme.json': scheme, 'clean.csv': clean, 'breaking.csv': breaking });
    const ok = await cli(['register', 'scheme.json', 'clean.csv', '--as-of', AS_OF], dir);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out.trim().split('\n').at(-1)!)).toMatchObject({ type: 'summary', status: 'no-findings', rows: { read: 2, evaluated: 2 } });
    const found = await cli(['register', 'scheme.json', 'breaking.csv', '--as-of', AS_OF], dir);
    expect(found.code).toBe(1);
    const lines = found.out.trim().split('\n').map((l) => JSON.parse(l) as { type: string; ruleId?: string; row?: number });
    expect(lines.map((l) => l.type)).toEqual(['finding', 'summary']);
    expect(lines[0]).toMatchObject({ ruleId: 'tn89.cl12.holder-outside-non-retail-fund-class', row: 1 });
    expect(found.err).toMatch(/register breaking\.csv as of 30 Jun 2024: 1 row in/);
  });

  it('--fail-on decides which findings fail; bad rows exit 2 whatever the findings', async () => {
    const dir = workspace({ 'scheme.json': scheme, 'breaking.csv': breaking, 'bad.csv': `${breaking}HNW-B,I2,individual,retail,TH,,2020-01-10,oops,1,,0\n` });
    expect((await cli(['register', 'scheme.json', 'breaking.csv', '--as-of', AS_OF, '--fail-on', 'revocation-ground'], dir)).code).toBe(0);
    expect((await cli(['register', 'scheme.json', 'breaking.csv', '--as-of', AS_OF, '--fail-on', 'order-ground'], dir)).code).toBe(1);
    const bad = await cli(['register', 'scheme.json', 'bad.csv', '--as-of', AS_OF], dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('bad.csv:3 (row 2, investor I2): first_subscription_amount: "oops" is not a plain decimal amount');
  });

  it('--max-errors stops the run and exits 2', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => `HNW-B,I${i},individual,retail,TH,,2020-01-10,bad,1,,0`).join('\n');
    const dir = workspace({ 'scheme.json': scheme, 'bad.csv': `${HEADER}\n${rows}\n` });
    const result = await cli(['register', 'scheme.json', 'bad.csv', '--as-of', AS_OF, '--max-errors', '3', '--format', 'summary'], dir);
    expect(result.code).toBe(2);
    expect(result.out).toMatch(/STOPPED at row 4: more than 3 bad rows \(--max-errors\)/);
    expect(result.out).toMatch(/bad rows 4/);
  });

  it('usage and input errors exit 2 with a reason', async () => {
    const dir = workspace({ 'scheme.json': scheme, 'clean.csv': clean, 'rows.txt': clean, 'badheader.csv': 'who,what\n', 'broken.json': '{"funds": [{"id": "X"}]}' });
    const cases: [string[], RegExp][] = [
      [['register', 'scheme.json', 'clean.csv', '--as-of', '2567-06-30'], /--as-of: year 2567 looks like a Buddhist Era year/],
      [['register', 'scheme.json', 'rows.txt', '--as-of', AS_OF], /cannot tell the format of rows\.txt/],
      [['register', 'scheme.json', 'missing.csv', '--as-of', AS_OF], /missing\.csv: cannot read/],
      [['register', 'scheme.json', 'clean.csv', '--as-of', AS_OF, '--max-errors', '-1'], /--max-errors: expected a whole number/],
      [['register', 'scheme.json', 'badheader.csv', '--as-of', AS_OF], /problems? in the register header:[\s\S]*badheader\.csv: header: column 1 "who" is not a register column/],
      [['register', 'broken.json', 'clean.csv', '--as-of', AS_OF], /problems? in the scheme file:[\s\S]*broken\.json/],
    ];
    for (const [args, message] of cases) {
      const result = await cli(args, dir);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.err, args.join(' ')).toMatch(message);
    }
    // --register-format names the format when the file name does not.
    expect((await cli(['register', 'scheme.json', 'rows.txt', '--as-of', AS_OF, '--register-format', 'csv'], dir)).code).toBe(0);
  });

  it('--format summary --output writes the summary to a file; the NDJSON output to a file says where', async () => {
    const dir = workspace({ 'scheme.json': scheme, 'breaking.csv': breaking });
    const summary = await cli(['register', 'scheme.json', 'breaking.csv', '--as-of', AS_OF, '--format', 'summary', '--output', 'summary.txt'], dir);
    expect(summary.code).toBe(1);
    expect(readFileSync(join(dir, 'summary.txt'), 'utf8')).toMatch(/rules \(rows evaluated \/ applicable \/ found\):[\s\S]*found +tn89\.cl12\.holder-outside-non-retail-fund-class/);
    const ndjson = await cli(['register', 'scheme.json', 'breaking.csv', '--as-of', AS_OF, '--output', 'findings.ndjson'], dir);
    expect(ndjson.out).toBe('wrote findings.ndjson: 1 row, 1 finding, 1 at or above violation, 0 bad rows\n');
    expect(readFileSync(join(dir, 'findings.ndjson'), 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('shows a progress line on a terminal only', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `HNW-B,I${i},individual,retail,TH,,2020-01-10,600000,1,,0`).join('\n');
    const dir = workspace({ 'scheme.json': scheme, 'big.csv': `${HEADER}\n${rows}\n` });
    const quiet = await cli(['register', 'scheme.json', 'big.csv', '--as-of', AS_OF], dir, false);
    expect(quiet.code).toBe(0);
    expect(quiet.err).not.toMatch(/\r|rows\/s ·|ETA/);
    const tty = await cli(['register', 'scheme.json', 'big.csv', '--as-of', AS_OF], dir, true);
    expect(tty.code).toBe(0);
    expect(tty.err).toMatch(/\r *\d+% \[[#.]+\] [\d,]+ rows · [\d,]+ rows\/s · ETA \d+s/);
    expect(tty.err).toMatch(/\r\u001b\[K/); // the line is cleared before the summary
  });

  it('--runner json-rules-engine gives the same NDJSON findings', async () => {
    const rows = [breaking.trim(), 'RETAIL-R,I2,individual,retail,TH,,2020-01-10,999.99,3,5000,1', 'HNW-B,I3,juristic,institutional,TH,2019-01-01,2020-01-10,100,1,,0'].join('\n');
    const dir = workspace({ 'scheme.json': scheme, 'rows.csv': `${rows}\n` });
    const strip = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l) as { type: string }).filter((l) => l.type !== 'summary');
    const compiled = await cli(['register', 'scheme.json', 'rows.csv', '--as-of', AS_OF], dir);
    const reference = await cli(['register', 'scheme.json', 'rows.csv', '--as-of', AS_OF, '--runner', 'json-rules-engine'], dir);
    expect(compiled.code).toBe(1);
    expect(reference.code).toBe(1);
    expect(strip(compiled.out).length).toBeGreaterThanOrEqual(4);
    expect(strip(reference.out)).toStrictEqual(strip(compiled.out));
  });

  it('gives the same NDJSON where code cannot be generated (no compiled record reader or rule code: the full path and the closures)', async () => {
    const dir = workspace({ 'scheme.json': JSON.stringify(SYNTHETIC_SCHEME), 'register.csv': [...syntheticRegister(3000, 'csv', 11, 16 * 1024)].join('') });
    const args = (scheme: string, register: string) => ['register', scheme, register, '--as-of', SYNTHETIC_AS_OF];
    const generated = await cli(args('scheme.json', 'register.csv'), dir);
    // Run from the repository (where tsx resolves), on the same files.
    const root = join(__dirname, '../..');
    const closures = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '--import', 'tsx', join(root, 'src/cli/bin.ts'), ...args(join(dir, 'scheme.json'), join(dir, 'register.csv'))], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(closures.stderr).toMatch(/3,000 rows in/);
    const lines = (out: string) => out.trim().split('\n').map((l) => {
      const { elapsedMs: _e, rowsPerSecond: _r, ...line } = JSON.parse(l) as Record<string, unknown>;
      return line;
    });
    expect(closures.status).toBe(generated.code);
    expect(lines(generated.out).length).toBeGreaterThan(20);
    expect(lines(closures.stdout)).toStrictEqual(lines(generated.out));
  });
});
