import { z } from 'zod';
import { calendarDateSchema } from '../model/calendar-date.js';
import { subjectKindSchema, type SubjectKind } from '../facts/subjects.js';

/** Text in Thai and English; both are required so no reader gets half a message. */
export const localizedSchema = z.object({ th: z.string().min(1), en: z.string().min(1) }).strict();
export type Localized = z.infer<typeof localizedSchema>;

const identifier = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,119}$/, 'ids are lower-case letters, digits, ".", "_" and "-", starting with a letter or digit');

/** A reference to a clause of a notice: `ข้อ 11 วรรคหนึ่ง (3)` = { clause: 11, paragraph: 1, item: 3 }. */
export const citationSchema = z
  .object({
    /** Another notice than the pack's own, e.g. { th: "กจ. 39/2564", en: "SEC Notification KorJor. 39/2564" }. */
    notice: localizedSchema.optional(),
    clause: z.number().int().min(1).max(999).optional(),
    paragraph: z.number().int().min(1).max(20).optional(),
    item: z.number().int().min(1).max(50).optional(),
    /** A defined term of the clause, in Thai as the text writes it. */
    term: z.string().min(1).max(200).optional(),
    /** Public addresses the cited text or figure was read at (for values gathered from published texts and summaries). */
    sources: z.array(z.string().url().max(1000)).max(20).optional(),
  })
  .strict()
  .refine((c) => c.clause !== undefined || c.notice !== undefined, { message: 'a citation names a clause, or another notice', params: { code: 'citation_without_source' } })
  .refine((c) => c.item === undefined || c.paragraph !== undefined, { message: 'an item is cited within a paragraph', path: ['item'] });
export type Citation = z.infer<typeof citationSchema>;

export const dateRangeSchema = z
  .object({
    from: calendarDateSchema.optional(),
    /** Last day in force (inclusive). Absent: open-ended. */
    to: calendarDateSchema.optional(),
  })
  .strict()
  .refine((r) => !r.from || !r.to || r.from <= r.to, { message: '"to" is on or after "from"', path: ['to'] });
export type DateRange = z.infer<typeof dateRangeSchema>;

/** A public address (https) a legal fact was read at. */
const sourceAddressSchema = z.string().regex(/^https?:\/\/\S+$/, 'a source is an http(s) address');

/** The instrument (a notice, an amending notice) a dated text or fact comes from, with where it was read. */
export const instrumentSchema = z
  .object({
    notice: localizedSchema,
    /** The instrument's own date, when known. */
    dated: calendarDateSchema.optional(),
    sources: z.array(sourceAddressSchema).default([]),
  })
  .strict();
export type Instrument = z.infer<typeof instrumentSchema>;

export const successorSchema = z
  .object({
    notice: localizedSchema,
    title: localizedSchema.optional(),
    /** The successor's date (announcement or publication). */
    dated: calendarDateSchema.optional(),
    /** Whether the repeal of this notice by the successor is confirmed from a source. */
    confirmed: z.boolean(),
    sources: z.array(sourceAddressSchema).min(1, 'say where the successor was read'),
  })
  .strict();
export type Successor = z.infer<typeof successorSchema>;

export const lawNoticeSchema = z
  .object({
    id: identifier,
    /** First as-of date the notice applies to. */
    from: calendarDateSchema,
    /** Last as-of date (inclusive); absent: open-ended. */
    to: calendarDateSchema.optional(),
    kind: z.enum(['amended', 'possibly-replaced', 'replaced', 'other']),
    message: localizedSchema,
    /** The clause (or other notice) the notice is about. */
    citation: citationSchema,
    sources: z.array(sourceAddressSchema).min(1, 'a notice about the law says where it was read'),
  })
  .strict()
  .refine((n) => !n.to || n.from <= n.to, { message: '"to" is on or after "from"', path: ['to'] });
export type LawNotice = z.infer<typeof lawNoticeSchema>;

