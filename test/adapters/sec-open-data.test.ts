/**
 * The SEC open-data adapter on the real shapes of the SEC's v2 API (its own
 * documented examples and a real record, in fixtures/sec-open-data/, see
 * SOURCES.md) and on real legacy v1 records. Variants are built from the real
 * records by changing only the named fields.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  evaluate,
  fromSecOpenData,
  fundSchema,
  parseSecDate,
  SEC_INVESTOR_RESTRICTION_OF,
  SEC_OPEN_DATA_ABSENT_FIELDS,
  SecOpenDataError,
  tn89Pack,
  type FundInput,
  type Report,
  type SecEnvelope,
  type SecOpenDataInput,
  type SecOpenDataResult,
} from '../../src/index.js';

const FIXTURES = new URL('../../fixtures/sec-open-data/', import.meta.url);
function fixture<T = SecEnvelope<Record<string, unknown>>>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as T;
}

/** The SEC's documented example responses of the three endpoints, as the API sends them (envelopes). */
function secExample(): { profiles: SecEnvelope<Record<string, unknown>>; parties: SecEnvelope<Record<string, unknown>>; minimums: SecEnvelope<Record<string, unknown>> } {
  return {
    profiles: fixture('v2/profiles.example.json'),
    parties: fixture('v2/involve-parties.example.json'),
    minimums: fixture('v2/subscription-redemption-minimums.example.json'),
  };
}

/** The SEC example profile item with some fields changed. */
function exampleProfile(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...secExample().profiles.items[0], ...changes };
}

function envelope(items: unknown[], next_cursor = ''): SecEnvelope<unknown> {
  return { message: 'success', page_size: 100, next_cursor, items };
}

function fundOf(result: SecOpenDataResult, projId: string): FundInput {
  const fund = result.funds.find((f) => f.id === projId);
  expect(fund, `fund ${projId}`).toBeDefined();
  return fund!;
}

function unknownFields(fund: FundInput): string[] {
  return (fund.unknowns ?? []).map((u) => u.field);
}

function outcome(report: Report, ruleId: string) {
  const account = report.rules.find((r) => r.ruleId === ruleId);
  expect(account, ruleId).toBeDefined();
  return account!;
}

/** No rule that read an unknown field of a fund passed or found on it. */
function expectNothingJudgedOnUnknowns(report: Report): void {
  for (const fund of report.funds) {
    for (const { ruleId } of fund.notApplicable ?? []) {
      expect(report.findings.filter((f) => f.ruleId === ruleId && f.subject.fundId === fund.fundId), `${ruleId} on ${fund.fundId}`).toEqual([]);
    }
  }
}

