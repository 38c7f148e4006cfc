import type { Citation, Localized, Pack } from './schema.js';
import { citationTarget } from './validate.js';

const THAI_PARAGRAPH = ['', 'หนึ่ง', 'สอง', 'สาม', 'สี่', 'ห้า', 'หก', 'เจ็ด', 'แปด', 'เก้า', 'สิบ'];

/** A citation as it appears in a report: structured, rendered, with the clause's words. */
export interface RenderedCitation {
  notice: Localized;
  clause?: number;
  paragraph?: number;
  item?: number;
  term?: string;
  /** `ทน. 89/2558 ข้อ 11 วรรคหนึ่ง (3)` / `TorNor. 89/2558 cl. 11 para 1 (3)` */
  text: Localized;
  /** The verbatim Thai text of the cited part (or clause). */
  clauseText?: string;
  /** Our English reading of it. */
  reading?: string;
}

export function renderCitation(pack: Pick<Pack, 'meta' | 'clauses'>, citation: Citation): RenderedCitation {
  const notice = citation.notice ?? pack.meta.notice;
  let th = notice.th;
  let en = notice.en;
  if (citation.clause !== undefined) {
    th += ` ข้อ ${citation.clause}`;
    en += ` cl. ${citation.clause}`;
  }
  if (citation.paragraph !== undefined) {
    th += ` วรรค${THAI_PARAGRAPH[citation.paragraph] ?? citation.paragraph}`;
    en += ` para ${citation.paragraph}`;
  }
  if (citation.item !== undefined) {
    th += ` (${citation.item})`;
    en += ` (${citation.item})`;
  }
  const target = citationTarget(pack, citation);
  if (citation.term !== undefined) {
    th += ` บทนิยามคำว่า “${citation.term}”`;
    en += ` definition of "${target?.part?.label?.en ?? citation.term}"`;
  }
  const words = target?.part ?? target?.clause;
  return {
    notice,
    ...(citation.clause !== undefined ? { clause: citation.clause } : {}),
    ...(citation.paragraph !== undefined ? { paragraph: citation.paragraph } : {}),
    ...(citation.item !== undefined ? { item: citation.item } : {}),
    ...(citation.term !== undefined ? { term: citation.term } : {}),
    text: { th, en },
    ...(words ? { clauseText: words.text, reading: words.reading } : {}),
  };
}
