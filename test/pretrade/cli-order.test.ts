/**
 * `thai-fund-compliance order`, for operations staff: the decision and its
 * reasons in Thai or English; exit 0 allowed, 1 blocked, 2 bad input (every
 * bad field with file:line:column and the reason, never a stack trace).
 */
import { describe, expect, it } from 'vitest';
import { cli, workspace } from '../cli/helpers/cli.js';

const SCHEME = `# A fund for high-net-worth investors only, with one holder whose first subscription was low.
funds:
  - id: M0377_2562
    names:
      th: กองทุนเปิดเจ้าพระยา หุ้นเทคโนโลยีโลก สำหรับผู้มีเงินลงทุนสูง
      en: Chao Phraya Global Technology Equity Fund for High-Net-Worth Investors
    kind: mutual
    declaredType: B
    managementCompany: { id: C0000000118 }
    approvalDate: "2019-05-07"
    offering: { inThailand: true, abroad: false }
    scheme:
      investorRestriction: high-net-worth
      minimumFirstSubscription: "500000.00"
    unitholders:
      - investorId: TH-IND-008230
        subscriptions:
          - { date: "2022-03-10", amount: "300000.00" }
  - id: M0099_2557
    names: { th: กองทุนเปิดสถาบัน, en: Institutional Fund }
    kind: mutual
    declaredType: N
    managementCompany: { id: C0000000118 }
    approvalDate: "2014-06-10"
    offering: { inThailand: true, abroad: false }
    scheme: { investorRestriction: institutional }
    unitholders:
      - investorId: TH-JUR-000031
        subscriptions:
          - { date: "2014-07-01", amount: "250000000.00" }
investors:
  - { id: TH-IND-008230, type: individual, category: retail, domicile: TH }
  - { id: TH-JUR-000031, type: juristic, category: institutional, domicile: TH }
`;

const FILES = {
  'scheme.yaml': SCHEME,
  'somchai.yaml': 'id: TH-IND-000145\ntype: individual\ncategory: retail\ndomicile: TH\nname: นายสมชาย ใจดี\n',
  'kanya.json': JSON.stringify({ id: 'TH-IND-010021', type: 'individual', domicile: 'TH', profile: { assessedOn: '2022-10-01', netAssets: '35000000.00' } }, null, 2),
  'holder.yaml': 'id: TH-IND-008230\ntype: individual\ncategory: retail\ndomicile: TH\n',
  'pension.yaml': 'id: TH-JUR-000031\ntype: juristic\ncategory: institutional\ndomicile: TH\n',
  'bad.yaml': 'id: TH-IND-000146\ntype: person\ndomicile: Thailand\n',
  // One fund and its register, without investor records: the order's investor files give them.
  'institutional-fund.yaml': [
    'id: M0099_2557',
    'names: { th: กองทุนเปิดสถาบัน, en: Institutional Fund }',
    'kind: mutual',
    'declaredType: N',
    'managementCompany: { id: C0000000118 }',
    'approvalDate: "2014-06-10"',
    'offering: { inThailand: true, abroad: false }',
    'scheme: { investorRestriction: institutional }',
    'unitholders:',
    '  - investorId: TH-JUR-000031',
    '    subscriptions: [{ date: "2014-07-01", amount: "250000000.00" }]',
    '',
  ].join('\n'),
  'reviewed-later.yaml': 'id: TH-IND-000777\ntype: individual\ndomicile: TH\nprofile:\n  assessedOn: "2024-07-01"\n  netAssets: "90000000"\n',
};

const order = (...args: string[]) => cli(['order', ...args], { cwd: workspace(FILES) });

