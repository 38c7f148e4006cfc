import type { CalendarDate } from '../model/calendar-date.js';
import type { Money } from '../model/money.js';
import type { Localized, Severity, SubjectKind } from '../packs/schema.js';
import type { RenderedCitation } from './citation.js';
import type { SubjectIdentity } from './facts.js';

export type EvidenceType = 'money' | 'date' | 'months' | 'days' | 'number' | 'text' | 'boolean' | 'list' | 'object';

/** What an evidence value of each type holds (`null` when the input does not record it). */
export interface EvidenceValues {
  /** A decimal string in baht, e.g. `"250000"`. */
  money: Money;
  /** `YYYY-MM-DD` (Gregorian). */
  date: CalendarDate;
  months: number;
  days: number;
  number: number;
  /** A text or a code (`retail`, `high-net-worth`). */
  text: string;
  boolean: boolean;
  list: unknown[];
  /** A structured value, e.g. an investor category's basis (`CategoryBasis`). */
  object: Record<string, unknown>;
}

/**
 * A fact value or threshold that decided a finding, of one type: narrowing on
 * `type` gives its value's type (`e.type === 'money'` → `e.value: Money | null`).
 * The type is the one the rule declares for the item.
 */
export interface EvidenceOf<T extends EvidenceType> {
  name: string;
  label?: Localized;
  type: T;
  /** `null` when the input does not record it. */
  value: EvidenceValues[T] | null;
  /** Where it came from: `fund.scheme.minimumFirstSubscription`, `param:hnw-minimum-first-subscription`. */
  source: string;
  /** For a parameter: the pack whose value was used (another pack's when it overrides). */
  pack?: string;
}

/** A fact value or threshold that decided a finding: a union on `type` (see {@link EvidenceOf}). */
export type Evidence = { [T in EvidenceType]: EvidenceOf<T> }[EvidenceType];

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
  /** Citations the finding relies on besides `citation` (e.g. the §1 definitions behind a §12 ¶1 (5) ground); every builder sets it, `[]` when none. */
  basis?: RenderedCitation[];
  /** The valid waiver (§10) that covers it, when `status` is `waived`. */
  waiver?: { reference: string; pointer: string };
  /** Waivers that name its rule but did not apply to it, each with the reason. */
  waiversNotApplied?: { reference: string; pointer: string; reason: Localized }[];
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
  /** Funds the rule was not run on because it reads what their source does not carry (or presupposes a registration they never had), with why. */
  notApplicable?: { fundId: string; reason: string; fields: string[] }[];
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
  /**
   * `pack-not-in-force`: the pack was not in force on the as-of date.
   * `law-amended`, `law-possibly-replaced`, `law-replaced`, `law-other`: a
   * dated notice of the pack about the law itself (pack.yaml `lawNotices`),
   * carried by every report whose as-of date it covers.
   * `investor-category-unconfirmed`: a category was derived with
   * investor-definition values that could not be confirmed.
   */
  code: 'pack-not-in-force' | 'law-amended' | 'law-possibly-replaced' | 'law-replaced' | 'law-other' | 'investor-category-unconfirmed';
  packId: string;
  /** For a law notice: its id in the pack. */
  noticeId?: string;
  message: Localized;
  citation: RenderedCitation;
  /** For a law notice: the public addresses it was read at. */
  sources?: string[];
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
  /** Rules not run on this fund because they read what its source does not carry, with why (see `fund.unknowns`). */
  notApplicable?: { ruleId: string; reason: string; fields: string[] }[];
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
