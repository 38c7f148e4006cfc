/**
 * Register rows: the zod schema (built from the model's money, date and
 * investor schemas) defines a valid row; the fast path must accept exactly
 * the rows the schema accepts and give the same facts.
 */
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COLUMN_NAMES,
  compareAmounts,
  CsvRowReader,
  fastRowForTesting,
  FIELD_COUNT,
  mapHeader,
  parseRegisterRow,
  parseRowWithSchema,
  plainAmount,
  canonicalAmountEndAt,
  slotsFromCsv,
  slotsFromObject,
} from '../../src/batch/row.js';
import { parseMoney } from '../../src/model/money.js';

const decimalText = fc.oneof(
  fc.constantFrom('0', '0.00', '00', '007', '+5', '-5', '-0', '-0.00', '500000', '500000.00', '499999.99', '1e5', '1,000', ' 12 ', '0.0000000001', '1.12345678901', '.5', '5.', ''),
  fc.tuple(fc.constantFrom('', '-', '+'), fc.stringMatching(/^\d{1,32}$/), fc.option(fc.stringMatching(/^\d{0,11}$/), { nil: undefined })).map(([sign, whole, fraction]) => `${sign}${whole}${fraction === undefined ? '' : `.${fraction}`}`),
);

const cell = (valid: fc.Arbitrary<unknown>, invalid: fc.Arbitrary<unknown>) => fc.oneof({ weight: 30, arbitrary: valid }, { weight: 1, arbitrary: invalid }, { weight: 1, arbitrary: fc.constant(undefined) });
const date = fc.oneof(fc.constantFrom('2016-01-16', '2020-02-29', '2024-06-30', 'BE 2559-01-16', 'พ.ศ. 2567-06-30'), fc.date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
const badDate = fc.constantFrom('2019-02-29', '2559-01-16', '16/01/2016', '', 20160116, '2016-1-16', ' 2016-01-16 ');
const amount = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 2_000_000_00 }).map((satang) => `${Math.floor(satang / 100)}.${String(satang % 100).padStart(2, '0')}`) },
  { weight: 2, arbitrary: decimalText },
  { weight: 1, arbitrary: fc.oneof(fc.integer({ min: -5, max: 2_000_000 }), fc.constantFrom(1.5, Number.NaN)) },
);
const count = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('1', '0', 1, 2, '3') }, { weight: 2, arbitrary: fc.oneof(fc.integer({ min: -1, max: 40 }), fc.stringMatching(/^\d{1,3}$/)) }, { weight: 1, arbitrary: fc.constantFrom('1.0', '-1', 'x', 1e12, 2.5) });

/** Field slots as a CSV or NDJSON row fills them: mostly valid, sometimes not. */
const slotsArb = fc.tuple(
  // 'B' after a noise cell 'A' spells the scheme's fund id 'A,B' across two columns: never one fund id.
  // 'F' is a fund id and the start of others ('F1', 'F12'): a fund is told by its whole field.
  cell(fc.constantFrom('F1', 'F2', 'HNW-B', 'B', 'F', 'F12'), fc.constantFrom('', 12, 'x'.repeat(201))),
  cell(fc.stringMatching(/^I\d{1,6}$/), fc.constantFrom('', 7, null, 'x'.repeat(201))),
  cell(fc.constantFrom('individual', 'juristic'), fc.constantFrom('Individual', 'person')),
  cell(fc.constantFrom('institutional', 'ultra-high-net-worth', 'high-net-worth', 'retail'), fc.constantFrom('Retail', 'hnw')),
  cell(fc.constantFrom('TH', 'SG'), fc.constantFrom('th', 'THA', '')),
  cell(date, badDate),
  cell(date, badDate),
  cell(amount, fc.constantFrom('abc', true)),
  cell(count, fc.constantFrom('', {})),
  cell(amount, fc.constantFrom('abc', [])),
  cell(count, fc.constantFrom('no')),
);

