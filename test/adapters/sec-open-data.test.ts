/**
 * The SEC open-data adapter: fund records shaped like the SEC Thailand open
 * API become Fund inputs, and nothing the SEC data does not say is filled in
 * silently — it is an error, an explicit unknown, or a listed assumption.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ComplianceInputError,
  evaluate,
  fromSecOpenData,
  fundSchema,
  parseSecDate,
  safeFromSecOpenData,
  SEC_INVESTOR_RESTRICTION_OF,
  SEC_OPEN_DATA_ABSENT_FIELDS,
  SecOpenDataError,
  tn89Pack,
  type FundInput,
  type SecFundProfileInput,
  type SecInvolvedPartyInput,
  type SecOpenDataInput,
  type SecOpenDataIssue,
  type SecOpenDataResult,
  type SecSubscriptionMinimumInput,
} from '../../src/index.js';

const FIXTURES = new URL('../../fixtures/sec-open-data/', import.meta.url);
function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as T;
}

function secData(): Required<SecOpenDataInput> {
  return {
    profiles: fixture<SecFundProfileInput[]>('general-info.json'),
    parties: fixture<SecInvolvedPartyInput[]>('involve-parties.json'),
    minimums: fixture<SecSubscriptionMinimumInput[]>('subscription-minimums.json'),
  };
}

function fundOf(result: SecOpenDataResult, projId: string): FundInput {
  const fund = result.funds.find((f) => f.id === projId);
  expect(fund, `fund ${projId}`).toBeDefined();
  return fund!;
}

function projectOf(result: SecOpenDataResult, projId: string) {
  const project = result.projects.find((p) => p.projId === projId);
  expect(project, `project ${projId}`).toBeDefined();
  return project!;
}

function issuesOf(run: () => unknown): SecOpenDataIssue[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SecOpenDataError);
    return (error as SecOpenDataError).issues;
  }
  throw new Error('expected a SecOpenDataError');
}

/** A valid single-class profile to vary in a test. */
function profile(overrides: Partial<Record<keyof SecFundProfileInput, unknown>> & Record<string, unknown> = {}): SecFundProfileInput {
  return {
    unique_id: 'C0000000021',
    proj_id: 'M0900_2566',
    regis_id: '0900/2566',
    proj_name_th: 'กองทุนเปิดทดสอบ',
    proj_name_en: 'Test Open Fund',
    proj_abbr_name: 'TOF',
    fund_status: 'Registered',
    init_date: '2023-03-01',
    regis_date: '2023-03-20',
    cancel_date: null,
    invest_country_flag: '3',
    proj_term_flag: 'N',
    fund_class_name: null,
    fund_class_isin_code: null,
    proj_retail_type: 'R',
    ...overrides,
  } as SecFundProfileInput;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

describe('fromSecOpenData: a project becomes a Fund input', () => {
  it('maps every field of a single-class high-net-worth (B) fund', () => {
    const result = fromSecOpenData(secData());
    expect(fundOf(result, 'M0042_2561')).toEqual({
      id: 'M0042_2561',
      names: { th: 'กองทุนเปิดผู้มีเงินลงทุนสูง พลัส', en: 'High Net Worth Plus Open Fund' },
      kind: 'mutual',
      declaredType: 'B',
      managementCompany: { id: 'C0000000021' },
      approvalDate: '2018-05-01',
      registrationDate: '2018-05-25',
      offering: { inThailand: true, abroad: false },
      scheme: { investorRestriction: 'high-net-worth', minimumFirstSubscription: '100000' },
      fundManagers: [{ name: 'นางวรรณา สุขเจริญ', licenceNumber: '038812', approvalValidFrom: '2018-05-01' }],
    });
    expect(projectOf(result, 'M0042_2561')).toMatchObject({
      abbreviation: 'HNWP',
      regisId: '0042/2561',
      fundStatus: 'Registered',
      investCountryFlag: '4',
      fixedTerm: false,
      classes: [{ name: null, isin: 'TH7012020200', record: 'profiles[5]', minimums: [{ amount: '100000', currency: 'THB', record: 'minimums[5]' }] }],
      auditors: [{ entityType: 'A', nameTh: 'นางสาวพรทิพย์ ศรีสวัสดิ์ (บริษัท สอบบัญชีสยาม จำกัด)', nameEn: 'Ms. Porntip Srisawat (Siam Audit Co., Ltd.)', licenseNo: 'CPA 7352', startDate: '2018-05-25', endDate: null }],
      trustees: [{ nameEn: 'Thai Trust Bank Public Company Limited' }],
    });
  });

  it('gives one fund per project, one for each proj_retail_type, whose scheme admits the investors the code names', () => {
    const result = fromSecOpenData(secData());
    expect(result.funds.map((f) => [f.id, f.declaredType, f.scheme.investorRestriction])).toEqual([
      ['M0123_2559', 'R', 'general'],
      ['M0210_2560', 'A', 'non-retail'],
      ['M0042_2561', 'B', 'high-net-worth'],
      ['M0318_2562', 'H', 'non-retail-or-high-net-worth'],
      ['M0456_2556', 'N', 'institutional'],
      ['M0517_2563', 'X', 'institutional-or-ultra-high-net-worth'],
      ['M0602_2560', 'V', 'provident-funds'],
      ['M0321_2563', 'F', 'liquidity-support'],
      ['M0701_2563', 'G', 'state-policy'],
    ]);
    expect(result.projects.map((p) => p.projId)).toEqual(result.funds.map((f) => f.id));
    expect(result.skipped).toEqual([]);
  });

  it('every adapted fund is a valid Fund', () => {
    for (const fund of fromSecOpenData(secData()).funds) expect(() => fundSchema.parse(fund), fund.id).not.toThrow();
    const gaps = fixture<SecOpenDataInput>('missing-fields.json');
    for (const fund of fromSecOpenData(gaps).funds) expect(() => fundSchema.parse(fund), fund.id).not.toThrow();
  });

  it('reading the restriction from the code is the inverse of the pack table that reads the code from the restriction', () => {
    const table = tn89Pack().lookups.find((lookup) => lookup.id === 'fund-type-from-scheme')?.table;
    expect(table).toBeDefined();
    for (const [code, restriction] of Object.entries(SEC_INVESTOR_RESTRICTION_OF)) expect(table![restriction], code).toBe(code);
    expect(Object.keys(table!)).toHaveLength(Object.keys(SEC_INVESTOR_RESTRICTION_OF).length);
  });

  it('lists, for every fund, the restriction derived from its code and the Thailand-only offering as assumptions', () => {
    const result = fromSecOpenData(secData());
    for (const fund of result.funds) {
      const mine = result.assumptions.filter((a) => a.projId === fund.id);
      expect(mine.find((a) => a.field === 'scheme.investorRestriction')?.assumption).toContain(`proj_retail_type ${fund.declaredType}`);
      expect(mine.find((a) => a.field === 'offering')?.assumption).toContain('invest_country_flag');
    }
  });

  it('takes cancel_date as the dissolution date of a canceled fund', () => {
    const result = fromSecOpenData(secData());
    const institutional = fundOf(result, 'M0456_2556');
    expect(institutional.dissolutionDate).toBe('2021-12-30');
    expect(institutional.approvalDate).toBe('2013-07-01');
    expect(projectOf(result, 'M0456_2556').fundStatus).toBe('Canceled');
    expect(result.funds.filter((f) => f.dissolutionDate !== undefined).map((f) => f.id)).toEqual(['M0456_2556']);
  });

  it('takes fund managers from entity_type F: start_date and end_date bound the approval, a party repeated per class counts once', () => {
    const fund = fundOf(fromSecOpenData(secData()), 'M0123_2559');
    expect(fund.fundManagers).toEqual([
      { name: 'นายวีรพงษ์ อินทรสุวรรณ', licenceNumber: '032145', approvalValidFrom: '2016-03-15' },
      { name: 'นางสาวกมลชนก ทองดี', licenceNumber: '041877', approvalValidFrom: '2016-03-15', approvalValidTo: '2019-12-31' },
    ]);
  });

  it('keeps auditors, trustees, registrars, selling agents and parties of other SEC codes as project details', () => {
    const result = fromSecOpenData(secData());
    const retail = projectOf(result, 'M0123_2559');
    expect(retail.auditors.map((a) => a.licenseNo)).toEqual(['CPA 7352']);
    expect(retail.registrars.map((r) => r.nameEn)).toEqual(['Thai Plus Asset Management Co., Ltd.']);
    expect(retail.sellingAgents.map((s) => s.nameEn)).toEqual(['Siam Trade Securities PCL']);
    expect(projectOf(result, 'M0517_2563').otherParties).toMatchObject([{ entityType: 'I', nameEn: 'Asia Capital Investment Advisory Co., Ltd.', record: 'parties[22]' }]);
    for (const project of result.projects) expect(project.auditors, project.projId).toHaveLength(1);
  });

  it('never mutates what it reads', () => {
    const data = deepFreeze(secData());
    const before = JSON.stringify(data);
    expect(() => fromSecOpenData(data)).not.toThrow();
    expect(JSON.stringify(data)).toBe(before);
  });

  it('ignores fields the API adds that the adapter does not read, and accepts nulls where the API sends them', () => {
    const result = fromSecOpenData({
      profiles: [
        profile({ regis_id: null, proj_abbr_name: null, fund_status: null, invest_country_flag: null, proj_term_flag: null, fund_class_isin_code: null, last_upd_date: '2024-01-01T00:00:00', spec_code: 'X1' }),
      ],
      parties: [{ proj_id: 'M0900_2566', entity_type: 'F', party_name_th: null, party_name_en: 'Mr. English Only', license_no: null, start_date: '2023-03-01', end_date: null }],
      minimums: [{ proj_id: 'M0900_2566', fund_class_name: null, minimum_sub_ipo: '', minimum_sub_ipo_cur: '' }],
    });
    expect(result.funds[0]!.fundManagers).toEqual([{ name: 'Mr. English Only', approvalValidFrom: '2023-03-01' }]);
    expect(result.projects[0]).toMatchObject({ regisId: null, abbreviation: null, fundStatus: null, investCountryFlag: null, fixedTerm: null });
    expect(result.funds[0]!.scheme.minimumFirstSubscription).toBeUndefined();
    expect(result.unknowns).toContainEqual(expect.objectContaining({ field: 'scheme.minimumFirstSubscription', kind: 'missing', records: ['minimums[0]'] }));
  });
});

describe('fromSecOpenData: classes of one project', () => {
  it('groups the classes of a project into one fund, each class kept with its ISIN', () => {
    const result = fromSecOpenData(secData());
    expect(result.funds.filter((f) => f.id === 'M0123_2559')).toHaveLength(1);
    expect(projectOf(result, 'M0123_2559').classes.map((c) => [c.name, c.isin, c.record])).toEqual([
      ['TPFI-A', 'TH7012010003', 'profiles[0]'],
      ['TPFI-D', 'TH7012010011', 'profiles[1]'],
      ['TPFI-SSF', 'TH7012010029', 'profiles[2]'],
    ]);
  });

  it('takes the lowest first subscription any class allows as the scheme minimum, and says so', () => {
    const result = fromSecOpenData(secData());
    expect(fundOf(result, 'M0123_2559').scheme.minimumFirstSubscription).toBe('500');
    expect(fundOf(result, 'M0318_2562').scheme.minimumFirstSubscription).toBe('500000');
    const assumption = result.assumptions.find((a) => a.projId === 'M0318_2562' && a.field === 'scheme.minimumFirstSubscription');
    expect(assumption?.assumption).toContain('lowest');
    expect(assumption?.assumption).toContain('class "FBH-A" 500000');
    expect(assumption?.assumption).toContain('class "FBH-R" 1000000');
  });

  it('classes with the same minimum, one written as a number and one as a string, need no assumption', () => {
    const result = fromSecOpenData(secData());
    expect(fundOf(result, 'M0210_2560').scheme.minimumFirstSubscription).toBe('1000000');
    expect(result.assumptions.filter((a) => a.projId === 'M0210_2560' && a.field === 'scheme.minimumFirstSubscription')).toEqual([]);
  });

  it('a minimum in another currency is an explicit unknown, never converted', () => {
    const result = fromSecOpenData(secData());
    expect(fundOf(result, 'M0517_2563').scheme.minimumFirstSubscription).toBe('10000000');
    expect(result.unknowns).toContainEqual({
      projId: 'M0517_2563',
      field: 'scheme.minimumFirstSubscription',
      kind: 'unmapped',
      reason: expect.stringMatching(/PEUX-USD.*300000 USD.*not converted.*may allow less/),
      records: ['minimums[10]'],
    });
  });

  it('classes that write the same date differently (plain and date-time) agree', () => {
    const result = fromSecOpenData({
      profiles: [
        profile({ fund_class_name: 'A', init_date: '2023-03-01', regis_date: '2023-03-20T00:00:00' }),
        profile({ fund_class_name: 'B', init_date: '2023-03-01T00:00:00.000', regis_date: '2023-03-20' }),
      ],
    });
    expect(result.funds).toHaveLength(1);
    expect(result.funds[0]).toMatchObject({ approvalDate: '2023-03-01', registrationDate: '2023-03-20' });
  });

  it('classes that disagree on a project-level field are an error naming both values and both classes', () => {
    const issues = issuesOf(() => fromSecOpenData(fixture<SecOpenDataInput>('broken-class-disagreement.json')));
    expect(issues.map((i) => [i.pointer, i.projId, i.field])).toEqual([
      ['profiles[1].proj_retail_type', 'M0811_2565', 'proj_retail_type'],
      ['profiles[1].regis_date', 'M0811_2565', 'regis_date'],
    ]);
    expect(issues[0]!.message).toBe('the classes of M0811_2565 disagree on proj_retail_type, a project-level field: "B" in class "CCF-A" (profiles[0]) but "H" in class "CCF-B" (profiles[1])');
    expect(issues[1]!.message).toContain('"2022-06-15" in class "CCF-A"');
    expect(issues[1]!.message).toContain('"2022-06-16" in class "CCF-B"');
  });

  it.each([
    ['unique_id', 'C0000000099'],
    ['init_date', '2023-02-01'],
    ['cancel_date', '2024-01-31'],
  ])('classes that disagree on %s are an error', (field, other) => {
    const issues = issuesOf(() => fromSecOpenData({ profiles: [profile({ fund_class_name: 'A' }), profile({ fund_class_name: 'B', [field]: other })] }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ pointer: `profiles[1].${field}`, projId: 'M0900_2566', field, source: 'profiles', index: 1 });
    expect(issues[0]!.message).toContain(JSON.stringify(other));
  });

  it('a class given twice is an error', () => {
    const issues = issuesOf(() => fromSecOpenData({ profiles: [profile({ fund_class_name: 'A' }), profile({ fund_class_name: 'A' })] }));
    expect(issues).toMatchObject([{ pointer: 'profiles[1].fund_class_name', message: expect.stringContaining('given twice (profiles[0] and profiles[1])') }]);
  });

  it('two minimums for the same class that disagree are an error, not a choice', () => {
    const issues = issuesOf(() =>
      fromSecOpenData({
        profiles: [profile()],
        minimums: [
          { proj_id: 'M0900_2566', fund_class_name: null, minimum_sub_ipo: 1000, minimum_sub_ipo_cur: 'THB' },
          { proj_id: 'M0900_2566', fund_class_name: null, minimum_sub_ipo: 5000, minimum_sub_ipo_cur: 'THB' },
        ],
      }),
    );
    expect(issues).toMatchObject([{ pointer: 'minimums[1].minimum_sub_ipo', message: expect.stringContaining('disagree') }]);
  });
});

describe('fromSecOpenData: records it cannot read are errors naming the record and field', () => {
  it('an unknown proj_retail_type is an error naming the field, the record and the valid codes', () => {
    let thrown: unknown;
    try {
      fromSecOpenData(fixture<SecOpenDataInput>('broken-unknown-retail-type.json'));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SecOpenDataError);
    expect(thrown).toBeInstanceOf(ComplianceInputError);
    const error = thrown as SecOpenDataError;
    expect(error.name).toBe('SecOpenDataError');
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ path: ['profiles', 1, 'proj_retail_type'], pointer: 'profiles[1].proj_retail_type', source: 'profiles', index: 1, projId: 'M0809_2565', field: 'proj_retail_type' });
    expect(error.issues[0]!.message).toMatch(/^unknown proj_retail_type "Z"; valid codes: R \(retail\), A .*B .*H .*N .*X .*V .*F .*G \(special state-policy fund\)$/);
    expect(error.message).toContain('profiles[1].proj_retail_type (M0809_2565): unknown proj_retail_type "Z"');
  });

  it('safeFromSecOpenData returns the issues instead of throwing', () => {
    const outcome = safeFromSecOpenData(fixture<SecOpenDataInput>('broken-unknown-retail-type.json'));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.issues.map((i) => i.pointer)).toEqual(['profiles[1].proj_retail_type']);
    const fine = safeFromSecOpenData(secData());
    expect(fine.ok && fine.result.funds).toHaveLength(9);
  });

  it("with onInvalidProject: 'skip', the invalid project is left out and listed with its issues", () => {
    const result = fromSecOpenData(fixture<SecOpenDataInput>('broken-unknown-retail-type.json'), { onInvalidProject: 'skip' });
    expect(result.funds.map((f) => f.id)).toEqual(['M0808_2565']);
    expect(result.skipped).toMatchObject([{ projId: 'M0809_2565', issues: [{ pointer: 'profiles[1].proj_retail_type' }] }]);
  });

  it("a record without a readable proj_id belongs to no project and fails even under onInvalidProject: 'skip'", () => {
    const issues = issuesOf(() => fromSecOpenData({ profiles: [profile(), profile({ proj_id: null })] }, { onInvalidProject: 'skip' }));
    expect(issues).toMatchObject([{ pointer: 'profiles[1].proj_id', message: expect.stringContaining('proj_id is required') }]);
    expect(issues[0]!.projId).toBeUndefined();
  });

  it('dates the SEC does not write are errors: a Buddhist Era year, a day-first date, a date that does not exist', () => {
    const issues = issuesOf(() => fromSecOpenData(fixture<SecOpenDataInput>('broken-dates.json')));
    expect(issues.map((i) => i.pointer)).toEqual(['profiles[0].init_date', 'profiles[0].regis_date', 'profiles[0].cancel_date']);
    expect(issues[0]!.message).toContain('year 2565 looks like a Buddhist Era year (Gregorian 2022)');
    expect(issues[1]!.message).toContain('"01/08/2022"');
    expect(issues[2]!.message).toContain('2023-02-30 is not a real calendar date');
  });

  it.each([
    ['init_date', null, 'init_date is required'],
    ['unique_id', undefined, 'unique_id is required'],
    ['proj_name_th', '  ', 'proj_name_th is required'],
    ['proj_retail_type', null, 'proj_retail_type is required; valid codes: R (retail)'],
    ['fund_status', 'Active', 'unknown fund_status "Active"; valid codes: IPO'],
    ['invest_country_flag', 5, 'unknown invest_country_flag 5; valid codes: 1 (mainly abroad)'],
  ])('a profile with %s = %j is an error', (field, value, message) => {
    const issues = issuesOf(() => fromSecOpenData({ profiles: [profile({ [field]: value })] }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ pointer: `profiles[0].${field}`, projId: 'M0900_2566', field });
    expect(issues[0]!.message).toContain(message);
  });

  it('a project without an English name is an error, unless the abbreviation may stand in for it (listed as an assumption)', () => {
    const data = { profiles: [profile({ proj_name_en: null })] };
    expect(issuesOf(() => fromSecOpenData(data))).toMatchObject([{ pointer: 'profiles[0].proj_name_en', message: expect.stringContaining("missingEnglishName: 'use-abbreviation'") }]);
    const result = fromSecOpenData(data, { missingEnglishName: 'use-abbreviation' });
    expect(result.funds[0]!.names).toEqual({ th: 'กองทุนเปิดทดสอบ', en: 'TOF' });
    expect(result.assumptions).toContainEqual({ projId: 'M0900_2566', field: 'names.en', assumption: expect.stringContaining('"TOF"') });
  });

  it('a registration before the approval is an error against the SEC field', () => {
    const issues = issuesOf(() => fromSecOpenData({ profiles: [profile({ init_date: '2023-03-01', regis_date: '2023-02-01' })] }));
    expect(issues).toMatchObject([{ pointer: 'profiles[0].regis_date', message: expect.stringContaining('registrationDate') }]);
  });

  it("a fund manager whose approval ends before it starts is an error", () => {
    const issues = issuesOf(() =>
      fromSecOpenData({ profiles: [profile()], parties: [{ proj_id: 'M0900_2566', entity_type: 'F', party_name_th: 'นายทดสอบ', start_date: '2023-03-01', end_date: '2022-12-31' }] }),
    );
    expect(issues).toMatchObject([{ pointer: 'parties[0].end_date', projId: 'M0900_2566', message: expect.stringContaining('before start_date') }]);
  });

  it.each([
    [-1000, 'cannot be negative'],
    [1e21, 'send it as a decimal string'],
    ['1,000', 'not a plain decimal amount'],
    [true, 'must be an amount'],
  ])('a minimum_sub_ipo of %j is an error', (amount, message) => {
    const issues = issuesOf(() => fromSecOpenData({ profiles: [profile()], minimums: [{ proj_id: 'M0900_2566', minimum_sub_ipo: amount as number, minimum_sub_ipo_cur: 'THB' }] }));
    expect(issues).toMatchObject([{ pointer: 'minimums[0].minimum_sub_ipo', message: expect.stringContaining(message) }]);
  });

  it('a minimum written as a JSON number with a fraction is read as the decimal the API wrote', () => {
    const result = fromSecOpenData({ profiles: [profile()], minimums: [{ proj_id: 'M0900_2566', minimum_sub_ipo: 499999.99, minimum_sub_ipo_cur: 'THB' }] });
    expect(result.funds[0]!.scheme.minimumFirstSubscription).toBe('499999.99');
  });

  it('input that is not lists of records is an error', () => {
    expect(issuesOf(() => fromSecOpenData({ profiles: 'none' } as unknown as SecOpenDataInput))).toMatchObject([{ pointer: 'profiles', message: 'profiles must be an array of SEC records' }]);
    expect(issuesOf(() => fromSecOpenData({ profiles: [42] } as unknown as SecOpenDataInput))).toMatchObject([{ pointer: 'profiles[0]' }]);
    expect(issuesOf(() => fromSecOpenData(null as unknown as SecOpenDataInput))).toMatchObject([{ pointer: '(root)' }]);
  });
});

