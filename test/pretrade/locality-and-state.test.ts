/**
 * What a check evaluates: the order's investors and the fund, without and
 * with the order — nothing in proportion to the register — unless a rule
 * reads a fund fact the order changes (the number of unitholders, or a
 * custom fact computed from the fund), when every subject of that rule's
 * kind is evaluated again and the answer is still the difference of two
 * `evaluate` runs. A prepared fund is never changed by a check, and inputs
 * are never mutated.
 */
import { describe, expect, it } from 'vitest';
import { checkOrder, defineExtensions, loadPackFromObject, prepareFund, tn89Pack, type FundInput, type InvestorInput, type OrderInput, type PackInput } from '../../src/index.js';
import { fundOfType, holder, investor, subscription } from '../helpers/build.js';
import { expectAgreement, reference } from './helpers.js';

const AS_OF = '2024-06-30';

function register(size: number): { fund: FundInput; investors: InvestorInput[] } {
  const investors: InvestorInput[] = [];
  const unitholders = [];
  for (let i = 0; i < size; i++) {
    const id = `TH-${String(i).padStart(6, '0')}`;
    investors.push(investor(id, i % 3 === 0 ? 'retail' : 'high-net-worth'));
    unitholders.push(holder(id, subscription('2021-03-01', i % 4 === 0 ? '300000' : '800000')));
  }
  return { fund: fundOfType('B', { id: 'M0377_2562', unitholders }), investors };
}

describe('a check evaluates only what the order touches', () => {
  const orders: [string, (investors: InvestorInput[]) => [InvestorInput, OrderInput]][] = [
    ['a first subscription', () => [investor('NEW-1', 'retail'), { kind: 'subscription', amount: '300000' }]],
    ['a top-up after a low first subscription', (investors) => [investors[0]!, { kind: 'subscription', amount: '1000000' }]],
    ['a transfer to a new investor', (investors) => [investors[1]!, { kind: 'transfer', amount: '300000', to: investor('NEW-2', 'retail') }]],
  ];

  it.each(orders)('%s evaluates the same subjects in a fund of 10, 1,000 or 20,000 unitholders', (_name, make) => {
    const counts = [10, 1_000, 20_000].map((size) => {
      const { fund, investors } = register(size);
      const [who, order] = make(investors);
      const check = checkOrder(prepareFund(fund, investors, { asOf: AS_OF }), who, order);
      expect(check.evaluated.wholeKinds).toEqual([]);
      return [check.evaluated.subjects, check.decision, check.active.length, check.passive.length];
    });
    expect(counts[1]).toEqual(counts[0]);
    expect(counts[2]).toEqual(counts[0]);
    expect(counts[0]![0]).toBeLessThanOrEqual(3);
  });
});

const meta = (id: string) => ({
  id,
  version: '1.0.0',
  notice: { th: 'นโยบายบริษัท', en: 'House policy' },
  title: { th: 'นโยบายบริษัท', en: 'House policy' },
  announced: '2020-01-01',
  inForce: { from: '2020-01-01', citation: { notice: { th: 'นโยบายบริษัท', en: 'House policy' } } },
});

/** House rules that read the number of unitholders: on every retail holder, and on the fund. */
const crowded: PackInput = {
  meta: meta('house-crowding'),
  messages: {
    crowded: { th: 'กองทุน {fundId} มีผู้ถือหน่วย {holders} ราย', en: 'Fund {fundId} has {holders} unitholders' },
    'crowded-retail': { th: 'ผู้ลงทุนรายย่อย {investorId} ในกองทุนที่มีผู้ถือหน่วย {holders} ราย', en: 'Retail holder {investorId} in a fund of {holders} unitholders' },
  },
  rules: [
    {
      id: 'house.retail-holder-in-crowded-fund',
      title: { th: 'ผู้ลงทุนรายย่อยในกองทุนที่มีผู้ถือหน่วยมาก', en: 'Retail holder in a crowded fund' },
      subject: 'unitholder',
      severity: 'violation',
      citation: { notice: { th: 'นโยบายบริษัท ข้อ 7', en: 'House policy s. 7' } },
      appliesWhen: { fact: 'unitholder', path: '$.category', operator: 'equal', value: 'retail' },
      violationWhen: { fact: 'fund', path: '$.unitholderCount', operator: 'decimalGreaterThan', value: 3 },
      evidence: [{ name: 'holders', fact: 'fund', path: '$.unitholderCount', type: 'number' }],
      message: 'crowded-retail',
    },
    {
      id: 'house.crowded-fund',
      title: { th: 'กองทุนที่มีผู้ถือหน่วยมาก', en: 'Crowded fund' },
      subject: 'fund',
      severity: 'warning',
      citation: { notice: { th: 'นโยบายบริษัท ข้อ 8', en: 'House policy s. 8' } },
      violationWhen: { fact: 'fund', path: '$.unitholderCount', operator: 'decimalAtLeast', value: 4 },
      evidence: [{ name: 'holders', fact: 'fund', path: '$.unitholderCount', type: 'number' }],
      message: 'crowded',
    },
  ],
};