export const packMetaSchema = z
  .object({
    id: identifier,
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'a semantic version such as 1.0.0'),
    notice: localizedSchema.describe('Short name of the notice, e.g. ทน. 89/2558 / TorNor. 89/2558'),
    title: localizedSchema,
    announced: calendarDateSchema,
    inForce: z
      .object({ from: calendarDateSchema, to: calendarDateSchema.optional(), citation: citationSchema })
      .strict(),
    issuedUnder: localizedSchema.optional(),
    notes: z.array(localizedSchema).default([]),
    /**
     * The notice that replaced (or may have replaced) this one. `confirmed`:
     * the repeal is confirmed from a source (then `inForce.to` is set);
     * otherwise the report only says it may have been replaced.
     */
    successor: successorSchema.optional(),
    /**
     * Dated report-level notices about the law itself (an amendment the pack
     * does not follow, a possible successor): every report whose as-of date
     * falls in [from, to] carries the notice, in every output format.
     */
    lawNotices: z.array(lawNoticeSchema).default([]),
    /** Rules of other packs this pack switches off, each with the reason the report shows. */
    disable: z
      .array(z.object({ rule: identifier, reason: localizedSchema }).strict())
      .default([]),
  })
  .strict();
export type PackMeta = z.infer<typeof packMetaSchema>;

const clauseRefSchema = z
  .object({
    paragraph: z.number().int().min(1).optional(),
    item: z.number().int().min(1).optional(),
    term: z.string().min(1).optional(),
  })
  .strict();

export const clauseVersionSchema = z
  .object({
    from: calendarDateSchema,
    to: calendarDateSchema.optional(),
    /** Why `from` is the date it is, when it is not the instrument's own commencement date. */
    fromNote: localizedSchema.optional(),
    source: instrumentSchema,
    /** The verbatim Thai text of this version (absent when the pack does not hold it). */
    text: z.string().min(1).optional(),
    /** `true`: this version's text is the clause's own `text` (the version the pack holds). */
    textIsClauseText: z.boolean().optional(),
    /** The explicit marker that this version's text is not held, with the reason. */
    textNotAvailable: localizedSchema.optional(),
    /** Which parts of the pack still follow an earlier version. */
    packFollows: localizedSchema.optional(),
  })
  .strict()
  .refine((v) => [v.text !== undefined, v.textIsClauseText === true, v.textNotAvailable !== undefined].filter(Boolean).length === 1, { message: 'a clause version gives its "text", says "textIsClauseText: true" or "textNotAvailable" — exactly one', path: ['text'] })
  .refine((v) => !v.to || v.from <= v.to, { message: '"to" is on or after "from"', path: ['to'] });
export type ClauseVersion = z.infer<typeof clauseVersionSchema>;

export const clauseSchema = z
  .object({
    clause: z.number().int().min(1),
    title: localizedSchema,
    checkable: z.enum(['yes', 'partly', 'no']),
    reason: z.string().min(1).optional(),
    text: z.string().min(1).describe('Verbatim Thai text of the clause'),
    reading: z.string().min(1).describe('Our English reading'),
    parts: z
      .array(
        z
          .object({
            ref: clauseRefSchema,
            label: localizedSchema.optional(),
            text: z.string().min(1),
            reading: z.string().min(1),
          })
          .strict(),
      )
      .default([]),
    /**
     * Dated versions of the clause's text (consolidated versions): each with
     * the instrument it comes from; a version whose text the pack does not
     * hold says so (`text` absent, `textNotAvailable` with the reason).
     * Absent: the clause has one version, `text` above, for the pack's whole range.
     */
    versions: z.array(clauseVersionSchema).default([]),
  })
  .strict()
  .refine((c) => c.checkable === 'yes' || c.reason !== undefined, { message: 'a clause that is not (fully) checkable says why in "reason"', path: ['reason'] });
export type Clause = z.infer<typeof clauseSchema>;

export const clausesFileSchema = z
  .object({
    preamble: z.object({ text: z.string(), reading: z.string() }).strict().optional(),
    signed: localizedSchema.optional(),
    clauses: z.array(clauseSchema).min(1),
  })
  .strict();

const parameterValueSchema = z
  .object({
    from: calendarDateSchema,
    to: calendarDateSchema.optional(),
    /** `null`: the test this parameter sets does not exist in this era. */
    value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]),
    citation: citationSchema,
    /** Set when the value (or that the test exists at all) could not be confirmed from a public text: why. Whatever is derived with it carries a report notice. */
    unconfirmed: localizedSchema.optional(),
  })
  .strict();

