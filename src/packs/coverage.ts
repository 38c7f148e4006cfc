import { renderCitation } from './citation.js';
import type { LoadedPack } from './load.js';
import { tn89Pack } from './built-in.js';
import type { Citation, CoverageEntryData, Localized } from './schema.js';

export interface CoverageEntry {
  ref: CoverageEntryData['ref'];
  /** `ทน. 89/2558 ข้อ 5 วรรคหนึ่ง (2)` / `TorNor. 89/2558 cl. 5 para 1 (2)` */
  citation: Localized;
  status: CoverageEntryData['status'];
  reason?: string;
  mechanism?: string;
  /** Rules that enforce it: those citing it or anything inside it, and those listed as also enforcing it. */
  rules: string[];
}

/** An entry covers a citation inside it: cl. 11 covers cl. 11 para 1 (3); cl. 11 para 1 covers its items. */
function covers(entry: CoverageEntryData['ref'], citation: Citation): boolean {
  return (
    entry.clause === citation.clause &&
    (entry.paragraph === undefined || entry.paragraph === citation.paragraph) &&
    (entry.item === undefined || entry.item === citation.item) &&
    (entry.term === undefined || entry.term === citation.term)
  );
}

/**
 * Clause coverage as data: for each clause (and each item of the clauses the
 * pack details) whether it is enforced, partly or not machine-checkable, the
 * rules that enforce it and why it is not checked further.
 */
export function coverage(pack: LoadedPack = tn89Pack()): CoverageEntry[] {
  return pack.coverage.map((entry) => {
    const citing = pack.rules.filter((rule) => {
      const citations = [rule.citation, ...rule.basis, ...(rule.consequence ? [rule.consequence.citation] : [])].filter((c) => !c.notice);
      return citations.some((c) => covers(entry.ref, c));
    });
    const rules = [...new Set([...citing.map((r) => r.id), ...entry.alsoBy])].sort();
    return {
      ref: entry.ref,
      citation: renderCitation(pack, entry.ref).text,
      status: entry.status,
      ...(entry.reason ? { reason: entry.reason } : {}),
      ...(entry.mechanism ? { mechanism: entry.mechanism } : {}),
      rules,
    };
  });
}

const STATUS_LABEL: Record<CoverageEntry['status'], string> = { enforced: 'enforced', partly: 'partly', 'not-checkable': 'not machine-checkable' };

/** The coverage table as Markdown (rules/<pack>/COVERAGE.md is this, generated). */
export function coverageMarkdown(pack: LoadedPack = tn89Pack()): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    `# Clause coverage: ${pack.meta.notice.en} (${pack.meta.notice.th})`,
    '',
    `Generated from \`coverage.yaml\` and the rules of pack \`${pack.meta.id}\` ${pack.meta.version}; do not edit by hand (\`npm run coverage-doc\`).`,
    '',
    '| clause | ข้อ | status | rules | why not (fully) checked / how enforced |',
    '|---|---|---|---|---|',
  ];
  for (const entry of coverage(pack)) {
    const rules = entry.rules.map((id) => `\`${id}\``).join('<br>') || '—';
    const why = [entry.reason, entry.mechanism].filter(Boolean).map((t) => escape(t!)).join(' ') || '—';
    lines.push(`| ${escape(entry.citation.en)} | ${escape(entry.citation.th)} | ${STATUS_LABEL[entry.status]} | ${rules} | ${why} |`);
  }
  const counts = (['enforced', 'partly', 'not-checkable'] as const).map((s) => `${coverage(pack).filter((e) => e.status === s).length} ${STATUS_LABEL[s]}`);
  lines.push('', `${coverage(pack).length} entries: ${counts.join(', ')}; ${pack.rules.length} rules.`, '');
  return lines.join('\n');
}
