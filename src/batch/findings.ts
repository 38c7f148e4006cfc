import { renderCitation } from '../engine/citation.js';
import { fieldsOf, type SubjectIdentity } from '../engine/facts.js';
import { renderMessage } from '../engine/messages.js';
import type { DecidingCondition, Evidence, Finding } from '../engine/report.js';
import type { LoadedPack } from '../packs/load.js';
import type { Rule } from '../packs/schema.js';
import type { RegisterColumn } from './row.js';

/**
 * Findings of register rows, built as evaluate() builds them (same fields, in
 * the same order, so a row's finding serialises as the finding of the same
 * unitholder in a scheme file), with the register's own pointers:
 * `rows[n]` is the n-th data row of the register, counted from 1, and its
 * fields are named by column (`rows[n].first_subscription_amount`).
 */

/** Where each unitholder fact comes from in a register row. */
const ROW_ORIGINS: Record<string, RegisterColumn> = {
  'unitholder.investorId': 'investor_id',
  'unitholder.investorType': 'investor_type',
  'unitholder.category': 'category',
  'unitholder.categoryBasis': 'category',
  'unitholder.domicile': 'domicile',
  'unitholder.assessedOn': 'assessed_on',
  'unitholder.firstSubscription': 'first_subscription_date',
  'unitholder.firstSubscription.amount': 'first_subscription_amount',
  'unitholder.firstSubscription.date': 'first_subscription_date',
  'unitholder.subscriptionCount': 'subscription_count',
  'unitholder.totalSubscribed': 'total_subscribed',
  'unitholder.subscriptionsWithoutProspectus': 'subscriptions_without_prospectus',
};

/** The pointer of a register row. */
export function rowPointer(row: number): string {
  return `rows[${row}]`;
}

const ROW = 'rows[#]';

/**
 * Input pointers of a register row's facts beside the fund's own (which point
 * into the scheme file), with the row number left as `#`: built once per fund.
 */
export function rowOriginsTemplate(fundOrigins: Readonly<Record<string, string>>): Record<string, string> {
  const origins: Record<string, string> = { ...fundOrigins, unitholder: ROW };
  for (const [key, column] of Object.entries(ROW_ORIGINS)) origins[key] = `${ROW}.${column}`;
  return origins;
}

/** The input pointers of the fields that decided a finding about row `row`. */
function rowFields(decidedBy: readonly DecidingCondition[], template: Readonly<Record<string, string>>, row: number): string[] {
  return fieldsOf(decidedBy, { origins: template }).map((field) => (field.startsWith(ROW) ? `${rowPointer(row)}${field.slice(ROW.length)}` : field));
}

/** A valid waiver of the fund that covers some rules (§10). */
export interface WaiverCover {
  reference: string;
  pointer: string;
  ruleIds: readonly string[];
}

/** A finding about one register row, as written to the NDJSON stream. */
export type RegisterFinding = { type: 'finding'; row: number; line: number } & Finding;

export interface FindingParts {
  pack: LoadedPack;
  rule: Rule;
  identity: SubjectIdentity;
  /** The register row (from 1), and the origins of its fund's rows ({@link rowOriginsTemplate}). */
  row: number;
  origins: Readonly<Record<string, string>>;
  evidence: Evidence[];
  decidedBy: DecidingCondition[];
  /** The fund's valid waivers, in the order the scheme lists them. */
  waivers: readonly WaiverCover[];
}

/** Build the finding of a found verdict for a register row (its subject and locations are rows, not input pointers). */
export function buildFinding({ pack, rule, identity, row, origins, evidence, decidedBy, waivers }: FindingParts): Finding {
  const finding: Finding = {
    ruleId: rule.id,
    packId: pack.meta.id,
    severity: rule.severity,
    status: 'violation',
    subject: identity,
    fields: rowFields(decidedBy, origins, row),
    title: rule.title,
    citation: renderCitation(pack, rule.citation),
    message: renderMessage(pack.messages[rule.message]!, evidence, identity, pack.labels),
    evidence,
    decidedBy,
    basis: rule.basis.map((citation) => renderCitation(pack, citation)),
  };
  if (rule.consequence) {
    finding.consequence = {
      message: renderMessage(pack.messages[rule.consequence.message]!, evidence, identity, pack.labels),
      citation: renderCitation(pack, rule.consequence.citation),
    };
  }
  const waiver = waivers.find((w) => w.ruleIds.includes(rule.id));
  if (waiver) {
    finding.status = 'waived';
    finding.waiver = { reference: waiver.reference, pointer: waiver.pointer };
  }
  return finding;
}
