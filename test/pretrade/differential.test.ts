/**
 * A pre-trade check is the difference the order makes to the fund's
 * findings: checkOrder (the compiled runner, on the subjects the order
 * touches) must give exactly the findings two full `evaluate` runs with
 * json-rules-engine give on the fund without and with the order — on the
 * legal boundaries (499,999.99 / 500,000 THB first subscriptions, top-ups
 * after a low first subscription, transfers into institutional funds,
 * investors reviewed before and after the 2022-10-01 thresholds) and on
 * generated orders.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOrder, prepareFund, type FundInput, type InvestorInput, type OrderInput } from '../../src/index.js';
import { fundOfType, holder, investor, profiledInvestor, subscription } from '../helpers/build.js';
import { caseArb } from './arbitraries.js';
import { expectAgreement, inputIssues, reference } from './helpers.js';

const AS_OF = '2024-06-30';

async function agree(fund: FundInput, investors: InvestorInput[], who: InvestorInput, order: OrderInput, asOf = AS_OF) {
  const prepared = prepareFund(fund, investors, { asOf });
  const check = checkOrder(prepared, who, order);
  expectAgreement(check, await reference(fund, investors, who, order, asOf));
  // The same answer from the fund itself as from the prepared fund.
  expect(checkOrder(fund, who, order, { asOf, investors })).toStrictEqual(check);
  return check;
}

const somchai = investor('TH-IND-000145', 'retail');
const malee = investor('TH-IND-000388', 'high-net-worth');
const bank = investor('TH-JUR-000012', 'institutional');

describe('checkOrder gives the difference of two evaluate runs (json-rules-engine) on the legal boundaries', () => {
  it.each([
    ['B', '499999.99', 'blocked'],
    ['B', '500000', 'allowed'],
    ['B', '500000.00', 'allowed'],
    ['B', '500000.01', 'allowed'],
    ['H', '499999.99', 'blocked'],
    ['H', '500000.00', 'allowed'],
  ] as const)('a retail investor\'s first subscription into a type %s fund of %s THB is %s', async (type, amount, decision) => {
    const fund = fundOfType(type, { unitholders: [holder(malee.id, subscription('2021-03-01', '2000000'))] });
    const check = await agree(fund, [malee], somchai, { kind: 'subscription', amount });
    expect(check.decision).toBe(decision);
  });

  it('a top-up after a low first subscription: no active finding, the pre-existing ones passive and unchanged', async () => {
    const fund = fundOfType('B', { unitholders: [holder(somchai.id, subscription('2022-03-10', '300000'))] });
    const check = await agree(fund, [somchai], somchai, { kind: 'subscription', amount: '5000000' });
    expect(check.active).toEqual([]);
    expect(check.passive.map((p) => p.effect)).toEqual(['unchanged']) // one finding per breach: the holder outside the class, reported once;
    expect(check.decision).toBe('allowed');
  });

  it('transfers of institutional-fund units: to an individual (cl. 11 revocation ground), to an institution', async () => {
    const fund = fundOfType('N', { unitholders: [holder(bank.id, subscription('2015-01-05', '90000000'))] });
    const toIndividual = await agree(fund, [bank], bank, { kind: 'transfer', amount: '1000000', to: somchai });
    expect(toIndividual.decision).toBe('blocked');
    const toBank = await agree(fund, [bank], bank, { kind: 'transfer', amount: '1000000', to: investor('TH-JUR-000099', 'institutional') });
    expect(toBank.decision).toBe('allowed');
  });

  it.each([
    ['2022-09-30', 'blocked'],
    ['2022-10-01', 'allowed'],
  ] as const)('an investor with 35,000,000 THB net assets reviewed on %s subscribing to a type A fund is %s', async (assessedOn, decision) => {
    const kanya = profiledInvestor('TH-IND-010021', 'individual', { assessedOn, netAssets: '35000000.00' });
    const check = await agree(fundOfType('A'), [], kanya, { kind: 'subscription', amount: '1000000' });
    expect(check.decision).toBe(decision);
  });
});

describe('checkOrder gives the difference of two evaluate runs (json-rules-engine) on generated orders', () => {
  it('on 1,000 generated funds and orders', async () => {
    const seen = { active: 0, passive: 0, aggravated: 0, improved: 0, resolved: 0, blocked: 0, transfers: 0, refused: 0, waived: 0 };
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ fund, investors, investor: who, order, asOf }) => {
        const ref = await reference(fund, investors, who, order, asOf);
        const issues = inputIssues(() => prepareFund(fund, investors, { asOf }));
        expect(issues).toBeUndefined();
        const prepared = prepareFund(fund, investors, { asOf });
        const refused = inputIssues(() => checkOrder(prepared, who, order));
        if (refused) {
          // The only orders refused here: a transfer by a holder who holds nothing yet on the order's date.
          expect(order.kind).toBe('transfer');
          expect(refused.map((i) => i.pointer)).toEqual(['investor.id']);
          seen.refused++;
          return;
        }
        const check = checkOrder(prepared, who, order);
        expectAgreement(check, ref);
        seen.active += check.active.length;
        seen.passive += check.passive.length;
        seen.aggravated += check.passive.filter((p) => p.effect === 'aggravated').length;
        seen.improved += check.passive.filter((p) => p.effect === 'improved').length;
        seen.resolved += check.resolved.length;
        seen.waived += [...check.active, ...check.passive].filter((f) => f.finding.status === 'waived').length;
        if (check.decision === 'blocked') seen.blocked++;
        if (order.kind === 'transfer') seen.transfers++;
      }),
      // A fixed seed: the same 1,000 cases every run, so the counts below never depend on the draw.
      { numRuns: 1000, seed: 2558 },
    );
    // The property is not vacuous: every kind of outcome occurred.
    expect(seen.active).toBeGreaterThan(50);
    expect(seen.passive).toBeGreaterThan(50);
    expect(seen.blocked).toBeGreaterThan(50);
    expect(seen.transfers).toBeGreaterThan(30);
    expect(seen.aggravated).toBeGreaterThan(0);
    expect(seen.waived).toBeGreaterThan(0);
  }, 120_000);
});
