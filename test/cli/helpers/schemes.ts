/**
 * Scheme files as compliance teams write them. Line numbers matter: tests
 * assert that findings point at these lines, so keep the layout.
 */

/** A high-net-worth (type B) fund as a single-fund YAML file; the minimum is on line 9. */
export const hnwScheme = (minimum: string, id = 'M0100_2562') => `# a high-net-worth fund scheme
id: ${id}
names: { th: กองทุนเปิดทดสอบพลัส, en: Test Plus Open Fund }
kind: mutual
declaredType: B
managementCompany: { id: C0000000021 }
approvalDate: BE 2562-01-10
scheme:
  minimumFirstSubscription: "${minimum}"
  investorRestriction: high-net-worth
offering: { inThailand: true, abroad: false }
`;

/** Line of `minimumFirstSubscription` in {@link hnwScheme}. */
export const HNW_MINIMUM_LINE = 9;

/** Two funds as a bare YAML list; the second declares type A but admits the general public (line 16). */
export const fundList = `- id: M0001_2560
  names: { th: กองทุนเปิดหนึ่ง, en: Fund One }
  kind: mutual
  declaredType: R
  managementCompany: { id: C0000000021 }
  approvalDate: "2017-03-01"
  offering: { inThailand: true, abroad: false }
  scheme: { investorRestriction: general }
- id: M0002_2560
  names: { th: กองทุนเปิดสอง, en: Fund Two }
  kind: mutual
  managementCompany: { id: C0000000021 }
  approvalDate: "2017-03-01"
  offering: { inThailand: true, abroad: false }
  scheme: { investorRestriction: general }
  declaredType: A
`;

/** A whole input as JSON: a type B fund whose holder I2 first subscribed 499,999.99 (line 24), then topped up. */
export const inputJson = `{
  "funds": [
    {
      "id": "M0042_2561",
      "names": { "th": "กองทุนเปิดผู้มีเงินลงทุนสูง", "en": "High Net Worth Open Fund" },
      "kind": "mutual",
      "declaredType": "B",
      "managementCompany": { "id": "C0000000021" },
      "approvalDate": "BE 2561-05-01",
      "offering": { "inThailand": true, "abroad": false },
      "scheme": { "investorRestriction": "high-net-worth", "minimumFirstSubscription": "500000.00" },
      "unitholders": [
        {
          "investorId": "I1",
          "subscriptions": [
            { "date": "2018-06-01", "amount": "2000000" }
          ]
        },
        {
          "investorId": "I2",
          "subscriptions": [
            {
              "date": "2018-06-02",
              "amount": "499999.99"
            },
            { "date": "2019-01-10", "amount": "1000000" }
          ]
        }
      ]
    }
  ],
  "investors": [
    { "id": "I1", "type": "individual", "category": "retail", "domicile": "TH" },
    { "id": "I2", "type": "individual", "category": "retail", "domicile": "TH" }
  ]
}
`;

/** A fund with a §11 revocation ground: an office order under the unitholding-limit rules, never carried out (dueBy on line 13). */
export const revocationScheme = `id: M0150_2560
names: { th: กองทุนเปิดเจ้าพระยา <ยืดหยุ่น> & สมดุล, en: "Chao Phraya <Flexible> & \\"Balanced\\" Fund" }
kind: mutual
declaredType: R
managementCompany: { id: C0000000118 }
approvalDate: "2017-03-01"
offering: { inThailand: true, abroad: false }
scheme: { investorRestriction: general }
orders:
  - id: SEC-ORD-2567-0305
    basis: unitholding-limits
    issuedOn: "2024-03-01"
    dueBy: "2024-05-31"
`;

