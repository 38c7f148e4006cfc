import { z } from 'zod';
import { accountingStandardSchema, fundSchema, fundTypeCodeSchema, investorRestrictionSchema, officeOrderSchema } from '../model/fund.js';
import { investorCategorySchema, investorSchema } from '../model/investor.js';
import type { RegisterColumn } from './register-columns.js';
import type { SubjectKind } from './subjects.js';

// The fact vocabulary, one entry per fact a rule can read: its value's schema,
// what it means (English and Thai), where it comes from in the input and, for
// unitholder facts, the register column it is read from. Everything else that
// lists facts is made from this: the catalogue packs are checked against at
// load time (vocabulary.ts), the fact tables of rules/README.md (`npm run
// facts-doc`) and the register's column mapping (registerFactColumns below).
//
// Input pointers are JSON pointers into the evaluation input
// (`{ funds, investors }`) with `*` for "every element":
// `/funds/*/unitholders/*/subscriptions/*/amount`. An investor's fields are
// those of the investor the unitholder's `investorId` names.

/** How a value is shown in the tables: the kinds of value packs compare. */
export type FactValueType = 'text' | 'integer' | 'boolean' | 'date' | 'money' | 'list' | 'span' | 'object';

export interface FactText {
  en: string;
  th: string;
}

/** One field of a fact (or of an object field), fully described. */
export interface FactField<S extends z.ZodType = z.ZodType> extends FactText {
  type: FactValueType;
  /** `null` means "not recorded" (rules guard it with `appliesWhen`). */
  nullable: boolean;
  schema: S;
  /** Input pointers the value is read or computed from. */
  from: readonly string[];
  /** Computed (a count, a comparison, a choice among records), not a copy of one input field. */
  derived: boolean;
  /** The unitholder-register column it is read from (unitholder facts). */
  column?: RegisterColumn;
  /** The fields of an object value that are documented one by one. */
  fields?: Readonly<Record<string, FactField>>;
}

/** A fact: what a condition names in `fact:`. */
export interface FactDefinition<S extends z.ZodType = z.ZodType> extends FactText {
  /** The subject kinds whose rules may read it, or 'all'. */
  subjects: readonly SubjectKind[] | 'all';
  /** The value's schema; its fields' schemas are those of `fields`. */
  schema: S;
  /** Its fields (null: a scalar, or a value chosen by `params`). */
  fields: Readonly<Record<string, FactField>> | null;
  /** Its value depends on the condition's `params` (a parameter or a lookup table). */
  dynamic?: true;
}

// ---------------------------------------------------------------------------
// Value schemas: what a fact's value looks like once derived (canonical forms).

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Canonical decimal text, as parseMoney gives it: no leading zeros, no trailing decimal zeros. */
const CANONICAL_MONEY = /^-?(0|[1-9]\d*)(\.\d*[1-9])?$/;

const dateValue = z.string().regex(ISO_DATE);
const moneyValue = z.string().regex(CANONICAL_MONEY);
const countryList = z.array(z.string().regex(/^[A-Z]{2}$/));
const localized = z.strictObject({ th: z.string(), en: z.string() });
const spanValue = z.strictObject({ start: dateValue, end: dateValue });

/** How an investor's category was decided (engine/investor-category.ts `CategoryBasis`). */
const categoryBasisValue = z.strictObject({
  source: z.enum(['given', 'derived']),
  category: investorCategorySchema,
  assessedOn: dateValue.nullable(),
  review: z.string().optional(),
  era: z.strictObject({ notice: localized, from: dateValue, to: dateValue.optional() }).optional(),
  test: z
    .strictObject({ field: z.string(), value: z.string(), operator: z.enum(['atLeast', 'in']), parameter: z.string(), threshold: z.unknown(), notice: localized })
    .optional(),
  tried: z.array(z.string()).optional(),
  unconfirmed: z.array(z.string()).optional(),
});

// ---------------------------------------------------------------------------
// Builders. `from` takes one pointer or several; `derived` defaults to "more
// than one source, or a computed value" only when said so.

interface Doc extends FactText {
  from: string | readonly string[];
  derived?: boolean;
  column?: RegisterColumn;
}

function field<S extends z.ZodType>(type: FactValueType, schema: S, doc: Doc): FactField<S> {
  const { from, derived, column, ...text } = doc;
  return { type, nullable: false, schema, ...text, from: typeof from === 'string' ? [from] : from, derived: derived ?? false, ...(column ? { column } : {}) };
}

function text(doc: Doc): FactField<z.ZodString>;
function text<S extends z.ZodType>(doc: Doc, schema: S): FactField<S>;
function text(doc: Doc, schema?: z.ZodType): FactField {
  return field('text', schema ?? z.string(), doc);
}
const integer = (doc: Doc) => field('integer', z.number().int(), doc);
const boolean = (doc: Doc) => field('boolean', z.boolean(), doc);
const date = (doc: Doc) => field('date', dateValue, doc);
const money = (doc: Doc) => field('money', moneyValue, doc);
/** A list of country codes, unless another list schema is given. */
function list(doc: Doc): FactField<typeof countryList>;
function list<S extends z.ZodType>(doc: Doc, schema: S): FactField<S>;
function list(doc: Doc, schema?: z.ZodType): FactField {
  return field('list', schema ?? countryList, doc);
}
const span = (doc: Doc) => field('span', spanValue, doc);

/** The zod shape of a set of fact fields: each field name with its schema. */
export type FactShape<F extends Record<string, FactField>> = { [K in keyof F]: F[K]['schema'] };

function shapeOf<F extends Record<string, FactField>>(fields: F): FactShape<F> {
  return Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.schema])) as FactShape<F>;
}

