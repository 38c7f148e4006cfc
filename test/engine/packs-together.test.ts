import { describe, expect, it } from 'vitest';
import { typeBFund } from '../helpers/build.js';
import { defineExtensions, evaluate, loadPackFromObject, PackError, tn89Pack, type PackInput } from '../../src/index.js';

const fund = (overrides: Record<string, unknown> = {}) =>
  typeBFund({ scheme: { investorRestriction: 'high-net-worth', minimumFirstSubscription: '1000000' }, unitholders: [{ investorId: 'I1', subscriptions: [{ date: '2018-06-01', amount: '750000' }] }], ...overrides });
const investors = [{ id: 'I1', type: 'individual', category: 'retail', domicile: 'SG' }];

const meta = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  version: '1.0.0',
  notice: { th: 'นโยบายบริษัท', en: 'House policy' },
  title: { th: 'นโยบายบริษัท', en: 'House policy' },
  announced: '2020-01-01',
  inForce: { from: '2020-01-01', citation: { notice: { th: 'นโยบายบริษัท', en: 'House policy' } } },
  ...extra,
});

const houseThreshold: PackInput = {
  meta: meta('house'),
  parameters: [
    {
      id: 'hnw-minimum-first-subscription',
      override: true,
      description: { th: 'ขั้นต่ำของบริษัท', en: 'House minimum first subscription' },
      type: 'money',
      values: [{ from: '2020-01-01', value: '1000000', citation: { notice: { th: 'นโยบายบริษัท ข้อ 4', en: 'House policy s. 4' } } }],
    },
  ],
};

