import { z } from 'zod';
import { calendarDateSchema } from './calendar-date.js';
import { countryCodeSchema } from './investor.js';
import { moneySchema, positiveMoneySchema } from './money.js';

/** A scheme minimum or a number of units: zero or more, never negative. */
const nonNegativeMoneySchema = moneySchema.refine((amount) => !amount.startsWith('-'), 'the amount cannot be negative');

const id = z.string().min(1).max(200);
const text = z.string().max(5000);

/** The SEC's own fund-type codes (`proj_retail_type` in the SEC open data). */
export const fundTypeCodeSchema = z
  .enum(['R', 'A', 'B', 'H', 'N', 'X', 'V', 'F', 'G'])
  .describe('SEC proj_retail_type: R retail, A non-retail, B high-net-worth, H non-retail and high-net-worth, N institutional, X institutional and ultra-high-net-worth, V provident-fund investors, F/G special funds');
export type FundTypeCode = z.infer<typeof fundTypeCodeSchema>;

/** Who the scheme says may buy and hold units; a pack maps this to the §1 fund type. */
export const investorRestrictionSchema = z
  .enum([
    'general',
    'non-retail',
    'high-net-worth',
    'non-retail-or-high-net-worth',
    'institutional',
    'institutional-or-ultra-high-net-worth',
    'provident-funds',
    'liquidity-support',
    'state-policy',
  ])
  .describe('Who the scheme restricts unitholding to');
export type InvestorRestriction = z.infer<typeof investorRestrictionSchema>;

export const accountingStandardSchema = z
  .enum(['association', 'IASB', 'AICPA', 'FASB', 'other'])
  .describe('"association": the association\'s guideline for investment entities (TorNor. 89/2558 §5); IASB/AICPA/FASB: the foreign standards of §5 (1)');

const auditorSchema = z
  .object({
    name: text.min(1),
    /** Approved by the SEC Office under its notice on auditor approval. */
    secApproved: z.boolean(),
    /** Countries in which the auditor may lawfully practise. */
    licensedIn: z.array(countryCodeSchema).max(250).default([]),
  })
  .strict();

export const schemeSchema = z
  .object({
    /** Absent only when listed in the fund's `unknowns` (the source does not say). */
    investorRestriction: investorRestrictionSchema.optional(),
    /** The minimum first subscription the scheme declares (SEC `minimum_sub_ipo`). */
    minimumFirstSubscription: nonNegativeMoneySchema.optional(),
    accountingStandard: accountingStandardSchema.optional(),
    /** The scheme states clearly that a foreign standard and foreign auditor are used (§5 (1)). */
    statesForeignAccountingStandard: z.boolean().optional(),
    offeringCountries: z.array(countryCodeSchema).max(250).optional(),
    /** The NAV and performance-measurement standard the scheme declares (§4 ¶2). */
    navStandard: z.enum(['association', 'other']).optional(),
  })
  .strict();
export type Scheme = z.infer<typeof schemeSchema>;

export const subscriptionSchema = z
  .object({
    date: calendarDateSchema,
    /** Time of day (`HH:MM` or `HH:MM:SS`, local to the register) — orders subscriptions made on the same date. */
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'a time of day "HH:MM" or "HH:MM:SS"').optional(),
    /** Order of the subscription among the investor's subscriptions (smaller = earlier) — orders subscriptions made on the same date. */
    sequence: z.number().int().min(0).optional(),
    amount: positiveMoneySchema,
    units: nonNegativeMoneySchema.optional(),
    /** Recorded for retail-fund sales: whether the prospectus rules were followed (§11 ¶1 (2)). */
    prospectusDelivered: z.boolean().optional(),
    reference: z.string().max(200).optional(),
  })
  .strict();
export type Subscription = z.infer<typeof subscriptionSchema>;

export const unitholderSchema = z
  .object({
    investorId: id,
    subscriptions: z.array(subscriptionSchema).min(1, 'a unitholder has at least one subscription').max(100_000),
  })
  .strict();
export type Unitholder = z.infer<typeof unitholderSchema>;

export const accountingPeriodSchema = z
  .object({
    start: calendarDateSchema,
    end: calendarDateSchema,
    standard: accountingStandardSchema,
    auditor: auditorSchema,
  })
  .strict()
  .refine((p) => p.start <= p.end, { message: 'an accounting period ends on or after its start', path: ['end'], params: { th: 'รอบระยะเวลาบัญชีต้องสิ้นสุดในหรือหลังวันเริ่มต้น' } });
export type AccountingPeriod = z.infer<typeof accountingPeriodSchema>;