/** An object field whose own fields are documented one by one. */
function object<F extends Record<string, FactField>>(doc: Doc, fields: F): FactField<z.ZodObject<FactShape<F>, z.core.$strict>> {
  return { ...field('object', z.strictObject(shapeOf(fields)), doc), fields };
}

/** The same field, whose value may be `null` (not recorded). */
function orNull<S extends z.ZodType>(f: FactField<S>): FactField<z.ZodNullable<S>> {
  return { ...f, nullable: true, schema: f.schema.nullable() };
}

function fact<F extends Record<string, FactField>>(
  subjects: readonly SubjectKind[] | 'all',
  doc: FactText,
  fields: F,
): FactDefinition<z.ZodObject<FactShape<F>, z.core.$strict>> & { fields: F } {
  return { subjects, ...doc, schema: z.strictObject(shapeOf(fields)), fields };
}

// ---------------------------------------------------------------------------
// Pointers.

const FUND = '/funds/*';
const HOLDER = `${FUND}/unitholders/*`;
const SUBSCRIPTIONS = `${HOLDER}/subscriptions`;
const INVESTOR = '/investors/*';
/** Where a category comes from: given, or derived from a KYC review (`profile`, or one of `reviews`). */
const CATEGORY_SOURCES = [`${INVESTOR}/category`, `${INVESTOR}/profile`, `${INVESTOR}/reviews/*`];
const PERIOD = `${FUND}/accountingPeriods/*`;
const ORDER = `${FUND}/orders/*`;
const AMENDMENT = `${FUND}/amendments/*`;
const MANAGER = `${FUND}/fundManagers/*`;
const OBLIGATION = `${FUND}/obligations/*`;
const WAIVER = `${FUND}/waivers/*`;
const GROUND = `${FUND}/recordedGrounds/*`;

// ---------------------------------------------------------------------------
// The facts.

