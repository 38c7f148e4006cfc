import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/index.js';
import { ComplianceInputError, issueMessage, type InputIssueDetail } from '../../src/model/errors.js';
import { cli, workspace } from './helpers/cli.js';
import { hnwScheme } from './helpers/schemes.js';
import { typeBFund } from '../helpers/build.js';

const AS_OF = ['--as-of', '2024-06-30'];

/** A valid type B fund, to which each test adds one fault. */
const hnwFund = typeBFund({ scheme: { investorRestriction: 'high-net-worth', minimumFirstSubscription: '500000' }, unitholders: [] }) as { scheme: Record<string, unknown> };

async function issuesOf(input: unknown, locale: 'th' | 'en' = 'en') {
  try {
    await evaluate(input, { asOf: '2024-06-30', locale });
  } catch (error) {
    if (error instanceof ComplianceInputError) return error.issues;
    throw error;
  }
  throw new Error('no input error');
}

describe('input issues: codes, wording, did-you-mean', () => {
  it('carry a code with parameters; zod’s English defaults never reach the user', async () => {
    const issues = await issuesOf({ funds: [{ id: 'M0001_2560' }] });
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) {
      expect(issue.code).toBeDefined();
      expect(issue.detail?.code).toBe(issue.code);
      expect(issue.message).not.toMatch(/^Invalid input|received undefined/);
    }
    const kind = issues.find((i) => i.pointer === 'funds[0].kind')!;
    expect(kind).toMatchObject({ code: 'missing_field', hint: 'add the field' });
  });

  it('points an unknown key at its own line and column, with the key it probably meant', async () => {
    const scheme = hnwScheme('500000').replace('  investorRestriction: high-net-worth', '  investorRestriction: high-net-worth\n  minimumFirstSubscripton: "1"');
    const dir = workspace({ 'fund.yaml': scheme });
    const r = await cli(['check', 'fund.yaml', ...AS_OF, '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(2);
    const [problem] = JSON.parse(r.out).problems;
    expect(problem).toMatchObject({
      file: 'fund.yaml',
      pointer: 'funds[0].scheme.minimumFirstSubscripton',
      code: 'unknown_key',
      message: 'unknown field "minimumFirstSubscripton"; did you mean "minimumFirstSubscription"?',
      line: 11,
      column: 3,
    });
  });

  it('words the problems in Thai with --lang th, hints included', async () => {
    const scheme = hnwScheme('500000').replace('kind: mutual\n', '').replace('  investorRestriction: high-net-worth', '  investorRestriction: high-net-worth\n  minimumFirstSubscripton: "1"');
    const dir = workspace({ 'fund.yaml': scheme });
    const r = await cli(['check', 'fund.yaml', ...AS_OF, '--lang', 'th'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.out).toContain('ตรวจไม่ได้');
    expect(r.out).toContain('funds[0].scheme.minimumFirstSubscripton: ไม่รู้จักฟิลด์ "minimumFirstSubscripton" หมายถึง "minimumFirstSubscription" หรือไม่');
    expect(r.out).toContain('เปลี่ยนชื่อเป็น "minimumFirstSubscription"');
    expect(r.out).toMatch(/funds\[0\]\.kind: (ขาดฟิลด์|ค่าไม่ถูกต้อง)/);
  });

  it('has wording for every code in both languages (a custom issue keeps its own message)', () => {
    const details: InputIssueDetail[] = [
      { code: 'missing_field', expected: 'object' },
      { code: 'invalid_type', expected: 'string', received: 'number' },
      { code: 'invalid_value', values: ['R', 'A'] },
      { code: 'unknown_key', key: 'x' },
      { code: 'too_small', origin: 'array', minimum: 1, inclusive: true },
      { code: 'too_big', origin: 'number', maximum: 9, inclusive: true },
      { code: 'invalid_format', format: 'date' },
      { code: 'invalid_union' },
      { code: 'not_multiple_of', divisor: 100 },
      { code: 'invalid_key', origin: 'record' },
      { code: 'invalid_element', origin: 'map' },
    ];
    for (const detail of details) {
      expect(issueMessage(detail, 'en')).toMatch(/\w/);
      expect(issueMessage(detail, 'th')).toMatch(/[\u0E00-\u0E7F]/);
    }
    expect(issueMessage({ code: 'custom' }, 'th')).toBeUndefined();
  });

  it('words evaluate()’s issues in Thai with locale: "th": our wording of the code first, the value’s type named, a schema’s own example kept in parentheses', async () => {
    const input = { funds: [{ id: 'M0001_2560', kind: 'mutual', approvalDate: 20200101, offering: { inThailand: true, abroad: false } }], investorz: [] };
    const thai = await issuesOf(input, 'th');
    const english = await issuesOf(input, 'en');
    // Same issues, same codes and paths, in either language.
    expect(thai.map((i) => [i.pointer, i.code])).toEqual(english.map((i) => [i.pointer, i.code]));
    const at = (issues: typeof thai, pointer: string) => issues.find((i) => i.pointer === pointer)!;
    expect(at(thai, 'funds[0].names')).toMatchObject({ code: 'missing_field', message: 'ขาดฟิลด์ที่ต้องระบุ (ออบเจกต์ (ชุดของฟิลด์))', hint: 'เพิ่มฟิลด์นี้' });
    expect(at(thai, 'investorz')).toMatchObject({ code: 'unknown_key', message: 'ไม่รู้จักฟิลด์ "investorz" หมายถึง "investors" หรือไม่', hint: 'เปลี่ยนชื่อเป็น "investors"' });
    // The date schema words its own English example; Thai readers get the code's wording with the number named, then the example.
    expect(at(english, 'funds[0].approvalDate').message).toBe('expected a date string such as "2020-03-31" or "BE 2563-03-31"');
    expect(at(thai, 'funds[0].approvalDate').message).toBe('ชนิดข้อมูลไม่ถูกต้อง: ต้องเป็นข้อความ แต่ได้ตัวเลข (expected a date string such as "2020-03-31" or "BE 2563-03-31")');
    // A check's own message (a refinement of the input's schema) comes in Thai too.
    const orphan = { funds: [{ ...hnwFund, unitholders: [{ investorId: 'I-404', subscriptions: [{ date: '2023-01-05', amount: '1000000' }] }] }], investors: [] };
    expect(await issuesOf(orphan, 'th')).toEqual([expect.objectContaining({ pointer: 'funds[0].unitholders[0].investorId', code: 'custom', message: 'ไม่มีผู้ลงทุนรหัส I-404 ใน investors[]' })]);
    expect(await issuesOf(orphan, 'en')).toEqual([expect.objectContaining({ code: 'custom', message: 'no investor with id I-404 in investors[]' })]);
    // A date or an amount that does not parse says why in Thai.
    const malformed = { funds: [{ ...hnwFund, approvalDate: '2019-02-30', scheme: { ...hnwFund.scheme, minimumFirstSubscription: '500,000' } }] };
    expect(await issuesOf(malformed, 'th')).toEqual([
      expect.objectContaining({ pointer: 'funds[0].approvalDate', message: '2019-02-30 ไม่ใช่วันที่ที่มีอยู่จริงในปฏิทิน' }),
      expect.objectContaining({ pointer: 'funds[0].scheme.minimumFirstSubscription', message: expect.stringMatching(/^"500,000" ไม่ใช่จำนวนเงินแบบตัวเลขธรรมดา/) }),
    ]);
    for (const issue of [...thai, ...english]) expect(issue.message).not.toMatch(/Invalid (input|option)|Too (small|big)|Unrecognized key|received unknown|ได้unknown/);
    for (const issue of thai.filter((i) => i.code !== 'custom')) expect(issue.message).toMatch(/^[\u0E00-\u0E7F]/);
  });
});
