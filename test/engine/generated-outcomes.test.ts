/**
 * Over many subjects the compiled evaluator generates its per-subject loop
 * as code (compiled-runner.ts, generateOutcomes). Here that loop is made from
 * the first subject on and held to the generic compiled verdicts — which the
 * differential tests hold to json-rules-engine — on generated rule packs,
 * funds, unitholders and dates, with the session's parameters (thresholds
 * read on each first subscription's date).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RULE_OUTCOME, runCompiledSync, specializeRules } from '../../src/engine/compiled-runner.js';
import { deriveFundFacts, deriveSubjects } from '../../src/engine/facts.js';
import { EvaluationSession } from '../../src/engine/session.js';
import { asOfArb, inputArb, packOrLawArb, specializationCase } from '../batch/arbitraries.js';

const CODES = { 'not-applicable': RULE_OUTCOME.notApplicable, passed: RULE_OUTCOME.passed, found: RULE_OUTCOME.found } as const;

/** What a run gives: each rule's outcome code, or the error's message. */
function attempt(run: () => number[]): { codes: number[] } | { error: string } {
  try {
    return { codes: run() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('the generated outcome loop', () => {
  it('gives the generic compiled outcomes (or the same error) for generated packs, funds, unitholders and dates', () => {
    let compared = 0;
    fc.assert(
      fc.property(packOrLawArb, inputArb, asOfArb, (packInput, input, asOfText) => {
        const drawn = specializationCase(packInput, input, asOfText);
        if (!drawn) return;
        const { pack, data, asOf, investors } = drawn;
        let session: EvaluationSession;
        try {
          session = EvaluationSession.open({ asOf, packs: [pack] });
        } catch {
          return;
        }
        for (const group of session.groupsFor('unitholder')) {
          for (const [index, fund] of data.funds.entries()) {
            const fundFacts = deriveFundFacts(fund, asOf);
            const specialized = specializeRules(group.rules, { context: session.context(group, { fund: fundFacts, asOf }), subjectFacts: ['unitholder'], generateAfter: 0 });
            const out = new Uint8Array(group.rules.length);
            for (const subject of deriveSubjects(fund, index, investors, asOf).get('unitholder') ?? []) {
              const generic = attempt(() => {
                const verdicts = runCompiledSync(group.rules, session.context(group, { fund: fundFacts, asOf, ...subject.facts }));
                return group.rules.map((rule) => (verdicts.has(rule.id) ? CODES[verdicts.get(rule.id)!.outcome] : RULE_OUTCOME.noVerdict));
              });
              const generated = attempt(() => {
                specialized.outcomes(subject.facts, out);
                return [...out];
              });
              expect(generated).toStrictEqual(generic);
              compared++;
            }
          }
        }
      }),
      { numRuns: 250, seed: 7 },
    );
    expect(compared).toBeGreaterThan(200);
  }, 120_000);
});
