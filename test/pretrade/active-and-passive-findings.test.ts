/**
 * Active and passive breaches. A finding the order causes is active and
 * blocks it. A finding that exists without the order is passive: reported as
 * pre-existing, and it does not block an order that makes it no worse — same
 * rule, same subject, status no worse, and the comparisons that decided it
 * unchanged, or moved toward their thresholds. Anything else makes it worse
 * (aggravated), which blocks like an active finding.
 */
import { describe, expect, it } from 'vitest';
import { checkOrder, prepareFund, type Finding } from '../../src/index.js';
import { comparePassive } from '../../src/subpaths/pretrade.js';
import { fundOfType, holder, investor, subscription, waiver } from '../helpers/build.js';

const PROSPECTUS = 'tn89.cl11.retail-units-sold-without-prospectus-rules';
const B_RULE = 'tn89.cl12.holder-outside-non-retail-fund-class';
const BELOW_SCHEME_MINIMUM = 'tn89.cl12.first-subscription-below-scheme-minimum';
const AS_OF = '2024-06-30';
const somchai = investor('TH-IND-000145', 'retail');

describe('cl. 11 para 1 (2): a second sale without the prospectus rules makes a pre-existing breach worse', () => {
  const rFund = prepareFund(fundOfType('R', { id: 'M0012_2560', unitholders: [holder(somchai.id, subscription('2023-02-01', '10000', { prospectusDelivered: false }))] }), [somchai], { asOf: AS_OF });

  it('a top-up sold with the prospectus rules followed leaves the breach as it was: passive, unchanged, allowed', () => {
    const check = checkOrder(rFund, somchai, { kind: 'subscription', amount: '5000', prospectusDelivered: true });
    expect(check.decision).toBe('allowed');
    expect(check.passive.map((p) => [p.finding.ruleId, p.effect, p.blocks])).toEqual([[PROSPECTUS, 'unchanged', false]]);
  });

  it('a top-up sold without them is a further sale in breach (1 → 2): aggravated, and it blocks', () => {
    const check = checkOrder(rFund, somchai, { kind: 'subscription', amount: '5000', prospectusDelivered: false });
    expect(check.decision).toBe('blocked');
    expect(check.active).toEqual([]);
    const [worse] = check.passive;
    expect(worse).toMatchObject({ effect: 'aggravated', blocks: true, reason: 'comparison-worse' });
    expect(worse!.changes).toEqual([
      {
        fact: 'unitholder',
        path: '$.subscriptionsWithoutProspectus',
        operator: 'decimalGreaterThan',
        before: { actual: 1, expected: 0, result: true },
        after: { actual: 2, expected: 0, result: true },
        direction: 'worse',
      },
    ]);
    expect(check.summary.en).toContain('would make 1 pre-existing finding worse');
  });

  it('a first sale without them, to a new investor, is active', () => {
    const check = checkOrder(rFund, investor('TH-IND-000146', 'retail'), { kind: 'subscription', amount: '5000', prospectusDelivered: false });
    expect(check.active.map((f) => f.finding.ruleId)).toEqual([PROSPECTUS]);
    expect(check.decision).toBe('blocked');
  });
});

