import type { LoadedPack } from './load.js';
import { tn89Pack } from './built-in.js';
import type { Localized, ReferenceMapping } from './schema.js';
import { renderCitation, type RenderedCitation } from './citation.js';

export interface ReferenceResolution {
  /** The notice asked about, as the pack names it. */
  notice: Localized;
  title: Localized;
  effect: ReferenceMapping['effect'];
  /** What the reference now means, and why. */
  meaning: Localized;
  /** The clause of the pack's notice that says so (§13, §14 or §15 for TorNor. 89/2558). */
  citation: RenderedCitation;
  /** The pack whose notice decides it. */
  packId: string;
}

/** Compare notice numbers leniently: spaces, dots and case do not matter ("ทน.27/2552" = "ทน. 27/2552"). */
function normalise(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/[\s.]/g, '');
}

/**
 * What a reference to another notice means under a pack's notice
 * (TorNor. 89/2558 §13–§15): e.g. `resolveReference('ทน. 27/2552')`.
 * Empty when the pack says nothing about that notice.
 */
export function resolveReference(reference: string, pack: LoadedPack = tn89Pack()): ReferenceResolution[] {
  const wanted = normalise(reference);
  return pack.references
    .filter((r) => [r.notice.th, r.notice.en, ...r.aliases].some((name) => normalise(name) === wanted))
    .map((r) => ({ notice: r.notice, title: r.title, effect: r.effect, meaning: r.meaning, citation: renderCitation(pack, r.citation), packId: pack.meta.id }));
}
