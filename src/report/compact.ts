import { renderCitation, type RenderedCitation } from '../engine/citation.js';
import type { DecidingCondition, Evidence, Finding, Report } from '../engine/report.js';
import type { SubjectIdentity } from '../engine/facts.js';
import { evidenceSource } from '../engine/pack-values.js';
import type { LoadedPack } from '../packs/load.js';
import type { Citation, DateRange, Localized, Rule, Severity, SubjectKind } from '../packs/schema.js';

/**
 * Compact findings: what differs from one finding to the next (subject,
 * status, severity, evidence, the conditions that decided it, where it is),
 * with the rule referenced by id and citation key. What every finding of a
 * rule repeats (title, clause text, English reading, message and consequence
 * wording) lives once in the rules catalog ({@link catalogRule}): the
 * `rules` section of `check --format json`, and `rules --format json`.
 * The expanded {@link Finding} stays the library's object and the
 * `--full-findings` form. Schemas: schemas/compact-finding.schema.json and
 * schemas/rules-catalog.schema.json.
 */

/** How findings are serialised: `compact` (the default) or `full` (every finding with its rule's words). */
export type FindingsForm = 'compact' | 'full';

/** The key of a citation in the catalog: its English rendering (`TorNor. 89/2558 cl. 11 para 1 (3)`). */
export function citationKey(citation: Pick<RenderedCitation, 'text'>): string {
  return citation.text.en;
}

/**
 * Evidence values by name, in the rule's order: each value's type, source and
 * label are the rule's, in the catalog's `evidence`.
 */
export type CompactEvidence = Record<string, unknown>;

export interface CompactFinding {
  ruleId: string;
  packId: string;
  /** The {@link citationKey} of the rule's citation: the catalog holds its text, clause text and reading. */
  citation: string;
  severity: Severity;
  status: 'violation' | 'waived';
  subject: SubjectIdentity;
  /** Input pointers of the fields that decided it. */
  fields: string[];
  evidence: CompactEvidence;
  /** For a parameter's value taken from another pack than the finding's (an override): that pack, by evidence name. */
  evidencePacks?: Record<string, string>;
  decidedBy: DecidingCondition[];
  waiver?: { reference: string; pointer: string };
}

function compactEvidence(evidence: readonly Evidence[], packId: string): Pick<CompactFinding, 'evidence' | 'evidencePacks'> {
  const values: CompactEvidence = {};
  let packs: Record<string, string> | undefined;
  for (const { name, value, pack } of evidence) {
    values[name] = value;
    if (pack !== undefined && pack !== packId) (packs ??= {})[name] = pack;
  }
  return packs ? { evidence: values, evidencePacks: packs } : { evidence: values };
}

/** A finding without what its rule repeats: the serialised form by default. */
export function compactFinding(finding: Finding): CompactFinding {
  return {
    ruleId: finding.ruleId,
    packId: finding.packId,
    citation: citationKey(finding.citation),
    severity: finding.severity,
    status: finding.status,
    subject: finding.subject,
    fields: finding.fields,
    ...compactEvidence(finding.evidence, finding.packId),
    decidedBy: finding.decidedBy,
    ...(finding.waiver ? { waiver: finding.waiver } : {}),
  };
}

/**
 * A deciding condition in a register line: `[fact, path, operator, expected, result]`, with the
 * fact's value (`actual`) as a sixth item only when the finding's evidence does not already hold
 * it (an evidence item whose source is the same fact and path, with the same value). A condition
 * with `params` (a custom fact's) keeps the library's object form.
 */
export type RegisterCondition = [fact: string, path: string | null, operator: string, expected: unknown, result: boolean, actual?: unknown] | DecidingCondition;

/** The same value, as JSON would write it (evidence values are plain JSON data). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function registerCondition(condition: DecidingCondition, evidence: readonly Evidence[]): RegisterCondition {
  if (condition.params) return condition;
  const { fact, path, operator, actual, expected, result } = condition;
  const source = evidenceSource(condition);
  const tuple: RegisterCondition = [fact, path ?? null, operator, expected, result];
  if (!evidence.some((item) => item.source === source && sameValue(item.value, actual))) tuple.push(actual);
  return tuple;
}

/** What the compact line of a register finding is written from. */
export type RegisterLineParts = Pick<Finding, 'ruleId' | 'packId' | 'severity' | 'status' | 'subject' | 'fields' | 'evidence' | 'decidedBy' | 'waiver'> & { type: 'finding'; row: number; line: number };

/**
 * The NDJSON line of a register finding (`{ type: 'finding', row, line, fundId, investorId, ... }`), compact unless `full`.
 * A register writes one line per finding, so its compact line is smaller than a check report's
 * compact finding (schemas/register-finding.schema.json): the citation and the evidence names are
 * the rule's (in `rules --format json`, under packId and ruleId), so evidence values are listed in
 * the catalog rule's evidence order; `status` is written only when `waived`; deciding conditions
 * are arrays without the values the evidence already holds ({@link RegisterCondition}).
 *
 * The compact line reads only what differs from finding to finding, so it can be written from those
 * parts alone (a register run that keeps no finding builds no message or citation); `full` writes
 * the record as it is given (a whole {@link Finding}).
 */
