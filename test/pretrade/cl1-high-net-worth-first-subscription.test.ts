/**
 * TorNor. 89/2558 cl. 1 "ผู้มีเงินลงทุนสูง", before the order is accepted: a
 * high-net-worth investor is one whose FIRST subscription in the fund is
 * 500,000 baht or more ("ในครั้งแรกตั้งแต่ 500,000 บาทขึ้นไป", inclusive). A
 * selling agent must refuse a first subscription below it into a fund for
 * high-net-worth investors; a later top-up neither cures a low first
 * subscription nor is a new breach.
 */
import { describe, expect, it } from 'vitest';
import { checkOrder, prepareFund } from '../../src/index.js';
import { fundOfType, holder, investor, subscription } from '../helpers/build.js';

const B_RULE = 'tn89.cl12.holder-outside-non-retail-fund-class';
const H_RULE = 'tn89.cl12.holder-outside-non-retail-fund-class';

const AS_OF = '2024-06-30';

const somchai = investor('TH-IND-000145', 'retail', { name: 'นายสมชาย ใจดี' });
const malee = investor('TH-IND-000388', 'retail');

/** A fund for high-net-worth investors only (type B), minimum first subscription 500,000 THB, one holder who first subscribed 300,000 THB. */
const hnwFund = fundOfType('B', { id: 'M0377_2562', unitholders: [holder(malee.id, subscription('2022-03-10', '300000.00'), subscription('2022-09-01', '300000.00'))] });
const prepared = prepareFund(hnwFund, [malee], { asOf: AS_OF });

describe('cl. 1: a first subscription below 500,000 THB into a high-net-worth fund is refused before it happens', () => {
  it('a first subscription of 300,000 THB into a high-net-worth fund is blocked, an order ground under cl. 12 para 1 (5) with cl. 1 "ผู้มีเงินลงทุนสูง" as its basis, the date and the threshold', () => {
    const check = checkOrder(prepared, somchai, { kind: 'subscription', amount: '300000.00' });
    expect(check.decision).toBe('blocked');
    const finding = check.active.find((f) => f.finding.ruleId === B_RULE)!;
    expect(finding.effect).toBe('active');
    expect(finding.blocks).toBe(true);
    expect(finding.finding.citation.text).toEqual({ th: 'ทน. 89/2558 ข้อ 12 วรรคหนึ่ง (5)', en: 'TorNor. 89/2558 cl. 12 para 1 (5)' });
    expect(finding.finding.basis!.map((c) => c.text.th)).toContain('ทน. 89/2558 ข้อ 1 บทนิยามคำว่า “ผู้มีเงินลงทุนสูง”');
    const evidence = Object.fromEntries(finding.finding.evidence.map((e) => [e.name, e.value]));
    expect(evidence).toMatchObject({ firstSubscriptionAmount: '300000', firstSubscriptionDate: AS_OF, threshold: '500000' });
    expect(finding.finding.message.en).toContain('THB 300,000.00 on 30 Jun 2024, was below the THB 500,000.00 in force that day');
    expect(finding.finding.message.th).toContain('30 มิ.ย. 2567');
    // One finding per breach: the same subscription below the scheme's minimum is not reported again.
    expect(check.active.map((f) => f.finding.ruleId)).toEqual([B_RULE]);
    expect(check.summary.en).toMatch(/^Blocked: a subscription of THB 300,000\.00 by TH-IND-000145 into fund M0377_2562 on 30 Jun 2024 would cause 1 finding/);
    expect(check.summary.th).toMatch(/^ไม่อนุญาต: /);
  });

  it.each([
    ['499,999.99', 'blocked', '499999.99'],
    ['500,000 (the integer 500000)', 'allowed', 500000],
    ['500,000.00', 'allowed', '500000.00'],
    ['500,000.01', 'allowed', '500000.01'],
  ] as const)('a first subscription of %s THB is %s (the threshold is inclusive)', (_label, decision, amount) => {
    expect(checkOrder(prepared, somchai, { kind: 'subscription', amount }).decision).toBe(decision);
  });

  it('the status comes from the first subscription in THIS fund: the party says it is this order, on its date', () => {
    const check = checkOrder(prepared, somchai, { kind: 'subscription', amount: '750000', date: 'BE 2567-06-14' });
    expect(check.decision).toBe('allowed');
    expect(check.parties).toHaveLength(1);
    const [party] = check.parties;
    expect(party).toMatchObject({ role: 'subscriber', investorId: somchai.id, newHolder: true, firstSubscription: { before: null, after: { date: '2024-06-14', amount: '750000' }, byThisOrder: true } });
    expect(party!.explanation.en).toContain('first subscription in fund M0377_2562: this order, THB 750,000.00 on 14 Jun 2024');
    expect(party!.explanation.th).toContain('14 มิ.ย. 2567');
  });

  it('a switch into the fund is a subscription funded from another fund, and is judged the same way', () => {
    const check = checkOrder(prepared, somchai, { kind: 'switch-in', amount: '499999.99', fromFundId: 'M0266_2561' });
    expect(check.decision).toBe('blocked');
    expect(check.active.map((f) => f.finding.ruleId)).toContain(B_RULE);
    expect(check.summary.en).toContain('a switch of THB 499,999.99 by TH-IND-000145 into fund M0377_2562 from fund M0266_2561');
  });
});

describe('cl. 1: a later top-up never cures a low first subscription and is not a new breach', () => {
  it('a top-up of 1,000,000 THB by a holder whose first subscription was 300,000 THB: allowed, the breach reported as pre-existing (passive) and unchanged', () => {
    const check = checkOrder(prepared, malee, { kind: 'subscription', amount: '1000000' });
    expect(check.decision).toBe('allowed');
    expect(check.active).toEqual([]);
    const passive = check.passive.find((f) => f.finding.ruleId === B_RULE)!;
    expect(passive).toMatchObject({ effect: 'unchanged', blocks: false });
    // The first subscription still decides; only the informative total moved.
    const evidence = Object.fromEntries(passive.finding.evidence.map((e) => [e.name, e.value]));
    expect(evidence).toMatchObject({ firstSubscriptionAmount: '300000', firstSubscriptionDate: '2022-03-10', totalSubscribed: '1600000' });
    expect(passive.evidenceChanged).toEqual(['totalSubscribed']);
    expect(passive.before!.evidence.find((e) => e.name === 'totalSubscribed')!.value).toBe('600000');
    expect(check.parties[0]!.firstSubscription).toEqual({ before: { date: '2022-03-10', amount: '300000' }, after: { date: '2022-03-10', amount: '300000' }, byThisOrder: false });
    expect(check.summary.en).toContain('1 pre-existing finding (passive) is made no worse');
  });

  it('a type H fund admits a retail investor whose first subscription is at least 500,000 THB, and blocks one below', () => {
    const hFund = prepareFund(fundOfType('H', { id: 'M0611_2564' }), [], { asOf: AS_OF });
    expect(checkOrder(hFund, somchai, { kind: 'subscription', amount: '500000' }).decision).toBe('allowed');
    const below = checkOrder(hFund, somchai, { kind: 'subscription', amount: '499999.99' });
    expect(below.decision).toBe('blocked');
    expect(below.active.map((f) => f.finding.ruleId)).toContain(H_RULE);
  });
});