describe('fromSecOpenData: what the SEC data does not say is an explicit unknown', () => {
  it('lists every gap in the records, fund by fund, and still adapts what it can', () => {
    const result = fromSecOpenData(fixture<SecOpenDataInput>('missing-fields.json'));
    expect(result.funds.map((f) => f.id)).toEqual(['M0999_2564', 'M0998_2564']);
    const gaps = result.unknowns.filter((u) => u.kind !== 'not-in-source').map((u) => [u.projId, u.field, u.kind, u.records ?? []]);
    expect(gaps).toEqual([
      ['M0999_2564', 'registrationDate', 'missing', ['profiles[0]']],
      ['M0999_2564', 'scheme.minimumFirstSubscription', 'missing', ['minimums[0]']],
      ['M0999_2564', 'scheme.minimumFirstSubscription', 'missing', ['minimums[1]']],
      ['M0999_2564', 'scheme.minimumFirstSubscription', 'missing', ['profiles[2]']],
      ['M0999_2564', 'fundManagers', 'missing', ['parties[0]']],
      ['M0999_2564', 'auditors', 'missing', []],
      ['M0998_2564', 'dissolutionDate', 'missing', ['profiles[3]']],
      ['M0998_2564', 'fundManagers', 'missing', []],
      ['M0998_2564', 'auditors', 'missing', []],
      ['M0000_2500', 'parties', 'unmapped', ['parties[4]']],
      ['M0000_2500', 'minimums', 'unmapped', ['minimums[3]']],
    ]);
    const hnw = fundOf(result, 'M0999_2564');
    expect(hnw.registrationDate).toBeUndefined();
    expect(hnw.scheme.minimumFirstSubscription).toBeUndefined();
    expect(hnw.fundManagers).toEqual([{ name: 'นางสาวครบถ้วน ข้อมูล', licenceNumber: '045501', approvalValidFrom: '2021-03-01' }]);
    const reasons = result.unknowns.filter((u) => u.projId === 'M0999_2564').map((u) => u.reason);
    expect(reasons).toContainEqual(expect.stringContaining('minimum_sub_ipo_cur is null); THB is not assumed'));
    expect(reasons).toContainEqual(expect.stringContaining('นายไม่ทราบ วันเริ่ม has no start_date'));
    expect(fundOf(result, 'M0998_2564').dissolutionDate).toBeUndefined();
  });

  it('lists accounting periods, and the other fields SEC open data never has, as unknown for every fund', () => {
    const result = fromSecOpenData(secData());
    for (const fund of result.funds) {
      const absent = result.unknowns.filter((u) => u.projId === fund.id && u.kind === 'not-in-source');
      expect(absent.map((u) => u.field)).toEqual(Object.keys(SEC_OPEN_DATA_ABSENT_FIELDS));
      expect(absent.find((u) => u.field === 'accountingPeriods')?.reason).toContain('accounting periods (start, end, standard, auditor) are not in SEC open data');
      expect(fund.accountingPeriods).toBeUndefined();
    }
  });

  it('without involved parties or minimums, managers, auditors and the scheme minimum are unknown, not empty', () => {
    const result = fromSecOpenData({ profiles: [profile({ proj_retail_type: 'B' })] });
    expect(result.unknowns.filter((u) => u.kind === 'missing').map((u) => [u.field, u.reason])).toEqual([
      ['scheme.minimumFirstSubscription', 'no subscription minimums were supplied (minimum_sub_ipo); the scheme minimum is not known'],
      ['fundManagers', 'no involved parties were supplied; fund managers are not known'],
      ['auditors', 'no involved parties were supplied; auditors are not known'],
    ]);
  });

  it('a minimum for a class the profiles do not have is reported and ignored', () => {
    const result = fromSecOpenData({
      profiles: [profile({ fund_class_name: 'A' })],
      minimums: [
        { proj_id: 'M0900_2566', fund_class_name: 'A', minimum_sub_ipo: 1000, minimum_sub_ipo_cur: 'THB' },
        { proj_id: 'M0900_2566', fund_class_name: 'Z', minimum_sub_ipo: 1, minimum_sub_ipo_cur: 'THB' },
      ],
    });
    expect(result.funds[0]!.scheme.minimumFirstSubscription).toBe('1000');
    expect(result.unknowns).toContainEqual(expect.objectContaining({ field: 'scheme.minimumFirstSubscription', kind: 'unmapped', records: ['minimums[1]'] }));
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
    ['2016-03-01T00:00:00.000', '2016-03-01'],
    ['2016-03-01 00:00:00', '2016-03-01'],
    ['2016-03-01T00:00:00Z', '2016-03-01'],
    ['2016-02-29T23:59:59+07:00', '2016-02-29'],
    ['2016-03-01T00:00:00-08:00', '2016-03-01'],
  ])('%s is the calendar date %s, as written', (text, date) => {
    expect(parseSecDate(text)).toEqual({ ok: true, date });
  });

  it('the adapted dates are the same under every time zone', () => {
    const zones = ['America/Los_Angeles', 'Asia/Bangkok', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC'];
    const seen = new Set<string>();
    const offsets = new Set<number>();
    for (const zone of zones) {
      process.env.TZ = zone;
      offsets.add(new Date(Date.UTC(2016, 2, 1)).getTimezoneOffset());
      const result = fromSecOpenData(secData());
      const retail = fundOf(result, 'M0123_2559');
      expect([retail.approvalDate, retail.registrationDate], zone).toEqual(['2016-03-15', '2016-04-01']);
      expect(fundOf(result, 'M0456_2556').dissolutionDate, zone).toBe('2021-12-30');
      seen.add(JSON.stringify(result));
    }
    expect(offsets.size, 'the process time zone really changed').toBe(zones.length);
    expect(seen.size).toBe(1);
  });
});

describe('adapted funds evaluate under TorNor. 89/2558', () => {
  it('the nine adapted funds evaluate as of 2024-06-30 without input errors; the B fund declaring 100,000 THB is below the threshold', async () => {
    const { funds } = fromSecOpenData(secData());
    const report = await evaluate({ funds }, { asOf: '2024-06-30' });
    const below = report.findings.filter((f) => f.ruleId === 'tn89.cl1.hnw-scheme-minimum-below-threshold');
    expect(below.map((f) => f.subject.fundId)).toEqual(['M0042_2561']);
    expect(below[0]!.severity).toBe('violation');
    expect(below[0]!.evidence.find((e) => e.name === 'minimumFirstSubscription')?.value).toBe('100000');
    // The H fund's lowest class minimum is exactly 500,000 THB: at the threshold, not below it.
    expect(report.findings.filter((f) => f.subject.fundId === 'M0318_2562')).toEqual([]);
    // The restriction is read from the code, so declared type and scheme always agree.
    expect(report.findings.filter((f) => f.ruleId === 'tn89.cl1.declared-type-mismatch')).toEqual([]);
  });

  it('a B fund whose minimum is unknown gets the "no minimum stated" warning, not a pass', async () => {
    const { funds } = fromSecOpenData(fixture<SecOpenDataInput>('missing-fields.json'));
    const report = await evaluate({ funds }, { asOf: '2024-06-30' });
    expect(report.findings.filter((f) => f.ruleId === 'tn89.cl1.hnw-scheme-minimum-not-stated').map((f) => f.subject.fundId)).toEqual(['M0999_2564']);
  });
});