export const parameterSchema = z
  .object({
    id: identifier,
    /** Replace the parameter of the same id in an earlier pack (e.g. a house threshold stricter than the law). */
    override: z.boolean().default(false),
    description: localizedSchema,
    type: z.enum(['money', 'months', 'days', 'date', 'text', 'list']),
    /**
     * The date the value is read on: the as-of date (state obligations), or the
     * date of the subject's event — `first-subscription`: for a unitholder, the
     * date of their first subscription in the fund (event-bound thresholds).
     * On a date no value covers, an event-bound parameter reads `null`.
     */
    readOn: z.enum(['as-of', 'first-subscription']).default('as-of'),
    values: z.array(parameterValueSchema).min(1, 'a parameter has at least one dated value'),
  })
  .strict();
export type Parameter = z.infer<typeof parameterSchema>;

export const lookupSchema = z
  .object({
    id: identifier,
    description: localizedSchema,
    /** Where the key is read from. */
    from: z.object({ fact: z.string().min(1), path: z.string().min(1) }).strict(),
    table: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])),
    citation: citationSchema,
  })
  .strict();
export type Lookup = z.infer<typeof lookupSchema>;

/** A value in a condition may be a literal or a reference to a fact (e.g. a dated parameter). */
const factReferenceSchema = z
  .object({
    fact: z.string().min(1),
    path: z.string().min(1).optional(),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .strict();

const literalSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.union([z.string(), z.number(), z.boolean()]))]);

export const leafConditionSchema = z
  .object({
    fact: z.string().min(1),
    path: z.string().min(1).optional(),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    operator: z.string().min(1),
    value: z.union([literalSchema, factReferenceSchema]),
  })
  .strict();
export type LeafCondition = z.infer<typeof leafConditionSchema>;

export type Condition = LeafCondition | { all: Condition[] } | { any: Condition[] } | { not: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    leafConditionSchema,
    z.object({ all: z.array(conditionSchema).min(1) }).strict(),
    z.object({ any: z.array(conditionSchema).min(1) }).strict(),
    z.object({ not: conditionSchema }).strict(),
  ]),
);

// The subject kinds are part of the fact vocabulary (below the packs); re-exported here for pack authors.
export { subjectKindSchema, type SubjectKind };

export const severitySchema = z.enum(['revocation-ground', 'order-ground', 'violation', 'warning', 'info']);
export type Severity = z.infer<typeof severitySchema>;

export const evidenceItemSchema = z
  .object({
    name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'evidence names are camelCase identifiers (used as {name} in messages)'),
    label: localizedSchema.optional(),
    fact: z.string().min(1),
    path: z.string().min(1).optional(),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    type: z.enum(['money', 'date', 'months', 'days', 'number', 'text', 'boolean', 'list', 'object']),
  })
  .strict();
export type EvidenceItem = z.infer<typeof evidenceItemSchema>;

export const ruleSchema = z
  .object({
    id: identifier,
    /** Replace the rule of the same id in an earlier pack; the report shows which pack's version decided. */
    override: z.boolean().default(false),
    title: localizedSchema,
    description: localizedSchema.optional(),
    subject: subjectKindSchema,
    severity: severitySchema,
    citation: citationSchema,
    /** Citations the finding relies on besides the clause it is a finding under (e.g. the §1 definitions behind a §12 ground). */
    basis: z.array(citationSchema).max(20).default([]),
    inForce: dateRangeSchema.optional(),
    /** When false for a subject, the rule does not apply to it. Absent: applies to every subject of its kind. */
    appliesWhen: conditionSchema.optional(),
    /** When true for a subject the rule applies to, there is a finding. */
    violationWhen: conditionSchema,
    evidence: z.array(evidenceItemSchema).default([]),
    message: identifier.describe('Message id in messages.yaml; placeholders {name} are evidence names'),
    consequence: z.object({ message: identifier, citation: citationSchema }).strict().optional(),
    /**
     * Set when no waiver may ever turn this rule's findings into `waived`, with
     * the reason the report shows (e.g. TorNor. 89/2558 §10 waives compliance
     * with the notice only where investors in Thailand are not affected; it
     * does not reach the §11 revocation grounds nor duties under other notices).
     */
    notWaivable: localizedSchema.optional(),
  })
  .strict();
export type Rule = z.infer<typeof ruleSchema>;
export type RuleInput = z.input<typeof ruleSchema>;

