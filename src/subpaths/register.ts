/** `thai-fund-compliance/register`: the register API and its row format (columns, row schema, format detection). */
export {
  evaluateRegister,
  evaluateRegisterFile,
  registerFormatOf,
  type RegisterFormat,
  type RegisterSource,
  type RegisterOptions,
  type RegisterProgress,
  type RegisterSummary,
  type RegisterFundAccount,
  type RowError,
} from '../batch/register.js';
export { REGISTER_COLUMNS, registerRowSchema, type RegisterColumn, type RegisterRowInput, type RowIssue } from '../batch/row.js';
export type { RegisterFinding } from '../batch/findings.js';
export type { WritableLike } from '../batch/output.js';
