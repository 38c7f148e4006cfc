import { describe, expect, it } from 'vitest';
import { describeCondition, describeLeaf } from '../../src/cli/conditions.js';
import { describeCitation, ruleCatalog } from '../../src/cli/packs.js';
import { closest } from '../../src/cli/suggest.js';
import { evaluate, tn89Pack, type Condition } from '../../src/index.js';
import { cli, workspace } from './helpers/cli.js';
import { housePack, hnwScheme, inputJson, overridePack, revocationScheme } from './helpers/schemes.js';
import { parse } from 'yaml';

const HNW_RULE = 'tn89.cl1.hnw-scheme-minimum-below-threshold';
const HNW_PARAMETER = 'parameter hnw-minimum-first-subscription = THB 500,000.00 from 16 Jan 2016 (TorNor. 89/2558 cl. 1 definition of "high-net-worth investor")';

describe('rules', () => {
  it('lists every rule of the notice with its severity and citation', async () => {
    const r = await cli(['rules']);
    expect(r.code).toBe(0);
    const pack = tn89Pack();
    expect(r.out).toContain(`TorNor. 89/2558 — tn-89-2558 ${pack.meta.version} (in force from 16 Jan 2016): ${pack.rules.length} rules`);
    const lines = r.out.split('\n');
    for (const info of ruleCatalog([pack])) {
      const line = lines.find((l) => l.trim().startsWith(`${info.rule.id} `));
      expect(line, info.rule.id).toBeDefined();
      expect(line).toMatch(new RegExp(`${info.rule.id}\\s+${info.rule.severity}\\s+${info.rule.subject}\\s+`));
      expect(line!.endsWith(info.citation.text.en)).toBe(true);
    }
    expect(r.out).toMatch(/tn89\.cl1\.hnw-scheme-minimum-below-threshold\s+violation\s+fund\s+TorNor\. 89\/2558 cl\. 1 definition of "high-net-worth investor"\n/);
  });

  it('lists them in Thai, and as JSON with the clause text, including the rules of --pack packs', async () => {
    const th = await cli(['rules', '--lang', 'th']);
    expect(th.out).toMatch(/tn89\.cl11\.unitholding-limit-order-not-carried-out\s+revocation-ground\s+office-order\s+ทน\. 89\/2558 ข้อ 11 วรรคหนึ่ง \(4\)\n/);
    const r = await cli(['rules', '--format', 'json', '--pack', 'house'], { cwd: workspace(housePack) });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.packs.map((p: { id: string }) => p.id)).toEqual(['tn-89-2558', 'house-policy']);
    expect(json.rules.map((x: { id: string }) => x.id)).toEqual([...tn89Pack().rules.map((x) => x.id), 'house.scheme-minimum-below-house-policy']);
    const hnw = json.rules.find((x: { id: string }) => x.id === HNW_RULE);
    expect(hnw).toMatchObject({ packId: 'tn-89-2558', severity: 'violation', subject: 'fund', citation: { clause: 1, term: 'ผู้มีเงินลงทุนสูง', text: { th: 'ทน. 89/2558 ข้อ 1 บทนิยามคำว่า “ผู้มีเงินลงทุนสูง”' } } });
    expect(hnw.citation.clauseText).toMatch(/^“ผู้มีเงินลงทุนสูง” หมายความว่า/);
  });

  it('exits 2 listing the issues of a bad --pack', async () => {
    const r = await cli(['rules', '--pack', 'house'], { cwd: workspace({ ...housePack, 'house/pack.yaml': 'id: House Policy\n' }) });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/house\/pack\.yaml:1:\d+: id: /);
    expect(r.err).toMatch(/house\/pack\.yaml:\d+:\d+: \(root\)|house\/pack\.yaml:\d+:\d+: version/);
  });
});