describe('the SEC example fund (v2 envelopes of profiles, involved parties and minimums)', () => {
  it('becomes one fund with what the SEC says, and nothing it does not', () => {
    const result = fromSecOpenData(secExample());
    expect(result.refused).toEqual([]);
    const fund = fundOf(result, 'M0000_2552');
    const { unknowns, ...rest } = fund;
    expect(rest).toEqual({
      id: 'M0000_2552',
      names: { th: 'กองทุนเปิดเอ็มเอฟซี ไฮ-ดิวิเดนด์ ฟันด์', en: 'MFC Hi-Dividend Fund' },
      kind: 'mutual',
      declaredType: 'R',
      managementCompany: { id: 'C0000000023', name: 'MFC ASSET MANAGEMENT PUBLIC COMPANY LIMITED' },
      approvalDate: '2008-12-23',
      registrationDate: '2009-01-22',
      status: 'registered',
      offering: { inThailand: true, abroad: false },
      scheme: { minimumFirstSubscription: '5000' },
    });
    expect(fund).not.toHaveProperty('fundManagers');
    expect(fund).not.toHaveProperty('accountingPeriods');
    expect(fund).not.toHaveProperty('unitholders');
    expect(unknowns!.map((u) => u.field)).toEqual(
      expect.arrayContaining(['fundManagers', 'scheme.investorRestriction', 'unitholders', 'accountingPeriods', 'offering', ...Object.keys(SEC_OPEN_DATA_ABSENT_FIELDS)]),
    );
    expect(unknowns!.find((u) => u.field === 'fundManagers')!.reason).toMatch(/does not show that none was appointed/);
    expect(() => fundSchema.parse(fund)).not.toThrow();
    expect(result.counts).toEqual({ records: { profiles: 1, parties: 1, minimums: 1 }, superseded: 0, projects: 1, adapted: 1, refused: 0, legacy: 0 });
  });

  it('keeps the registrar with its role, trimmed name and address; class HIDIV-AR with its ISIN; the factsheet period of the minimum', () => {
    const [project] = fromSecOpenData(secExample()).projects;
    expect(project).toMatchObject({
      projId: 'M0000_2552',
      abbreviation: 'HI-DIV',
      regisId: '008_2552',
      fundStatus: 'Registered',
      investCountryFlag: '3',
      fixedTerm: false,
      lastUpdated: '2025-11-19T07:17:50Z',
      companyName: { en: 'MFC ASSET MANAGEMENT PUBLIC COMPANY LIMITED' },
      registrars: [{ entityType: 'R', role: 'registrar', nameEn: 'MFC ASSET MANAGEMENT PUBLIC COMPANY LIMITED', address: expect.stringContaining('10110'), record: 'parties.items[0]' }],
      fundManagers: [],
      classes: [
        {
          name: 'HIDIV-AR',
          isin: 'TH1085B10009',
          record: 'profiles.items[0]',
          minimum: { amount: '5000', currency: 'THB', period: { start: '2022-06-30', end: '2022-07-26' }, prospectusType: 'Monthly', record: 'minimums.items[0]' },
        },
      ],
    });
  });

  it('evaluated: no finding, and no rule decided on what the SEC data lacks (cl. 3 fund manager is not-applicable with the reason)', async () => {
    const { funds } = fromSecOpenData(secExample());
    const report = await evaluate({ funds }, { asOf: '2022-07-01' });
    expect(report.findings).toEqual([]);
    const cl3 = outcome(report, 'tn89.cl3.no-fund-manager-appointed');
    expect(cl3.outcome).toBe('not-applicable');
    expect(cl3.notApplicable).toEqual([{ fundId: 'M0000_2552', fields: ['fundManagers'], reason: expect.stringMatching(/^fundManagers is unknown: SEC open data names fund managers/) }]);
    // The scheme's restriction is not in the data: the declared-type check is not passed, it is not applicable.
    expect(outcome(report, 'tn89.cl1.declared-type-mismatch')).toMatchObject({ outcome: 'not-applicable', notApplicable: [{ fields: ['scheme.investorRestriction'] }] });
    expect(report.funds[0]!.notApplicable!.map((n) => n.ruleId)).toContain('tn89.cl5.period-longer-than-12-months');
    for (const rule of report.rules) expect(['not-applicable', 'not-in-force', 'disabled'], rule.ruleId).toContain(rule.outcome);
    expectNothingJudgedOnUnknowns(report);
  });

  it('with investorRestriction: from-declared-type, the restriction is read from R (an assumption) and the declared-type check passes', async () => {
    const result = fromSecOpenData(secExample(), { investorRestriction: 'from-declared-type' });
    expect(fundOf(result, 'M0000_2552').scheme.investorRestriction).toBe('general');
    expect(result.assumptions.map((a) => a.field)).toContain('scheme.investorRestriction');
    const report = await evaluate({ funds: result.funds }, { asOf: '2022-07-01' });
    expect(outcome(report, 'tn89.cl1.declared-type-mismatch').outcome).toBe('passed');
  });

  it('reading the restriction from the code is the inverse of the pack table that reads the code from the restriction', () => {
    const table = tn89Pack().lookups.find((lookup) => lookup.id === 'fund-type-from-scheme')?.table;
    expect(table).toBeDefined();
    for (const [code, restriction] of Object.entries(SEC_INVESTOR_RESTRICTION_OF)) expect(table![restriction], code).toBe(code);
    expect(Object.keys(table!)).toHaveLength(Object.keys(SEC_INVESTOR_RESTRICTION_OF).length);
  });

  it('never mutates what it reads', () => {
    const data = secExample();
    const before = JSON.stringify(data);
    fromSecOpenData(data);
    expect(JSON.stringify(data)).toBe(before);
  });
});

