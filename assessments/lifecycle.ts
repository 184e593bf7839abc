import type { Queryable } from '../server/store/index.js';
import type { StateCode } from './states.js';

/** Workflow status of an assessment; never to be confused with the finding on an indicator. */
export type AssessmentStatus = 'draft' | 'submitted' | 'changes_requested' | 'approved' | 'published';

export interface Assessment {
  id: number;
  stateCode: StateCode;
  roundId: number;
  rubricKey: string;
  status: AssessmentStatus;
}

export async function createAssessment(
  db: Queryable,
  fields: { stateCode: StateCode; roundId: number; rubricKey: string },
): Promise<Assessment> {
  const rows = await db.query<{ id: number; status: AssessmentStatus }>(
    `INSERT INTO assessments (state_code, round_id, rubric_key) VALUES ($1, $2, $3) RETURNING id, status`,
    [fields.stateCode, fields.roundId, fields.rubricKey],
  );
  const row = rows[0]!;
  return { id: row.id, status: row.status, ...fields };
}
