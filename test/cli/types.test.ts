// The types a strict consumer writes against: the documented input type by name, the old name kept, locale checked.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ComplianceInputError, evaluate, type EvaluationInputData, type FundComplianceInput } from '../../src/index.js';

describe('types that guide', () => {
  it('names the documented input type FundComplianceInput (EvaluationInputData is the same type) and evaluate takes it first', () => {
    expectTypeOf<EvaluationInputData>().toEqualTypeOf<FundComplianceInput>();
    expectTypeOf<FundComplianceInput['funds'][number]['kind']>().toEqualTypeOf<'mutual' | 'private' | 'provident'>();
    // evaluate's first overload takes the documented input (editors complete its fields); the second takes data of unknown shape.
    const input: FundComplianceInput = { funds: [] };
    // Type-level only: the call is not run (an empty fund list is an input error at run time).
    expectTypeOf(() => evaluate(input, { asOf: '2024-06-30' })).returns.resolves.toHaveProperty('findings');
  });

  it('checks locale at run time: a JavaScript caller’s "TH" is an input error, not English output', async () => {
    const error = await evaluate({ funds: [] }, { asOf: '2024-06-30', locale: 'TH' as 'th' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ComplianceInputError);
    expect((error as ComplianceInputError).issues[0]).toMatchObject({ pointer: 'locale', code: 'invalid_value' });
  });
});
