import { z } from 'zod';
import { calendarDateSchema } from './calendar-date.js';
import { moneySchema } from './money.js';

/** Categories under the SEC's investor-definition notices, used by TorNor. 89/2558 §1 "non-retail investor". */
export const investorCategorySchema = z
  .enum(['institutional', 'ultra-high-net-worth', 'high-net-worth', 'retail'])
  .describe('SEC investor category: institutional, ultra-high-net-worth, high-net-worth (all three are non-retail) or retail');
export type InvestorCategory = z.infer<typeof investorCategorySchema>;

const countryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code such as "TH"')
  .describe('ISO 3166-1 alpha-2 country code');

/**
 * The financial profile a KYC review records; when an investor's category is
 * not given, it is derived from this with the thresholds in force on the
 * review date. Dates may be Gregorian ("2022-10-01") or Buddhist Era
 * ("BE 2565-10-01"); amounts are exact decimal strings.
 */
export const investorProfileSchema = z
  .object({
    /** The KYC review date: thresholds are those in force on this date, not on the evaluation date. */
    assessedOn: calendarDateSchema,
    /**
     * Individuals: net assets. Juristic persons: shareholders' equity (net
     * assets) per the latest audited financial statements.
     */
    netAssets: moneySchema.optional(),
    /** Net assets excluding the permanent residence (an individual's ultra-high-net-worth test in some eras). */
    netAssetsExcludingMainResidence: moneySchema.optional(),
    /** An individual's annual income. */
    annualIncome: moneySchema.optional(),
    /** Direct investments in securities and derivatives. */
    investments: moneySchema.optional(),
    /** Investments including deposits. */
    investmentsIncludingDeposits: moneySchema.optional(),
    /**
     * The kind of institutional investor the review found, as the SEC's list
     * names it: for juristic persons and funds e.g. "commercial-bank",
     * "provident-fund", "statutory-juristic-person"; for individuals e.g.
     * "fund-manager", "investment-analyst". A kind of the other investor type
     * is an input error.
     */
    institutionType: z.string().min(1).max(100).optional(),
  })
  .strict();
export type InvestorProfile = z.infer<typeof investorProfileSchema>;

export const investorSchema = z
  .object({
    id: z.string().min(1).max(200),
    type: z.enum(['individual', 'juristic']),
    /** Given by the user; absent → derived from the KYC reviews (`profile`, `reviews`). */
    category: investorCategorySchema.optional(),
    /** The date the given category was assessed (the KYC review that qualified the investor). */
    assessedOn: calendarDateSchema.optional(),
    /** One KYC review. */
    profile: investorProfileSchema.optional(),
    /**
     * The investor's KYC reviews over time, in any order (with `profile`, if
     * both are given). The review in force on a date is the latest one made on
     * or before it: a subscription is judged by the review in force on its
     * date, a state check by the review in force on the as-of date.
     */
    reviews: z.array(investorProfileSchema).max(500).optional(),
    domicile: countryCode,
    name: z.string().max(500).optional(),
  })
  .strict()
  .refine((investor) => investor.category !== undefined || investor.profile !== undefined || (investor.reviews?.length ?? 0) > 0, {
    message: 'give the investor\'s category, or a profile (or reviews) to derive it from',
    path: ['category'],
    params: { th: 'ระบุประเภทผู้ลงทุน หรือข้อมูล profile (หรือ reviews) เพื่อใช้กำหนดประเภท' },
  });
export type Investor = z.infer<typeof investorSchema>;
export type InvestorInput = z.input<typeof investorSchema>;
export { countryCode as countryCodeSchema };
