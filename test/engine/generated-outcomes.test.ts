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
import { deriveFundFacts, deriveSubjects, type InvestorRecord } from '../../src/engine/facts.js';
import { EvaluationSession } from '../../src/engine/session.js';
import { evaluationInputSchema, loadPackFromObject, tn89Pack, type LoadedPack, type PackInput } from '../../src/index.js';
import { asOfArb, generatedPackArb, inputArb } from '../batch/arbitraries.js';

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
      fc.property(fc.oneof(generatedPackArb.map((p) => p as PackInput), fc.constant<PackInput | undefined>(undefined)), inputArb, asOfArb, (packInput, input, asOfText) => {
        const pack: LoadedPack = packInput ? loadPackFromObject(packInput) : tn89Pack();
        const parsed = evaluationInputSchema.safeParse(input);
        if (!parsed.success) return;
        const asOf = asOfText.startsWith('BE') ? '2024-06-30' : asOfText;
        let session: EvaluationSession;
        try {
          session = EvaluationSession.open({ asOf, packs: [pack] });
        } catch {
          return;
        }
        const investors = new Map<string, InvestorRecord>(
          parsed.data.investors.filter((i) => i.category).map((investor, index) => [investor.id, { investor, index, basis: { source: 'given', category: investor.category!, assessedOn: investor.assessedOn ?? null } }]),
        );
        for (const group of session.groupsFor('unitholder')) {
          for (const [index, fund] of parsed.data.funds.entries()) {
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