describe('packs evaluated together', () => {
  it('a house pack overriding the 500,000 THB threshold with 1,000,000 THB decides, and the report says whose value it was', async () => {
    const lawOnly = await evaluate({ funds: [fund()], investors }, { asOf: '2024-06-30' });
    expect(lawOnly.findings.filter((f) => f.ruleId === 'tn89.cl12.holder-outside-non-retail-fund-class')).toEqual([]);
    // A first subscription is judged by the threshold in force on its date: the house value only from 2020.
    const before = await evaluate({ funds: [fund()], investors }, { asOf: '2024-06-30', packs: [tn89Pack(), houseThreshold] });
    expect(before.findings.filter((f) => f.ruleId === 'tn89.cl12.holder-outside-non-retail-fund-class')).toEqual([]);
    const after = fund({ unitholders: [{ investorId: 'I1', subscriptions: [{ date: '2021-06-01', amount: '750000' }] }] });
    const report = await evaluate({ funds: [after], investors }, { asOf: '2024-06-30', packs: [tn89Pack(), houseThreshold] });
    const finding = report.findings.find((f) => f.ruleId === 'tn89.cl12.holder-outside-non-retail-fund-class')!;
    expect(finding.evidence.find((e) => e.name === 'threshold')).toMatchObject({ value: '1000000', pack: 'house' });
    expect(finding.message.en).toContain('below the THB 1,000,000.00 in force that day');
    expect(report.overrides).toEqual([{ kind: 'parameter', id: 'hnw-minimum-first-subscription', by: 'house', replaces: 'tn-89-2558' }]);
  });

  it('a disabled rule is listed with its reason and counted, never dropped silently', async () => {
    const house: PackInput = { meta: meta('house', { disable: [{ rule: 'tn89.cl12.first-subscription-below-scheme-minimum', reason: { th: 'ตรวจในระบบเปิดบัญชี', en: 'Checked by the account-opening system' } }] }) };
    const report = await evaluate({ funds: [fund()], investors }, { asOf: '2024-06-30', packs: [tn89Pack(), house] });
    expect(report.findings.map((f) => f.ruleId)).not.toContain('tn89.cl12.first-subscription-below-scheme-minimum');
    expect(report.disabled).toEqual([{ ruleId: 'tn89.cl12.first-subscription-below-scheme-minimum', packId: 'tn-89-2558', by: 'house', reason: { th: 'ตรวจในระบบเปิดบัญชี', en: 'Checked by the account-opening system' } }]);
    const account = report.rules.find((r) => r.ruleId === 'tn89.cl12.first-subscription-below-scheme-minimum')!;
    expect(account.outcome).toBe('disabled');
    const s = report.summary;
    expect(s.disabled).toBe(1);
    expect(s.passed + s.found + s.notApplicable + s.notInForce + s.disabled).toBe(s.rules);
    expect(s.rules).toBe(tn89Pack().rules.length);
  });

  it('a rule overriding a built-in rule by id decides in its place, and the report shows which pack', async () => {
    const base = tn89Pack().rules.find((r) => r.id === 'tn89.cl12.holder-outside-non-retail-fund-class')!;
    const house: PackInput = {
      meta: meta('house'),
      messages: { stricter: { th: 'ลงทุนครั้งแรก {amount}', en: 'first subscription {amount} is below the house minimum' } },
      rules: [
        {
          ...structuredClone(base),
          override: true,
          // The built-in rule reads the built-in pack's own parameters and cl. 1 basis; a house rule states its own.
          appliesWhen: { fact: 'fund', path: '$.scheme.investorRestriction', operator: 'equal', value: 'high-net-worth' },
          basis: [],
          consequence: undefined,
          severity: 'warning',
          citation: { notice: { th: 'นโยบายบริษัท', en: 'House policy' } },
          violationWhen: { fact: 'unitholder', path: '$.firstSubscription.amount', operator: 'decimalLessThan', value: '800000' },
          evidence: [{ name: 'amount', fact: 'unitholder', path: '$.firstSubscription.amount', type: 'money' }],
          message: 'stricter',
        },
      ],
    };
    const report = await evaluate({ funds: [fund()], investors }, { asOf: '2024-06-30', packs: [tn89Pack(), house] });
    const finding = report.findings.find((f) => f.ruleId === base.id)!;
    expect(finding).toMatchObject({ packId: 'house', severity: 'warning', message: { en: 'first subscription THB 750,000.00 is below the house minimum' } });
    expect(report.rules.find((r) => r.ruleId === base.id)).toMatchObject({ packId: 'house', replaces: 'tn-89-2558' });
    expect(report.summary.rules).toBe(tn89Pack().rules.length);
  });

  it('refuses a second rule with a built-in id that does not say override, and an override or disable of an id that does not exist', async () => {
    const clash: PackInput = { meta: meta('house'), messages: { m: { th: 'ข', en: 'm' } }, rules: [{ id: 'tn89.cl3.no-fund-manager-appointed', title: { th: 'ก', en: 'a' }, subject: 'fund', severity: 'info', citation: { notice: { th: 'น', en: 'n' } }, violationWhen: { fact: 'fund', path: '$.kind', operator: 'equal', value: 'mutual' }, message: 'm' }] };
    await expect(evaluate({ funds: [fund()], investors }, { asOf: '2024-06-30', packs: [tn89Pack(), clash] })).rejects.toThrow(/already in pack tn-89-2558; set "override: true"/);
    const ghost: PackInput = { meta: meta('house', { disable: [{ rule: 'tn89.cl99.nothing', reason: { th: 'ก', en: 'a' } }] }) };
    await expect(evaluate({ funds: [fund()], investors }, { asOf: '2024-06-30', packs: [tn89Pack(), ghost] })).rejects.toBeInstanceOf(PackError);
  });

  it('custom facts and operators registered through the typed API are usable by packs and checked at load', async () => {
    const extensions = defineExtensions({
      facts: {
        foreignHolder: { subjects: ['unitholder'], compute: ({ facts }) => (facts['unitholder'] as { domicile: string }).domicile !== 'TH' },
      },
      operators: {
        startsWith: (fact, value) => {
          if (typeof fact !== 'string' || typeof value !== 'string') throw new TypeError('startsWith compares text');
          return fact.startsWith(value);
        },
      },
    });
    const house: PackInput = {
      meta: meta('house'),
      messages: { foreign: { th: 'ผู้ถือหน่วย {investorId} มีภูมิลำเนานอกประเทศไทย', en: 'holder {investorId} is domiciled abroad' } },
      rules: [
        {
          id: 'house.foreign-holder-in-m-fund',
          title: { th: 'ผู้ถือหน่วยต่างประเทศ', en: 'Foreign holder' },
          subject: 'unitholder',
          severity: 'info',
          citation: { notice: { th: 'นโยบายบริษัท', en: 'House policy' } },
          appliesWhen: { fact: 'fund', path: '$.id', operator: 'startsWith', value: 'M' },
          violationWhen: { fact: 'foreignHolder', operator: 'equal', value: true },
          message: 'foreign',
        },
      ],
    };
    expect(() => loadPackFromObject(house)).toThrow(/unknown fact "foreignHolder"[\s\S]*unknown operator "startsWith"|unknown operator "startsWith"[\s\S]*unknown fact "foreignHolder"/);
    const loaded = loadPackFromObject(house, 'house', { extensions });
    const report = await evaluate({ funds: [fund()], investors }, { asOf: '2024-06-30', packs: [tn89Pack(), loaded], extensions });
    expect(report.findings.filter((f) => f.packId === 'house').map((f) => f.message.en)).toEqual(['holder I1 is domiciled abroad']);
  });

  it('refuses a custom fact or operator that clashes with a built-in one', async () => {
    await expect(evaluate({ funds: [fund()], investors }, { asOf: '2024-06-30', extensions: { operators: { equal: () => true } } })).rejects.toThrow(/clashes with a built-in operator/);
  });
});