describe('citations as the CLI renders them for rules', () => {
  it('agree with the engine’s rendering of every rule, and of the clause words a finding carries', async () => {
    const pack = tn89Pack();
    const report = await evaluate({ funds: [parse(hnwScheme('500000'))] }, { asOf: '2024-06-30' });
    for (const account of report.rules) {
      const rule = pack.rules.find((r) => r.id === account.ruleId)!;
      expect(describeCitation(pack, rule.citation).text, rule.id).toEqual(account.citation);
    }
    const withFindings = await evaluate(
      { funds: [parse(hnwScheme('100000')), parse(revocationScheme), ...(JSON.parse(inputJson).funds as unknown[])], investors: JSON.parse(inputJson).investors },
      { asOf: '2024-06-30' },
    );
    expect(withFindings.findings.length).toBeGreaterThanOrEqual(3);
    for (const finding of withFindings.findings) {
      const rule = pack.rules.find((r) => r.id === finding.ruleId)!;
      const mine = describeCitation(pack, rule.citation);
      expect({ text: mine.text, clauseText: mine.clauseText, reading: mine.reading }, rule.id).toEqual({ text: finding.citation.text, clauseText: finding.citation.clauseText, reading: finding.citation.reading });
    }
  });
});

describe('explain', () => {
  it('prints the clause’s Thai text and English reading, the dated parameters and the conditions in words', async () => {
    const r = await cli(['explain', HNW_RULE]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('High-net-worth fund scheme declares a minimum first subscription below the threshold');
    expect(r.out).toContain('TorNor. 89/2558 cl. 1 definition of "high-net-worth investor"\n  Thai text:\n    “ผู้มีเงินลงทุนสูง” หมายความว่า ผู้ที่จะลงทุนในหน่วยลงทุนของกองทุนรวมในครั้งแรกตั้งแต่ 500,000 บาทขึ้นไป');
    expect(r.out).toContain('  English reading:\n    A person whose first investment in units of the mutual fund is 500,000 baht or more');
    expect(r.out).toContain('Parameters:\n  hnw-minimum-first-subscription — The first subscription that makes a high-net-worth investor');
    expect(r.out).toContain('    THB 500,000.00 from 16 Jan 2016 (TorNor. 89/2558 cl. 1 definition of "high-net-worth investor")');
    expect(r.out).toContain('Applies when:\n  all of:\n    - fund.kind is "mutual"\n    - fund.scheme.investorRestriction is "high-net-worth"\n    - fund.scheme.minimumFirstSubscription is recorded');
    expect(r.out).toContain(`Finding when:\n  - fund.scheme.minimumFirstSubscription is less than (decimal) ${HNW_PARAMETER}`);
    expect(r.out).toContain('In force: from 16 Jan 2016');
  });

  it('explains in Thai with Buddhist Era dates, and states a §11 consequence', async () => {
    const r = await cli(['explain', 'tn89.cl11.unitholding-limit-order-not-carried-out', '--lang', 'th']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('ทน. 89/2558 ข้อ 11 วรรคหนึ่ง (4)');
    expect(r.out).toContain('- order.basis เท่ากับ "unitholding-limits"');
    expect(r.out).toContain('- order.overdue เท่ากับ จริง');
    expect(r.out).toMatch(/ผลทางกฎหมาย: .*เลิกกองทุนรวม \{fundId\} ทันที \(ทน\. 89\/2558 ข้อ 11 วรรคสอง\)/);
    expect(r.out).toContain('มีผลใช้บังคับ: ตั้งแต่ 16 ม.ค. 2559');
  });

  it('explains a rule of a --pack pack', async () => {
    const r = await cli(['explain', 'house.scheme-minimum-below-house-policy', '--pack', 'house'], { cwd: workspace(housePack) });
    expect(r.code).toBe(0);
    expect(r.out).toContain('- fund.scheme.minimumFirstSubscription is less than (decimal) parameter house-minimum = THB 1,000,000.00 from 1 Jan 2020 (House policy cl. 2)');
  });

  it('shows the value a --pack overrides a parameter with, and a rule a --pack disables', async () => {
    const dir = workspace(overridePack);
    const r = await cli(['explain', HNW_RULE, '--pack', 'stricter'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.out).toContain('  hnw-minimum-first-subscription — The house high-net-worth first subscription (overridden by pack stricter-house)\n    THB 1,000,000.00 from 1 Jan 2020 (House policy cl. 3)');
    expect(r.out).toContain('is less than (decimal) parameter hnw-minimum-first-subscription = THB 1,000,000.00 from 1 Jan 2020 (House policy cl. 3)');
    const disabled = await cli(['explain', 'tn89.cl1.hnw-scheme-minimum-not-stated', '--pack', 'stricter'], { cwd: dir });
    expect(disabled.out).toContain('disabled by pack stricter-house: Checked by compliance before a scheme is filed');
    const json = JSON.parse((await cli(['rules', '--format', 'json', '--pack', 'stricter'], { cwd: dir })).out);
    expect(json.rules.find((x: { id: string }) => x.id === 'tn89.cl1.hnw-scheme-minimum-not-stated').disabled).toEqual({
      by: 'stricter-house',
      reason: { th: 'ตรวจโดยฝ่ายกำกับก่อนยื่นโครงการ', en: 'Checked by compliance before a scheme is filed' },
    });
  });

  it('exits 2 on an unknown rule id and suggests the closest ids', async () => {
    const r = await cli(['explain', 'tn89.cl1.hnw-minimum']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      'error: unknown rule id "tn89.cl1.hnw-minimum". Did you mean:\n  tn89.cl1.hnw-scheme-minimum-not-stated\n  tn89.cl1.hnw-scheme-minimum-below-threshold\n  tn89.cl11.amendment-lowers-hnw-minimum\n(`rules` lists every rule.)\n',
    );
    expect(closest('tn89.cl5.period-longer-than-12-month', tn89Pack().rules.map((x) => x.id))[0]).toBe('tn89.cl5.period-longer-than-12-months');
  });
});

describe('conditions in words', () => {
  const pack = { pack: tn89Pack() };

  it('words null checks, lists, booleans, months and unknown operators', () => {
    expect(describeLeaf({ fact: 'fund', path: '$.registrationDate', operator: 'equal', value: null }, pack, 'en')).toBe('fund.registrationDate is not recorded');
    expect(describeLeaf({ fact: 'fund', path: '$.declaredType', operator: 'notIn', value: ['A', 'B'] }, pack, 'en')).toBe('fund.declaredType is none of "A", "B"');
    expect(describeLeaf({ fact: 'period', path: '$.span', operator: 'spanLongerThanMonths', value: 12 }, pack, 'en')).toBe('period.span is a span longer than (months) 12 months');
    expect(describeLeaf({ fact: 'fund', path: '$.offering.abroad', operator: 'equal', value: false }, pack, 'th')).toBe('fund.offering.abroad เท่ากับ เท็จ');
    expect(describeLeaf({ fact: 'fund', path: '$.x', operator: 'houseOperator', value: 3 }, pack, 'en')).toBe('fund.x houseOperator 3');
    expect(describeLeaf({ fact: 'fund', path: '$.declaredType', operator: 'notEqual', value: { fact: 'lookup', params: { id: 'fund-type-from-scheme' } } }, pack, 'en')).toBe(
      'fund.declaredType is not lookup fund-type-from-scheme of fund.scheme.investorRestriction',
    );
  });

  it('indents nested all / any / not groups', () => {
    const condition: Condition = {
      all: [
        { fact: 'fund', path: '$.kind', operator: 'equal', value: 'mutual' },
        { any: [{ not: { fact: 'fund', path: '$.declaredType', operator: 'equal', value: 'N' } }, { fact: 'asOf', operator: 'dateOnOrAfter', value: { fact: 'param', params: { id: 'notice-commencement' } } }] },
      ],
    };
    expect(describeCondition(condition, pack, 'en')).toEqual([
      'all of:',
      '  - fund.kind is "mutual"',
      '  any of:',
      '    not:',
      '      - fund.declaredType is "N"',
      '    - the as-of date is on or after parameter notice-commencement = 16 Jan 2016 from 17 Dec 2015 (TorNor. 89/2558 cl. 16)',
    ]);
  });
});