describe('cl. 1: an order dated before the first subscription becomes the first subscription', () => {
  const bFund = prepareFund(fundOfType('B', { id: 'M0377_2562', unitholders: [holder(somchai.id, subscription('2023-05-02', '300000'))] }), [somchai], { asOf: AS_OF });

  it('a larger but still low amount moves the first subscription toward the threshold: improved, allowed', () => {
    const check = checkOrder(bFund, somchai, { kind: 'subscription', amount: '400000', date: '2023-01-10' });
    expect(check.decision).toBe('allowed');
    // One finding per breach: the holder outside the type B fund's class (cl. 12 para 1 (5)), not also below the scheme's minimum.
    expect(check.passive.map((p) => [p.finding.ruleId, p.effect]).sort()).toEqual([[B_RULE, 'improved']]);
    expect(check.parties[0]!.firstSubscription).toEqual({ before: { date: '2023-05-02', amount: '300000' }, after: { date: '2023-01-10', amount: '400000' }, byThisOrder: true });
  });

  it('a smaller amount moves it away: aggravated, blocked', () => {
    const check = checkOrder(bFund, somchai, { kind: 'subscription', amount: '100000', date: '2023-01-10' });
    expect(check.decision).toBe('blocked');
    expect(check.passive.every((p) => p.effect === 'aggravated' && p.blocks)).toBe(true);
  });

  it('an amount of at least 500,000 THB resolves the breach', () => {
    const check = checkOrder(bFund, somchai, { kind: 'subscription', amount: '600000', date: '2023-01-10' });
    expect(check.decision).toBe('allowed');
    expect(check.resolved.map((f) => f.ruleId).sort()).toEqual([B_RULE]);
    expect(check.active.map((f) => f.finding.ruleId)).not.toContain(BELOW_SCHEME_MINIMUM);
  });
});

describe('what blocks', () => {
  it('a finding a valid cl. 10 waiver covers is reported as waived and does not block', () => {
    const fund = fundOfType('B', {
      id: 'M0800_2565',
      offering: { inThailand: true, abroad: true },
      waivers: [waiver('SEC-W-2565-01', '2022-01-05', [B_RULE, BELOW_SCHEME_MINIMUM])],
    });
    // cl. 10 reaches only what does not affect investors in Thailand: an investor domiciled abroad.
    const abroad = investor('SG-IND-000145', 'retail', { domicile: 'SG' });
    const check = checkOrder(prepareFund(fund, [], { asOf: AS_OF }), abroad, { kind: 'subscription', amount: '300000' });
    expect(check.decision).toBe('allowed');
    expect(check.active.map((f) => [f.finding.ruleId, f.finding.status, f.finding.waiver?.reference, f.blocks]).sort()).toEqual([[B_RULE, 'waived', 'SEC-W-2565-01', false]]);
    expect(check.summary.en).toContain('it causes 1 finding below violation or waived');
    // The same order by an investor domiciled in Thailand: not waived, it blocks, and the check says why.
    const thai = checkOrder(prepareFund(fund, [], { asOf: AS_OF }), somchai, { kind: 'subscription', amount: '300000' });
    expect(thai.decision).toBe('blocked');
    const [finding] = thai.active;
    expect([finding!.finding.ruleId, finding!.finding.status, finding!.blocks]).toEqual([B_RULE, 'violation', true]);
    expect(finding!.finding.waiversNotApplied?.map((w) => [w.reference, w.reason.en])).toEqual([['SEC-W-2565-01', expect.stringContaining('domiciled in Thailand')]]);
  });

  it('blockOn sets the severity from which active findings block', () => {
    const bFund = fundOfType('B', { id: 'M0377_2562' });
    const onlyRevocation = checkOrder(bFund, somchai, { kind: 'subscription', amount: '300000' }, { asOf: AS_OF, blockOn: 'revocation-ground' });
    expect(onlyRevocation.decision).toBe('allowed');
    expect(onlyRevocation.active.map((f) => [f.finding.ruleId, f.finding.severity, f.blocks])).toEqual([[B_RULE, 'order-ground', false]]);
    const orderGround = checkOrder(bFund, somchai, { kind: 'subscription', amount: '300000' }, { asOf: AS_OF, blockOn: 'order-ground' });
    expect(orderGround.decision).toBe('blocked');
    expect(orderGround.active.filter((f) => f.blocks).map((f) => f.finding.ruleId)).toEqual([B_RULE]);
  });

  it('before the notice came into force nothing blocks, and the check says why', () => {
    const check = checkOrder(fundOfType('B', { approvalDate: '2014-06-10', registrationDate: '2014-07-01' }), somchai, { kind: 'subscription', amount: '300000' }, { asOf: '2015-12-31' });
    expect(check).toMatchObject({ status: 'not-in-force', decision: 'allowed', active: [], passive: [] });
    expect(check.notices[0]!.message.en).toBe('TorNor. 89/2558 was not yet in force on 31 Dec 2015 (in force from 16 Jan 2016)');
    expect(check.summary.en).toBe('Allowed: no pack was in force on 31 Dec 2015, so nothing could block a subscription of THB 300,000.00 by TH-IND-000145 into fund M0001_2560 on 31 Dec 2015.');
  });
});