const fundManagerSchema = z
  .object({
    name: text.min(1),
    licenceNumber: z.string().max(100).optional(),
    approvalValidFrom: calendarDateSchema,
    approvalValidTo: calendarDateSchema.optional(),
  })
  .strict();

export const officeOrderSchema = z
  .object({
    id,
    reference: text.optional(),
    /** What the order was made under. */
    basis: z.enum(['unitholding-limits', 'clause-12', 'other']),
    issuedOn: calendarDateSchema,
    dueBy: calendarDateSchema,
    completedOn: calendarDateSchema.optional(),
  })
  .strict();
export type OfficeOrder = z.infer<typeof officeOrderSchema>;

/** Something a scheme amendment contradicts (§11 ¶1 (1)). */
export const conflictReferenceSchema = z
  .object({
    /**
     * `securities-law`: the Securities and Exchange Act; `notice-rule-or-order`:
     * a notice, rule or order issued under it; `other`: anything else (not a §11 ¶1 (1) ground).
     */
    kind: z.enum(['securities-law', 'notice-rule-or-order', 'other']),
    /** The instrument and provision, e.g. "ทน. 87/2558 ข้อ 12" or "SEC Act s. 117". */
    reference: text.min(1),
    description: text.optional(),
  })
  .strict();
export type ConflictReference = z.infer<typeof conflictReferenceSchema>;

export const schemeAmendmentSchema = z
  .object({
    id,
    date: calendarDateSchema,
    description: text.optional(),
    /** The scheme terms as amended (only the fields that changed). */
    changes: schemeSchema.partial().strict().optional(),
    /**
     * What the amendment was found to contradict, each as a structured
     * reference (§11 ¶1 (1)): only the securities law and the notices, rules
     * or orders issued under it are revocation grounds; anything else (a
     * house policy, another law) is recorded but is not a ground.
     */
    conflictsWith: z.array(conflictReferenceSchema).max(100).default([]),
  })
  .strict();

const waiverSchema = z
  .object({
    id: id.optional(),
    reference: text.min(1),
    grantedOn: calendarDateSchema,
    /** Rule ids the waiver covers: each must be a rule of the packs evaluated (an unknown id is an input error). */
    ruleIds: z.array(id).min(1),
    affectsThaiInvestors: z.boolean(),
    hostCountryShowing: text.optional(),
  })
  .strict();

const disclosureSchema = z
  .object({
    kind: z.enum(['nav', 'performance', 'portfolio', 'financial-position', 'expenses', 'trustee-opinion']),
    date: calendarDateSchema,
    reference: z.string().max(500).optional(),
  })
  .strict();

/** A §12 ¶1 (1)–(4) ground recorded by a person (the machine cannot judge substance or policy). */
const recordedGroundSchema = z
  .object({
    item: z.number().int().min(1).max(4),
    recordedOn: calendarDateSchema,
    description: text.min(1),
    reference: z.string().max(500).optional(),
  })
  .strict();

/** What the fund actually does, to compare with what the approved scheme says (§12 ¶1 (5)). */
const operationsSchema = z
  .object({
    offeringCountries: z.array(countryCodeSchema).max(250).optional(),
  })
  .strict();

const obligationSchema = z
  .object({
    id,
    date: calendarDateSchema,
    description: text.optional(),
    /** The permitted investment of the fund the obligation is tied to, if any (§7). */
    relatedInvestment: text.optional(),
    tiedToPermittedInvestment: z.boolean(),
  })
  .strict();

/** Where a fund stands with the regulator (SEC `fund_status`): offering, registered, offering ended unregistered, cancelled, dissolved. */
export const fundStatusSchema = z.enum(['offering', 'registered', 'offering-ended', 'cancelled', 'dissolved']);
export type FundStatus = z.infer<typeof fundStatusSchema>;

/** A fund field the record's source does not carry: rules that read it are not-applicable with this reason, never passed or found. */
export const unknownFieldSchema = z.object({ field: z.string().min(1).max(200), reason: text.min(1) }).strict();
export type UnknownField = z.infer<typeof unknownFieldSchema>;