const fundFact = fact(
  'all',
  {
    en: 'The fund the subject belongs to, as of the as-of date.',
    th: 'กองทุนที่สิ่งที่ถูกประเมินสังกัด ณ วันที่ประเมิน',
  },
  {
    id: text({ en: 'The fund\'s id (SEC project code such as `M0042_2561`).', th: 'รหัสกองทุน (รหัสโครงการของสำนักงาน ก.ล.ต. เช่น `M0042_2561`)', from: `${FUND}/id` }),
    kind: text({ en: '`mutual`, `private` or `provident`.', th: '`mutual` (กองทุนรวม) `private` (กองทุนส่วนบุคคล) หรือ `provident` (กองทุนสำรองเลี้ยงชีพ)', from: `${FUND}/kind` }, fundSchema.shape.kind),
    declaredType: orNull(
      text(
        { en: 'The SEC fund-type code the fund declares (`R`, `A`, `B`, `H`, `N`, `X`, `V`, `F`, `G`).', th: 'รหัสประเภทกองทุนตามที่สำนักงาน ก.ล.ต. กำหนดซึ่งกองทุนแจ้งไว้ (`R` `A` `B` `H` `N` `X` `V` `F` `G`)', from: `${FUND}/declaredType` },
        fundTypeCodeSchema,
      ),
    ),
    managementCompanyId: text({ en: 'The management company\'s id.', th: 'รหัสบริษัทจัดการ', from: `${FUND}/managementCompany/id` }),
    approvalDate: date({ en: 'Date the fund was approved.', th: 'วันที่ได้รับอนุมัติให้จัดตั้งกองทุน', from: `${FUND}/approvalDate` }),
    registrationDate: orNull(date({ en: 'Date the fund was registered.', th: 'วันที่จดทะเบียนกองทรัพย์สินเป็นกองทุน', from: `${FUND}/registrationDate` })),
    dissolutionDate: orNull(date({ en: 'Date the fund was dissolved.', th: 'วันที่เลิกกองทุน', from: `${FUND}/dissolutionDate` })),
    registrationToDissolution: orNull(
      span({ en: 'Registration to dissolution, when both are recorded.', th: 'ช่วงตั้งแต่วันจดทะเบียนถึงวันเลิกกองทุน เมื่อมีทั้งสองวัน', from: [`${FUND}/registrationDate`, `${FUND}/dissolutionDate`], derived: true }),
    ),
    monthsRegistrationToDissolution: orNull(
      integer({ en: 'Whole months of that span.', th: 'จำนวนเดือนเต็มของช่วงดังกล่าว', from: [`${FUND}/registrationDate`, `${FUND}/dissolutionDate`], derived: true }),
    ),
    offering: object(
      {
        en: '`inThailand`, `abroad`, `inThailandAndAbroad`, `abroadOnly` — booleans — and `allUnitsToNonDomiciled` (every unit offered to persons not domiciled in Thailand): as recorded; when not recorded, `false` for a fund offered in Thailand (deduced) and otherwise `null` (unknown, never defaulted).',
        th: 'การเสนอขาย: `inThailand` (ในประเทศไทย) `abroad` (ต่างประเทศ) `inThailandAndAbroad` (ทั้งสองแห่ง) `abroadOnly` (ต่างประเทศเท่านั้น) เป็นค่าจริง/เท็จ และ `allUnitsToNonDomiciled` (เสนอขายหน่วยลงทุนทั้งหมดแก่ผู้ที่ไม่มีภูมิลำเนาในประเทศไทย) ตามที่บันทึกไว้ หากไม่ได้บันทึก ถือเป็น `false` สำหรับกองทุนที่เสนอขายในประเทศไทย (อนุมานได้) และเป็น `null` ในกรณีอื่น (ไม่ทราบ ไม่ใช้ค่าเริ่มต้น)',
        from: `${FUND}/offering`,
      },
      {
        inThailand: boolean({ en: 'Offered in Thailand.', th: 'เสนอขายในประเทศไทย', from: `${FUND}/offering/inThailand` }),
        abroad: boolean({ en: 'Offered abroad.', th: 'เสนอขายในต่างประเทศ', from: `${FUND}/offering/abroad` }),
        allUnitsToNonDomiciled: orNull(
          boolean({
            en: 'Every unit is offered to persons not domiciled in Thailand: as recorded, else `false` for a fund offered in Thailand, else `null`.',
            th: 'เสนอขายหน่วยลงทุนทั้งหมดแก่ผู้ที่ไม่มีภูมิลำเนาในประเทศไทย ตามที่บันทึกไว้ มิฉะนั้นเป็น `false` สำหรับกองทุนที่เสนอขายในประเทศไทย หรือ `null`',
            from: [`${FUND}/offering/allUnitsToNonDomiciled`, `${FUND}/offering/inThailand`],
            derived: true,
          }),
        ),
        inThailandAndAbroad: boolean({ en: 'Offered both in Thailand and abroad.', th: 'เสนอขายทั้งในประเทศไทยและต่างประเทศ', from: [`${FUND}/offering/inThailand`, `${FUND}/offering/abroad`], derived: true }),
        abroadOnly: boolean({ en: 'Offered abroad and not in Thailand.', th: 'เสนอขายในต่างประเทศเท่านั้น', from: [`${FUND}/offering/inThailand`, `${FUND}/offering/abroad`], derived: true }),
      },
    ),
    scheme: object(
      {
        en: 'What the approved scheme says: `investorRestriction` (text: `general`, `non-retail`, `high-net-worth`, `non-retail-or-high-net-worth`, `institutional`, `institutional-or-ultra-high-net-worth`, `provident-funds`, `liquidity-support`, `state-policy`), `minimumFirstSubscription` (money | null), `accountingStandard` (text | null), `statesForeignAccountingStandard` (boolean | null), `offeringCountries` (list; empty when none stated), `navStandard` (text | null).',
        th: 'สิ่งที่โครงการที่ได้รับอนุมัติระบุไว้: `investorRestriction` (ผู้ลงทุนที่โครงการจำกัดไว้) `minimumFirstSubscription` (มูลค่าจองซื้อครั้งแรกขั้นต่ำ) `accountingStandard` (มาตรฐานการบัญชี) `statesForeignAccountingStandard` (ระบุชัดว่าใช้มาตรฐานบัญชีต่างประเทศ) `offeringCountries` (ประเทศที่เสนอขาย ว่างเมื่อไม่ได้ระบุ) `navStandard` (มาตรฐานการคำนวณมูลค่าทรัพย์สินสุทธิ)',
        from: `${FUND}/scheme`,
      },
      {
        investorRestriction: orNull(text({ en: 'Who the scheme restricts unitholding to.', th: 'ผู้ลงทุนที่โครงการจำกัดให้ถือหน่วยลงทุนได้', from: `${FUND}/scheme/investorRestriction` }, investorRestrictionSchema)),
        minimumFirstSubscription: orNull(money({ en: 'The minimum first subscription the scheme declares.', th: 'มูลค่าการจองซื้อครั้งแรกขั้นต่ำที่โครงการกำหนด', from: `${FUND}/scheme/minimumFirstSubscription` })),
        accountingStandard: orNull(text({ en: 'The accounting standard the scheme declares.', th: 'มาตรฐานการบัญชีที่โครงการระบุ', from: `${FUND}/scheme/accountingStandard` }, accountingStandardSchema)),
        statesForeignAccountingStandard: orNull(
          boolean({ en: 'The scheme states clearly that a foreign standard and foreign auditor are used.', th: 'โครงการระบุชัดเจนว่าใช้มาตรฐานการบัญชีและผู้สอบบัญชีต่างประเทศ', from: `${FUND}/scheme/statesForeignAccountingStandard` }),
        ),
        offeringCountries: list({ en: 'The countries the scheme offers units in; empty when none is stated.', th: 'ประเทศที่โครงการระบุว่าจะเสนอขาย ว่างเมื่อไม่ได้ระบุ', from: `${FUND}/scheme/offeringCountries` }),
        navStandard: orNull(text({ en: 'The NAV and performance-measurement standard the scheme declares.', th: 'มาตรฐานการคำนวณมูลค่าทรัพย์สินสุทธิและการวัดผลการดำเนินงานที่โครงการระบุ', from: `${FUND}/scheme/navStandard` }, z.enum(['association', 'other']))),
      },
    ),
    unitholderCount: integer({ en: 'Unitholders listed in the input.', th: 'จำนวนผู้ถือหน่วยลงทุนที่ระบุในข้อมูล', from: `${FUND}/unitholders`, derived: true }),
    accountingPeriodCount: integer({ en: 'Accounting periods listed.', th: 'จำนวนรอบระยะเวลาบัญชีที่ระบุ', from: `${FUND}/accountingPeriods`, derived: true }),
    fundManagerCount: orNull(
      integer({ en: 'Fund managers listed; null when the input does not track them.', th: 'จำนวนผู้จัดการกองทุนที่ระบุ เป็น null เมื่อข้อมูลไม่ได้ติดตามผู้จัดการกองทุน', from: `${FUND}/fundManagers`, derived: true }),
    ),
    fundManagersRecorded: boolean({ en: 'Whether the input tracks fund managers at all.', th: 'ข้อมูลติดตามผู้จัดการกองทุนหรือไม่', from: `${FUND}/fundManagers`, derived: true }),
    orderCount: integer({ en: 'Office orders listed.', th: 'จำนวนคำสั่งของสำนักงานที่ระบุ', from: `${FUND}/orders`, derived: true }),
    activeOnAsOf: boolean({
      en: 'Approved by the as-of date and not dissolved before it.',
      th: 'ได้รับอนุมัติแล้ว ณ วันที่ประเมิน และยังไม่เลิกก่อนวันนั้น',
      from: [`${FUND}/approvalDate`, `${FUND}/dissolutionDate`],
      derived: true,
    }),
    validFundManagerCount: integer({ en: 'Fund managers whose approval is valid on the as-of date.', th: 'จำนวนผู้จัดการกองทุนที่การอนุมัติยังมีผล ณ วันที่ประเมิน', from: `${FUND}/fundManagers`, derived: true }),
    daysSinceRegistration: orNull(
      integer({ en: 'Days from registration to the as-of date; null when not registered by then.', th: 'จำนวนวันนับจากวันจดทะเบียนถึงวันที่ประเมิน เป็น null เมื่อยังไม่จดทะเบียน', from: `${FUND}/registrationDate`, derived: true }),
    ),
    daysSinceLastDisclosure: object(
      {
        en: '`nav`, `performance`: days from the latest disclosure of that kind (on or before the as-of date) to the as-of date, integer | null (none).',
        th: '`nav` `performance`: จำนวนวันนับจากการเปิดเผยข้อมูลประเภทนั้นครั้งล่าสุด (ไม่เกินวันที่ประเมิน) ถึงวันที่ประเมิน เป็น null เมื่อไม่มี',
        from: `${FUND}/disclosures`,
        derived: true,
      },
      {
        nav: orNull(integer({ en: 'Days since the latest NAV disclosure.', th: 'จำนวนวันนับจากการเปิดเผยมูลค่าทรัพย์สินสุทธิครั้งล่าสุด', from: `${FUND}/disclosures`, derived: true })),
        performance: orNull(integer({ en: 'Days since the latest performance disclosure.', th: 'จำนวนวันนับจากการเปิดเผยผลการดำเนินงานครั้งล่าสุด', from: `${FUND}/disclosures`, derived: true })),
      },
    ),
    disclosuresRecorded: boolean({
      en: 'Whether the input tracks disclosures at all (an absent list is not "none made").',
      th: 'ข้อมูลติดตามการเปิดเผยข้อมูลหรือไม่ (ไม่มีรายการ ไม่ได้แปลว่าไม่เคยเปิดเผย)',
      from: `${FUND}/disclosures`,
      derived: true,
    }),
    operations: object(
      {
        en: 'What the fund actually does: `offeringCountries` (list | null), `offeringCountriesNotInScheme` (list), `offeringCountriesNotInSchemeCount` (integer).',
        th: 'สิ่งที่กองทุนดำเนินการจริง: `offeringCountries` (ประเทศที่เสนอขายจริง) `offeringCountriesNotInScheme` (ประเทศที่โครงการไม่ได้ระบุ) `offeringCountriesNotInSchemeCount` (จำนวนประเทศดังกล่าว)',
        from: `${FUND}/operations`,
      },
      {
        offeringCountries: orNull(list({ en: 'The countries the fund is actually offered in.', th: 'ประเทศที่กองทุนเสนอขายจริง', from: `${FUND}/operations/offeringCountries` })),
        offeringCountriesNotInScheme: list({
          en: 'Countries the fund is offered in that the approved scheme does not name.',
          th: 'ประเทศที่เสนอขายจริงแต่โครงการที่ได้รับอนุมัติไม่ได้ระบุ',
          from: [`${FUND}/operations/offeringCountries`, `${FUND}/scheme/offeringCountries`],
          derived: true,
        }),
        offeringCountriesNotInSchemeCount: integer({
          en: 'How many of those.',
          th: 'จำนวนประเทศดังกล่าว',
          from: [`${FUND}/operations/offeringCountries`, `${FUND}/scheme/offeringCountries`],
          derived: true,
        }),
      },
    ),
  },
);

