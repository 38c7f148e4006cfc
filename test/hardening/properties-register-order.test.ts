// Property tests of the register and order entry points: whatever text a
// register holds and however it is cut into chunks, `evaluateRegister`
// resolves with a summary whose row counts add up (every row read is
// evaluated, not yet holding, or reported bad with its line) or rejects with a
// ComplianceInputError (a bad header) — never another exception, and the same
// answer for every chunking. Whatever an order holds, `checkOrder` answers
// with a decision or a ComplianceInputError naming order fields, and
// `safeCheckOrder` never throws.
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ComplianceInputError, checkOrder, evaluateRegister, prepareFund, safeCheckOrder, type FundInput, type InvestorInput, type OrderInput, type RegisterSummary, type RowError } from '../../src/index.js';
import { REGISTER_FUND } from '../helpers/build.js';

const AS_OF = '2024-06-30';
const FUND = REGISTER_FUND;
const COLUMNS = ['fund_id', 'investor_id', 'investor_type', 'category', 'domicile', 'assessed_on', 'first_subscription_date', 'first_subscription_amount'];

/** Cells that are valid, near-valid or hostile for each column. */
const cellArb = (column: string): fc.Arbitrary<string> => {
  const valid: Record<string, string[]> = {
    fund_id: ['HNW-B'],
    investor_id: ['I1', 'I2', 'ก1'],
    investor_type: ['individual', 'juristic'],
    category: ['retail', 'high-net-worth', 'institutional', 'ultra-high-net-worth'],
    domicile: ['TH', 'SG'],
    assessed_on: ['', '2019-01-01', 'BE 2562-01-01'],
    first_subscription_date: ['2020-01-10', 'BE 2563-01-10', '2024-07-01'],
    first_subscription_amount: ['100', '500000', '499999.99', '1000000'],
  };
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...valid[column]!) },
    { weight: 1, arbitrary: fc.constantFrom('', 'x', '2400-01-01', 'BE 2943-01-01', '1e6', '-1', '"', '""', 'NaN', '\u0000', 'BE 9999-99-99') },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  );
};

const csvCell = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
const rowArb = fc.tuple(...COLUMNS.map(cellArb)).map((cells) => cells.map(csvCell).join(','));
const registerArb = fc.record({
  rows: fc.array(fc.oneof({ weight: 8, arbitrary: rowArb }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) }), { maxLength: 12 }),
  crlf: fc.boolean(),
  finalBreak: fc.boolean(),
});

const cutsArb = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 });