describe('order: exit codes and the decision in words', () => {
  it('a first subscription of 300,000 THB into the high-net-worth fund: BLOCKED, exit 1, with the clause, the reason and the evidence', async () => {
    const r = await order('scheme.yaml', '--fund', 'M0377_2562', '--investor', 'somchai.yaml', '--subscribe', '300000', '--date', '2024-06-30');
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^Blocked: a subscription of THB 300,000\.00 by TH-IND-000145 into fund M0377_2562 on 30 Jun 2024 would cause 1 finding /);
    expect(r.out).toContain('Findings the order would cause (active):');
    // One finding: a retail holder below the cl. 1 high-net-worth amount is outside the type B fund's class, an order ground (cl. 12 para 1 (5)).
    expect(r.out).toContain('ORDER GROUND — blocks  TorNor. 89/2558 cl. 12 para 1 (5)  tn89.cl12.holder-outside-non-retail-fund-class');
    expect(r.out).toContain('was a retail investor on the first subscription\'s date (retail as given (assessed (no date))), and that first subscription, THB 300,000.00 on 30 Jun 2024, was below the THB 500,000.00 in force that day');
    expect(r.out).toContain('threshold=THB 500,000.00');
    expect(r.out).toContain('subscriber: TH-IND-000145 is a retail investor');
  });

  it('in Thai, with Buddhist Era dates', async () => {
    const r = await order('scheme.yaml', '--fund', 'M0377_2562', '--investor', 'somchai.yaml', '--subscribe', '300000', '--date', 'BE 2567-06-30', '--lang', 'th');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^ไม่อนุญาต: การจองซื้อหน่วยลงทุนกองทุน M0377_2562 ของ TH-IND-000145 จำนวน 300,000\.00 บาท เมื่อ 30 มิ\.ย\. 2567/);
    expect(r.out).toContain('เหตุสั่งการ — ระงับคำสั่ง  ทน. 89/2558 ข้อ 12 วรรคหนึ่ง (5)  tn89.cl12.holder-outside-non-retail-fund-class');
    expect(r.out).toContain('ลงทุนครั้งแรกเมื่อ 30 มิ.ย. 2567 เป็นเงิน 300,000.00 บาท ต่ำกว่า 500,000.00 บาท ที่ใช้บังคับในวันนั้น');
    expect(r.out).toContain('ผู้จองซื้อ: TH-IND-000145 เป็นผู้ลงทุนรายย่อย');
  });

  it('a high-net-worth investor (by a KYC profile reviewed on 1 Oct 2022) subscribing 500,000 THB: allowed, exit 0; JSON on request', async () => {
    const r = await order('scheme.yaml', '--fund', 'M0377_2562', '--investor', 'kanya.json', '--subscribe', '500000.00', '--as-of', '2024-06-30', '--format', 'json');
    expect(r.code).toBe(0);
    const check = JSON.parse(r.out);
    expect(check).toMatchObject({ decision: 'allowed', asOf: '2024-06-30', order: { kind: 'subscription', amount: '500000', date: '2024-06-30' }, active: [] });
    expect(check.parties[0].category.test).toMatchObject({ threshold: '30000000', notice: { en: 'KorJor. 39/2564' } });
  });

  it('a top-up after a low first subscription: allowed, the breach shown as pre-existing', async () => {
    const r = await order('scheme.yaml', '--fund', 'M0377_2562', '--investor', 'holder.yaml', '--subscribe', '1000000', '--date', '2024-06-30');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Findings that exist without the order (passive):');
    expect(r.out).toContain('ORDER GROUND [unchanged]  TorNor. 89/2558 cl. 12 para 1 (5)  tn89.cl12.holder-outside-non-retail-fund-class');
  });

  it('a transfer of institutional-fund units to an individual: blocked, a revocation ground with the duty to dissolve', async () => {
    const r = await order('scheme.yaml', '--fund', 'M0099_2557', '--investor', 'pension.yaml', '--transfer', '1000000', '--transfer-to', 'somchai.yaml', '--date', '2024-06-30');
    expect(r.code).toBe(1);
    expect(r.out).toContain('a transfer of units of fund M0099_2557 worth THB 1,000,000.00 from TH-JUR-000031 to TH-IND-000145');
    expect(r.out).toContain('REVOCATION GROUND — blocks  TorNor. 89/2558 cl. 11 para 1 (3)');
    expect(r.out).toContain('(TorNor. 89/2558 cl. 11 para 2)');
    expect(r.out).toContain('transferee: TH-IND-000145');
  });

  it('a fund file without investor records: the holder\'s record comes from --investor', async () => {
    const r = await order('institutional-fund.yaml', '--investor', 'pension.yaml', '--transfer', '1000000', '--transfer-to', 'somchai.yaml', '--date', '2024-06-30', '--lang', 'th');
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    expect(r.out).toContain('เหตุเพิกถอน — ระงับคำสั่ง  ทน. 89/2558 ข้อ 11 วรรคหนึ่ง (3)');
    expect(r.out).toContain('ผู้รับโอน: TH-IND-000145 เป็นผู้ลงทุนรายย่อย');
    const later = await order('institutional-fund.yaml', '--investor', 'pension.yaml', '--transfer', '1000000', '--transfer-to', 'reviewed-later.yaml', '--date', '2024-06-30');
    expect(later.code).toBe(2);
    expect(later.err).toContain('reviewed-later.yaml:5:3: profile.assessedOn: the profile was reviewed on 2024-07-01, after the as-of date 2024-06-30');
  });

  it('a switch-in is checked as a subscription funded from another fund; --block-on raises the bar', async () => {
    const blocked = await order('scheme.yaml', '--fund', 'M0377_2562', '--investor', 'somchai.yaml', '--switch-in', '499999.99', '--from-fund', 'M0266_2561', '--date', '2024-06-30');
    expect(blocked.code).toBe(1);
    expect(blocked.out).toContain('a switch of THB 499,999.99 by TH-IND-000145 into fund M0377_2562 from fund M0266_2561');
    const lenient = await order('scheme.yaml', '--fund', 'M0377_2562', '--investor', 'somchai.yaml', '--switch-in', '499999.99', '--date', '2024-06-30', '--block-on', 'revocation-ground');
    expect(lenient.code).toBe(0);
  });
});

