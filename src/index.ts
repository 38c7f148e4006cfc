/**
 * thai-fund-compliance — TorNor. 89/2558 (ทน. 89/2558) as declarative rule
 * packs over typed fund and investor data, with findings that cite the clause.
 *
 * The root export is what users call: evaluate / safeEvaluate, the register
 * and order APIs, pack loading and combining, coverage, and the types.
 * Internals are subpath exports: `thai-fund-compliance/engine` (session,
 * runners), `/packs` (references, pack-test files, vocabulary, schemas),
 * `/register` (columns, row schema), `/pretrade` (comparison helpers, order
 * schemas).
 */
export { evaluate, safeEvaluate, type EvaluateOptions, type SafeEvaluateResult } from './engine/evaluate.js';
export type * from './engine/report.js';
export type { RenderedCitation } from './engine/citation.js';
export type { SubjectIdentity, SubjectOf, SubjectKeys } from './engine/facts.js';
export { formatValue, type Labels } from './engine/messages.js';
export { OperatorTypeError } from './engine/operators.js';
export { renderCitation } from './engine/citation.js';
export { loadPackFromObject, loadPackFromFiles, type LoadedPack, type LoadOptions } from './packs/load.js';
export { packFilesFromTexts, type PackFiles } from './packs/files.js';
export type { YamlFileResult } from './io/yaml-text.js';
export { loadPackFromDirectory } from './packs/directory.js';
export { tn89Pack, investorDefinitionsPack } from './packs/built-in.js';
export { builtInRulesDirectory } from './packs/built-in-source.js';
export { planPacks, type PackPlan, type Override, type DisabledRule, type PlannedRule } from './packs/combine.js';
export { defineExtensions, type Extensions, type CustomFact, type CustomFactContext, type CustomOperator } from './engine/extensions.js';
export type { SubjectRunner, RunContext, RuleVerdict, EventBoundParameters } from './engine/runner.js';
// The pack format's types; its zod schemas are on the /packs subpath (authoring tools validate with them).
export type * from './packs/schema.js';
export { coverage, coverageMarkdown, type CoverageEntry } from './packs/coverage.js';
export { lintPackFiles, type LintIssue, type LintOptions } from './packs/lint.js';
export { runPackTestFiles, type PackTestCase, type PackTestResult, type PackTestOptions } from './authoring/test-runner.js';
export { lintPack } from './packs/lint-directory.js';
export { runPackTests } from './authoring/directory.js';
export * from './model/index.js';
export * from './adapters/index.js';
export { SEVERITIES, type RunnerOption } from './engine/session.js';
export {
  evaluateRegister,
  evaluateRegisterFile,
  type RegisterFormat,
  type RegisterSource,
  type RegisterOptions,
  type RegisterProgress,
  type RegisterSummary,
  type RegisterFundAccount,
  type RowError,
} from './batch/register.js';
export type { RegisterColumn, RegisterRowInput, RowIssue } from './batch/row.js';
export type { RegisterFinding } from './batch/findings.js';
export type { WritableLike } from './batch/output.js';
export { FileReadError, type FileProblem } from './io/read-file.js';
export {
  checkOrder,
  safeCheckOrder,
  prepareFund,
  isPreparedFund,
  PreparedFund,
  orderScenario,
  type CheckOrderOptions,
  type OrderCheck,
  type OrderFinding,
  type OrderParty,
  type SafeCheckOrderResult,
  type PrepareOptions,
  type OrderScenario,
  type DecidingChange,
  type PassiveComparison,
  type PassiveEffect,
  type Order,
  type OrderInput,
  type OrderKind,
  type CheckedOrder,
  type OrderRole,
} from './pretrade/index.js';
export type { CategoryBasis } from './engine/investor-category.js';
export { compactFinding, compactReport, registerFindingLine, catalogRule, rulesCatalog, citationKey, type FindingsForm, type RegisterCondition, type RegisterLineParts, type CompactFinding, type CompactEvidence, type CompactReport, type CompactReportFinding, type FindingLocation, type CatalogRule, type CatalogCitation, type CatalogEvidence } from './report/compact.js';
