import { ComplianceInputError, type ValidationIssue } from '../../model/errors.js';

/** Which list of SEC records a problem is in. */
export type SecRecordSource = 'profiles' | 'parties' | 'minimums';

/**
 * One problem with SEC open-data records. `path` / `pointer` locate the field
 * in the input (`profiles[3].proj_retail_type`); `source` and `index` name the
 * record, `projId` the project it belongs to when it could be read.
 */
export interface SecOpenDataIssue extends ValidationIssue {
  source?: SecRecordSource;
  index?: number;
  projId?: string;
  /** The SEC field, e.g. `proj_retail_type`. */
  field?: string;
}

/**
 * Thrown by `fromSecOpenData` when records cannot be turned into funds. Lists
 * every problem found, each with its record and field. A kind of
 * {@link ComplianceInputError}, so code that already handles bad input handles it.
 */
export class SecOpenDataError extends ComplianceInputError {
  constructor(override readonly issues: SecOpenDataIssue[]) {
    super(issues, 'SEC open data');
    this.name = 'SecOpenDataError';
    this.message = `Invalid SEC open data: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n${issues
      .map((issue) => `  - ${issue.pointer}${issue.projId ? ` (${issue.projId})` : ''}: ${issue.message}`)
      .join('\n')}`;
  }
}
