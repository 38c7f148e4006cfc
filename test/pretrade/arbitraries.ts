/**
 * fast-check arbitraries for pre-trade checks: funds of every holder-bearing
 * type with a few unitholders, and orders on the legal boundaries — first
 * subscriptions of 499,999.99 / 500,000 THB, top-ups after a low first
 * subscription, backdated orders that become the first subscription,
 * switch-ins, sales without the prospectus rules, transfers into and out of
 * institutional funds, waived rules — by investors whose category is given
 * or derived from a KYC profile reviewed before or after 2022-10-01.
 */
import fc from 'fast-check';
import type { FundInput, FundTypeCode, InvestorInput, OrderInput } from '../../src/index.js';
import { fundOfType, waiver } from '../helpers/build.js';

export const AMOUNTS = ['499999.99', '500000', '500000.00', '500000.01', '300000', '1000000', '0.01', '30000000'] as const;
const amountArb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...AMOUNTS) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3_000_000 }) });

/** Dates of existing subscriptions: before and after the threshold change, and around the as-of dates used. */
const holdingDate = fc.constantFrom('2016-01-16', '2019-06-03', '2021-03-01', '2022-09-30', '2022-10-01', '2023-05-02', '2024-06-30');

export const investorArb = (id: string): fc.Arbitrary<InvestorInput> =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .constantFrom('institutional', 'ultra-high-net-worth', 'high-net-worth', 'retail')
        .map((category): InvestorInput => ({ id, type: category === 'institutional' ? 'juristic' : 'individual', category, domicile: id === EXISTING[0] ? 'SG' : 'TH', assessedOn: '2022-01-10' })) // one holder abroad: §10 waivers reach only findings that do not concern investors in Thailand,
    },
    {
      // An individual classified from the KYC profile with the thresholds in force on the review date.
      weight: 2,
      arbitrary: fc
        .record({ assessedOn: fc.constantFrom('2022-09-30', '2022-10-01'), netAssets: fc.constantFrom('29999999.99', '30000000', '35000000.00', '50000000', '60000000') })
        .map(({ assessedOn, netAssets }): InvestorInput => ({ id, type: 'individual', domicile: 'TH', profile: { assessedOn, netAssets } })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('provident-fund', 'commercial-bank', 'family-office')
        .map((institutionType): InvestorInput => ({ id, type: 'juristic', domicile: 'TH', profile: { assessedOn: '2021-05-05', institutionType } })),
    },
  );

const TYPES: FundTypeCode[] = ['A', 'B', 'H', 'N', 'X', 'R'];

export interface Case {
  fund: FundInput;
  investors: InvestorInput[];
  investor: InvestorInput;
  order: OrderInput;
  asOf: string;
}

const EXISTING = ['E1', 'E2', 'E3', 'E4'];

const holdingArb = fc.array(fc.record({ date: holdingDate, amount: amountArb, noProspectus: fc.boolean() }), { minLength: 1, maxLength: 3 });

export const fundArb = fc
  .record({
    type: fc.constantFrom(...TYPES),
    minimum: fc.constantFrom<string | undefined>('500000.00', '500000.00', '1000000', '100000', undefined),
    institutionalApprovedLate: fc.boolean(),
    holders: fc.subarray(EXISTING, { minLength: 0, maxLength: 4 }),
    holdings: fc.array(holdingArb, { minLength: 4, maxLength: 4 }),
    investors: fc.tuple(...EXISTING.map((id) => investorArb(id))),
    waived: fc.option(fc.constantFrom('tn89.cl12.holder-outside-non-retail-fund-class', 'tn89.cl12.holder-outside-scheme-restriction', 'tn89.cl12.first-subscription-below-scheme-minimum', 'tn89.cl11.institutional-fund-non-institutional-holder'), { nil: undefined, freq: 4 }),
  })
  .map(({ type, minimum, institutionalApprovedLate, holders, holdings, investors, waived }) => {
    const fund = fundOfType(type, {
      id: `M-${type}`,
      ...(type === 'N' && institutionalApprovedLate ? { approvalDate: '2016-03-01', registrationDate: '2016-04-01' } : {}),
      ...(minimum === undefined ? {} : { scheme: { minimumFirstSubscription: minimum } }),
      unitholders: holders.map((id) => ({
        investorId: id,
        subscriptions: holdings[EXISTING.indexOf(id)]!.map((h) => ({ date: h.date, amount: h.amount, ...(h.noProspectus && type === 'R' ? { prospectusDelivered: false } : {}) })),
      })),
      // A valid cl. 10 waiver (the fund is offered in Thailand and abroad) covering one holder rule.
      ...(waived ? { offering: { inThailand: true, abroad: true }, waivers: [waiver('SEC-W-2565-01', '2022-01-05', [waived])] } : {}),
    });
    return { fund, investors: [...investors], holders };
  });

export const caseArb: fc.Arbitrary<Case> = fundArb.chain(({ fund, investors, holders }) => {
  const asOfArb = fc.constantFrom('2024-06-30', '2024-06-30', '2022-10-15', 'BE 2567-06-30');
  const dateArb = fc.option(fc.constantFrom('2016-02-01', '2021-03-01', '2022-10-01', '2022-10-15'), { nil: undefined, freq: 2 });
  const newcomer = investorArb('N1');
  const existing = holders.length > 0 ? fc.constantFrom(...holders) : fc.constant(undefined);
  const subscriber = fc.oneof(
    newcomer,
    existing.chain((id) => (id === undefined ? newcomer : fc.oneof(fc.constant(investors[EXISTING.indexOf(id)]!), investorArb(id)))),
  );
  const buy = fc
    .record({ kind: fc.constantFrom('subscription' as const, 'switch-in' as const), amount: amountArb, date: dateArb, prospectusDelivered: fc.option(fc.boolean(), { nil: undefined }) })
    .map(({ kind, amount, date, prospectusDelivered }): OrderInput =>
      kind === 'subscription'
        ? { kind, amount, ...(date ? { date } : {}), ...(prospectusDelivered !== undefined ? { prospectusDelivered } : {}) }
        : { kind, amount, fromFundId: 'M-OTHER', ...(date ? { date } : {}), ...(prospectusDelivered !== undefined ? { prospectusDelivered } : {}) },
    );
  const purchase = fc.record({ investor: subscriber, order: buy });
  if (holders.length === 0) return fc.record({ fund: fc.constant(fund), investors: fc.constant(investors), asOf: asOfArb }).chain((base) => purchase.map((p) => ({ ...base, ...p })));
  // A transfer from an existing holder to a newcomer or to another holder (with their record, or a new one).
  const transfer = fc.constantFrom(...holders).chain((from) => {
    const others = holders.filter((h) => h !== from);
    const to = others.length > 0 ? fc.oneof(newcomer, fc.constantFrom(...others).map((id) => investors[EXISTING.indexOf(id)]!)) : newcomer;
    return fc.record({ to, amount: amountArb }).map(({ to: transferee, amount }) => ({ investor: investors[EXISTING.indexOf(from)]!, order: { kind: 'transfer', amount, to: transferee } as OrderInput }));
  });
  return fc.record({ fund: fc.constant(fund), investors: fc.constant(investors), asOf: asOfArb }).chain((base) => fc.oneof(purchase, transfer).map((p) => ({ ...base, ...p })));
});