/** One test of an investor category: a profile field compared with a dated parameter. */
export const categoryTestSchema = z
  .object({
    field: z.enum(['netAssets', 'netAssetsExcludingMainResidence', 'annualIncome', 'investments', 'investmentsIncludingDeposits', 'institutionType']),
    /** `atLeast`: the amount is at or above the parameter; `in`: the value is one of the parameter's list. */
    operator: z.enum(['atLeast', 'in']),
    parameter: identifier,
  })
  .strict();

/** Investor categories derived from a profile: the first category whose tests pass wins; none → retail. */
export const investorCategoryDefinitionSchema = z
  .object({
    category: z.enum(['institutional', 'ultra-high-net-worth', 'high-net-worth']),
    investorType: z.enum(['individual', 'juristic', 'any']),
    anyOf: z.array(categoryTestSchema).min(1),
    citation: citationSchema,
  })
  .strict();
export type InvestorCategoryDefinition = z.infer<typeof investorCategoryDefinitionSchema>;

/** A citation mapping (§13–§15): what a reference to another notice means under this one. */
export const referenceMappingSchema = z
  .object({
    /** The notice referred to, e.g. { th: "ทน. 27/2552", en: "TorNor. 27/2552" }. */
    notice: localizedSchema,
    /** Other spellings users write, matched ignoring spaces, dots and case. */
    aliases: z.array(z.string().min(1)).default([]),
    title: localizedSchema,
    dated: calendarDateSchema,
    effect: z.enum(['means-this-notice', 'applies-where-not-inconsistent', 'continues-until-replaced']),
    meaning: localizedSchema,
    citation: citationSchema,
  })
  .strict();
export type ReferenceMapping = z.infer<typeof referenceMappingSchema>;

/** How far a clause (or one of its items) is checked by machine, and why not further. */
export const coverageEntrySchema = z
  .object({
    ref: z
      .object({
        clause: z.number().int().min(1),
        paragraph: z.number().int().min(1).optional(),
        item: z.number().int().min(1).optional(),
        term: z.string().min(1).optional(),
      })
      .strict(),
    status: z.enum(['enforced', 'partly', 'not-checkable']),
    reason: z.string().min(1).optional(),
    /** What enforces it when no rule cites it: e.g. the pack's in-force date, a consequence. */
    mechanism: z.string().min(1).optional(),
    /** Rules that enforce it without citing it exactly. */
    alsoBy: z.array(identifier).default([]),
  })
  .strict()
  .refine((e) => e.status === 'enforced' || e.reason !== undefined, { message: 'an entry that is not fully enforced says why in "reason"', path: ['reason'] });
export type CoverageEntryData = z.infer<typeof coverageEntrySchema>;

export const messagesFileSchema = z
  .object({
    messages: z.record(identifier, localizedSchema),
    /** Words for coded values shown in messages (e.g. retail → ผู้ลงทุนรายย่อย / retail investor). */
    labels: z.record(z.string().min(1), localizedSchema).default({}),
  })
  .strict();
export const parametersFileSchema = z.object({ parameters: z.array(parameterSchema) }).strict();
export const lookupsFileSchema = z.object({ lookups: z.array(lookupSchema) }).strict();
export const investorCategoriesFileSchema = z.object({ investorCategories: z.array(investorCategoryDefinitionSchema) }).strict();
export const referencesFileSchema = z.object({ references: z.array(referenceMappingSchema) }).strict();
export const coverageFileSchema = z.object({ coverage: z.array(coverageEntrySchema) }).strict();

/** A whole pack as one object: what the loaders produce and what `packs` accepts. */
export const packSchema = z
  .object({
    meta: packMetaSchema,
    clauses: z.array(clauseSchema).default([]),
    parameters: z.array(parameterSchema).default([]),
    lookups: z.array(lookupSchema).default([]),
    messages: z.record(identifier, localizedSchema).default({}),
    labels: z.record(z.string().min(1), localizedSchema).default({}),
    rules: z.array(ruleSchema).default([]),
    investorCategories: z.array(investorCategoryDefinitionSchema).default([]),
    references: z.array(referenceMappingSchema).default([]),
    coverage: z.array(coverageEntrySchema).default([]),
  })
  .strict();
export type Pack = z.infer<typeof packSchema>;
export type PackInput = z.input<typeof packSchema>;
