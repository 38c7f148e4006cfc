import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInRulesDirectory, coverage, coverageMarkdown, evaluate, tn89Pack } from '../../src/index.js';
import { resolveReference } from '../../src/subpaths/packs.js';

const pack = tn89Pack();
const entries = coverage();
const key = (ref: { clause?: number; paragraph?: number; item?: number; term?: string }) => JSON.stringify([ref.clause, ref.paragraph ?? null, ref.item ?? null, ref.term ?? null]);

describe('clause coverage of TorNor. 89/2558', () => {
  it('has an entry for every clause 1 to 16', () => {
    for (let clause = 1; clause <= 16; clause++) {
      expect(entries.some((e) => key(e.ref) === key({ clause })), `clause ${clause}`).toBe(true);
    }
  });

  it("has an entry for each of cl. 1's definitions and each paragraph and item of cl. 4, 5, 11 and 12", () => {
    for (const clause of pack.clauses.filter((c) => [1, 4, 5, 11, 12].includes(c.clause))) {
      for (const part of clause.parts) {
        const ref = { clause: clause.clause, ...part.ref };
        expect(entries.some((e) => key(e.ref) === key(ref)), JSON.stringify(ref)).toBe(true);
      }
    }
  });

  it('accounts for every rule: each rule cites a clause, paragraph, item or term that has an entry', () => {
    const keys = new Set(entries.map((e) => key(e.ref)));
    for (const rule of pack.rules) expect(keys.has(key(rule.citation)), `${rule.id} cites ${JSON.stringify(rule.citation)}`).toBe(true);
  });

  it('lists only rules that exist, gives enforced items a rule or a mechanism, and not-checkable items a reason and no rule', () => {
    const ids = new Set(pack.rules.map((r) => r.id));
    for (const entry of entries) {
      for (const id of entry.rules) expect(ids.has(id), id).toBe(true);
      if (entry.status === 'enforced') expect(entry.rules.length > 0 || entry.mechanism !== undefined, entry.citation.en).toBe(true);
      if (entry.status === 'not-checkable') {
        expect(entry.reason, entry.citation.en).toBeTruthy();
        expect(entry.rules, entry.citation.en).toEqual([]);
      }
    }
  });

  it('agrees with clauses.yaml on which clauses a machine cannot check', () => {
    for (const clause of pack.clauses) {
      const entry = entries.find((e) => key(e.ref) === key({ clause: clause.clause }))!;
      expect(entry.status === 'not-checkable', `clause ${clause.clause}`).toBe(clause.checkable === 'no');
    }
  });

  it('is what COVERAGE.md says (run `npm run coverage-doc` after changing rules or coverage.yaml)', () => {
    const committed = readFileSync(join(builtInRulesDirectory(), 'tn-89-2558', 'COVERAGE.md'), 'utf8');
    expect(committed).toBe(coverageMarkdown());
  });
});

describe('citation resolution (cl. 13–15)', () => {
  it('says a reference to TorNor. 27/2552 now means this notice (cl. 14), and its sub-rules continue (cl. 15)', () => {
    const resolved = resolveReference('ทน.27/2552');
    expect(resolved.map((r) => [r.effect, r.citation.text.en])).toEqual([
      ['means-this-notice', 'TorNor. 89/2558 cl. 14'],
      ['continues-until-replaced', 'TorNor. 89/2558 cl. 15'],
    ]);
    expect(resolved[0]!.meaning.th).toContain('หมายถึงการอ้างอิงประกาศ ทน. 89/2558');
    expect(resolved[0]!.citation.clauseText).toContain('ให้การอ้างอิงดังกล่าวหมายถึงการอ้างอิงประกาศฉบับนี้');
  });

  it('says SorKhor/Nor. 23/2552 applies where not inconsistent (cl. 13) and TorNor. 17/2556 sub-rules continue (cl. 15)', () => {
    expect(resolveReference('สข/น. 23/2552').map((r) => [r.effect, r.citation.clause])).toEqual([['applies-where-not-inconsistent', 13]]);
    expect(resolveReference('TorNor. 17/2556').map((r) => [r.effect, r.citation.clause])).toEqual([['continues-until-replaced', 15]]);
  });

  it('answers nothing for a notice this one says nothing about', () => {
    expect(resolveReference('ทน. 11/2564')).toEqual([]);
  });

  it('shows the mappings in every report', async () => {
    const fund = { id: 'F', names: { th: 'ก', en: 'F' }, kind: 'mutual', declaredType: 'R', managementCompany: { id: 'C' }, approvalDate: '2017-01-01', offering: { inThailand: true, abroad: false }, scheme: { investorRestriction: 'general' } };
    const report = await evaluate({ funds: [fund] }, { asOf: '2024-06-30' });
    expect(report.packs[0]!.references.map((r) => r.citation.en)).toEqual(['TorNor. 89/2558 cl. 14', 'TorNor. 89/2558 cl. 15', 'TorNor. 89/2558 cl. 15', 'TorNor. 89/2558 cl. 13']);
  });
});
