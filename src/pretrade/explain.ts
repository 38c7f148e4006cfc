import type { CategoryBasis } from '../engine/investor-category.js';
import type { Labels } from '../engine/messages.js';
import { formatDate } from '../model/calendar-date.js';
import { formatMoney } from '../model/money.js';
import type { LoadedPack } from '../packs/load.js';
import type { Localized, Severity } from '../packs/schema.js';
import type { OrderCheck, OrderParty } from './check.js';
import type { CheckedOrder } from './order.js';

/** Wording of pre-trade results in Thai and English (the findings' own wording comes from the packs' messages). */

type Lang = 'th' | 'en';

export const SEVERITY_WORDS: Readonly<Record<Severity, Localized>> = {
  'revocation-ground': { th: 'เหตุเพิกถอน', en: 'revocation ground' },
  'order-ground': { th: 'เหตุสั่งการ', en: 'order ground' },
  violation: { th: 'ฝ่าฝืน', en: 'violation' },
  warning: { th: 'คำเตือน', en: 'warning' },
  info: { th: 'ข้อมูล', en: 'info' },
};

const ROLE_WORDS: Readonly<Record<OrderParty['role'], Localized>> = {
  subscriber: { th: 'ผู้จองซื้อ', en: 'subscriber' },
  transferor: { th: 'ผู้โอน', en: 'transferor' },
  transferee: { th: 'ผู้รับโอน', en: 'transferee' },
};

export function roleWords(role: OrderParty['role']): Localized {
  return ROLE_WORDS[role];
}

function word(labels: Labels, value: string, lang: Lang): string {
  return Object.prototype.hasOwnProperty.call(labels, value) ? labels[value]![lang] : value;
}

function categoryPhrase(category: string, labels: Labels, lang: Lang): string {
  if (lang === 'th') return word(labels, category, 'th');
  const w = word(labels, category, 'en');
  return `${/^[aeiou]/i.test(w) ? 'an' : 'a'} ${w} investor`;
}

function thresholdValue(value: unknown, lang: Lang): string {
  return typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? formatMoney(value, lang) : Array.isArray(value) ? value.join(', ') : String(value);
}

function basisSentence(id: string, basis: CategoryBasis, definitions: LoadedPack, labels: Labels, lang: Lang): string {
  const who = categoryPhrase(basis.category, labels, lang);
  const on = basis.assessedOn ? formatDate(basis.assessedOn, lang) : undefined;
  if (basis.source === 'given') {
    if (lang === 'th') return `${id} เป็น${who} (ระบุประเภทไว้${on ? ` ประเมินเมื่อ ${on}` : ' ไม่มีวันที่ประเมิน'})`;
    return `${id} is ${who} (category given${on ? `, assessed on ${on}` : ', no assessment date recorded'})`;
  }
  const test = basis.test;
  if (test) {
    const parameter = definitions.parameters.find((p) => p.id === test.parameter);
    const what = parameter?.description[lang] ?? test.field;
    const comparison =
      test.operator === 'atLeast'
        ? `${formatMoney(test.value, lang)} ≥ ${thresholdValue(test.threshold, lang)}`
        : lang === 'th'
          ? `"${test.value}" อยู่ในรายการ`
          : `"${test.value}" is listed`;
    if (lang === 'th') return `${id} เป็น${who} ตามข้อมูลลูกค้าที่ทบทวนเมื่อ ${on}: ${what} ${comparison} (${test.notice.th} เกณฑ์ที่ใช้บังคับ ณ วันที่ทบทวน)`;
    return `${id} is ${who} by the KYC profile reviewed on ${on}: ${what} ${comparison} (${test.notice.en}, the threshold in force on the review date)`;
  }
  const tried = (basis.tried ?? []).map((c) => word(labels, c, lang)).join(', ');
  if (lang === 'th') return `${id} เป็น${who} ตามข้อมูลลูกค้าที่ทบทวนเมื่อ ${on}: ไม่ถึงเกณฑ์ใดที่ใช้บังคับ ณ วันที่ทบทวน (ตรวจแล้ว: ${tried || '-'})`;
  return `${id} is ${who} by the KYC profile reviewed on ${on}: it meets no threshold in force on the review date (tested: ${tried || 'none'})`;
}

function firstSentence(party: Omit<OrderParty, 'explanation'>, fundId: string, lang: Lang): string {
  const { before, after, byThisOrder } = party.firstSubscription;
  const money = (s: { amount: string }) => formatMoney(s.amount, lang);
  const date = (s: { date: string }) => formatDate(s.date, lang);
  if (!after) return lang === 'th' ? `ไม่ได้ถือหน่วยลงทุนของกองทุน ${fundId}` : `holds no units of fund ${fundId}`;
  if (byThisOrder && before) {
    return lang === 'th'
      ? `คำสั่งนี้ (${money(after)} เมื่อ ${date(after)}) จะเป็นการลงทุนครั้งแรกในกองทุน ${fundId} แทน ${money(before)} เมื่อ ${date(before)}`
      : `this order (${money(after)} on ${date(after)}) becomes the first subscription in fund ${fundId}, instead of ${money(before)} on ${date(before)}`;
  }
  if (byThisOrder) {
    return lang === 'th'
      ? `การลงทุนครั้งแรกในกองทุน ${fundId}: คำสั่งนี้ ${money(after)} เมื่อ ${date(after)}`
      : `first subscription in fund ${fundId}: this order, ${money(after)} on ${date(after)}`;
  }
  return lang === 'th'
    ? `การลงทุนครั้งแรกในกองทุน ${fundId}: ${money(after)} เมื่อ ${date(after)} (การลงทุนเพิ่มภายหลังไม่เปลี่ยนครั้งแรก)`
    : `first subscription in fund ${fundId}: ${money(after)} on ${date(after)} (later subscriptions never change it)`;
}