describe('rules that read a fund fact the order changes are evaluated on every subject of their kind', () => {
  const three = register(3);
  const packs = [tn89Pack(), loadPackFromObject(crowded)];

  it('a fourth holder makes every retail holder a finding of a house rule on the number of unitholders: all active, all as evaluate finds them', async () => {
    const who = investor('NEW-1', 'retail');
    const order: OrderInput = { kind: 'subscription', amount: '600000' };
    const check = checkOrder(prepareFund(three.fund, three.investors, { asOf: AS_OF, packs }), who, order);
    expect(check.evaluated.wholeKinds.sort()).toEqual(['fund', 'unitholder']);
    expectAgreement(check, await reference(three.fund, three.investors, who, order, AS_OF, { packs }));
    expect(check.active.map((f) => [f.finding.ruleId, f.finding.subject.investorId ?? f.finding.subject.kind]).sort()).toEqual([
      ['house.crowded-fund', 'fund'],
      ['house.retail-holder-in-crowded-fund', 'NEW-1'],
      ['house.retail-holder-in-crowded-fund', 'TH-000000'],
    ]);
    expect(check.decision).toBe('blocked');
  });

  it('a top-up does not change the number of unitholders: nothing is evaluated again', async () => {
    const order: OrderInput = { kind: 'subscription', amount: '600000' };
    const check = checkOrder(prepareFund(three.fund, three.investors, { asOf: AS_OF, packs }), three.investors[1]!, order);
    expect(check.evaluated.wholeKinds).toEqual([]);
    expectAgreement(check, await reference(three.fund, three.investors, three.investors[1]!, order, AS_OF, { packs }));
  });

  it('a custom fact sees the fund\'s facts, so rules reading it are evaluated again on every subject too', async () => {
    const extensions = defineExtensions({
      facts: { holdersAfterMe: { subjects: ['unitholder'], compute: ({ fund }) => (fund['unitholderCount'] as number) - 1 } },
    });
    const pack: PackInput = {
      meta: meta('house-custom'),
      messages: { many: { th: '{investorId} {others}', en: '{investorId} shares the fund with {others} others' } },
      rules: [
        {
          id: 'house.shares-with-many',
          title: { th: 'ถือร่วมกับผู้ถือหน่วยจำนวนมาก', en: 'Shares the fund with many' },
          subject: 'unitholder',
          severity: 'violation',
          citation: { notice: { th: 'นโยบายบริษัท ข้อ 9', en: 'House policy s. 9' } },
          violationWhen: { fact: 'holdersAfterMe', operator: 'decimalAtLeast', value: 3 },
          evidence: [{ name: 'others', fact: 'holdersAfterMe', type: 'number' }],
          message: 'many',
        },
      ],
    };
    const withCustom = [tn89Pack(), loadPackFromObject(pack, '(object)', { extensions })];
    const who = investor('NEW-1', 'high-net-worth');
    const order: OrderInput = { kind: 'subscription', amount: '600000' };
    const check = checkOrder(prepareFund(three.fund, three.investors, { asOf: AS_OF, packs: withCustom, extensions }), who, order);
    expect(check.evaluated.wholeKinds).toEqual(['unitholder']);
    expectAgreement(check, await reference(three.fund, three.investors, who, order, AS_OF, { packs: withCustom, extensions }));
    expect(check.active).toHaveLength(4);
  });
});

describe('state', () => {
  function deepFreeze<T>(value: T): T {
    if (value && typeof value === 'object') {
      Object.freeze(value);
      for (const child of Object.values(value)) deepFreeze(child);
    }
    return value;
  }

  it('inputs are never mutated (frozen inputs are accepted), and a prepared fund answers the same every time', () => {
    const fund = deepFreeze(fundOfType('B', { id: 'M0377_2562', declaredType: 'A', unitholders: [holder('TH-1', subscription('2021-03-01', '300000'))] }));
    const investors = deepFreeze([investor('TH-1', 'retail')]);
    const order = deepFreeze<OrderInput>({ kind: 'subscription', amount: '100' });
    const prepared = prepareFund(fund, investors, { asOf: AS_OF });
    const first = checkOrder(prepared, investors[0]!, order);
    // The fund's own findings (declared type A, scheme for high-net-worth investors) are reported as passive with each order.
    expect(first.passive.some((p) => p.finding.subject.kind === 'fund')).toBe(true);
    // A caller who edits a result does not change the next one.
    first.passive[0]!.finding.message.en = 'edited';
    (first.passive[0]!.finding.evidence as unknown[]).length = 0;
    const second = checkOrder(prepared, investors[0]!, order);
    expect(second.passive[0]!.finding.message.en).not.toBe('edited');
    expect(second).toStrictEqual(checkOrder(prepared, investors[0]!, order));
    expect(prepared.unitholderCount).toBe(1);
    expect(Object.isFrozen(prepared)).toBe(true);
  });

  it('a result is plain JSON: it survives serialisation unchanged', () => {
    const check = checkOrder(fundOfType('B'), investor('TH-1', 'retail'), { kind: 'subscription', amount: '300000' }, { asOf: AS_OF });
    expect(JSON.parse(JSON.stringify(check))).toStrictEqual(check);
  });
});
