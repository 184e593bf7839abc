import type { Queryable } from '../server/store/index.js';

export interface SavedAnswer {
  assessmentId: number;
  indicatorId: string;
  revision: number;
}

/**
 * Stores an answer document exactly as typed, valid or not (validation errors are reported, never a
 * reason to drop input), and returns its new revision.
 */
export async function saveAnswer(
  db: Queryable,
  assessmentId: number,
  indicatorId: string,
  document: unknown,
): Promise<SavedAnswer> {
  const rows = await db.query<{ revision: number }>(
    `INSERT INTO answers (assessment_id, indicator_id, document)
     VALUES ($1, $2, $3::jsonb)
     ON CONFLICT (assessment_id, indicator_id)
     DO UPDATE SET document = EXCLUDED.document, revision = answers.revision + 1, updated_at = now()
     RETURNING revision`,
    [assessmentId, indicatorId, JSON.stringify(document)],
  );
  return { assessmentId, indicatorId, revision: rows[0]!.revision };
}

export async function readAnswers(db: Queryable, assessmentId: number): Promise<Map<string, unknown>> {
  const rows = await db.query<{ indicator_id: string; document: unknown }>(
    'SELECT indicator_id, document FROM answers WHERE assessment_id = $1 ORDER BY indicator_id',
    [assessmentId],
  );
  return new Map(rows.map((r) => [r.indicator_id, r.document]));
}
