import type { CalendarDate } from '../model/calendar-date.js';
import type { LoadedPack } from '../packs/load.js';
import type { LawNotice } from '../packs/schema.js';
import { renderCitation } from './citation.js';
import { inRange } from './pack-values.js';
import type { ReportNotice } from './report.js';

const CODE: Record<LawNotice['kind'], ReportNotice['code']> = {
  amended: 'law-amended',
  'possibly-replaced': 'law-possibly-replaced',
  replaced: 'law-replaced',
  other: 'law-other',
};

/**
 * The report-level notices about the law itself that cover the as-of date:
 * each pack's dated `lawNotices` (an amendment the pack does not follow, a
 * notice that may have replaced it). Pure data from the packs: the engine
 * knows no notice, date or number.
 */
export function lawNoticesOn(packs: readonly LoadedPack[], asOf: CalendarDate): ReportNotice[] {
  const out: ReportNotice[] = [];
  for (const pack of packs) {
    for (const notice of pack.meta.lawNotices) {
      if (!inRange(asOf, notice.from, notice.to)) continue;
      out.push({
        code: CODE[notice.kind],
        packId: pack.meta.id,
        noticeId: notice.id,
        message: notice.message,
        citation: renderCitation(pack, notice.citation),
        sources: [...notice.sources],
      });
    }
  }
  return out;
}
