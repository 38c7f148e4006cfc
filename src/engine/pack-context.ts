import { formatDate, type CalendarDate } from '../model/calendar-date.js';
import { planPacks, type PackPlan } from '../packs/combine.js';
import { loadPackFromObject, tn89Pack, type LoadedPack } from '../packs/load.js';
import type { Extensions } from './extensions.js';
import type { PackInput, Rule } from '../packs/schema.js';
import { renderCitation } from './citation.js';
import { inRange, parameterValue } from './pack-values.js';
import { fieldsOf, type Subject } from './facts.js';
import { lawNoticesOn } from './law-notices.js';
import { renderMessage } from './messages.js';
import type { Finding, ReportNotice } from './report.js';
import type { RuleVerdict, RunContext } from './runner.js';

/** Shared by every evaluation path (`evaluate`, registers, pre-trade checks), so they cannot drift apart. */

export function isLoadedPack(pack: LoadedPack | PackInput): pack is LoadedPack {
  return typeof (pack as LoadedPack).source === 'string' && Object.isFrozen(pack);
}

/** The report's notice that a pack was not (or no longer) in force on the as-of date. */
export function notInForceNotice(pack: LoadedPack, asOf: CalendarDate): ReportNotice {
  const from = pack.meta.inForce.from;
  return {
    code: 'pack-not-in-force',
    packId: pack.meta.id,
    citation: renderCitation(pack, pack.meta.inForce.citation),
    message:
      asOf < from
        ? { th: `${pack.meta.notice.th} ยังไม่มีผลใช้บังคับ ณ วันที่ ${formatDate(asOf, 'th')} (ใช้บังคับตั้งแต่วันที่ ${formatDate(from, 'th')})`, en: `${pack.meta.notice.en} was not yet in force on ${formatDate(asOf, 'en')} (in force from ${formatDate(from, 'en')})` }
        : { th: `${pack.meta.notice.th} สิ้นผลใช้บังคับแล้ว ณ วันที่ ${formatDate(asOf, 'th')}`, en: `${pack.meta.notice.en} was no longer in force on ${formatDate(asOf, 'en')}` },
  };
}

/** How a rule's pack reads a parameter: an overriding pack's value while that pack is in force, else its own. */
export function parameterResolver(plan: PackPlan, pack: LoadedPack, asOf: CalendarDate): RunContext['parameter'] {
  return (id) => {
    const override = plan.parameterOverrides.get(id);
    const overrideInForce = override && inRange(asOf, override.pack.meta.inForce.from, override.pack.meta.inForce.to);
    const owner = overrideInForce ? override.pack : pack;
    return { value: parameterValue(owner, id, asOf), packId: owner.meta.id };
  };
}

/** The finding of a `found` verdict: how every evaluation path words, cites and locates it (status `violation`; waivers apply later). */
export function findingOf(pack: LoadedPack, rule: Rule, subject: Subject, verdict: RuleVerdict): Finding {
  const evidence = verdict.evidence ?? [];
  const decidedBy = verdict.decidedBy ?? [];
  const finding: Finding = {
    ruleId: rule.id,
    packId: pack.meta.id,
    severity: rule.severity,
    status: 'violation',
    subject: subject.identity,
    fields: fieldsOf(decidedBy, subject),
    title: rule.title,
    citation: renderCitation(pack, rule.citation),
    message: renderMessage(pack.messages[rule.message]!, evidence, subject.identity, pack.labels),
    evidence,
    decidedBy,
    basis: rule.basis.map((citation) => renderCitation(pack, citation)),
  };
  if (rule.consequence) {
    finding.consequence = {
      message: renderMessage(pack.messages[rule.consequence.message]!, evidence, subject.identity, pack.labels),
      citation: renderCitation(pack, rule.consequence.citation),
    };
  }
  return finding;
}

/** The packs of one evaluation: loaded, combined, and which are in force on the as-of date (with the report's notices). */
export interface PackSet {
  packs: LoadedPack[];
  plan: PackPlan;
  packInForce: Map<LoadedPack, boolean>;
  notices: ReportNotice[];
}

export function preparePacks(given: readonly (LoadedPack | PackInput)[] | undefined, extensions: Extensions | undefined, asOf: CalendarDate): PackSet {
  const packs = (given ?? [tn89Pack()]).map((pack) => (isLoadedPack(pack) ? pack : loadPackFromObject(pack, '(object)', { extensions })));
  const plan = planPacks(packs);
  const notices: ReportNotice[] = [];
  const packInForce = new Map<LoadedPack, boolean>();
  for (const pack of packs) {
    const inForce = inRange(asOf, pack.meta.inForce.from, pack.meta.inForce.to);
    packInForce.set(pack, inForce);
    if (!inForce) notices.push(notInForceNotice(pack, asOf));
  }
  notices.push(...lawNoticesOn(packs, asOf));
  return { packs, plan, packInForce, notices };
}