/** An extra rule pack: the house minimum first subscription is 1,000,000 THB (a warning). */
export const housePack: Record<string, string> = {
  'house/pack.yaml': `id: house-policy
version: 1.0.0
notice: { th: นโยบายภายใน บลจ., en: House policy }
title: { th: นโยบายเงินลงทุนขั้นต่ำของบริษัท, en: The company's minimum subscription policy }
announced: 2020-01-01
inForce: { from: 2020-01-01, citation: { notice: { th: นโยบายภายใน บลจ., en: House policy }, clause: 1 } }
`,
  'house/parameters.yaml': `parameters:
  - id: house-minimum
    description: { th: เงินลงทุนครั้งแรกขั้นต่ำตามนโยบายบริษัท, en: The house minimum first subscription }
    type: money
    values:
      - { from: 2020-01-01, value: "1000000", citation: { notice: { th: นโยบายภายใน บลจ., en: House policy }, clause: 2 } }
`,
  'house/messages.yaml': `messages:
  below-house-minimum:
    th: "โครงการของกองทุน {fundId} กำหนดเงินลงทุนครั้งแรกขั้นต่ำ {minimum} ต่ำกว่านโยบายบริษัท {houseMinimum}"
    en: "The scheme of fund {fundId} sets a minimum first subscription of {minimum}, below the house minimum of {houseMinimum}"
`,
  'house/rules/below-house-minimum.yaml': `id: house.scheme-minimum-below-house-policy
title: { th: เงินลงทุนขั้นต่ำต่ำกว่านโยบายบริษัท, en: Scheme minimum below the house policy }
subject: fund
severity: warning
citation: { notice: { th: นโยบายภายใน บลจ., en: House policy }, clause: 2 }
appliesWhen:
  all:
    - { fact: fund, path: $.scheme.minimumFirstSubscription, operator: notEqual, value: null }
violationWhen:
  fact: fund
  path: $.scheme.minimumFirstSubscription
  operator: decimalLessThan
  value: { fact: param, params: { id: house-minimum } }
evidence:
  - { name: minimum, fact: fund, path: $.scheme.minimumFirstSubscription, type: money }
  - { name: houseMinimum, fact: param, params: { id: house-minimum }, type: money }
message: below-house-minimum
`,
};

/** A fund offered in Thailand and Singapore whose non-association NAV standard (cl. 4 para 2) the Office waived under cl. 10. */
export const waivedScheme = `id: M0671_2565
names: { th: กองทุนเปิดอาเซียน ไทยแลนด์, en: ASEAN Thailand Fund }
kind: mutual
declaredType: R
managementCompany: { id: C0000000118 }
approvalDate: "2022-02-22"
registrationDate: "2022-03-15"
offering: { inThailand: true, abroad: true }
scheme: { investorRestriction: general, offeringCountries: [TH, SG], navStandard: other }
operations: { offeringCountries: [TH, SG] }
fundManagers:
  - { name: นายธีรพงษ์ เลิศวิริยะ, licenceNumber: FM-0457, approvalValidFrom: "2019-07-01", approvalValidTo: "2027-06-30" }
disclosures:
  - { kind: performance, date: "2024-06-01" }
waivers:
  - id: WVR-2566-01
    reference: กลต.น.(ว) 2145/2566
    grantedOn: "2023-05-02"
    ruleIds: [tn89.cl4.nav-standard-not-association]
    affectsThaiInvestors: false
    hostCountryShowing: ความเห็นของที่ปรึกษากฎหมายสิงคโปร์ลงวันที่ 14 มี.ค. 2566
`;

/** A pack that raises the high-net-worth threshold to 1,000,000 THB (overriding the law's parameter) and switches one rule off. */
export const overridePack: Record<string, string> = {
  'stricter/pack.yaml': `id: stricter-house
version: 1.0.0
notice: { th: นโยบายภายใน บลจ., en: House policy }
title: { th: เกณฑ์ผู้มีเงินลงทุนสูงของบริษัท, en: The company's high-net-worth threshold }
announced: 2019-11-15
inForce: { from: 2020-01-01, citation: { notice: { th: นโยบายภายใน บลจ., en: House policy }, clause: 1 } }
disable:
  - rule: tn89.cl1.hnw-scheme-minimum-not-stated
    reason: { th: ตรวจโดยฝ่ายกำกับก่อนยื่นโครงการ, en: Checked by compliance before a scheme is filed }
`,
  'stricter/parameters.yaml': `parameters:
  - id: hnw-minimum-first-subscription
    override: true
    description: { th: เงินลงทุนครั้งแรกขั้นต่ำของผู้มีเงินลงทุนสูงตามนโยบายบริษัท, en: The house high-net-worth first subscription }
    type: money
    values:
      - { from: 2020-01-01, value: "1000000", citation: { notice: { th: นโยบายภายใน บลจ., en: House policy }, clause: 3 } }
`,
};
