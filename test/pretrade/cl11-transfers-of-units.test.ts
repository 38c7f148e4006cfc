/**
 * TorNor. 89/2558 cl. 11 para 1 (3), before a transfer is registered: an
 * institutional mutual fund whose units come to be held by anyone but an
 * institutional investor may have its approval revoked, and must then be
 * dissolved immediately (cl. 11 para 2). A transfer of its units to an
 * individual is refused; to an institutional investor it is allowed. For
 * the transferee a transfer is an acquisition of the value transferred on
 * the order date — their first, when they held no units.
 */
import { describe, expect, it } from 'vitest';
import { checkOrder, prepareFund } from '../../src/index.js';
import { fundOfType, holder, investor, profiledInvestor, subscription } from '../helpers/build.js';
import { inputIssues } from './helpers.js';

const INSTITUTIONAL_HOLDER = 'tn89.cl11.institutional-fund-non-institutional-holder';
const B_RULE = 'tn89.cl12.holder-outside-non-retail-fund-class';
const AS_OF = '2024-06-30';

const pension = investor('TH-JUR-000031', 'institutional', { name: 'กองทุนบำเหน็จบำนาญข้าราชการ' });
const bank = profiledInvestor('TH-JUR-000012', 'juristic', { assessedOn: '2021-05-05', institutionType: 'commercial-bank' });
const somchai = investor('TH-IND-000145', 'retail');

/** An institutional fund (type N, approved before the notice came into force) held by a pension fund. */
const nFund = prepareFund(fundOfType('N', { id: 'M0099_2557', unitholders: [holder(pension.id, subscription('2014-07-01', '250000000.00'))] }), [pension], { asOf: AS_OF });

describe('cl. 11 para 1 (3): a transfer of institutional-fund units to an individual is refused', () => {
  it('a transfer of units worth 1,000,000 THB from the pension fund to an individual is blocked: a revocation ground, with the consequence of cl. 11 para 2', () => {
    const check = checkOrder(nFund, pension, { kind: 'transfer', amount: '1000000', units: '98231.5521', to: somchai });
    expect(check.decision).toBe('blocked');
    // One finding per breach: the revocation ground of cl. 11 para 1 (3), not also a cl. 12 para 1 (5) order ground for the same holder.
    expect(check.active.map((f) => f.finding.ruleId)).toEqual([INSTITUTIONAL_HOLDER]);
    const [finding] = check.active;
    expect(finding).toMatchObject({ effect: 'active', blocks: true });
    expect(finding!.finding).toMatchObject({ ruleId: INSTITUTIONAL_HOLDER, severity: 'revocation-ground', subject: { kind: 'unitholder', investorId: somchai.id, pointer: 'funds[0].unitholders[1]' } });
    expect(finding!.finding.citation.text).toEqual({ th: 'ทน. 89/2558 ข้อ 11 วรรคหนึ่ง (3)', en: 'TorNor. 89/2558 cl. 11 para 1 (3)' });
    expect(finding!.finding.consequence!.citation.text.en).toBe('TorNor. 89/2558 cl. 11 para 2');
    expect(Object.fromEntries(finding!.finding.evidence.map((e) => [e.name, e.value]))).toEqual({ category: 'retail', categoryBasis: { source: 'given', category: 'retail', assessedOn: null }, firstSubscriptionDate: AS_OF });
    expect(check.parties.map((p) => [p.role, p.investorId, p.newHolder])).toEqual([
      ['transferor', pension.id, false],
      ['transferee', somchai.id, true],
    ]);
    expect(check.summary.en).toContain(`a transfer of units of fund M0099_2557 worth THB 1,000,000.00 from ${pension.id} to ${somchai.id} on 30 Jun 2024`);
    expect(check.order).toMatchObject({ kind: 'transfer', amount: '1000000', units: '98231.5521', date: AS_OF });
  });

  it('the same transfer to a commercial bank (institutional by its KYC profile) is allowed', () => {
    const check = checkOrder(nFund, pension, { kind: 'transfer', amount: '1000000', to: bank });
    expect(check.decision).toBe('allowed');
    expect(check.active).toEqual([]);
    expect(check.parties[1]!.explanation.en).toContain('TH-JUR-000012 is an institutional investor by the KYC profile reviewed on 5 May 2021');
  });

  it('a subscription by an individual into an institutional fund is refused for the same reason', () => {
    const check = checkOrder(nFund, somchai, { kind: 'subscription', amount: '10000000' });
    expect(check.decision).toBe('blocked');
    expect(check.active[0]!.finding.ruleId).toBe(INSTITUTIONAL_HOLDER);
  });
});

describe('a transfer is the transferee\'s acquisition of the value transferred', () => {
  const malee = investor('TH-IND-000388', 'high-net-worth');
  const bFund = prepareFund(fundOfType('B', { id: 'M0377_2562', unitholders: [holder(malee.id, subscription('2020-02-03', '2000000.00'))] }), [malee], { asOf: AS_OF });

  it('units worth 300,000 THB transferred to someone with no units of a high-net-worth fund are their first investment in it, below 500,000 THB: blocked', () => {
    const check = checkOrder(bFund, malee, { kind: 'transfer', amount: '300000', to: somchai });
    expect(check.decision).toBe('blocked');
    expect(check.active.map((f) => f.finding.ruleId)).toContain(B_RULE);
  });

  it('units worth 600,000 THB are a first investment of at least 500,000 THB: allowed', () => {
    expect(checkOrder(bFund, malee, { kind: 'transfer', amount: '600000', to: somchai }).decision).toBe('allowed');
  });

  it('a holder who holds no units cannot transfer any, and nobody transfers to themselves: bad input, naming the field', () => {
    expect(inputIssues(() => checkOrder(bFund, somchai, { kind: 'transfer', amount: '600000', to: investor('TH-IND-000999', 'retail') }))).toEqual([
      { pointer: 'investor.id', message: 'investor TH-IND-000145 holds no units of fund M0377_2562 on 2024-06-30: nothing to transfer' },
    ]);
    expect(inputIssues(() => checkOrder(bFund, malee, { kind: 'transfer', amount: '600000', to: malee }))).toEqual([{ pointer: 'order.to.id', message: 'a transfer is to another investor' }]);
  });
});
