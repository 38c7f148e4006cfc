/**
 * fast-check arbitraries for the differential tests: whole evaluation inputs
 * (funds of every kind and type, with unitholders, accounting periods,
 * orders, amendments, fund managers, waivers, disclosures...) whose amounts
 * and dates sit on and around the legal boundaries.
 */
import fc from 'fast-check';
import type { InvestorRecord } from '../../src/engine/facts.js';
import { evaluationInputSchema, loadPackFromObject, tn89Pack, type EvaluationInput, type EvaluationInputData, type FundInput, type InvestorInput, type LoadedPack, type PackInput } from '../../src/index.js';

const DAY = 86_400_000;
const isoDay = (days: number) => new Date(Date.UTC(2013, 0, 1) + days * DAY).toISOString().slice(0, 10);

/** Dates on the boundaries (commencement, leap days, month ends, the usual as-of dates) or anywhere 2013–2025. */
export const dateArb = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom('2015-12-31', '2016-01-15', '2016-01-16', '2016-01-17', '2019-02-28', '2020-02-29', '2020-12-31', '2021-01-01', '2021-01-29', '2023-06-30', '2024-06-29', '2024-06-30', '2024-07-01') },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 365 * 13 }).map(isoDay) },
);

/** As-of dates: before the notice, on its first day, and later. */
export const asOfArb = fc.oneof(fc.constantFrom('2015-12-31', '2016-01-16', '2018-06-30', '2024-06-30', 'BE 2567-06-30'), fc.integer({ min: 365 * 2, max: 365 * 12 }).map(isoDay));

const baht = (satang: number) => `${Math.floor(satang / 100)}.${String(satang % 100).padStart(2, '0')}`;

/** Amounts around 500,000 THB and 1,000 THB, in the forms the model accepts (strings and integers). */
export const amountArb: fc.Arbitrary<string | number> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('499999.99', '500000', '500000.00', '500000.01', '500000.001', '1', '0.01', '999.99', '1000', '1000.00', '1000.01', 500000, 499999, 1000) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 2_000_000_00 }).map(baht) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 5_000_000 }) },
);

const countries = fc.subarray(['TH', 'SG', 'US', 'GB', 'LU'], { minLength: 0, maxLength: 3 });

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** Periods of about 12 or 15 months, give or take a day, or anything up to two years. */
const periodArb = fc
  .record({
    start: dateArb,
    length: fc.oneof(fc.constantFrom(365, 364, 366, 456, 457, 458, 1), fc.integer({ min: 1, max: 800 })),
    standard: fc.constantFrom('association', 'IASB', 'AICPA', 'FASB', 'other') as fc.Arbitrary<'association' | 'IASB' | 'AICPA' | 'FASB' | 'other'>,
    secApproved: fc.boolean(),
    licensedIn: countries,
  })
  .map(({ start, length, standard, secApproved, licensedIn }) => ({ start, end: addDays(start, length - 1), standard, auditor: { name: 'Auditor', secApproved, licensedIn } }));

const RULE_IDS = [
  'tn89.cl12.holder-outside-non-retail-fund-class',
  'tn89.cl12.holder-outside-scheme-restriction',
  'tn89.cl5.period-longer-than-12-months',
  'tn89.cl12.first-subscription-below-scheme-minimum',
  'tn89.cl11.retail-units-sold-without-prospectus-rules',
];

const INVESTOR_IDS = ['I1', 'I2', 'I3', 'I4', 'I5', 'I6'];

export const investorArb = (id: string): fc.Arbitrary<InvestorInput> =>
  fc.oneof(
    { weight: 12, arbitrary: fc.record({ type: fc.constantFrom('individual', 'juristic'), category: fc.constantFrom('institutional', 'ultra-high-net-worth', 'high-net-worth', 'retail'), domicile: fc.constantFrom('TH', 'SG'), assessedOn: fc.option(dateArb, { nil: undefined }) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constantFrom('individual', 'juristic'),
        domicile: fc.constantFrom('TH', 'SG'),
        profile: fc.record({ assessedOn: fc.constantFrom('2016-01-16', '2016-06-01'), netAssets: fc.option(fc.constantFrom('10000000', '30000000', '60000000', '100'), { nil: undefined }), annualIncome: fc.option(fc.constantFrom('1000000', '4000000', '10000000'), { nil: undefined }) }),
      }),
    },
  ).map((investor) => {
    const clean = Object.fromEntries(Object.entries(investor).filter(([, v]) => v !== undefined));
    if (clean['profile']) clean['profile'] = Object.fromEntries(Object.entries(clean['profile'] as object).filter(([, v]) => v !== undefined));
    return { id, ...clean } as InvestorInput;
  });