const categoryText = '`institutional`, `ultra-high-net-worth`, `high-net-worth` or `retail`';

const unitholderFact = fact(
  ['unitholder'],
  {
    en: 'One per unitholder whose first subscription is on or before the as-of date; subscriptions after the as-of date are ignored.',
    th: 'หนึ่งรายการต่อผู้ถือหน่วยลงทุนแต่ละรายที่จองซื้อครั้งแรกไม่เกินวันที่ประเมิน ไม่นับการจองซื้อหลังวันที่ประเมิน',
  },
  {
    investorId: text({ en: 'The investor\'s id.', th: 'รหัสผู้ลงทุน', from: `${HOLDER}/investorId`, column: 'investor_id' }),
    investorType: text({ en: '`individual` or `juristic`.', th: '`individual` (บุคคลธรรมดา) หรือ `juristic` (นิติบุคคล)', from: `${INVESTOR}/type`, column: 'investor_type' }, investorSchema.shape.type),
    category: text(
      {
        en: `${categoryText}: as given, or derived from the investor's KYC profile with the thresholds in force on the review date.`,
        th: 'ประเภทผู้ลงทุนตามประกาศของสำนักงาน ก.ล.ต. ตามที่ระบุ หรือที่ได้จากข้อมูลการทำความรู้จักลูกค้า (KYC) โดยใช้เกณฑ์ที่มีผล ณ วันที่ทบทวน',
        from: CATEGORY_SOURCES,
        derived: true,
        column: 'category',
      },
      investorCategorySchema,
    ),
    categoryBasis: field('object', categoryBasisValue, {
      en: 'How the category was decided: `source` (`given` or `derived`), `category`, `assessedOn`, and for a derived category `review` (input path of the KYC review, e.g. `investors[0].reviews[1]`), `era` (`notice`, `from`, `to` of the investor definitions on the review date), `test` (field, value, operator, parameter, threshold, notice) or `tried`, and `unconfirmed` (parameters consulted whose value could not be confirmed; the report then carries an `investor-category-unconfirmed` notice). The review is the one in force on the **as-of date**: use it for state checks (such as §11 ¶1 (3) of TorNor. 89/2558).',
      th: 'ที่มาของประเภทผู้ลงทุน: `source` (ระบุมา หรือได้จากการคำนวณ) `category` `assessedOn` และสำหรับประเภทที่คำนวณ `review` (ตำแหน่งของการทบทวน KYC ในข้อมูล) `era` (ประกาศนิยามผู้ลงทุนที่มีผล ณ วันที่ทบทวน) `test` (เกณฑ์ที่ผ่าน) หรือ `tried` และ `unconfirmed` (พารามิเตอร์ที่ยืนยันค่าไม่ได้) ใช้การทบทวนที่มีผล ณ **วันที่ประเมิน** สำหรับการตรวจสถานะ',
      from: CATEGORY_SOURCES,
      derived: true,
      column: 'category',
    }),
    categoryAtFirstSubscription: orNull(
      text(
        {
          en: 'The category from the KYC review in force on the first subscription\'s date: use it for eligibility **at entry**. `null` when no review (or given category\'s `assessedOn`) was in force that day. TorNor. 89/2558\'s §12 ¶1 (5) eligibility rules read it and never pass a `null` (each rule says, in rules/tn-89-2558, what it reports instead); guard a `null` in a rule of your own the same way.',
          th: 'ประเภทผู้ลงทุนตามการทบทวน KYC ที่มีผล ณ วันที่จองซื้อครั้งแรก ใช้ตรวจคุณสมบัติ **ณ เวลาที่เข้าลงทุน** เป็น `null` เมื่อไม่มีการทบทวนที่มีผลในวันนั้น',
          from: [...CATEGORY_SOURCES, `${INVESTOR}/assessedOn`, `${SUBSCRIPTIONS}/*/date`],
          derived: true,
          column: 'category',
        },
        investorCategorySchema,
      ),
    ),
    categoryBasisAtFirstSubscription: orNull(
      field('object', categoryBasisValue, {
        en: 'Its basis, shaped like `categoryBasis`.',
        th: 'ที่มาของประเภทดังกล่าว ในรูปแบบเดียวกับ `categoryBasis`',
        from: [...CATEGORY_SOURCES, `${INVESTOR}/assessedOn`, `${SUBSCRIPTIONS}/*/date`],
        derived: true,
        column: 'category',
      }),
    ),
    domicile: text({ en: 'ISO 3166-1 alpha-2 country code, e.g. `TH`.', th: 'รหัสประเทศที่มีภูมิลำเนา (ISO 3166-1 alpha-2) เช่น `TH`', from: `${INVESTOR}/domicile`, column: 'domicile' }),
    assessedOn: orNull(
      date({
        en: 'Date of the KYC review that assessed the category.',
        th: 'วันที่ทบทวน KYC ที่ให้ประเภทผู้ลงทุน',
        from: [`${INVESTOR}/assessedOn`, `${INVESTOR}/profile/assessedOn`, `${INVESTOR}/reviews/*/assessedOn`],
        derived: true,
        column: 'assessed_on',
      }),
    ),
    firstSubscription: object(
      {
        en: 'The earliest subscription in this fund ("ในครั้งแรก"): `date` (date), `amount` (money), `orderKnown` (boolean). Later top-ups never replace it. Subscriptions of one date are ordered by their `sequence`, then `time`; when several of different amounts share the earliest date and nothing orders them, the smallest is taken (whatever order they are listed in) and `orderKnown` is `false`.',
        th: 'การจองซื้อครั้งแรกในกองทุนนี้ ("ในครั้งแรก"): `date` `amount` `orderKnown` การซื้อเพิ่มภายหลังไม่แทนที่ การจองซื้อวันเดียวกันเรียงตาม `sequence` แล้ว `time` หากมีหลายรายการต่างจำนวนในวันแรกสุดและเรียงไม่ได้ ใช้รายการที่น้อยที่สุด และ `orderKnown` เป็น `false`',
        from: `${SUBSCRIPTIONS}/*`,
        derived: true,
        column: 'first_subscription_date',
      },
      {
        date: date({ en: 'Its date.', th: 'วันที่จองซื้อครั้งแรก', from: `${SUBSCRIPTIONS}/*/date`, column: 'first_subscription_date' }),
        amount: money({ en: 'Its amount, THB.', th: 'มูลค่าการจองซื้อครั้งแรก (บาท)', from: `${SUBSCRIPTIONS}/*/amount`, column: 'first_subscription_amount' }),
        orderKnown: boolean({
          en: 'False when subscriptions of different amounts share its date and nothing orders them.',
          th: 'เป็นเท็จเมื่อมีการจองซื้อต่างจำนวนในวันเดียวกันที่ไม่อาจเรียงลำดับได้',
          from: [`${SUBSCRIPTIONS}`, `${SUBSCRIPTIONS}/*/sequence`, `${SUBSCRIPTIONS}/*/time`],
          derived: true,
        }),
      },
    ),
    subscriptionCount: integer({ en: 'Subscriptions on or before the as-of date.', th: 'จำนวนการจองซื้อที่ไม่เกินวันที่ประเมิน', from: SUBSCRIPTIONS, derived: true, column: 'subscription_count' }),
    totalSubscribed: money({ en: 'Their sum.', th: 'มูลค่ารวมของการจองซื้อดังกล่าว', from: `${SUBSCRIPTIONS}/*/amount`, derived: true, column: 'total_subscribed' }),
    subscriptionsWithoutProspectus: integer({
      en: 'Subscriptions recorded as sold without the prospectus rules followed.',
      th: 'จำนวนการจองซื้อที่บันทึกว่าขายโดยไม่ปฏิบัติตามหลักเกณฑ์เรื่องหนังสือชี้ชวน',
      from: `${SUBSCRIPTIONS}/*/prospectusDelivered`,
      derived: true,
      column: 'subscriptions_without_prospectus',
    }),
  },
);

