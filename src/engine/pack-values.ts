import type { CalendarDate } from '../model/calendar-date.js';
import { PackError } from '../model/errors.js';
import type { LoadedPack } from '../packs/load.js';
import { resolvePath } from './path.js';

function inRange(date: CalendarDate, from?: CalendarDate, to?: CalendarDate): boolean {
  return (from === undefined || date >= from) && (to === undefined || date <= to);
}
export { inRange };

/** A dated parameter's value on a date; no value in force is an error, never a guess. */
export function parameterValue(pack: LoadedPack, id: string, on: CalendarDate): unknown {
  const parameter = pack.parameters.find((p) => p.id === id);
  const index = pack.parameters.findIndex((p) => p.id === id);
  if (!parameter) throw new PackError([{ file: pack.source, path: ['parameters'], pointer: 'parameters', message: `pack ${pack.meta.id} has no parameter ${id}` }]);
  const value = parameter.values.find((v) => inRange(on, v.from, v.to));
  // A gap in dated values is a pack problem on this date: an error, never a guess.
  if (!value) throw new PackError([{ file: pack.source, path: ['parameters', index, 'values'], pointer: `parameters[${index}].values`, message: `parameter ${id} of pack ${pack.meta.id} has no value in force on ${on}` }]);
  return value.value;
}

/** A lookup table's value for the key read from the facts; `null` when the key is not in the table. */
export function lookupValue(pack: LoadedPack, id: string, facts: Record<string, unknown>): unknown {
  const lookup = pack.lookups.find((l) => l.id === id);
  if (!lookup) throw new Error(`pack ${pack.meta.id}: no lookup ${id}`);
  const key = resolvePath(facts[lookup.from.fact], lookup.from.path);
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(lookup.table, key) ? lookup.table[key] : null;
}

/** Where an evidence value came from, for the report: `fund.scheme.x` or `param:id`. */
export function evidenceSource(item: { fact: string; path?: string | undefined; params?: Record<string, unknown> | undefined }): string {
  return item.fact === 'param' || item.fact === 'lookup' ? `${item.fact}:${String(item.params?.['id'])}` : `${item.fact}${item.path ? item.path.slice(1) : ''}`;
}
