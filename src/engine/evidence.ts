import type { EvidenceItem } from '../packs/schema.js';
import type { Evidence } from './report.js';

/**
 * One evidence entry of a found rule, as every runner reports it: the item's
 * name, label and type, the value read (missing is null), where it was read,
 * and for a parameter the pack whose value decided (`packOf`).
 */
export function evidenceEntry(item: EvidenceItem, value: unknown, source: string, packOf: (parameterId: string) => string): Evidence {
  const pack = item.fact === 'param' ? { pack: packOf(String(item.params?.['id'])) } : {};
  // The entry's type is the item's declared type; the value is what the input held (the report types it by that declaration).
  return { name: item.name, ...(item.label ? { label: item.label } : {}), type: item.type, value: value === undefined ? null : value, source, ...pack } as Evidence;
}
