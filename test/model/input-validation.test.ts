import { describe, expect, it } from 'vitest';
import { ComplianceInputError, evaluate, safeEvaluate } from '../../src/index.js';

const goodFund = {
  id: 'M0001_2560',
  names: { th: 'กองทุนเปิดทดสอบ', en: 'Test Open Fund' },
  kind: 'mutual',
  declaredType: 'R',
  managementCompany: { id: 'C0000000021' },
  approvalDate: '2017-03-01',
  offering: { inThailand: true, abroad: false },
  scheme: { investorRestriction: 'general' },
};

describe('bad input', () => {
  it('is a typed error that lists every bad field with its path', async () => {
    const input = {
      funds: [
        {
          ...goodFund,
          declaredType: 'Z',
          approvalDate: '2560-03-01',
          unitholders: [{ investorId: 'I-404', subscriptions: [{ date: '2017-02-30', amount: 0.1 }] }],
        },
      ],
      investors: [],
    };
    const result = await safeEvaluate(input, { asOf: '2024-06-30' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const pointers = result.issues.map((i) => i.pointer).sort();
    expect(pointers).toEqual(
      [
        'funds[0].approvalDate',
        'funds[0].declaredType',
        'funds[0].unitholders[0].subscriptions[0].amount',
        'funds[0].unitholders[0].subscriptions[0].date',
      ].sort(),
    );
    const byPointer = Object.fromEntries(result.issues.map((i) => [i.pointer, i.message]));
    expect(byPointer['funds[0].approvalDate']).toMatch(/Buddhist Era/);
    expect(byPointer['funds[0].unitholders[0].subscriptions[0].amount']).toMatch(/decimal string/);
  });

  it('names a unitholder whose investor is missing (checked once the fields are well formed)', async () => {
    const input = { funds: [{ ...goodFund, unitholders: [{ investorId: 'I-404', subscriptions: [{ date: '2017-03-02', amount: '1000' }] }] }] };
    await expect(evaluate(input, { asOf: '2024-06-30' })).rejects.toMatchObject({
      name: 'ComplianceInputError',
      issues: [{ pointer: 'funds[0].unitholders[0].investorId', message: expect.stringMatching(/I-404/) }],
    });
  });

  it('throws ComplianceInputError from evaluate, never another exception', async () => {
    for (const input of [null, 42, 'fund', [], {}, { funds: [] }, { funds: [{}] }]) {
      await expect(evaluate(input, { asOf: '2024-06-30' }), JSON.stringify(input)).rejects.toBeInstanceOf(ComplianceInputError);
    }
  });

  it('refuses an unknown field instead of ignoring it', async () => {
    const result = await safeEvaluate({ funds: [{ ...goodFund, declaredTpye: 'R' }] }, { asOf: '2024-06-30' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.message).toMatch(/declaredTpye/);
  });

  it('refuses an as-of date that is not a calendar date', async () => {
    await expect(evaluate({ funds: [goodFund] }, { asOf: '2016-02-30' })).rejects.toMatchObject({ issues: [{ pointer: 'asOf' }] });
  });
});