describe('comparePassive: "makes it no worse", comparison by comparison', () => {
  const base: Finding = {
    ruleId: B_RULE,
    packId: 'tn-89-2558',
    severity: 'violation',
    status: 'violation',
    subject: { kind: 'unitholder', fundId: 'F', investorId: 'I', pointer: 'funds[0].unitholders[0]' },
    fields: [],
    title: { th: 'ก', en: 't' },
    citation: { notice: { th: 'ทน. 89/2558', en: 'TorNor. 89/2558' }, text: { th: 'ก', en: 't' } },
    message: { th: 'ก', en: 'm' },
    evidence: [{ name: 'total', type: 'money', value: '1', source: 'unitholder.totalSubscribed' }],
    decidedBy: [{ fact: 'unitholder', path: '$.firstSubscription.amount', operator: 'decimalLessThan', actual: '300000', expected: '500000', result: true }],
  };
  const withLeaf = (leaf: Partial<Finding['decidedBy'][number]>): Finding => ({ ...base, decidedBy: [{ ...base.decidedBy[0]!, ...leaf }] });

  it('unchanged when the deciding comparisons are exactly as they were, whatever informative evidence moved', () => {
    expect(comparePassive(base, { ...base, evidence: [{ name: 'total', type: 'money', value: '2', source: 'unitholder.totalSubscribed' }] })).toEqual({ effect: 'unchanged', changes: [], evidenceChanged: ['total'] });
  });

  it('improved when a value moves toward an unchanged threshold (up for a less-than, down for a greater-than, later for a before)', () => {
    expect(comparePassive(base, withLeaf({ actual: '400000.00' })).effect).toBe('improved');
    expect(comparePassive(withLeaf({ operator: 'decimalGreaterThan', actual: 3, expected: 0 }), withLeaf({ operator: 'decimalGreaterThan', actual: 2, expected: 0 })).effect).toBe('improved');
    expect(comparePassive(withLeaf({ operator: 'dateBefore', actual: '2020-01-01', expected: '2021-01-01' }), withLeaf({ operator: 'dateBefore', actual: '2020-06-01', expected: '2021-01-01' })).effect).toBe('improved');
  });

  it('aggravated when a value moves away, a threshold moves, a membership value changes, different comparisons decide, or a waiver no longer covers it', () => {
    expect(comparePassive(base, withLeaf({ actual: '299999.99' }))).toMatchObject({ effect: 'aggravated', reason: 'comparison-worse' });
    expect(comparePassive(base, withLeaf({ actual: '400000', expected: '600000' }))).toMatchObject({ effect: 'aggravated', reason: 'comparison-worse' });
    expect(comparePassive(withLeaf({ operator: 'equal', actual: 'retail', expected: 'retail' }), withLeaf({ operator: 'equal', actual: 'other', expected: 'other' }))).toMatchObject({ effect: 'aggravated' });
    expect(comparePassive(base, { ...base, decidedBy: [...base.decidedBy, { ...base.decidedBy[0]!, path: '$.totalSubscribed' }] })).toMatchObject({ effect: 'aggravated', reason: 'decided-differently' });
    expect(comparePassive({ ...base, status: 'waived' }, base)).toMatchObject({ effect: 'aggravated', reason: 'no-longer-waived' });
  });

  it('a finding a waiver comes to cover is improved', () => {
    expect(comparePassive(base, { ...base, status: 'waived' }).effect).toBe('improved');
  });
});