export function registerFindingLine<T extends RegisterLineParts>(record: T, form: FindingsForm = 'compact'): string {
  if (form === 'full') return JSON.stringify(record);
  const { evidence, packId } = record;
  let packs: Record<string, string> | undefined;
  const values = evidence.map(({ name, value, pack }) => {
    if (pack !== undefined && pack !== packId) (packs ??= {})[name] = pack;
    return value === undefined ? null : value;
  });
  // Property by property, in the order of the schema (no conditional spreads: one line per finding).
  const line: Record<string, unknown> = {
    type: record.type,
    row: record.row,
    line: record.line,
    // A register's subject is the unitholder of rows[row]: a flat record of row, fund and investor.
    fundId: record.subject.fundId,
    investorId: record.subject.investorId,
    ruleId: record.ruleId,
    packId,
    severity: record.severity,
  };
  if (record.status !== 'violation') line['status'] = record.status;
  line['fields'] = record.fields;
  line['evidence'] = values;
  if (packs) line['evidencePacks'] = packs;
  line['decidedBy'] = record.decidedBy.map((condition) => registerCondition(condition, evidence));
  if (record.waiver) line['waiver'] = record.waiver;
  return JSON.stringify(line);
}

/** A citation in the catalog: as the rule states it, rendered, with the clause's words and its key. */
export type CatalogCitation = Citation & Pick<RenderedCitation, 'text' | 'clauseText' | 'reading'> & { key: string };

/** An evidence item of a rule, as its findings' evidence values are read. */
export type CatalogEvidence = Pick<Evidence, 'name' | 'type' | 'source' | 'label'>;

/** One rule in the catalog: everything its findings leave out. */
export interface CatalogRule {
  packId: string;
  id: string;
  title: Localized;
  severity: Severity;
  subject: SubjectKind;
  citation: CatalogCitation;
  /** The message template; `{name}` placeholders are evidence names (and `{fundId}`, `{investorId}`). */
  message: Localized;
  /** What each evidence value of a finding is: its type, where it comes from, and its label when it has one. */
  evidence: CatalogEvidence[];
  consequence?: { message: Localized; citation: CatalogCitation };
  inForce?: DateRange;
  /** The pack whose rule of the same id this one overrides. */
  replaces?: string;
  /** Switched off by a later pack: listed, never evaluated. */
  disabled?: { by: string; reason: Localized };
}

function catalogCitation(pack: LoadedPack, citation: Citation): CatalogCitation {
  const rendered = renderCitation(pack, citation);
  return {
    ...citation,
    text: rendered.text,
    ...(rendered.clauseText !== undefined ? { clauseText: rendered.clauseText } : {}),
    ...(rendered.reading !== undefined ? { reading: rendered.reading } : {}),
    key: citationKey(rendered),
  };
}

/** The catalog entry of a rule of a pack. */
export function catalogRule(pack: LoadedPack, rule: Rule, extra: { replaces?: string | undefined; disabled?: { by: string; reason: Localized } | undefined } = {}): CatalogRule {
  return {
    packId: pack.meta.id,
    id: rule.id,
    title: rule.title,
    severity: rule.severity,
    subject: rule.subject,
    citation: catalogCitation(pack, rule.citation),
    message: pack.messages[rule.message]!,
    evidence: rule.evidence.map((item) => ({ name: item.name, type: item.type, source: evidenceSource(item), ...(item.label ? { label: item.label } : {}) })),
    ...(rule.consequence ? { consequence: { message: pack.messages[rule.consequence.message]!, citation: catalogCitation(pack, rule.consequence.citation) } } : {}),
    ...(rule.inForce ? { inForce: rule.inForce } : {}),
    ...(extra.replaces ? { replaces: extra.replaces } : {}),
    ...(extra.disabled ? { disabled: extra.disabled } : {}),
  };
}

/** The catalog of rules as listed (e.g. the CLI's rule catalog: overrides in place, then the disabled ones). */
export function rulesCatalog(rules: readonly { pack: LoadedPack; rule: Rule; replaces?: string | undefined; disabled?: { by: string; reason: Localized } | undefined }[]): CatalogRule[] {
  return rules.map(({ pack, rule, replaces, disabled }) => catalogRule(pack, rule, { replaces, disabled }));
}

/** Where a finding is decided in its input file: the pointer located, with its line and column when known. */
export interface FindingLocation {
  pointer: string;
  line?: number;
  column?: number;
}

export type CompactReportFinding = CompactFinding & { location?: FindingLocation };

/** A report whose findings are compact, each with its location (`locations[i]` is where `report.findings[i]` is). */
export type CompactReport = Omit<Report, 'findings'> & { findings: CompactReportFinding[] };

/** The report with compact findings; the rest of the report (accounts, summary, notices) is as evaluate() returns it. */
export function compactReport(report: Report, locations: readonly (FindingLocation | undefined)[] = []): CompactReport {
  return {
    ...report,
    findings: report.findings.map((finding, i) => {
      const location = locations[i];
      return location ? { ...compactFinding(finding), location } : compactFinding(finding);
    }),
  };
}
