import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.doUnmock('json-rules-engine');
  vi.resetModules();
});

describe('completeness', () => {
  it('is an error, never a clean report, when the rules engine (opt-in runner) drops a rule result', async () => {
    vi.resetModules();
    vi.doMock('json-rules-engine', async () => {
      const real = await vi.importActual<typeof import('json-rules-engine')>('json-rules-engine');
      // Simulates json-rules-engine 7.3.1 returning no results after a failed run on a shared engine.
      class DroppingEngine extends real.Engine {
        override async run(facts?: Record<string, unknown>) {
          const outcome = await super.run(facts);
          return { ...outcome, results: [], failureResults: outcome.failureResults.slice(1) };
        }
      }
      return { ...real, Engine: DroppingEngine };
    });
    const { evaluate, EvaluationIncompleteError } = await import('../../src/index.js');
    const fund = {
      id: 'F',
      names: { th: 'ก', en: 'F' },
      kind: 'mutual',
      declaredType: 'R',
      managementCompany: { id: 'C' },
      approvalDate: '2017-01-01',
      offering: { inThailand: true, abroad: false },
      scheme: { investorRestriction: 'general' },
    };
    await expect(evaluate({ funds: [fund] }, { asOf: '2024-06-30', runner: 'json-rules-engine' })).rejects.toBeInstanceOf(EvaluationIncompleteError);
  });
});