describe('order: bad input is exit 2, every problem with where it is and why, no stack trace', () => {
  it('a bad investor file, amount and date are all reported at once', async () => {
    const r = await order('scheme.yaml', '--fund', 'M0377_2562', '--investor', 'bad.yaml', '--subscribe', '3,000', '--date', '2024-13-01');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('--date: 2024-13-01 is not a real calendar date');
    expect(r.err).toContain('bad.yaml:2:1: type: expected one of "individual", "juristic"');
    expect(r.err).toContain('bad.yaml:3:1: domicile: expected an ISO 3166-1 alpha-2 country code such as "TH"');
    expect(r.err).toMatch(/--subscribe: "3,000" is not a plain decimal amount/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('a bad field of the scheme points at its line in the scheme file', async () => {
    const dir = workspace({ ...FILES, 'scheme.yaml': SCHEME.replace('amount: "300000.00"', 'amount: "-1"') });
    const r = await cli(['order', 'scheme.yaml', '--fund', 'M0377_2562', '--investor', 'somchai.yaml', '--subscribe', '600000', '--date', '2024-06-30'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err).toContain('scheme.yaml:18:35: funds[0].unitholders[0].subscriptions[0].amount: the amount must be greater than zero');
  });

  it('a category that cannot be relied on (reviewed after the as-of date) points at the investor file', async () => {
    const r = await order('scheme.yaml', '--fund', 'M0377_2562', '--investor', 'kanya.json', '--subscribe', '600000', '--date', '2022-09-30');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/kanya\.json:6:5: profile\.assessedOn: the profile was reviewed on 2022-10-01, after the as-of date 2022-09-30/);
  });

  it('a transfer by someone who holds nothing, and the usage errors', async () => {
    const none = await order('scheme.yaml', '--fund', 'M0377_2562', '--investor', 'somchai.yaml', '--transfer', '5', '--transfer-to', 'holder.yaml', '--date', '2024-06-30');
    expect(none.code).toBe(2);
    expect(none.err).toContain('somchai.yaml:1:1: id: investor TH-IND-000145 holds no units of fund M0377_2562 on 2024-06-30: nothing to transfer');
    const noOrder = await order('scheme.yaml', '--investor', 'somchai.yaml');
    expect(noOrder.code).toBe(2);
    expect(noOrder.err).toContain('no order given: give one of --subscribe <amount>, --switch-in <amount>, or --transfer <amount> with --transfer-to <investor file>');
    expect(noOrder.err).toContain('scheme.yaml: 2 funds; name the fund with --fund <id>');
    const noTransferee = await order('scheme.yaml', '--fund', 'M0099_2557', '--investor', 'pension.yaml', '--transfer', '5');
    expect(noTransferee.err).toContain('--transfer: give the transferee with --transfer-to <investor file>');
    const notAnInvestor = await order('scheme.yaml', '--fund', 'M0377_2562', '--investor', 'scheme.yaml', '--subscribe', '5');
    expect(notAnInvestor.err).toContain('scheme.yaml: an investor file holds one investor');
    const unknownFund = await order('scheme.yaml', '--fund', 'NOPE', '--investor', 'somchai.yaml', '--subscribe', '5');
    expect(unknownFund.err).toContain('scheme.yaml: no fund "NOPE" (funds: M0377_2562, M0099_2557)');
  });
});