describe('register rows', () => {
  it('the fast path accepts exactly what the zod schema accepts, with the same facts', () => {
    let accepted = 0;
    fc.assert(
      fc.property(slotsArb, (slots) => {
        const fast = fastRowForTesting(slots);
        const schema = parseRowWithSchema(slots);
        expect(fast !== undefined, JSON.stringify({ slots, schema })).toBe(schema.ok);
        if (fast && schema.ok) {
          accepted++;
          expect(fast).toStrictEqual(schema.row);
        }
      }),
      { numRuns: 20_000 },
    );
    expect(accepted).toBeGreaterThan(1_000);
  });

  it('the CSV fast path (on a record\'s bytes) accepts only rows the full path accepts, with the same facts and fund', () => {
    // The reader is compiled for each header: the register's own column order, reversed (the fund id last,
    // the investor id next to it), and the required columns alone in another order (no fund id: one fund).
    const requiredOnly: (typeof COLUMN_NAMES)[number][] = ['domicile', 'first_subscription_amount', 'investor_id', 'category', 'first_subscription_date', 'investor_type'];
    const orders = [[...COLUMN_NAMES], [...COLUMN_NAMES].reverse(), requiredOnly].map((names) => {
      const header = mapHeader(names, { fundIdRequired: names.includes('fund_id') });
      if (!header.ok) throw new Error(header.problems.join('; '));
      return { names, mapping: header.mapping };
    });
    const funds = ['HNW-B', 'F1', 'F2', 'A,B', 'F'];
    const readers = orders.map((order) => new CsvRowReader(order.mapping, funds));
    const asText = (cell: unknown) => (cell === undefined ? '' : String(cell));
    let accepted = 0;
    let typical = 0;
    fc.assert(
      fc.property(slotsArb, fc.oneof({ weight: 8, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('xx,', '\r', ',', 'A,') }), fc.nat(orders.length - 1), (slots, noise, which) => {
        const { names, mapping } = orders[which]!;
        const reader = readers[which]!;
        // As a CSV record: columns in the header's order; cells that CSV cannot hold unquoted are left out.
        const cells = names.map((name) => asText(slots[COLUMN_NAMES.indexOf(name)]));
        if (cells.some((c) => /[",\n]/.test(c)) || !/^[\x00-\x7f]*$/.test(cells.join(''))) return;
        const record = noise === '' ? cells.join(',') : noise === '\r' ? `${cells.join(',')}\r` : noise === ',' ? `${cells.join(',')},` : `${noise}${cells.join(',')}`;
        // The record in the middle of its chunk, with commas of other records around it.
        const text = `,${record},x,`;
        const fast = reader.read(Buffer.from(text, 'latin1'), text, 1, 1 + record.length);
        const full = (() => {
          const fields = record.split(',');
          const slotsOf = new Array<unknown>(FIELD_COUNT);
          return slotsFromCsv(fields, mapping, slotsOf) ? undefined : parseRegisterRow(slotsOf);
        })();
        if (full?.ok && noise === '' && (full.row.fundId === undefined ? !names.includes('fund_id') : funds.includes(full.row.fundId)) && /^\d{4}-\d\d-\d\d$/.test(asText(slots[6])) && typeof slots[7] === 'string' && plainAmount(slots[7]) !== undefined) typical++;
        if (fast === undefined) return;
        accepted++;
        expect(full?.ok, JSON.stringify({ record, full })).toBe(true);
        if (!full?.ok) return;
        expect(fast).toStrictEqual(full.row.facts);
        expect(reader.fundIndex === -1 ? undefined : funds[reader.fundIndex]).toBe(full.row.fundId);
        expect(reader.firstDateKey).toBe(Number(full.row.facts.firstSubscription.date.replaceAll('-', '')));
      }),
      { numRuns: 20_000 },
    );
    expect(accepted).toBeGreaterThan(500);
    // What the fast path leaves to the full path is unusual forms only (Buddhist Era dates, amounts such as "1,000", unknown funds).
    expect(accepted).toBeGreaterThan(typical * 0.9);
  });

  it('names every problem of a bad row by its column', () => {
    const slots = ['F1', 'I1', 'person', 'retail', 'th', undefined, '2559-01-16', '-5', '0', undefined, undefined];
    const parsed = parseRegisterRow(slots);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((i) => i.field)).toEqual(['investor_type', 'domicile', 'first_subscription_date', 'first_subscription_amount']);
    expect(parsed.issues.find((i) => i.field === 'first_subscription_date')!.message).toMatch(/looks like a Buddhist Era year; write "BE 2559-01-16" or the Gregorian date 2016-01-16/);
  });

  it('checks the fields against each other', () => {
    const row = (count: string | undefined, total: string | undefined, without: string | undefined) => parseRegisterRow(['F1', 'I1', 'individual', 'retail', 'TH', undefined, '2020-01-01', '1000.00', count, total, without]);
    expect(row(undefined, undefined, undefined)).toMatchObject({ ok: true, row: { facts: { subscriptionCount: 1, totalSubscribed: '1000', subscriptionsWithoutProspectus: 0 } } });
    expect(row('3', '999.99', undefined)).toMatchObject({ ok: false, issues: [{ field: 'total_subscribed', message: 'the total subscribed (999.99) is less than the first subscription (1000)' }] });
    expect(row('1', '2000', undefined)).toMatchObject({ ok: false, issues: [{ field: 'total_subscribed' }] });
    expect(row('0', undefined, undefined)).toMatchObject({ ok: false, issues: [{ field: 'subscription_count', message: 'a unitholder has at least one subscription' }] });
    expect(row('2', '3000', '3')).toMatchObject({ ok: false, issues: [{ field: 'subscriptions_without_prospectus' }] });
  });

  it('gives the facts deriveSubjects gives an investor whose category is given', () => {
    const parsed = parseRegisterRow(['F1', 'I9', 'juristic', 'institutional', 'SG', 'BE 2566-03-01', '2019-05-12', '500000.00', '4', '1250000.50', '0']);
    expect(parsed).toStrictEqual({
      ok: true,
      row: {
        fundId: 'F1',
        facts: {
          investorId: 'I9',
          investorType: 'juristic',
          category: 'institutional',
          categoryBasis: { source: 'given', category: 'institutional', assessedOn: '2023-03-01' },
          // Assessed in 2023, after the first subscription (2019): no category was in force at entry.
          categoryAtFirstSubscription: null,
          categoryBasisAtFirstSubscription: null,
          domicile: 'SG',
          assessedOn: '2023-03-01',
          firstSubscription: { date: '2019-05-12', amount: '500000', orderKnown: true },
          subscriptionCount: 4,
          totalSubscribed: '1250000.5',
          subscriptionsWithoutProspectus: 0,
        },
      },
    });
  });
});

describe('amounts without Decimal', () => {
  it('plainAmount (and canonicalAmountEndAt on bytes) gives the canonical amount parseMoney gives, or leaves it to parseMoney', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        const plain = plainAmount(text);
        if (plain === undefined) return;
        expect(parseMoney(text)).toEqual({ ok: true, amount: plain });
      }),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(decimalText, (text) => {
        if (!/^[\x00-\x7f]*$/.test(text)) return;
        const end = canonicalAmountEndAt(Buffer.from(`x${text}x`, 'latin1'), 1, 1 + text.length);
        expect(end < 0 ? undefined : text.slice(0, end - 1)).toBe(plainAmount(text));
      }),
      { numRuns: 20_000 },
    );
    expect(plainAmount('500000.00')).toBe('500000');
    expect(plainAmount('0.50')).toBe('0.5');
    expect(plainAmount('007')).toBeUndefined();
  });

  it('compareAmounts orders canonical amounts as Decimal does', () => {
    const canonical = decimalText.map((t) => parseMoney(t)).filter((p) => p.ok).map((p) => (p as { amount: string }).amount);
    fc.assert(
      fc.property(canonical, canonical, (a, b) => {
        expect(compareAmounts(a, b)).toBe(new Decimal(a).comparedTo(b));
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('the register header', () => {
  it('maps snake_case and camelCase names, in any case and order', () => {
    const mapped = mapHeader(['InvestorId', ' investor_type ', 'CATEGORY', 'domicile', 'firstSubscriptionDate', 'first_subscription_amount', 'fund_id'], { fundIdRequired: true });
    expect(mapped.ok).toBe(true);
    if (!mapped.ok) return;
    const slots = new Array<unknown>(FIELD_COUNT);
    expect(slotsFromCsv(['I1', 'individual', 'retail', 'TH', '2020-01-01', '5', 'F1'], mapped.mapping, slots)).toBeUndefined();
    expect(Object.fromEntries(COLUMN_NAMES.map((c, i) => [c, slots[i]]))).toEqual({
      fund_id: 'F1',
      investor_id: 'I1',
      investor_type: 'individual',
      category: 'retail',
      domicile: 'TH',
      assessed_on: undefined,
      first_subscription_date: '2020-01-01',
      first_subscription_amount: '5',
      subscription_count: undefined,
      total_subscribed: undefined,
      subscriptions_without_prospectus: undefined,
    });
    expect(slotsFromCsv(['I1', 'individual'], mapped.mapping, slots)).toEqual({ field: '(row)', message: '2 fields, but the header has 7' });
  });

  it('lists unknown, repeated and missing columns together', () => {
    const mapped = mapHeader(['investor_id', 'name', 'investorId', 'category'], { fundIdRequired: true });
    expect(mapped).toEqual({
      ok: false,
      problems: [
        'column 2 "name" is not a register column (columns: fund_id, investor_id, investor_type, category, domicile, assessed_on, first_subscription_date, first_subscription_amount, subscription_count, total_subscribed, subscriptions_without_prospectus)',
        'column 3 "investorId" repeats column 1 (investor_id)',
        'no fund_id column, and the scheme file has more than one fund',
        'no investor_type column',
        'no domicile column',
        'no first_subscription_date column',
        'no first_subscription_amount column',
      ],
    });
  });

  it('NDJSON objects: unknown keys and a column given twice are problems; null and "" are absent', () => {
    const slots = new Array<unknown>(FIELD_COUNT);
    expect(slotsFromObject({ investor_id: 'I1', investorId: 'I2', nickname: 'x', assessed_on: null, category: '' }, slots)).toEqual([
      { field: 'investor_id', message: 'investor_id is given twice (as investorId and under its other spelling)' },
      { field: 'nickname', message: expect.stringMatching(/^"nickname" is not a register column/) },
    ]);
    expect(slots[5]).toBeUndefined();
    expect(slotsFromObject([1, 2], slots)).toEqual([{ field: '(row)', message: 'expected a JSON object with the register columns, got an array' }]);
  });
});