function chunks(text: string, at: readonly number[]): Buffer[] {
  const bytes = Buffer.from(text);
  const points = [...new Set(at.map((f) => Math.floor(f * bytes.length)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let start = 0;
  for (const p of points) {
    out.push(bytes.subarray(start, p));
    start = p;
  }
  out.push(bytes.subarray(start));
  return out.filter((c) => c.length > 0);
}

type Outcome = { kind: 'summary'; rows: RegisterSummary['rows']; findings: number; errors: Pick<RowError, 'row' | 'line'>[] } | { kind: 'input-error'; pointers: string[] };

async function runRegister(format: 'csv' | 'ndjson', text: string, at: readonly number[]): Promise<Outcome> {
  const errors: RowError[] = [];
  let findings = 0;
  try {
    const summary = await evaluateRegister({ funds: [FUND] }, { format, stream: Readable.from(chunks(text, at)) }, { asOf: AS_OF, maxErrors: 1_000, onRowError: (e) => errors.push(e), onFinding: () => void findings++ });
    return { kind: 'summary', rows: summary.rows, findings, errors: errors.map((e) => ({ row: e.row, line: e.line })) };
  } catch (error) {
    if (!(error instanceof ComplianceInputError)) throw error;
    expect(error.issues.length).toBeGreaterThan(0);
    return { kind: 'input-error', pointers: error.issues.map((i) => i.pointer) };
  }
}

function expectAccounted(outcome: Outcome, lines: number): void {
  if (outcome.kind !== 'summary') return;
  const { rows } = outcome;
  expect(rows.read).toBe(rows.evaluated + rows.notYetHolding + rows.bad);
  expect(outcome.errors).toHaveLength(rows.bad);
  for (const error of outcome.errors) {
    expect(error.row).toBeGreaterThanOrEqual(1);
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.line).toBeLessThanOrEqual(lines + 1);
  }
}

describe('evaluateRegister on any register text', () => {
  it('CSV: a summary whose counts add up, or a header error; the same for every chunking', async () => {
    await fc.assert(
      fc.asyncProperty(registerArb, cutsArb, async ({ rows, crlf, finalBreak }, at) => {
        const nl = crlf ? '\r\n' : '\n';
        const text = [COLUMNS.join(','), ...rows].join(nl) + (finalBreak ? nl : '');
        const whole = await runRegister('csv', text, []);
        expectAccounted(whole, text.split('\n').length);
        expect(await runRegister('csv', text, at)).toEqual(whole);
      }),
      { numRuns: 60 },
    );
  });

  it('NDJSON: any JSON lines (objects with register keys, duplicates, anything) are rows or row errors', async () => {
    const objectArb = fc.dictionary(fc.constantFrom(...COLUMNS, 'extra'), fc.oneof(fc.constantFrom('HNW-B', 'I1', 'individual', 'retail', 'TH', '2020-01-10', '100', '1000000'), fc.jsonValue({ maxDepth: 1 })), { maxKeys: 9 });
    const lineArb = fc.oneof(
      { weight: 5, arbitrary: objectArb.map((o) => JSON.stringify(o)) },
      { weight: 1, arbitrary: objectArb.map((o) => JSON.stringify(o).replace(/^\{/, '{"investor_id":"I9",')) },
      { weight: 1, arbitrary: fc.json({ maxDepth: 2 }) },
      { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(lineArb, { maxLength: 10 }), cutsArb, async (lines, at) => {
        const text = lines.join('\n') + '\n';
        const whole = await runRegister('ndjson', text, []);
        expect(whole.kind).toBe('summary');
        expectAccounted(whole, lines.length);
        expect(await runRegister('ndjson', text, at)).toEqual(whole);
      }),
      { numRuns: 60 },
    );
  });
});

describe('checkOrder on any order', () => {
  const investor: InvestorInput = { id: 'I1', type: 'individual', category: 'high-net-worth', domicile: 'TH' } as InvestorInput;
  const holder: InvestorInput = { id: 'I2', type: 'individual', category: 'retail', domicile: 'TH' } as InvestorInput;
  const prepared = prepareFund({ ...FUND, unitholders: [{ investorId: 'I2', subscriptions: [{ date: '2020-01-10', amount: '600000' }] }] } as FundInput, [holder], { asOf: AS_OF });
  const orderArb = fc.record(
    {
      kind: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('subscription', 'switch-in', 'transfer') }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 0 }) }),
      amount: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('100', '500000', '499999.99', '1000000', 1000) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) }),
      date: fc.oneof(fc.constantFrom('2024-06-30', 'BE 2567-06-30', '2400-01-01', 'BE 2943-01-01', '2024-02-30'), fc.jsonValue({ maxDepth: 0 })),
      prospectusDelivered: fc.jsonValue({ maxDepth: 0 }),
      reference: fc.string({ maxLength: 5 }),
    },
    { requiredKeys: ['kind', 'amount'] },
  );

  it('a decision or a ComplianceInputError naming order fields; safeCheckOrder never throws', () => {
    fc.assert(
      fc.property(orderArb, fc.boolean(), (order, usePrepared) => {
        const fund = usePrepared ? prepared : ({ ...FUND, unitholders: [] } as FundInput);
        const options = usePrepared ? {} : { asOf: AS_OF, investors: [] };
        let outcome: 'decision' | 'input-error';
        try {
          const check = checkOrder(fund, investor, order as unknown as OrderInput, options);
          expect(['allowed', 'blocked']).toContain(check.decision);
          outcome = 'decision';
        } catch (error) {
          if (!(error instanceof ComplianceInputError)) throw error;
          expect(error.issues.length).toBeGreaterThan(0);
          for (const issue of error.issues) expect(issue.path[0]).toBe('order');
          outcome = 'input-error';
        }
        const safe = safeCheckOrder(fund, investor, order as unknown as OrderInput, options);
        expect(safe.ok).toBe(outcome === 'decision');
      }),
      { numRuns: 150 },
    );
  });
});