const periodFact = fact(
  ['accounting-period'],
  { en: 'One per accounting period of the fund.', th: 'หนึ่งรายการต่อรอบระยะเวลาบัญชีแต่ละรอบของกองทุน' },
  {
    index: integer({ en: 'Position of the period in the fund\'s list (from 0).', th: 'ลำดับของรอบบัญชีในรายการของกองทุน (เริ่มที่ 0)', from: PERIOD, derived: true }),
    start: date({ en: 'First day.', th: 'วันแรกของรอบบัญชี', from: `${PERIOD}/start` }),
    end: date({ en: 'Last day.', th: 'วันสุดท้ายของรอบบัญชี', from: `${PERIOD}/end` }),
    span: span({ en: '`{ start, end }`, for `spanLongerThanMonths` and `endWithinMonthsOfStart`.', th: '`{ start, end }` สำหรับตัวดำเนินการ `spanLongerThanMonths` และ `endWithinMonthsOfStart`', from: [`${PERIOD}/start`, `${PERIOD}/end`], derived: true }),
    lengthMonths: integer({ en: 'Whole months of the period.', th: 'จำนวนเดือนเต็มของรอบบัญชี', from: [`${PERIOD}/start`, `${PERIOD}/end`], derived: true }),
    lengthExtraDays: integer({ en: 'Days beyond those whole months.', th: 'จำนวนวันที่เกินจากเดือนเต็ม', from: [`${PERIOD}/start`, `${PERIOD}/end`], derived: true }),
    standard: text({ en: 'Accounting standard: `association`, `IASB`, `AICPA`, `FASB` or `other`.', th: 'มาตรฐานการบัญชี: `association` `IASB` `AICPA` `FASB` หรือ `other`', from: `${PERIOD}/standard` }, accountingStandardSchema),
    auditorName: text({ en: 'The auditor.', th: 'ผู้สอบบัญชี', from: `${PERIOD}/auditor/name` }),
    auditorSecApproved: boolean({ en: 'The auditor is approved by the SEC Office.', th: 'ผู้สอบบัญชีได้รับความเห็นชอบจากสำนักงาน ก.ล.ต.', from: `${PERIOD}/auditor/secApproved` }),
    auditorLicensedIn: list({ en: 'Countries the auditor may practise in.', th: 'ประเทศที่ผู้สอบบัญชีประกอบวิชาชีพได้', from: `${PERIOD}/auditor/licensedIn` }),
    auditorLicensedWhereOffered: orNull(
      boolean({
        en: 'The auditor may practise in every scheme offering country; null when the scheme names none.',
        th: 'ผู้สอบบัญชีประกอบวิชาชีพได้ในทุกประเทศที่โครงการระบุว่าจะเสนอขาย เป็น null เมื่อโครงการไม่ได้ระบุประเทศ',
        from: [`${PERIOD}/auditor/licensedIn`, `${FUND}/scheme/offeringCountries`],
        derived: true,
      }),
    ),
    endsAtDissolution: boolean({
      en: 'The period ends on the fund\'s dissolution date (its final period).',
      th: 'รอบบัญชีสิ้นสุดในวันเลิกกองทุน (รอบบัญชีสุดท้าย)',
      from: [`${PERIOD}/end`, `${FUND}/dissolutionDate`],
      derived: true,
    }),
  },
);