const subscriptionArb = fc.record({ date: dateArb, amount: amountArb.filter((a) => Number(a) > 0), prospectusDelivered: fc.option(fc.boolean(), { nil: undefined }) }).map((s) =>
  Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)),
);

export const fundArb = (id: string): fc.Arbitrary<FundInput> =>
  fc
    .record({
      kind: fc.constantFrom('mutual', 'mutual', 'mutual', 'mutual', 'private', 'provident'),
      declaredType: fc.constantFrom('R', 'A', 'B', 'H', 'N', 'X', 'V', 'F', 'G'),
      investorRestriction: fc.constantFrom('general', 'non-retail', 'high-net-worth', 'non-retail-or-high-net-worth', 'institutional', 'institutional-or-ultra-high-net-worth', 'provident-funds', 'liquidity-support', 'state-policy'),
      minimum: fc.option(amountArb, { nil: undefined }),
      accountingStandard: fc.option(fc.constantFrom('association', 'IASB', 'other'), { nil: undefined }),
      statesForeign: fc.option(fc.boolean(), { nil: undefined }),
      offeringCountries: fc.option(countries, { nil: undefined }),
      navStandard: fc.option(fc.constantFrom('association', 'other'), { nil: undefined }),
      approvalDate: dateArb,
      registrationAfter: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
      dissolutionAfter: fc.option(fc.oneof(fc.constantFrom(455, 456, 457, 365), fc.integer({ min: 0, max: 2000 })), { nil: undefined }),
      offering: fc.record({ inThailand: fc.boolean(), abroad: fc.boolean(), allUnitsToNonDomiciled: fc.boolean() }),
      periods: fc.array(periodArb, { maxLength: 2 }),
      fundManagers: fc.option(fc.array(fc.record({ name: fc.constantFrom('Manager A', 'Manager B'), approvalValidFrom: dateArb, approvalValidTo: fc.option(dateArb, { nil: undefined }) }), { maxLength: 2 }), { nil: undefined }),
      unitholders: fc.uniqueArray(fc.record({ investorId: fc.constantFrom(...INVESTOR_IDS), subscriptions: fc.array(subscriptionArb, { minLength: 1, maxLength: 3 }) }), { maxLength: 4, selector: (u) => u.investorId }),
      orders: fc.array(fc.record({ basis: fc.constantFrom('unitholding-limits', 'clause-12', 'other'), issuedOn: dateArb, dueIn: fc.integer({ min: 0, max: 400 }), completedIn: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }) }), { maxLength: 2 }),
      amendments: fc.array(fc.record({ date: dateArb, minimum: fc.option(amountArb, { nil: undefined }), restriction: fc.option(fc.constantFrom('general', 'high-net-worth'), { nil: undefined }), conflicts: fc.array(fc.constantFrom({ kind: 'securities-law' as const, reference: 'Securities Act s. 117' }, { kind: 'other' as const, reference: 'House policy 4' }), { maxLength: 1 }) }), { maxLength: 2 }),
      waivers: fc.array(fc.record({ grantedOn: dateArb, ruleIds: fc.subarray(RULE_IDS, { minLength: 1 }), affectsThaiInvestors: fc.boolean(), hostCountryShowing: fc.option(fc.constant('host regulator letter'), { nil: undefined }) }), { maxLength: 1 }),
      obligations: fc.array(fc.record({ date: dateArb, tied: fc.boolean() }), { maxLength: 1 }),
      disclosures: fc.option(fc.array(fc.record({ kind: fc.constantFrom('nav', 'performance'), date: dateArb }), { maxLength: 3 }), { nil: undefined }),
      operations: fc.option(countries, { nil: undefined }),
    })
    .map((f) => {
      const registrationDate = f.registrationAfter === undefined ? undefined : addDays(f.approvalDate, f.registrationAfter);
      const dissolutionDate = registrationDate && f.dissolutionAfter !== undefined ? addDays(registrationDate, f.dissolutionAfter) : undefined;
      const drop = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
      return drop({
        id,
        names: { th: `กองทุน ${id}`, en: `Fund ${id}` },
        kind: f.kind,
        declaredType: f.declaredType,
        managementCompany: { id: 'C1' },
        approvalDate: f.approvalDate,
        registrationDate,
        dissolutionDate,
        offering: { ...f.offering, allUnitsToNonDomiciled: f.offering.allUnitsToNonDomiciled && !f.offering.inThailand },
        scheme: drop({
          investorRestriction: f.investorRestriction,
          minimumFirstSubscription: f.minimum,
          accountingStandard: f.accountingStandard,
          statesForeignAccountingStandard: f.statesForeign,
          offeringCountries: f.offeringCountries,
          navStandard: f.navStandard,
        }),
        accountingPeriods: f.periods,
        fundManagers: f.fundManagers?.map(drop),
        unitholders: f.unitholders,
        orders: f.orders.map((o, i) => drop({ id: `O${i}`, basis: o.basis, issuedOn: o.issuedOn, dueBy: addDays(o.issuedOn, o.dueIn), completedOn: o.completedIn === undefined ? undefined : addDays(o.issuedOn, o.completedIn) })),
        amendments: f.amendments.map((a, i) => drop({ id: `AM${i}`, date: a.date, changes: a.minimum === undefined && a.restriction === undefined ? undefined : drop({ minimumFirstSubscription: a.minimum, investorRestriction: a.restriction }), conflictsWith: a.conflicts })),
        waivers: f.waivers.map((w, i) => drop({ reference: `W${i}`, grantedOn: w.grantedOn, ruleIds: w.ruleIds, affectsThaiInvestors: w.affectsThaiInvestors, hostCountryShowing: w.hostCountryShowing })),
        obligations: f.obligations.map((o, i) => ({ id: `OB${i}`, date: o.date, tiedToPermittedInvestment: o.tied })),
        disclosures: f.disclosures,
        operations: f.operations === undefined ? undefined : { offeringCountries: f.operations },
      }) as unknown as FundInput;
    });