describe('the real v2 record M0001_2558: liquidated, proj_retail_type null, class "main"', () => {
  const real = () => fixture<Record<string, unknown>>('v2/profile.M0001_2558.json');

  it('is adapted with its status and dates; the fund type is unknown, not defaulted', () => {
    const result = fromSecOpenData({ profiles: envelope([real()]) });
    expect(result.refused).toEqual([]);
    const fund = fundOf(result, 'M0001_2558');
    expect(fund).toMatchObject({ status: 'dissolved', approvalDate: '2015-01-05', registrationDate: '2015-01-14', dissolutionDate: '2016-01-21', managementCompany: { name: 'KASIKORN ASSET MANAGEMENT COMPANY LIMITED' } });
    expect(fund).not.toHaveProperty('declaredType');
    expect(unknownFields(fund)).toEqual(expect.arrayContaining(['declaredType', 'scheme.investorRestriction', 'scheme.minimumFirstSubscription']));
    expect(fund.unknowns!.find((u) => u.field === 'declaredType')!.reason).toMatch(/proj_retail_type is empty/);
    expect(result.projects[0]!.classes).toEqual([{ name: null, isin: null, record: 'profiles.items[0]', minimum: null }]);
    expect(() => fundSchema.parse(fund)).not.toThrow();
  });

  it('evaluated while it existed and after its dissolution: no finding; every rule reading the type is not-applicable with the reason', async () => {
    const { funds } = fromSecOpenData({ profiles: [real()] });
    for (const asOf of ['2016-01-20', '2024-06-30']) {
      const report = await evaluate({ funds }, { asOf });
      expect(report.findings, asOf).toEqual([]);
      const typeRules = report.funds[0]!.notApplicable!.filter((n) => n.fields.includes('declaredType') || n.fields.includes('scheme.investorRestriction'));
      expect(typeRules.map((n) => n.ruleId)).toEqual(expect.arrayContaining(['tn89.cl1.hnw-scheme-minimum-below-threshold', 'tn89.cl1.declared-type-mismatch']));
      expectNothingJudgedOnUnknowns(report);
    }
  });
});

