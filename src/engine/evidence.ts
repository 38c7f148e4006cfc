import type { EvidenceItem } from '../packs/schema.js';
import type { Evidence } from './report.js';

/**
 * One evidence entry of a found rule, as every runner reports it: the item's
 * name, label and type, the value read (missing is null), where it was read,
 * and for a parameter the pack whose value decided (`packOf`).
 */
export function evidenceEntry(item: EvidenceItem, value: unknown, source: string, packOf: (parameterId: string) => string): Evidence {
  // Built property by property, in the order reports write them (name, label, type, value, source,
  // pack): a register writes one per evidence item of every finding, and conditional spreads cost
  // a runtime call each.
  const entry: Record<string, unknown> = { name: item.name };
  if (item.label) entry['label'] = item.label;
  // The entry's type is the item's declared type; the value is what the input held (the report types it by that declaration).
  entry['type'] = item.type;
  entry['value'] = value === undefined ? null : value;
  entry['source'] = source;
  if (item.fact === 'param') entry['pack'] = packOf(String(item.params?.['id']));
  return entry as unknown as Evidence;
}