/** A whole input: one or two funds and every investor their unitholders name. */
export const inputArb: fc.Arbitrary<EvaluationInputData> = fc
  .tuple(fundArb('F1'), fc.option(fundArb('F2'), { freq: 4, nil: undefined }), fc.tuple(...INVESTOR_IDS.map((id) => investorArb(id))))
  .map(([first, second, investors]) => ({ funds: second ? [first, second] : [first], investors }));

// ---------------------------------------------------------------------------
// Generated rule packs: random condition trees over the unitholder and fund
// facts, with values of the right kind (mostly) and of the wrong kind (so
// operator errors are compared too).

type Leaf = { fact: string; path?: string; params?: Record<string, string>; operator: string; value: unknown };
type Tree = Leaf | { all: Tree[] } | { any: Tree[] } | { not: Tree };

const PARAM = { fact: 'param', params: { id: 'limit' } };
const LIST_PARAM = { fact: 'param', params: { id: 'categories' } };

const moneyLeaf = (fact: string, path: string) =>
  fc.record({
    operator: fc.constantFrom('decimalLessThan', 'decimalAtMost', 'decimalGreaterThan', 'decimalAtLeast', 'decimalEqual'),
    value: fc.oneof({ weight: 12, arbitrary: fc.constantFrom<unknown>('500000', '499999.99', 1000, 0, PARAM, { fact: 'fund', path: '$.scheme.minimumFirstSubscription' }) }, { weight: 1, arbitrary: fc.constantFrom<unknown>('retail', null) }),
  }).map((l): Leaf => ({ fact, path, ...l }));
const dateLeaf = (fact: string, path: string) =>
  fc.record({ operator: fc.constantFrom('dateBefore', 'dateOnOrBefore', 'dateAfter', 'dateOnOrAfter'), value: fc.oneof({ weight: 12, arbitrary: fc.constantFrom<unknown>('2016-01-16', '2020-02-29', { fact: 'asOf' }, { fact: 'fund', path: '$.approvalDate' }) }, { weight: 1, arbitrary: fc.constant<unknown>(42) }) }).map(
    (l): Leaf => ({ fact, path, ...l }),
  );
const textLeaf = (fact: string, path: string, values: string[]) =>
  fc.record({
    operator: fc.constantFrom('equal', 'notEqual', 'in', 'notIn'),
    value: fc.oneof(fc.constantFrom<unknown>(...values, null), fc.subarray(values).map((v) => v as unknown), fc.constant<unknown>(LIST_PARAM)),
  }).map((l): Leaf => ({ fact, path, ...l }));

