import type { CalendarDate } from '../model/calendar-date.js';
import type { PackPlan } from '../packs/combine.js';
import type { LoadedPack } from '../packs/load.js';
import type { Parameter } from '../packs/schema.js';
import type { Subject, UnitholderFacts } from './facts.js';
import { inRange } from './pack-values.js';
import type { RunContext } from './runner.js';

/**
 * The date of the event a subject's event-bound parameters are read on:
 * for a unitholder, the date of their first subscription in the fund.
 * `undefined` for subjects without such an event.
 */
export function eventDateOf(subject: Subject, readOn: Parameter['readOn']): CalendarDate | undefined {
  if (readOn !== 'first-subscription' || subject.kind !== 'unitholder') return undefined;
  return (subject.facts['unitholder'] as UnitholderFacts | undefined)?.firstSubscription.date;
}

/**
 * Parameters as one subject reads them: a parameter with `readOn:
 * first-subscription` is read on the date of the subject's first
 * subscription (the definitions and thresholds in force when it was made),
 * `null` when no value covers that date (the notice was not yet in force);
 * every other parameter as `base` reads it (on the as-of date).
 */
export function eventBoundParameters(base: RunContext['parameter'], plan: PackPlan, pack: LoadedPack, subject: Subject): RunContext['parameter'] {
  if (subject.kind !== 'unitholder') return base;
  return (id) => {
    const resolved = base(id);
    const override = plan.parameterOverrides.get(id);
    const owner = override && override.pack.meta.id === resolved.packId ? override.pack : pack;
    const parameter = owner.parameters.find((p) => p.id === id);
    const on = parameter ? eventDateOf(subject, parameter.readOn) : undefined;
    if (!parameter || on === undefined) return resolved;
    const dated = parameter.values.find((v) => inRange(on, v.from, v.to));
    return { value: dated ? dated.value : null, packId: resolved.packId };
  };
}
