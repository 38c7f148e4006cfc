import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluationInputSchema } from '../../src/index.js';
import { quickParseEvaluationInput } from '../../src/model/input-quick.js';
import { typeBFund } from '../helpers/build.js';

// The quick validation path must give exactly what the schema gives, or step aside for it.

const fund = typeBFund({ scheme: { investorRestriction: 'high-net-worth', minimumFirstSubscription: '500000' } });

const ids = ['I1', 'I2', 'I3', '', 'x'.repeat(201)];
const dates = ['2019-04-01', 'BE 2562-04-01', '2019-04-01 BE', ' 2019-04-01', '2019-02-30', '2560-01-01', '1899-12-31', 'x'.repeat(41), 20190401];
const amounts = ['500000', '500000.50', '499999.99', '0', '0.00', '-1', 1000, 0, 0.5, '00100', ' 100 ', '+100', '1e5', 2 ** 60, 'ten', null];

/** A field that is absent, or one of the values. */
const maybe = <T,>(values: readonly T[]) => fc.option(fc.constantFrom(...values), { nil: undefined, freq: 3 });
const withKeys = (entries: Record<string, unknown>) => Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));

const investor = fc
  .record({
    id: fc.constantFrom(...ids.slice(0, 3), ...ids),
    type: fc.constantFrom('individual', 'juristic', 'individual', 'company'),
    category: maybe(['high-net-worth', 'institutional', 'ultra-high-net-worth', 'retail', 'rich']),
    assessedOn: maybe(dates),
    domicile: fc.constantFrom('TH', 'SG', 'th', 'THA'),
    name: maybe(['Somchai', 'x'.repeat(501)]),
    profile: maybe([{ assessedOn: '2019-03-01', netAssets: '60000000' }]),
    extra: maybe([1]),
    undefinedName: fc.boolean(),
  })
  .map(({ undefinedName, ...fields }) => ({ ...withKeys(fields), ...(undefinedName && fields.name === undefined ? { name: undefined } : {}) }));

const subscription = fc
  .record({
    date: fc.constantFrom(...dates.slice(0, 2), ...dates),
    amount: fc.constantFrom(...amounts.slice(0, 3), ...amounts),
    prospectusDelivered: maybe([true, false, 'yes']),
    reference: maybe(['R-1', 'x'.repeat(201)]),
    time: maybe(['10:00', '25:00']),
    sequence: maybe([0, 1, -1, 1.5]),
  })
  .map(withKeys);

const holder = fc.record({
  investorId: fc.constantFrom(...ids.slice(0, 3), ...ids),
  subscriptions: fc.array(subscription, { minLength: 0, maxLength: 3 }),
});

/** Parse with the schema; the data when valid. */
function schemaParse(input: unknown) {
  const result = evaluationInputSchema.safeParse(input);
  return result.success ? result.data : undefined;
}

describe('quick validation of large inputs', () => {
  it('gives exactly what the schema gives (values, keys and their order), or leaves it to the schema', () => {
    fc.assert(
      fc.property(fc.array(investor, { maxLength: 4 }), fc.array(holder, { maxLength: 4 }), fc.boolean(), (investors, unitholders, omitInvestors) => {
        const input = { funds: [{ ...fund, unitholders }], ...(omitInvestors ? {} : { investors }) };
        const quick = quickParseEvaluationInput(input);
        if (quick === undefined) return;
        const expected = schemaParse(input);
        expect(expected).toBeDefined();
        expect(quick).toStrictEqual(expected);
        expect(JSON.stringify(quick)).toBe(JSON.stringify(expected));
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  it('takes the common large input (KYC-classified investors, holders with subscriptions) itself', () => {
    const investors = Array.from({ length: 50 }, (_, i) => ({ id: `I${i}`, type: 'individual', category: 'high-net-worth', assessedOn: 'BE 2562-03-01', domicile: 'TH' }));
    const unitholders = investors.map((inv, i) => ({ investorId: inv.id, subscriptions: [{ date: '2019-04-01', amount: i % 2 ? '600000.50' : 700000 }] }));
    const input = { funds: [{ ...fund, unitholders }], investors };
    const quick = quickParseEvaluationInput(input);
    expect(quick).toBeDefined();
    expect(quick).toStrictEqual(evaluationInputSchema.parse(input));
    expect(quick!.investors[0]!.assessedOn).toBe('2019-03-01');
    expect(quick!.funds[0]!.unitholders[1]!.subscriptions[0]!.amount).toBe('600000.5');
  });

  it('leaves every invalid input to the schema (which reports its issues with their paths)', () => {
    const investors = [{ id: 'I1', type: 'individual', category: 'high-net-worth', domicile: 'TH' }];
    const cases: unknown[] = [
      { funds: [{ ...fund, unitholders: [{ investorId: 'I9', subscriptions: [{ date: '2019-04-01', amount: '1' }] }] }], investors },
      { funds: [{ ...fund, unitholders: [1, 2].map(() => ({ investorId: 'I1', subscriptions: [{ date: '2019-04-01', amount: '1' }] })) }], investors },
      { funds: [fund, fund], investors },
      { funds: [{ ...fund, declaredType: undefined }], investors },
      { funds: [], investors },
      { funds: [fund], investors: [...investors, ...investors] },
      { funds: [fund], investors, extra: true },
      { funds: [{ ...fund, unitholders: {} }], investors },
    ];
    for (const input of cases) {
      expect(schemaParse(input)).toBeUndefined();
      expect(quickParseEvaluationInput(input)).toBeUndefined();
    }
  });
});
