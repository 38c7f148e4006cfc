/**
 * The files `pack init` writes: a small, complete house-policy pack (one
 * dated parameter, one fund rule, its message, two test cases) that lints
 * clean and whose tests pass, to be edited into the company's own policy.
 * The values are an example house policy, not the notice's.
 */

/** A pack id from a directory name: lower case, words joined by "-". */
export function packIdFrom(name: string): string {
  const id = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z]/.test(id) ? id : `house-${id || 'policy'}`;
}

export function packTemplate(id: string): Record<string, string> {
  const schema = (file: string, depth: number) => `# yaml-language-server: $schema=${'../'.repeat(depth)}node_modules/thai-fund-compliance/schemas/${file}`;
  return {
    'pack.yaml': `${schema('pack-meta.schema.json', 1)}
# A house-policy pack, evaluated after the built-in TorNor. 89/2558 pack.
# Lint and test it with:
#   npx thai-fund-compliance pack lint <this directory>
#   npx thai-fund-compliance pack test <this directory>
# Check schemes with it: npx thai-fund-compliance check schemes --pack <this directory>
id: ${id}
version: 0.1.0
notice:
  th: นโยบายภายในของบริษัท
  en: House policy
title:
  th: นโยบายเงินลงทุนครั้งแรกขั้นต่ำของบริษัท
  en: The company's minimum first subscription policy
# The date the board approved the policy, and the date it took effect.
announced: 2020-01-01
inForce:
  from: 2020-01-01
  citation:
    notice: { th: นโยบายภายในของบริษัท, en: House policy }
    clause: 1
`,
    'parameters.yaml': `${schema('parameters.schema.json', 1)}
# Every number a rule compares with lives here, dated and cited.
parameters:
  - id: house-minimum-first-subscription
    description:
      th: เงินลงทุนครั้งแรกขั้นต่ำที่โครงการจัดการกองทุนต้องกำหนดตามนโยบายของบริษัท
      en: The minimum first subscription a scheme must set under the house policy
    type: money
    values:
      - from: 2020-01-01
        value: "1000000"
        citation:
          notice: { th: นโยบายภายในของบริษัท, en: House policy }
          clause: 2
`,
    'messages.yaml': `${schema('messages.schema.json', 1)}
# {name} is an evidence value, formatted for the language (baht, B.E. dates in Thai),
# or a subject placeholder such as {fundId}.
messages:
  scheme-minimum-below-house-policy:
    th: "โครงการของกองทุน {fundId} กำหนดเงินลงทุนครั้งแรกขั้นต่ำ {schemeMinimum} ต่ำกว่านโยบายของบริษัท {houseMinimum}"
    en: "The scheme of fund {fundId} sets a minimum first subscription of {schemeMinimum}, below the house minimum of {houseMinimum}"
`,
    'rules/scheme-minimum-below-house-policy.yaml': `${schema('rule.schema.json', 2)}
id: ${id}.scheme-minimum-below-house-policy
title:
  th: เงินลงทุนครั้งแรกขั้นต่ำในโครงการต่ำกว่านโยบายของบริษัท
  en: Scheme minimum first subscription below the house policy
subject: fund
severity: warning
citation:
  notice: { th: นโยบายภายในของบริษัท, en: House policy }
  clause: 2
appliesWhen:
  all:
    - { fact: fund, path: $.scheme.minimumFirstSubscription, operator: notEqual, value: null }
violationWhen:
  fact: fund
  path: $.scheme.minimumFirstSubscription
  operator: decimalLessThan
  value: { fact: param, params: { id: house-minimum-first-subscription } }
evidence:
  - { name: schemeMinimum, fact: fund, path: $.scheme.minimumFirstSubscription, type: money }
  - { name: houseMinimum, fact: param, params: { id: house-minimum-first-subscription }, type: money }
message: scheme-minimum-below-house-policy
`,
    'tests/house-policy.yaml': `${schema('pack-test.schema.json', 2)}
# Each case evaluates its input with the built-in pack first and this pack after it,
# and lists every finding it expects (any other finding fails the case).
- name: a scheme minimum below the house minimum is a warning
  asOf: 2024-06-30
  input:
    funds:
      - id: M0001_2563
        names: { th: กองทุนเปิดตัวอย่าง, en: Example Open Fund }
        kind: mutual
        declaredType: R
        managementCompany: { id: C0000000001 }
        approvalDate: 2020-03-02
        offering: { inThailand: true, abroad: false }
        scheme: { investorRestriction: general, minimumFirstSubscription: "1000" }
  expect:
    findings:
      - ruleId: ${id}.scheme-minimum-below-house-policy
        fundId: M0001_2563
        evidence: { schemeMinimum: "1000", houseMinimum: "1000000" }

- name: a scheme minimum at the house minimum passes (inclusive)
  asOf: 2024-06-30
  input:
    funds:
      - id: M0001_2563
        names: { th: กองทุนเปิดตัวอย่าง, en: Example Open Fund }
        kind: mutual
        declaredType: R
        managementCompany: { id: C0000000001 }
        approvalDate: 2020-03-02
        offering: { inThailand: true, abroad: false }
        scheme: { investorRestriction: general, minimumFirstSubscription: "1000000" }
  expect:
    findings: []
`,
    'README.md': `# ${id}

A house-policy rule pack for [thai-fund-compliance](https://www.npmjs.com/package/thai-fund-compliance),
evaluated after the built-in TorNor. 89/2558 pack.

- \`pack.yaml\`: the pack's id, version, the policy it encodes and when it took effect.
- \`parameters.yaml\`: every number a rule compares with, dated and cited.
- \`rules/\`: one rule a file, each citing its clause of the policy.
- \`messages.yaml\`: the finding's message in Thai and English.
- \`tests/\`: cases with the findings they expect.

\`\`\`sh
npx thai-fund-compliance pack lint .
npx thai-fund-compliance pack test .
npx thai-fund-compliance check ../schemes --pack .
\`\`\`
`,
  };
}