/** One investor of an order in words: their category and how it was decided, and their first subscription in the fund. */
export function partyExplanation(party: Omit<OrderParty, 'explanation'>, fundId: string, definitions: LoadedPack, labels: Labels): Localized {
  const fill = (lang: Lang) => `${basisSentence(party.investorId, party.category, definitions, labels, lang)}; ${firstSentence(party, fundId, lang)}`;
  return { th: fill('th'), en: fill('en') };
}

/** The order in words: "a subscription of THB 300,000.00 by I1 into M0042 on 30 Jun 2024". */
export function describeOrder(order: CheckedOrder, fundId: string, investorId: string): Localized {
  const money = (lang: Lang) => formatMoney(order.amount, lang);
  const on = (lang: Lang) => formatDate(order.date, lang);
  switch (order.kind) {
    case 'subscription':
      return {
        th: `การจองซื้อหน่วยลงทุนกองทุน ${fundId} ของ ${investorId} จำนวน ${money('th')} เมื่อ ${on('th')}`,
        en: `a subscription of ${money('en')} by ${investorId} into fund ${fundId} on ${on('en')}`,
      };
    case 'switch-in':
      return {
        th: `การสับเปลี่ยนเข้ากองทุน ${fundId}${order.fromFundId ? ` จากกองทุน ${order.fromFundId}` : ''} ของ ${investorId} จำนวน ${money('th')} เมื่อ ${on('th')}`,
        en: `a switch of ${money('en')} by ${investorId} into fund ${fundId}${order.fromFundId ? ` from fund ${order.fromFundId}` : ''} on ${on('en')}`,
      };
    case 'transfer':
      return {
        th: `การโอนหน่วยลงทุนกองทุน ${fundId} มูลค่า ${money('th')} จาก ${investorId} ให้แก่ ${order.to.id} เมื่อ ${on('th')}`,
        en: `a transfer of units of fund ${fundId} worth ${money('en')} from ${investorId} to ${order.to.id} on ${on('en')}`,
      };
  }
}

function count(n: number, one: string, lang: Lang): string {
  return lang === 'th' ? `${n} รายการ` : `${n} ${one}${n === 1 ? '' : 's'}`;
}

/** The decision in a sentence. */
export function summaryOf(check: Omit<OrderCheck, 'summary'>): Localized {
  const order = describeOrder(check.order, check.fundId, check.investorId);
  const fill = (lang: Lang): string => {
    const level = SEVERITY_WORDS[check.blockOn][lang];
    if (check.status === 'not-in-force') {
      return lang === 'th'
        ? `อนุญาต: ไม่มีชุดกฎใดมีผลใช้บังคับ ณ วันที่ ${formatDate(check.asOf, 'th')} จึงไม่มีเหตุให้ระงับ${order.th}`
        : `Allowed: no pack was in force on ${formatDate(check.asOf, 'en')}, so nothing could block ${order.en}.`;
    }
    const causing = check.active.filter((f) => f.blocks).length;
    const worse = check.passive.filter((f) => f.blocks).length;
    const noWorse = check.passive.filter((f) => f.effect === 'unchanged' || f.effect === 'improved').length;
    const minor = check.active.length - causing;
    if (check.decision === 'blocked') {
      if (lang === 'th') {
        const parts = [causing > 0 ? `ทำให้เกิดประเด็นใหม่ ${count(causing, '', 'th')}` : '', worse > 0 ? `ทำให้ประเด็นที่มีอยู่เดิมรุนแรงขึ้น ${count(worse, '', 'th')}` : ''].filter(Boolean);
        return `ไม่อนุญาต: ${order.th} จะ${parts.join(' และ')} (ระดับ${level}ขึ้นไป)`;
      }
      const parts = [causing > 0 ? `cause ${count(causing, 'finding', 'en')}` : '', worse > 0 ? `make ${count(worse, 'pre-existing finding', 'en')} worse` : ''].filter(Boolean);
      return `Blocked: ${order.en} would ${parts.join(' and ')} (at or above ${level}).`;
    }
    if (lang === 'th') {
      const extra = [
        minor > 0 ? `ประเด็นใหม่ที่ต่ำกว่าระดับ${level}หรือได้รับผ่อนผัน ${count(minor, '', 'th')}` : '',
        noWorse > 0 ? `ประเด็นที่มีอยู่เดิม (passive) ${count(noWorse, '', 'th')} ไม่รุนแรงขึ้น` : '',
      ].filter(Boolean);
      return `อนุญาต: ${order.th} ไม่ทำให้เกิดประเด็นระดับ${level}ขึ้นไป${extra.length ? `; ${extra.join('; ')}` : ''}`;
    }
    const extra = [
      minor > 0 ? `it causes ${count(minor, 'finding', 'en')} below ${level} or waived` : '',
      noWorse > 0 ? `${count(noWorse, 'pre-existing finding', 'en')} (passive) ${noWorse === 1 ? 'is' : 'are'} made no worse` : '',
    ].filter(Boolean);
    return `Allowed: ${order.en} causes no finding at or above ${level}${extra.length ? `; ${extra.join('; ')}` : ''}.`;
  };
  return { th: fill('th'), en: fill('en') };
}