const orderFact = fact(
  ['office-order'],
  { en: 'One per office order issued on or before the as-of date.', th: 'หนึ่งรายการต่อคำสั่งของสำนักงานที่ออกไม่เกินวันที่ประเมิน' },
  {
    id: text({ en: 'The order\'s id.', th: 'รหัสคำสั่ง', from: `${ORDER}/id` }),
    reference: orNull(text({ en: 'The Office\'s reference.', th: 'เลขที่อ้างอิงของสำนักงาน', from: `${ORDER}/reference` })),
    basis: text({ en: '`unitholding-limits`, `clause-12` or `other`.', th: 'ฐานของคำสั่ง: `unitholding-limits` (อัตราการถือหน่วยลงทุน) `clause-12` (ข้อ 12) หรือ `other`', from: `${ORDER}/basis` }, officeOrderSchema.shape.basis),
    issuedOn: date({ en: 'Date issued.', th: 'วันที่ออกคำสั่ง', from: `${ORDER}/issuedOn` }),
    dueBy: date({ en: 'Date it must be carried out by.', th: 'วันที่ต้องปฏิบัติตามคำสั่งให้แล้วเสร็จ', from: `${ORDER}/dueBy` }),
    completedOn: orNull(date({ en: 'Date carried out, when on or before the as-of date.', th: 'วันที่ปฏิบัติตามคำสั่งแล้วเสร็จ เมื่อไม่เกินวันที่ประเมิน', from: `${ORDER}/completedOn`, derived: true })),
    overdue: boolean({ en: 'Not carried out by the due date, judged on the as-of date.', th: 'ไม่ได้ปฏิบัติตามภายในกำหนด พิจารณา ณ วันที่ประเมิน', from: [`${ORDER}/dueBy`, `${ORDER}/completedOn`], derived: true }),
  },
);

