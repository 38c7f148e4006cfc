import { z } from 'zod';

/** What a rule is evaluated once per: the fund itself, or each of one kind of thing the fund records. */
export const subjectKindSchema = z.enum([
  'fund',
  'unitholder',
  'accounting-period',
  'office-order',
  'scheme-amendment',
  'fund-manager',
  'obligation',
  'waiver',
  'recorded-ground',
]);
export type SubjectKind = z.infer<typeof subjectKindSchema>;

/** Placeholders every message may use besides the rule's evidence names (each subject fills some: {@link PLACEHOLDERS_BY_SUBJECT}). */
export const SUBJECT_PLACEHOLDERS = ['fundId', 'investorId', 'periodStart', 'periodEnd', 'orderId', 'amendmentId', 'fundManager', 'obligationId', 'waiverReference', 'groundItem'] as const;
export type SubjectPlaceholder = (typeof SUBJECT_PLACEHOLDERS)[number];

/** Each subject kind: what one evaluation is about, and the placeholders its messages may use. */
export const SUBJECT_KINDS: Readonly<Record<SubjectKind, { each: { en: string; th: string }; placeholders: readonly SubjectPlaceholder[] }>> = {
  fund: { each: { en: 'fund', th: 'กองทุน' }, placeholders: ['fundId'] },
  unitholder: { each: { en: 'unitholder holding units on the as-of date', th: 'ผู้ถือหน่วยลงทุนที่ถือหน่วยลงทุน ณ วันที่ประเมิน' }, placeholders: ['fundId', 'investorId'] },
  'accounting-period': { each: { en: 'accounting period', th: 'รอบระยะเวลาบัญชี' }, placeholders: ['fundId', 'periodStart', 'periodEnd'] },
  'office-order': { each: { en: 'order issued on or before the as-of date', th: 'คำสั่งของสำนักงานที่ออกไม่เกินวันที่ประเมิน' }, placeholders: ['fundId', 'orderId'] },
  'scheme-amendment': { each: { en: 'amendment made on or before the as-of date', th: 'การแก้ไขโครงการที่ทำไม่เกินวันที่ประเมิน' }, placeholders: ['fundId', 'amendmentId'] },
  'fund-manager': { each: { en: 'fund manager (only when the input lists them)', th: 'ผู้จัดการกองทุน (เฉพาะเมื่อข้อมูลระบุไว้)' }, placeholders: ['fundId', 'fundManager'] },
  obligation: { each: { en: 'obligation incurred on or before the as-of date', th: 'ภาระผูกพันที่เกิดขึ้นไม่เกินวันที่ประเมิน' }, placeholders: ['fundId', 'obligationId'] },
  waiver: { each: { en: 'waiver granted on or before the as-of date', th: 'การผ่อนผันที่ได้รับไม่เกินวันที่ประเมิน' }, placeholders: ['fundId', 'waiverReference'] },
  'recorded-ground': { each: { en: '§12 ground recorded on or before the as-of date', th: 'เหตุตามข้อ 12 ที่บันทึกไม่เกินวันที่ประเมิน' }, placeholders: ['fundId', 'groundItem'] },
};

/** Which subject placeholders a message of a rule about each kind of subject can fill. */
export const PLACEHOLDERS_BY_SUBJECT: Readonly<Record<SubjectKind, readonly string[]>> = Object.fromEntries(
  subjectKindSchema.options.map((kind) => [kind, SUBJECT_KINDS[kind].placeholders]),
) as Record<SubjectKind, readonly string[]>;
