import type { Evidence } from '../index.js';

/**
 * Words for the evidence names of the built-in packs, for a report read by
 * people: a rule's own `label` wins; a name not listed here is shown in words
 * split from its camelCase (English) rather than as a code name.
 */
const LABELS: Record<string, { th: string; en: string }> = {
  abroad: { th: 'เสนอขายในต่างประเทศ', en: 'Offered abroad' },
  amendmentDate: { th: 'วันที่แก้ไขโครงการ', en: 'Amendment date' },
  approvalDate: { th: 'วันที่ได้รับอนุมัติ', en: 'Approval date' },
  assessedOn: { th: 'วันที่ประเมิน', en: 'Assessed on' },
  auditorName: { th: 'ผู้สอบบัญชี', en: 'Auditor' },
  category: { th: 'ประเภทผู้ลงทุน', en: 'Investor category' },
  categoryBasis: { th: 'ที่มาของประเภทผู้ลงทุน', en: 'Basis of the investor category' },
  commencement: { th: 'วันเริ่มต้น', en: 'Commencement' },
  completedOn: { th: 'วันที่ดำเนินการแล้วเสร็จ', en: 'Completed on' },
  conflictsWith: { th: 'ขัดกับ', en: 'Conflicts with' },
  count: { th: 'จำนวน', en: 'Count' },
  daysSinceLast: { th: 'จำนวนวันนับจากครั้งล่าสุด', en: 'Days since the last one' },
  declaredType: { th: 'ประเภทกองทุนที่ระบุ', en: 'Declared fund type' },
  description: { th: 'รายละเอียด', en: 'Description' },
  dissolutionDate: { th: 'วันที่เลิกกองทุน', en: 'Dissolution date' },
  dueBy: { th: 'กำหนดเวลา', en: 'Due by' },
  firstSubscriptionAmount: { th: 'มูลค่าการลงทุนครั้งแรก', en: 'First subscription amount' },
  firstSubscriptionDate: { th: 'วันที่ลงทุนครั้งแรก', en: 'First subscription date' },
  fundManagerCount: { th: 'จำนวนผู้จัดการกองทุน', en: 'Number of fund managers' },
  grantedOn: { th: 'วันที่ได้รับอนุญาต', en: 'Granted on' },
  inThailand: { th: 'เสนอขายในประเทศไทย', en: 'Offered in Thailand' },
  investorRestriction: { th: 'ข้อจำกัดผู้ลงทุน', en: 'Investor restriction' },
  issuedOn: { th: 'วันที่ออก', en: 'Issued on' },
  kind: { th: 'ประเภท', en: 'Kind' },
  lengthExtraDays: { th: 'จำนวนวันที่เกิน', en: 'Extra days' },
  lengthMonths: { th: 'ระยะเวลา (เดือน)', en: 'Length (months)' },
  licensedIn: { th: 'ได้รับอนุญาตใน', en: 'Licensed in' },
  maxDays: { th: 'จำนวนวันสูงสุด', en: 'Maximum days' },
  maxMonths: { th: 'จำนวนเดือนสูงสุด', en: 'Maximum months' },
  minimumFirstSubscription: { th: 'เงินลงทุนครั้งแรกขั้นต่ำ', en: 'Minimum first subscription' },
  monthsRegistrationToDissolution: { th: 'จำนวนเดือนจากจดทะเบียนถึงเลิกกองทุน', en: 'Months from registration to dissolution' },
  navStandard: { th: 'มาตรฐานการคำนวณมูลค่าทรัพย์สินสุทธิ', en: 'NAV standard' },
  newMinimum: { th: 'ขั้นต่ำใหม่', en: 'New minimum' },
  notInScheme: { th: 'ไม่ได้ระบุในโครงการ', en: 'Not in the scheme' },
  obligationDate: { th: 'วันที่มีหน้าที่', en: 'Obligation date' },
  offeringCountries: { th: 'ประเทศที่เสนอขาย', en: 'Offering countries' },
  permitted: { th: 'ที่อนุญาต', en: 'Permitted' },
  recordedOn: { th: 'วันที่บันทึก', en: 'Recorded on' },
  relatedInvestment: { th: 'การลงทุนที่เกี่ยวข้อง', en: 'Related investment' },
  ruleIds: { th: 'กฎที่เกี่ยวข้อง', en: 'Rules' },
  schemeCountries: { th: 'ประเทศตามโครงการ', en: 'Countries in the scheme' },
  schemeMinimum: { th: 'ขั้นต่ำตามโครงการ', en: 'Scheme minimum' },
  schemeStandard: { th: 'มาตรฐานตามโครงการ', en: 'Standard in the scheme' },
  standard: { th: 'มาตรฐาน', en: 'Standard' },
  statedInScheme: { th: 'ระบุในโครงการ', en: 'Stated in the scheme' },
  threshold: { th: 'เกณฑ์', en: 'Threshold' },
  totalSubscribed: { th: 'มูลค่าการลงทุนรวม', en: 'Total subscribed' },
  typeFromScheme: { th: 'ประเภทตามโครงการ', en: 'Type from the scheme' },
  validFrom: { th: 'มีผลตั้งแต่', en: 'Valid from' },
  validFundManagerCount: { th: 'จำนวนผู้จัดการกองทุนที่มีคุณสมบัติ', en: 'Number of qualified fund managers' },
  validTo: { th: 'มีผลถึง', en: 'Valid to' },
};

/** `firstSubscriptionAmount` → `First subscription amount`. */
function words(name: string): string {
  const split = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').toLowerCase();
  return split.charAt(0).toUpperCase() + split.slice(1);
}

export function evidenceLabel(evidence: Pick<Evidence, 'name' | 'label'>, lang: 'th' | 'en'): string {
  return evidence.label?.[lang] ?? LABELS[evidence.name]?.[lang] ?? words(evidence.name);
}

/** Where an evidence value came from, in words: the input's field, or the pack's dated parameter. */
export function evidenceSource(source: string, lang: 'th' | 'en'): string {
  if (source.startsWith('param:')) return lang === 'th' ? 'ค่าที่กำหนดในชุดกฎ (มีวันที่มีผลและอ้างอิง)' : 'a dated, cited parameter of the pack';
  return lang === 'th' ? 'ข้อมูลนำเข้า' : 'the input';
}