const amendmentFact = fact(
  ['scheme-amendment'],
  { en: 'One per scheme amendment made on or before the as-of date.', th: 'หนึ่งรายการต่อการแก้ไขเพิ่มเติมโครงการที่ทำไม่เกินวันที่ประเมิน' },
  {
    id: text({ en: 'The amendment\'s id.', th: 'รหัสการแก้ไขโครงการ', from: `${AMENDMENT}/id` }),
    date: date({ en: 'Date made.', th: 'วันที่แก้ไข', from: `${AMENDMENT}/date` }),
    conflictsWith: list({ en: 'Every conflict recorded, as `kind: reference`.', th: 'ทุกกรณีที่บันทึกว่าขัดหรือแย้ง ในรูป `ประเภท: อ้างอิง`', from: `${AMENDMENT}/conflictsWith`, derived: true }, z.array(z.string())),
    conflictsWithSecuritiesLaw: list(
      {
        en: 'The references of the conflicts with the securities law or a notice, rule or order issued under it (kinds `securities-law`, `notice-rule-or-order`).',
        th: 'กรณีที่ขัดหรือแย้งกับกฎหมายว่าด้วยหลักทรัพย์ฯ หรือประกาศ กฎ หรือคำสั่งที่ออกตามกฎหมายนั้น',
        from: `${AMENDMENT}/conflictsWith`,
        derived: true,
      },
      z.array(z.string()),
    ),
    conflictCount: integer({ en: 'How many of those (the §11 ¶1 (1) kinds).', th: 'จำนวนกรณีดังกล่าว (ตามข้อ 11 วรรคหนึ่ง (1))', from: `${AMENDMENT}/conflictsWith`, derived: true }),
    otherConflicts: list(
      {
        en: 'Conflicts with anything else (kind `other`, e.g. a house policy): recorded, not a §11 ¶1 (1) ground.',
        th: 'กรณีที่ขัดกับสิ่งอื่น (เช่น นโยบายภายใน) บันทึกไว้ แต่ไม่เป็นเหตุตามข้อ 11 วรรคหนึ่ง (1)',
        from: `${AMENDMENT}/conflictsWith`,
        derived: true,
      },
      z.array(z.string()),
    ),
    resultingInvestorRestriction: orNull(
      text(
        {
          en: 'Who the scheme admits once amended: the new restriction, else the scheme\'s own (a conversion is judged by the type it converts to).',
          th: 'ผู้ลงทุนที่โครงการรับได้หลังการแก้ไข: ข้อจำกัดใหม่ หรือข้อจำกัดเดิมของโครงการ (การแปลงสภาพพิจารณาตามประเภทที่แปลงไป)',
          from: [`${AMENDMENT}/changes/investorRestriction`, `${FUND}/scheme/investorRestriction`],
          derived: true,
        },
        investorRestrictionSchema,
      ),
    ),
    changesMinimumFirstSubscription: boolean({ en: 'It changes the scheme\'s minimum first subscription.', th: 'การแก้ไขเปลี่ยนมูลค่าการจองซื้อครั้งแรกขั้นต่ำ', from: `${AMENDMENT}/changes/minimumFirstSubscription`, derived: true }),
    newMinimumFirstSubscription: orNull(money({ en: 'The new minimum.', th: 'มูลค่าขั้นต่ำใหม่', from: `${AMENDMENT}/changes/minimumFirstSubscription` })),
    changesInvestorRestriction: boolean({ en: 'It changes who may hold units.', th: 'การแก้ไขเปลี่ยนผู้ที่ถือหน่วยลงทุนได้', from: `${AMENDMENT}/changes/investorRestriction`, derived: true }),
    newInvestorRestriction: orNull(text({ en: 'The new restriction.', th: 'ข้อจำกัดใหม่', from: `${AMENDMENT}/changes/investorRestriction` }, investorRestrictionSchema)),
  },
);

const managerFact = fact(
  ['fund-manager'],
  { en: 'One per fund manager, only when the input lists them.', th: 'หนึ่งรายการต่อผู้จัดการกองทุน เฉพาะเมื่อข้อมูลระบุไว้' },
  {
    name: text({ en: 'The fund manager.', th: 'ผู้จัดการกองทุน', from: `${MANAGER}/name` }),
    approvalValidFrom: date({ en: 'First day the approval is valid.', th: 'วันแรกที่การอนุมัติมีผล', from: `${MANAGER}/approvalValidFrom` }),
    approvalValidTo: orNull(date({ en: 'Last day it is valid.', th: 'วันสุดท้ายที่การอนุมัติมีผล', from: `${MANAGER}/approvalValidTo` })),
    validOnAsOf: boolean({ en: 'The approval is valid on the as-of date.', th: 'การอนุมัติมีผล ณ วันที่ประเมิน', from: [`${MANAGER}/approvalValidFrom`, `${MANAGER}/approvalValidTo`], derived: true }),
  },
);

const obligationFact = fact(
  ['obligation'],
  { en: 'One per obligation incurred on or before the as-of date.', th: 'หนึ่งรายการต่อภาระผูกพันที่เกิดขึ้นไม่เกินวันที่ประเมิน' },
  {
    id: text({ en: 'The obligation\'s id.', th: 'รหัสภาระผูกพัน', from: `${OBLIGATION}/id` }),
    date: date({ en: 'Date incurred.', th: 'วันที่เกิดภาระผูกพัน', from: `${OBLIGATION}/date` }),
    relatedInvestment: orNull(text({ en: 'The permitted investment it is tied to.', th: 'การลงทุนที่อนุญาตซึ่งภาระผูกพันนั้นเกี่ยวข้อง', from: `${OBLIGATION}/relatedInvestment` })),
    tiedToPermittedInvestment: boolean({ en: 'Whether it is.', th: 'เกี่ยวข้องกับการลงทุนที่อนุญาตหรือไม่', from: `${OBLIGATION}/tiedToPermittedInvestment` }),
  },
);