export const fundSchema = z
  .object({
    id,
    names: z.object({ th: text.min(1), en: text.min(1) }).strict(),
    kind: z.enum(['mutual', 'private', 'provident']),
    declaredType: fundTypeCodeSchema.optional(),
    managementCompany: z.object({ id, name: text.optional() }).strict(),
    approvalDate: calendarDateSchema,
    registrationDate: calendarDateSchema.optional(),
    dissolutionDate: calendarDateSchema.optional(),
    offering: z
      .object({
        inThailand: z.boolean(),
        abroad: z.boolean(),
        /**
         * Every unit is offered to persons not domiciled in Thailand (§5 ¶1 (1)).
         * Absent: unknown — deduced `false` for a fund offered in Thailand,
         * otherwise left unknown (never defaulted).
         */
        allUnitsToNonDomiciled: z.boolean().optional(),
      })
      .strict(),
    scheme: schemeSchema,
    accountingPeriods: z.array(accountingPeriodSchema).max(1000).default([]),
    /** The appointed fund managers (§3). Absent: not tracked, and §3 is not checked; [] means none is appointed. */
    fundManagers: z.array(fundManagerSchema).max(1000).optional(),
    unitholders: z.array(unitholderSchema).default([]),
    orders: z.array(officeOrderSchema).max(10_000).default([]),
    amendments: z.array(schemeAmendmentSchema).max(10_000).default([]),
    waivers: z.array(waiverSchema).max(1000).default([]),
    obligations: z.array(obligationSchema).max(100_000).default([]),
    /** Disclosures made (§4 ¶1). Absent: not tracked, and the disclosure rule does not apply; [] means none were made. */
    disclosures: z.array(disclosureSchema).max(100_000).optional(),
    recordedGrounds: z.array(recordedGroundSchema).max(1000).default([]),
    operations: operationsSchema.optional(),
    /** Absent: not recorded (and no rule reads it as registered or not). */
    status: fundStatusSchema.optional(),
    /** Fields the source of this record does not carry (e.g. SEC open data has no unitholders), with why. */
    unknowns: z.array(unknownFieldSchema).max(200).optional(),
  })
  .strict()
  .superRefine((fund, ctx) => {
    const unknown = new Set((fund.unknowns ?? []).map((u) => u.field));
    if (!fund.scheme.investorRestriction && !unknown.has('scheme.investorRestriction')) {
      ctx.addIssue({ code: 'custom', path: ['scheme', 'investorRestriction'], message: 'the scheme states who may hold units (or list scheme.investorRestriction in unknowns)', params: { th: 'โครงการต้องระบุผู้ที่ถือหน่วยลงทุนได้ (หรือระบุ scheme.investorRestriction ใน unknowns)' } });
    }
    if (fund.kind === 'mutual' && !fund.declaredType && !unknown.has('declaredType')) {
      ctx.addIssue({ code: 'custom', path: ['declaredType'], message: 'a mutual fund declares its SEC type code (R, A, B, H, N, X, V, F or G)', params: { th: 'กองทุนรวมต้องระบุรหัสประเภทตาม ก.ล.ต. (R, A, B, H, N, X, V, F หรือ G)' } });
    }
    if (fund.registrationDate && fund.registrationDate < fund.approvalDate) {
      ctx.addIssue({ code: 'custom', path: ['registrationDate'], message: 'the fund is registered on or after its approval date', params: { th: 'วันจดทะเบียนกองทุนต้องเป็นวันเดียวกับหรือหลังวันที่ได้รับอนุมัติ' } });
    }
    if (fund.dissolutionDate && fund.registrationDate && fund.dissolutionDate < fund.registrationDate) {
      ctx.addIssue({ code: 'custom', path: ['dissolutionDate'], message: 'the fund is dissolved on or after its registration date', params: { th: 'วันเลิกกองทุนต้องเป็นวันเดียวกับหรือหลังวันจดทะเบียน' } });
    }
    if (fund.offering.allUnitsToNonDomiciled && fund.offering.inThailand) {
      ctx.addIssue({ code: 'custom', path: ['offering', 'allUnitsToNonDomiciled'], message: 'a fund offered in Thailand does not offer all its units to persons not domiciled in Thailand', params: { th: 'กองทุนที่เสนอขายในประเทศไทยไม่ได้เสนอขายหน่วยลงทุนทั้งหมดแก่ผู้ที่ไม่มีภูมิลำเนาในประเทศไทย' } });
    }
    const seen = new Map<string, number>();
    fund.unitholders.forEach((holder, index) => {
      const first = seen.get(holder.investorId);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['unitholders', index, 'investorId'], message: `investor ${holder.investorId} is listed twice (also unitholders[${first}]); give one entry with all subscriptions`, params: { th: `ผู้ลงทุน ${holder.investorId} อยู่ในรายการสองครั้ง (ซ้ำกับ unitholders[${first}]) ให้รวมเป็นรายการเดียวพร้อมการลงทุนทั้งหมด` } });
      } else seen.set(holder.investorId, index);
    });
  });
export type Fund = z.infer<typeof fundSchema>;
export type FundInput = z.input<typeof fundSchema>;