describe('pages, duplicates and time series', () => {
  it('reads an array of envelopes (pages); a record repeated on a later page is resolved by the latest last_upd_date', () => {
    const old = exampleProfile({ proj_name_en: 'MFC Hi-Dividend Fund (old name)', last_upd_date: '2025-11-19T07:17:50Z' });
    const newer = exampleProfile({ last_upd_date: '2025-11-20T01:00:00.5' });
    const other = { ...fixture<Record<string, unknown>>('v2/profile.M0001_2558.json') };
    const result = fromSecOpenData({ profiles: [envelope([newer, other], 'MnxFMTBBQzI3YkQv'), envelope([old])] });
    expect(result.funds.map((f) => f.id)).toEqual(['M0000_2552', 'M0001_2558']);
    expect(fundOf(result, 'M0000_2552').names.en).toBe('MFC Hi-Dividend Fund');
    expect(result.superseded).toEqual([{ projId: 'M0000_2552', record: 'profiles[1].items[0]', keptRecord: 'profiles[0].items[0]' }]);
    expect(result.counts.records.profiles).toBe(3);
    expect(result.counts.superseded).toBe(1);
  });

  it('minimums are a time series: the period in force on asOf is used, two periods are not a conflict', () => {
    const [example] = secExample().minimums.items;
    const later = { ...example, start_date: '2022-07-27', end_date: null, minimum_sub_ipo: 1000, last_upd_date: '2023-01-10T00:00:00Z' };
    const data = { profiles: secExample().profiles, minimums: envelope([example, later]) };
    expect(fundOf(fromSecOpenData(data, { asOf: '2022-07-01' }), 'M0000_2552').scheme.minimumFirstSubscription).toBe('5000');
    expect(fundOf(fromSecOpenData(data, { asOf: '2024-01-01' }), 'M0000_2552').scheme.minimumFirstSubscription).toBe('1000');
    const latest = fromSecOpenData(data);
    expect(fundOf(latest, 'M0000_2552').scheme.minimumFirstSubscription).toBe('1000');
    expect(latest.assumptions.find((a) => a.field === 'scheme.minimumFirstSubscription')!.assumption).toMatch(/latest period \(2022-07-27\.\./);
    expect(latest.refused).toEqual([]);
  });

  it('no factsheet period covering asOf leaves the scheme minimum unknown, with why', () => {
    const result = fromSecOpenData(secExample(), { asOf: '2024-06-30' });
    const fund = fundOf(result, 'M0000_2552');
    expect(fund.scheme).not.toHaveProperty('minimumFirstSubscription');
    expect(fund.unknowns!.find((u) => u.field === 'scheme.minimumFirstSubscription')!.reason).toMatch(/no factsheet period covers 2024-06-30/);
  });

  it('a B fund of the real shape whose factsheet states 100,000 THB: the scheme minimum is judged only once the scheme restriction is known', async () => {
    const profiles = envelope([exampleProfile({ proj_retail_type: 'B' })]);
    const minimums = envelope([{ ...secExample().minimums.items[0], minimum_sub_ipo: 100000 }]);
    // The SEC data carries the type code, not the scheme's own investor restriction: by default the rule is not applicable, with why.
    const unknown = await evaluate({ funds: fromSecOpenData({ profiles, minimums }).funds }, { asOf: '2022-07-01' });
    expect(unknown.findings).toEqual([]);
    expect(unknown.funds[0]!.notApplicable!.find((n) => n.ruleId === 'tn89.cl1.hnw-scheme-minimum-below-threshold')!.fields).toContain('scheme.investorRestriction');
    // Read from the declared type (an assumption the user makes, listed as such), the minimum below the threshold is found.
    const report = await evaluate({ funds: fromSecOpenData({ profiles, minimums }, { investorRestriction: 'from-declared-type' }).funds }, { asOf: '2022-07-01' });
    expect(report.findings.map((f) => [f.ruleId, f.subject.fundId])).toEqual([['tn89.cl1.hnw-scheme-minimum-below-threshold', 'M0000_2552']]);
    expect(report.findings[0]!.evidence.find((e) => e.name === 'minimumFirstSubscription')?.value).toBe('100000');
  });

  it('a class without a minimum leaves the scheme minimum unknown (the known classes are named), not the lowest of the others', () => {
    const profiles = envelope([exampleProfile({ fund_class_name: 'A' }), exampleProfile({ fund_class_name: 'B', fund_class_isin_code: null })]);
    const minimums = envelope([{ ...secExample().minimums.items[0], fund_class_name: 'A' }]);
    const result = fromSecOpenData({ profiles, minimums });
    expect(fundOf(result, 'M0000_2552').scheme).toEqual({});
    expect(result.unknowns.find((u) => u.field === 'scheme.minimumFirstSubscription')!.reason).toMatch(/class "B" has no minimum record.*class "A" 5000 THB/);
  });

  it('involved parties: real fields, every SEC role code, an unknown code kept as given; F names never become fundManagers', () => {
    const [registrar] = secExample().parties.items;
    const party = (entity_type: string, entity_name_en: string) => ({ ...registrar, entity_type, entity_name_en, entity_name_th: null });
    const parties = envelope([registrar, party('F', 'Mr. Fund Manager '), party('A', 'Auditor Co.'), party('V', 'Trustee Bank'), party('S', 'Agent'), party('Q', 'Someone')]);
    const result = fromSecOpenData({ profiles: secExample().profiles, parties });
    const [project] = result.projects;
    expect(project!.fundManagers).toEqual([expect.objectContaining({ entityType: 'F', role: 'fund manager', nameEn: 'Mr. Fund Manager' })]);
    expect(project!.auditors.map((a) => a.nameEn)).toEqual(['Auditor Co.']);
    expect(project!.trustees.map((a) => a.role)).toEqual(['trustee']);
    expect(project!.otherParties.map((p) => [p.entityType, p.role])).toEqual([
      ['S', 'selling agent'],
      ['Q', null],
    ]);
    const fund = fundOf(result, 'M0000_2552');
    expect(fund).not.toHaveProperty('fundManagers');
    expect(fund.unknowns!.find((u) => u.field === 'fundManagers')!.reason).toMatch(/without their approval.*Mr\. Fund Manager/);
    expect(fund.unknowns!.find((u) => u.field === 'accountingPeriods')!.reason).toMatch(/names the auditor Auditor Co\./);
  });
});

describe('expired and cancelled projects', () => {
  it('an Expired project (never registered) is adapted with its status; rules that presuppose a registered fund do not apply', async () => {
    const expired = exampleProfile({ fund_status: 'Expired', regis_date: '' });
    const result = fromSecOpenData({ profiles: envelope([expired]), minimums: secExample().minimums });
    const fund = fundOf(result, 'M0000_2552');
    expect(fund).toMatchObject({ status: 'offering-ended' });
    expect(fund).not.toHaveProperty('registrationDate');
    expect(unknownFields(fund)).not.toContain('registrationDate');
    const report = await evaluate({ funds: result.funds }, { asOf: '2022-07-01' });
    expect(report.findings).toEqual([]);
    const reasons = report.funds[0]!.notApplicable!;
    expect(reasons.find((n) => n.ruleId === 'tn89.cl4.performance-disclosure-overdue')!.reason).toMatch(/never registered \(status offering-ended\)/);
    expect(reasons.find((n) => n.ruleId === 'tn89.cl3.no-fund-manager-appointed')!.reason).toMatch(/never registered/);
  });

  it('a Canceled project without cancel_date has an unknown dissolution date', () => {
    const result = fromSecOpenData({ profiles: [exampleProfile({ fund_status: 'Canceled' })] });
    expect(fundOf(result, 'M0000_2552').status).toBe('cancelled');
    expect(result.unknowns.find((u) => u.field === 'dissolutionDate')!.reason).toMatch(/cancel_date is empty/);
  });
});

describe('legacy v1 records and bad records: refused one by one with a typed reason', () => {
  it('every record of the real v1 sample is refused as legacy-v1-record, with its status read; nothing is thrown', () => {
    const v1 = fixture<unknown[]>('v1/fund-amc.sample.json');
    const result = fromSecOpenData({ profiles: v1 });
    expect(result.funds).toEqual([]);
    expect(result.refused).toHaveLength(30);
    expect(new Set(result.refused.map((r) => r.reason))).toEqual(new Set(['legacy-v1-record']));
    expect(result.refused[0]).toMatchObject({ projId: 'M0562_2558', records: ['profiles[0]'], legacyStatus: { code: 'RG', meaning: 'Registered' } });
    expect(result.refused[0]!.message).toMatch(/retired v1 FundFactsheet API .*no fund type \(proj_retail_type\) and no approval date \(init_date\)/);
    expect(result.refused.map((r) => r.legacyStatus!.code).sort()).toEqual(expect.arrayContaining(['CA', 'EX', 'LI', 'RG', 'SE']));
    expect(result.counts).toMatchObject({ adapted: 0, refused: 30, legacy: 30, records: { profiles: 30 } });
  });

  it('the v1 cache file { lastUpdate, nextUpdate, data } is recognised too', () => {
    const result = fromSecOpenData({ profiles: fixture('v1/SIAM_KNIGHT.json') });
    expect(result.refused.map((r) => [r.projId, r.reason, r.records[0]])).toEqual([
      ['M0262_2560', 'legacy-v1-record', 'profiles.data[0]'],
      ['M0640_2560', 'legacy-v1-record', 'profiles.data[1]'],
    ]);
  });

  it("a bulk adapt goes on past a bad record and counts it; onError: 'throw' throws instead", () => {
    const bad = exampleProfile({ proj_id: 'M0002_2552', init_date: '14/01/2552' });
    const v1 = fixture<unknown[]>('v1/fund-amc.sample.json')[0];
    const data: SecOpenDataInput = { profiles: [envelope([bad, exampleProfile()]), envelope([v1, 'not a record'])] };
    const result = fromSecOpenData(data);
    expect(result.funds.map((f) => f.id)).toEqual(['M0000_2552']);
    expect(result.refused.map((r) => [r.projId, r.reason, r.records])).toEqual([
      ['M0562_2558', 'legacy-v1-record', ['profiles[1].items[0]']],
      ['M0002_2552', 'invalid-record', ['profiles[0].items[0]']],
      [undefined, 'not-a-record', ['profiles[1].items[1]']],
    ]);
    expect(result.refused[1]!.issues[0]).toMatchObject({ pointer: 'profiles[0].items[0].init_date', field: 'init_date' });
    expect(result.counts).toMatchObject({ projects: 2, adapted: 1, refused: 3, legacy: 1 });
    expect(() => fromSecOpenData(data, { onError: 'throw' })).toThrow(SecOpenDataError);
  });

  it('a malformed page is refused by itself; the other pages are read', () => {
    const result = fromSecOpenData({ profiles: [envelope([exampleProfile()]), { message: 'success', next_cursor: '', items: null }, { message: 'error', items: [exampleProfile({ proj_id: 'M0009_2552' })] }] });
    expect(result.funds.map((f) => f.id)).toEqual(['M0000_2552']);
    expect(result.refused.map((r) => [r.reason, r.records])).toEqual([
      ['malformed-page', ['profiles[1]']],
      ['malformed-page', ['profiles[2]']],
    ]);
  });

  it('input that is not SEC records at all is an error naming the list', () => {
    expect(() => fromSecOpenData({ profiles: { message: 'success' } })).toThrow(/profiles must be an array of records, a v2 response/);
  });

  it('a project without an English name is refused (no-english-name), unless a stand-in is allowed (an assumption)', () => {
    const noEn = { profiles: [exampleProfile({ proj_name_en: null })] };
    expect(fromSecOpenData(noEn).refused.map((r) => r.reason)).toEqual(['no-english-name']);
    const allowed = fromSecOpenData(noEn, { missingEnglishName: 'use-abbreviation' });
    expect(fundOf(allowed, 'M0000_2552').names.en).toBe('HI-DIV');
    expect(allowed.assumptions.map((a) => a.field)).toContain('names.en');
  });

  it('classes of one update that disagree on a project field are refused; of different updates, the latest decides', () => {
    const a = exampleProfile({ fund_class_name: 'A' });
    const b = exampleProfile({ fund_class_name: 'B', proj_retail_type: 'X' });
    expect(fromSecOpenData({ profiles: [a, b] }).refused.map((r) => r.reason)).toEqual(['classes-disagree']);
    const later = fromSecOpenData({ profiles: [a, { ...b, last_upd_date: '2026-01-01T00:00:00Z' }] });
    expect(fundOf(later, 'M0000_2552').declaredType).toBe('X');
    expect(later.assumptions.find((x) => x.field === 'proj_retail_type')!.assumption).toMatch(/most recently updated class is used/);
  });
});

describe('SEC dates are calendar dates, whatever the time zone', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it.each([
    ['2016-03-01', '2016-03-01'],
    ['2016-03-01T00:00:00', '2016-03-01'],
    ['2016-03-01T00:00:00Z', '2016-03-01'],
    ['2016-02-29T23:59:59+07:00', '2016-02-29'],
    ['2016-03-01T00:00:00-08:00', '2016-03-01'],
  ])('%s is the calendar date %s, as written', (text, date) => {
    expect(parseSecDate(text)).toEqual({ ok: true, date });
  });

  it('the adapted dates are the same under every time zone', () => {
    const zones = ['America/Los_Angeles', 'Asia/Bangkok', 'Pacific/Kiritimati', 'UTC'];
    const seen = new Set<string>();
    for (const zone of zones) {
      process.env.TZ = zone;
      const result = fromSecOpenData({ profiles: [fixture<Record<string, unknown>>('v2/profile.M0001_2558.json')] });
      expect(fundOf(result, 'M0001_2558').dissolutionDate, zone).toBe('2016-01-21');
      seen.add(JSON.stringify(result));
    }
    expect(seen.size).toBe(1);
  });
});