const waiverFact = fact(
  ['waiver'],
  { en: 'One per waiver granted on or before the as-of date.', th: 'หนึ่งรายการต่อการผ่อนผันที่ได้รับไม่เกินวันที่ประเมิน' },
  {
    reference: text({ en: 'The waiver\'s reference.', th: 'เลขที่อ้างอิงของการผ่อนผัน', from: `${WAIVER}/reference` }),
    grantedOn: date({ en: 'Date granted.', th: 'วันที่ได้รับการผ่อนผัน', from: `${WAIVER}/grantedOn` }),
    ruleIds: list(
      {
        en: 'The rules it covers. A waiver with no finding of its own turns the findings of these rules into `waived` (with its reference): they are never dropped.',
        th: 'กฎที่การผ่อนผันครอบคลุม การผ่อนผันที่ไม่มีข้อพบของตนเองจะเปลี่ยนข้อพบของกฎเหล่านี้เป็น `waived` (พร้อมเลขที่อ้างอิง) โดยไม่ตัดทิ้ง',
        from: `${WAIVER}/ruleIds`,
      },
      z.array(z.string()),
    ),
    affectsThaiInvestors: boolean({ en: 'Whether it affects investors in Thailand.', th: 'มีผลกระทบต่อผู้ลงทุนในประเทศไทยหรือไม่', from: `${WAIVER}/affectsThaiInvestors` }),
    hostCountryShowing: orNull(text({ en: 'The host-country showing it rests on.', th: 'หลักฐานจากประเทศเจ้าบ้านที่การผ่อนผันอาศัย', from: `${WAIVER}/hostCountryShowing` })),
  },
);

const groundFact = fact(
  ['recorded-ground'],
  { en: 'One per §12 ground recorded on or before the as-of date.', th: 'หนึ่งรายการต่อเหตุตามข้อ 12 ที่บันทึกไม่เกินวันที่ประเมิน' },
  {
    item: integer({ en: 'The §12 ¶1 item (1–4) a person recorded.', th: 'อนุข้อของข้อ 12 วรรคหนึ่ง (1–4) ที่ผู้บันทึกระบุ', from: `${GROUND}/item` }),
    recordedOn: date({ en: 'Date recorded.', th: 'วันที่บันทึก', from: `${GROUND}/recordedOn` }),
    description: text({ en: 'What was recorded.', th: 'สิ่งที่บันทึก', from: `${GROUND}/description` }),
    reference: orNull(text({ en: 'Its reference.', th: 'เลขที่อ้างอิง', from: `${GROUND}/reference` })),
  },
);

/** The as-of date and the pack-defined facts: no fields of their own. */
const asOfFact: FactDefinition<typeof dateValue> = {
  subjects: 'all',
  en: 'The as-of date of the evaluation (date; no fields). For example a house rule "the first subscription was within the last 30 days" compares `unitholder.firstSubscription.date` with a date derived from `asOf` — which needs a [custom fact](#custom-facts-and-operators), as the built-in operators compare two dates, not a date and a distance.',
  th: 'วันที่ประเมิน (วันที่ ไม่มีฟิลด์ย่อย) ที่ผู้ใช้กำหนดให้การประเมิน',
  schema: dateValue,
  fields: null,
};

const paramFact: FactDefinition<z.ZodUnknown> = {
  subjects: 'all',
  dynamic: true,
  en: '`{ fact: param, params: { id: <parameter id> } }` is the value of a dated parameter of the rule\'s pack in force on the as-of date — or of the pack that [overrides](#packs-together-override-and-disable) it. The loader checks that the pack has the parameter. A parameter with no value in force on the as-of date fails the evaluation (never a guess); a `null` value (a test that does not exist in that era) is `null`, so guard it like any other `null`.',
  th: 'ค่าของพารามิเตอร์ที่มีวันที่มีผลในชุดกฎ (parameters.yaml) ที่มีผล ณ วันที่ประเมิน หรือของชุดกฎที่แทนที่',
  schema: z.unknown(),
  fields: null,
};

const lookupFact: FactDefinition<z.ZodUnknown> = {
  subjects: 'all',
  dynamic: true,
  en: '`{ fact: lookup, params: { id: <lookup id> } }` is the value the pack\'s [lookup table](#lookupsyaml) gives for the key read from the input, or `null` when the key is not in the table.',
  th: 'ค่าที่ตารางค้นหาของชุดกฎ (lookups.yaml) ให้สำหรับคีย์ที่อ่านจากข้อมูล หรือ `null` เมื่อไม่มีคีย์นั้นในตาราง',
  schema: z.unknown(),
  fields: null,
};

/**
 * Every built-in fact, in the order the documentation lists them. The facts of
 * a subject (`unitholder`, `period`...) are what a rule about that subject
 * reads beside `fund`, `asOf`, `param` and `lookup`.
 */
export const FACTS = {
  fund: fundFact,
  asOf: asOfFact,
  param: paramFact,
  lookup: lookupFact,
  unitholder: unitholderFact,
  period: periodFact,
  order: orderFact,
  amendment: amendmentFact,
  manager: managerFact,
  obligation: obligationFact,
  waiver: waiverFact,
  ground: groundFact,
} as const satisfies Record<string, FactDefinition>;

export type FactName = keyof typeof FACTS;

/** Every documented field path of a fact (`firstSubscription`, `firstSubscription.amount`, ...) with its field, depth first. */
export function fieldPaths(fields: Readonly<Record<string, FactField>> | null, prefix = ''): [string, FactField][] {
  if (!fields) return [];
  return Object.entries(fields).flatMap(([name, f]): [string, FactField][] => [[`${prefix}${name}`, f], ...fieldPaths(f.fields ?? null, `${prefix}${name}.`)]);
}

/**
 * Where each unitholder fact comes from in a register row: fact path
 * (`unitholder.firstSubscription.amount`) → column, for every field the
 * vocabulary gives a column.
 */
export function registerFactColumns(): Record<string, RegisterColumn> {
  const columns: Record<string, RegisterColumn> = {};
  for (const [path, field] of fieldPaths(FACTS.unitholder.fields)) if (field.column) columns[`unitholder.${path}`] = field.column;
  return columns;
}
