import type { CalendarDate } from '../model/calendar-date.js';
import type { Localized, Severity, SubjectKind } from '../packs/schema.js';
import type { RenderedCitation } from './citation.js';
import type { SubjectIdentity } from './facts.js';

export type EvidenceType = 'money' | 'date' | 'months' | 'days' | 'number' | 'text' | 'boolean' | 'list' | 'object';

/** A fact value or threshold that decided a finding. */
export interface Evidence {
  name: string;
  label?: Localized;
  type: EvidenceType;
  value: unknown;
  /** Where it came from: `fund.scheme.minimumFirstSubscription`, `param:hnw-minimum-first-subscription`. */
  source: string;
  /** For a parameter: the pack whose value was used (another pack's when it overrides). */
  pack?: string;
}

/** One comparison of the rule's violation condition as it was evaluated. */
export interface DecidingCondition {
  fact: string;
  path?: string;
  params?: Record<string, unknown>;
  operator: string;
  /** The fact's value. */
  actual: unknown;
  /** The value it was compared with (a threshold is resolved to its dated value). */
  expected: unknown;
  result: boolean;
}

export interface Finding {
  ruleId: string;
  packId: string;
  severity: Severity;
  /** `waived` when a valid waiver covers it; the finding is never dropped. */
  status: 'violation' | 'waived';
  subject: SubjectIdentity;
  /** Input pointers of the fields that decided it (`funds[0].scheme.minimumFirstSubscription`), for locating it in a file. */
  fields: string[];
  title: Localized;
  citation: RenderedCitation;
  message: Localized;
  evidence: Evidence[];
  decidedBy: DecidingCondition[];
  consequence?: { message: Localized; citation: RenderedCitation };
  /** The valid waiver (§10) that covers it, when `status` is `waived`. */
  waiver?: { reference: string; pointer: string };
}

export type RuleOutcome = 'found' | 'passed' | 'not-applicable' | 'not-in-force' | 'disabled';

export interface RuleAccount {
  ruleId: string;
  /** The pack whose version of the rule decided. */
  packId: string;
  /** The pack whose rule of the same id this one overrode. */
  replaces?: string;
  /** Switched off by a pack, with its reason: listed, never dropped. */
  disabled?: { by: string; reason: Localized };
  title: Localized;
  subject: SubjectKind;
  severity: Severity;
  citation: Localized;
  outcome: RuleOutcome;
  /** Subjects it was evaluated against, those it applied to, and those with a finding. */
  subjects: { evaluated: number; applicable: number; found: number };
  /** Why the session's pre-check made it not-applicable to some funds' subjects (e.g. fields the input marks unknown). */
  notApplicable?: string[];
}

export interface PackAccount {
  id: string;
  version: string;
  notice: Localized;
  title: Localized;
  inForce: { from: CalendarDate; to?: CalendarDate };
  inForceOnAsOf: boolean;
  /** What references to older notices mean under this one (TorNor. 89/2558 §13–§15). */
  references: { notice: Localized; effect: string; meaning: Localized; citation: Localized }[];
}

export interface ReportNotice {
  code: 'pack-not-in-force';
  packId: string;
  message: Localized;
  citation: RenderedCitation;
}

export interface FundAccount {
  fundId: string;
  names: Localized;
  declaredType: string | null;
  findings: number;
  /** How many subjects of each kind were evaluated. */
  subjects: Partial<Record<SubjectKind, number>>;
  /** Unitholders not yet holding units on the as-of date (first subscription later): listed, not evaluated. */
  notYetHolding: string[];
}

export interface Report {
  reportVersion: 1;
  asOf: CalendarDate;
  locale: 'th' | 'en';
  /** `not-in-force`: no pack was in force on the as-of date, so nothing passed or failed. */
  status: 'findings' | 'no-findings' | 'not-in-force';
  packs: PackAccount[];
  /** Rules and parameters a later pack replaced. */
  overrides: { kind: 'rule' | 'parameter'; id: string; by: string; replaces: string }[];
  /** Rules a pack switched off, and why. */
  disabled: { ruleId: string; packId: string; by: string; reason: Localized }[];
  notices: ReportNotice[];
  summary: {
    rules: number;
    passed: number;
    found: number;
    notApplicable: number;
    notInForce: number;
    disabled: number;
    findings: number;
    bySeverity: Record<Severity, number>;
    waived: number;
  };
  rules: RuleAccount[];
  funds: FundAccount[];
  findings: Finding[];
}