describe('unknown fields in the engine', () => {
  it('once the data is added (fund managers with approval dates), the rule applies again and decides on it', async () => {
    const [fund] = fromSecOpenData(secExample()).funds;
    const withManager = { ...fund!, fundManagers: [{ name: 'A Manager', approvalValidFrom: '2009-01-22', approvalValidTo: '2010-01-01' }] };
    const report = await evaluate({ funds: [withManager] }, { asOf: '2022-07-01' });
    const cl3 = outcome(report, 'tn89.cl3.no-fund-manager-appointed');
    expect(cl3.notApplicable).toBeUndefined();
    expect(cl3.outcome).toBe('found');
  });

  it('a fund without unknowns or status is evaluated as before (nothing is skipped)', async () => {
    const [fund] = fromSecOpenData(secExample(), { investorRestriction: 'from-declared-type' }).funds;
    const { unknowns: _unknowns, status: _status, ...plain } = fund!;
    const report = await evaluate({ funds: [{ ...plain, fundManagers: [] }] }, { asOf: '2022-07-01' });
    expect(report.funds[0]!.notApplicable).toBeUndefined();
    expect(report.findings.map((f) => f.ruleId)).toEqual(['tn89.cl3.no-fund-manager-appointed']);
  });
});

describe('whatever form the records come in, every one is adapted or refused with a reason', () => {
  it('profiles alone (a response, pages, one record, the v1 cache) need no { profiles } around them', () => {
    expect(fromSecOpenData(secExample().profiles as unknown as SecOpenDataInput).funds.map((f) => f.id)).toEqual(['M0000_2552']);
    expect(fromSecOpenData({ profiles: fixture<Record<string, unknown>>('v2/profile.M0001_2558.json') }).funds.map((f) => f.id)).toEqual(['M0001_2558']);
    expect(fromSecOpenData(fixture('v1/SIAM_KNIGHT.json') as unknown as SecOpenDataInput).refused).toHaveLength(2);
  });

  it('a code the SEC list does not have leaves that fact unknown (named with the valid codes); the project is still adapted', () => {
    const result = fromSecOpenData({ profiles: [exampleProfile({ proj_retail_type: 'Z', fund_status: 'Suspended', invest_country_flag: '9', cancel_date: '-' })] });
    const fund = fundOf(result, 'M0000_2552');
    expect(fund).not.toHaveProperty('declaredType');
    expect(fund).not.toHaveProperty('status');
    expect(fund).not.toHaveProperty('dissolutionDate');
    expect(fund.unknowns!.find((u) => u.field === 'declaredType')!.reason).toMatch(/proj_retail_type "Z" is not an SEC fund-type code \(R, A, B/);
    expect(fund.unknowns!.find((u) => u.field === 'status')!.reason).toMatch(/fund_status "Suspended" is not one of IPO, Registered/);
    expect(unknownFields(fund)).not.toContain('details.investCountryFlag');
    expect(result.unknowns.map((u) => u.field)).toContain('details.investCountryFlag');
    expect(result.projects[0]!.investCountryFlag).toBeNull();
  });
});

describe('every field of the Fund model the SEC data does not fill is listed unknown', () => {
  it('covers every top-level and scheme field the adapter does not set, so a field added to the model later is never read as a default', () => {
    const [fund] = fromSecOpenData(secExample()).funds;
    const set = new Set(Object.keys(fund!).filter((key) => key !== 'unknowns'));
    const unknown = new Set(unknownFields(fund!));
    const absentByFact = new Set(['dissolutionDate']); // registered, not dissolved: no dissolution date is a fact
    for (const key of Object.keys(fundSchema.shape)) {
      if (key === 'unknowns' || key === 'scheme' || absentByFact.has(key)) continue;
      expect(set.has(key) || unknown.has(key), key).toBe(true);
    }
    for (const key of Object.keys(fundSchema.shape.scheme.shape)) {
      expect(key in fund!.scheme || unknown.has(`scheme.${key}`), `scheme.${key}`).toBe(true);
    }
  });
});
