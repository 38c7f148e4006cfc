import { ComplianceInputError, type ValidationIssue } from '../../model/errors.js';

/** Which list of SEC records a problem is in. */
export type SecRecordSource = 'profiles' | 'parties' | 'minimums';

/**
 * Why a record or project was refused (not adapted):
 * - `legacy-v1-record`: a record of the retired v1 FundFactsheet API, which has no fund type and no approval date;
 * - `invalid-record`: a field of the record cannot be read (the issue names it);
 * - `classes-disagree`: classes of one project, updated at the same time, disagree on a project-level field;
 * - `no-english-name`: `proj_name_en` is empty and no stand-in was allowed;
 * - `invalid-fund`: the values read do not make a valid fund (e.g. registered before approved);
 * - `not-a-record`: an item that is not a JSON object, or has no readable `proj_id`;
 * - `malformed-page`: a response page that is not `{ message: "success", items: [...] }`.
 */
export type SecRefusalReason = 'legacy-v1-record' | 'invalid-record' | 'classes-disagree' | 'no-english-name' | 'invalid-fund' | 'not-a-record' | 'malformed-page';

/**
 * One problem with SEC open-data records. `path` / `pointer` locate the field
 * in the input (`profiles[0].items[3].init_date`); `source` names the list,
 * `projId` the project when it could be read, `reason` the kind of refusal.
 */
export interface SecOpenDataIssue extends ValidationIssue {
  source?: SecRecordSource;
  projId?: string;
  /** The SEC field, e.g. `init_date`. */
  field?: string;
  reason?: SecRefusalReason;
}

/**
 * Thrown by `fromSecOpenData` under `onError: 'throw'` (or when the input is
 * not SEC records at all). Lists every problem, each with its record and
 * field. A kind of {@link ComplianceInputError}.
 */
export class SecOpenDataError extends ComplianceInputError {
  constructor(override readonly issues: SecOpenDataIssue[]) {
    super(issues, 'SEC open data');
    this.name = 'SecOpenDataError';
    this.message = `Invalid SEC open data: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n${issues
      .slice(0, 50)
      .map((issue) => `  - ${issue.pointer}${issue.projId ? ` (${issue.projId})` : ''}: ${issue.message}`)
      .join('\n')}${issues.length > 50 ? `\n  … and ${issues.length - 50} more` : ''}`;
  }
}