const leafArb: fc.Arbitrary<Leaf> = fc.oneof(
  { weight: 3, arbitrary: moneyLeaf('unitholder', '$.firstSubscription.amount') },
  { weight: 1, arbitrary: moneyLeaf('unitholder', '$.totalSubscribed') },
  { weight: 1, arbitrary: moneyLeaf('unitholder', '$.subscriptionsWithoutProspectus') },
  { weight: 1, arbitrary: moneyLeaf('fund', '$.scheme.minimumFirstSubscription') },
  { weight: 2, arbitrary: dateLeaf('unitholder', '$.firstSubscription.date') },
  { weight: 1, arbitrary: dateLeaf('unitholder', '$.assessedOn') },
  { weight: 1, arbitrary: dateLeaf('fund', '$.approvalDate') },
  { weight: 4, arbitrary: textLeaf('unitholder', '$.category', ['retail', 'high-net-worth', 'institutional', 'ultra-high-net-worth']) },
  { weight: 1, arbitrary: textLeaf('unitholder', '$.domicile', ['TH', 'SG']) },
  { weight: 3, arbitrary: textLeaf('fund', '$.declaredType', ['A', 'B', 'H', 'R', 'N', 'X']) },
  { weight: 2, arbitrary: textLeaf('fund', '$.kind', ['mutual', 'private']) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Leaf>(
      { fact: 'fund', path: '$.scheme.offeringCountries', operator: 'contains', value: 'TH' },
      { fact: 'unitholder', path: '$.category', operator: 'contains', value: 'TH' },
      { fact: 'fund', path: '$.unitholderCount', operator: 'decimalGreaterThan', value: 1 },
      { fact: 'unitholder', path: '$.categoryBasis.source', operator: 'equal', value: 'given' },
    ),
  },
);

const treeArb: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: leafArb },
    { weight: 1, arbitrary: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })) },
    { weight: 1, arbitrary: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })) },
    { weight: 1, arbitrary: tie('tree').map((not) => ({ not })) },
  ),
})).tree;

/** A pack of one to four unitholder rules with generated conditions. */
export const generatedPackArb = fc.array(fc.record({ appliesWhen: fc.option(treeArb, { nil: undefined }), violationWhen: treeArb }), { minLength: 1, maxLength: 4 }).map((rules) => ({
  meta: {
    id: 'generated',
    version: '1.0.0',
    notice: { th: 'ทดสอบ', en: 'Test' },
    title: { th: 'ชุดทดสอบ', en: 'Generated pack' },
    announced: '2015-01-01',
    inForce: { from: '2015-01-01', citation: { clause: 1 } },
  },
  parameters: [
    { id: 'limit', description: { th: 'ก', en: 'a limit' }, type: 'money', values: [{ from: '2015-01-01', value: '500000', citation: { clause: 1 } }] },
    { id: 'categories', description: { th: 'ก', en: 'categories' }, type: 'list', values: [{ from: '2015-01-01', value: ['retail', 'institutional'], citation: { clause: 1 } }] },
  ],
  messages: { m: { th: 'พบ {amount}', en: 'found {amount} {category}' } },
  rules: rules.map((r, i) => ({
    id: `generated.rule-${i}`,
    title: { th: 'กฎ', en: `Rule ${i}` },
    subject: 'unitholder',
    severity: 'violation',
    citation: { clause: 1 },
    ...(r.appliesWhen ? { appliesWhen: r.appliesWhen } : {}),
    violationWhen: r.violationWhen,
    evidence: [
      { name: 'amount', fact: 'unitholder', path: '$.firstSubscription.amount', type: 'money' },
      { name: 'category', fact: 'unitholder', path: '$.category', type: 'text' },
      { name: 'limit', fact: 'param', params: { id: 'limit' }, type: 'money' },
    ],
    message: 'm',
  })),
}));

/** A generated pack, or undefined for the built-in law (see {@link specializationCase}). */
export const packOrLawArb = fc.oneof(generatedPackArb.map((p) => p as PackInput), fc.constant<PackInput | undefined>(undefined));

/**
 * What the specialisation tests evaluate, from one draw: the pack (the law
 * when none was generated), the validated input, a Gregorian as-of date, and
 * the investors whose category is given, as decided records; undefined when
 * the generated input is not valid.
 */
export function specializationCase(
  packInput: PackInput | undefined,
  input: unknown,
  asOfText: string,
): { pack: LoadedPack; data: EvaluationInput; asOf: string; investors: Map<string, InvestorRecord> } | undefined {
  const parsed = evaluationInputSchema.safeParse(input);
  if (!parsed.success) return undefined;
  const pack: LoadedPack = packInput ? loadPackFromObject(packInput) : tn89Pack();
  const investors = new Map<string, InvestorRecord>(
    parsed.data.investors.filter((i) => i.category).map((investor, index) => [investor.id, { investor, index, basis: { source: 'given', category: investor.category!, assessedOn: investor.assessedOn ?? null } }]),
  );
  return { pack, data: parsed.data, asOf: asOfText.startsWith('BE') ? '2024-06-30' : asOfText, investors };
}
