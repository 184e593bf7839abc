import type { Queryable } from '../server/store/index.js';

/** What the store needs to know of a compiled rubric. */
export interface RubricVersion {
  key: string;
  id: string;
  version: string;
  hash: string;
  schema: unknown;
}

export class RubricChangedError extends Error {
  readonly code = 'RUBRIC_CHANGED';
  constructor(key: string) {
    super(
      `rubric ${key} is used by assessments and its file has changed since; ` +
        'a rubric version is immutable once used: restore the file and publish the change as a new version',
    );
    this.name = 'RubricChangedError';
  }
}

/**
 * Records a rubric version. Its content may still be corrected while no assessment uses it; once one
 * does, a changed file for the same version is refused, so scores never shift under an assessment.
 */
export async function registerRubric(db: Queryable, rubric: RubricVersion): Promise<void> {
  const rows = await db.query<{ content_hash: string; used: boolean }>(
    `SELECT content_hash, EXISTS (SELECT 1 FROM assessments a WHERE a.rubric_key = r.key) AS used
     FROM rubrics r WHERE key = $1`,
    [rubric.key],
  );
  const existing = rows[0];
  if (existing?.content_hash === rubric.hash) return;
  if (existing?.used) throw new RubricChangedError(rubric.key);
  await db.query(
    `INSERT INTO rubrics (key, rubric_id, version, content_hash, document) VALUES ($1, $2, $3, $4, $5::jsonb)
     ON CONFLICT (key) DO UPDATE SET content_hash = EXCLUDED.content_hash, document = EXCLUDED.document, registered_at = now()`,
    [rubric.key, rubric.id, rubric.version, rubric.hash, JSON.stringify(rubric.schema)],
  );
}
