import type { Queryable } from '../server/store/index.js';
import { cachePerStore } from '../server/web/bounded-cache.js';
import { AssessmentError } from './errors.js';

/** A validation problem kept with an answer, in plain words (see rubric validateAnswers). */
export interface StoredProblem {
  field: string;
  pointer: string;
  message: string;
}

export interface StoredAnswer {
  indicatorId: string;
  document: unknown;
  revision: number;
  problems: StoredProblem[];
  updatedAt: string;
  updatedBy: number | null;
}

export interface AnswerChange {
  assessmentId: number;
  indicatorId: string;
  document: unknown;
  /** The revision the change was based on; 0 for a first answer. */
  baseRevision: number;
  userId: number | null;
  problems: StoredProblem[];
}

/** A save based on a revision that is no longer the current one: nothing is overwritten. */
export class AnswerConflictError extends AssessmentError {
  constructor(readonly current: StoredAnswer) {
    super('CONFLICT', 'Someone else saved this answer after you opened it. Compare both versions and choose what to keep.');
    this.name = 'AnswerConflictError';
  }
}

/**
 * Stores an answer document exactly as typed, valid or not (problems are kept beside it, never a
 * reason to drop input), if and only if it is based on the current revision; keeps the change in
 * the history. Returns the new revision. Run it inside a transaction with the audit entry.
 */
export async function saveAnswer(db: Queryable, change: AnswerChange): Promise<number> {
  const params = [change.assessmentId, change.indicatorId, JSON.stringify(change.document), change.userId, JSON.stringify(change.problems)];
  // One statement writes the answer and its history entry; `before` is the row as it was, read in
  // the same snapshot. A stale base revision writes nothing (no row comes back).
  const rows =
    change.baseRevision === 0
      ? await db.query<{ revision: number }>(
          `WITH saved AS (
             INSERT INTO answers (assessment_id, indicator_id, document, updated_by, problems) VALUES ($1, $2, $3::jsonb, $4, $5::jsonb)
             ON CONFLICT (assessment_id, indicator_id) DO NOTHING RETURNING revision)
           INSERT INTO answer_history (assessment_id, indicator_id, revision, before, after, changed_by)
           SELECT $1, $2, revision, NULL, $3::jsonb, $4 FROM saved RETURNING revision`,
          params,
        )
      : await db.query<{ revision: number }>(
          `WITH previous AS (
             SELECT document FROM answers WHERE assessment_id = $1 AND indicator_id = $2 AND revision = $6),
           saved AS (
             UPDATE answers SET document = $3::jsonb, revision = revision + 1, updated_at = now(), updated_by = $4, problems = $5::jsonb
             WHERE assessment_id = $1 AND indicator_id = $2 AND revision = $6 RETURNING revision)
           INSERT INTO answer_history (assessment_id, indicator_id, revision, before, after, changed_by)
           SELECT $1, $2, saved.revision, (SELECT document FROM previous), $3::jsonb, $4 FROM saved RETURNING revision`,
          [...params, change.baseRevision],
        );
  const revision = rows[0]?.revision;
  if (revision === undefined) {
    const current = await readAnswer(db, change.assessmentId, change.indicatorId);
    if (!current) throw new AssessmentError('CONFLICT', 'This answer was removed after you opened it. Reload the page.');
    throw new AnswerConflictError(current);
  }
  return revision;
}

interface AnswerRow {
  indicator_id: string;
  document: unknown;
  revision: number;
  problems: StoredProblem[];
  updated_at: Date;
  updated_by: number | null;
}

function toStored(row: AnswerRow): StoredAnswer {
  return {
    indicatorId: row.indicator_id,
    document: row.document,
    revision: row.revision,
    problems: row.problems,
    updatedAt: row.updated_at.toISOString(),
    updatedBy: row.updated_by,
  };
}

export async function readAnswer(db: Queryable, assessmentId: number, indicatorId: string): Promise<StoredAnswer | null> {
  const rows = await db.query<AnswerRow>(
    'SELECT indicator_id, document, revision, problems, updated_at, updated_by FROM answers WHERE assessment_id = $1 AND indicator_id = $2',
    [assessmentId, indicatorId],
  );
  return rows[0] ? toStored(rows[0]) : null;
}

export async function listAnswers(db: Queryable, assessmentId: number): Promise<StoredAnswer[]> {
  const rows = await db.query<AnswerRow>(
    'SELECT indicator_id, document, revision, problems, updated_at, updated_by FROM answers WHERE assessment_id = $1 ORDER BY indicator_id',
    [assessmentId],
  );
  return rows.map(toStored);
}

const answersCache = cachePerStore<StoredAnswer[]>(200);

/**
 * `listAnswers` for pages that only read: cached by the assessment's answers version, read with
 * the assessment just before. The answers read are at least as new as that version, so a cached
 * list is never older than its key; any change anywhere moves the version on. Callers must not
 * change what they get.
 */
export async function listAnswersAt(db: Queryable, assessment: { id: number; answersVersion: string }): Promise<readonly StoredAnswer[]> {
  const key = `${assessment.id}@${assessment.answersVersion}`;
  const cache = answersCache(db);
  const known = cache.get(key);
  if (known) return known;
  const answers = await listAnswers(db, assessment.id);
  cache.set(key, answers);
  return answers;
}

/** The answer documents of an assessment by indicator id (what scoring and snapshots read). */
export async function readAnswers(db: Queryable, assessmentId: number): Promise<Map<string, unknown>> {
  return new Map((await listAnswers(db, assessmentId)).map((a) => [a.indicatorId, a.document]));
}

export interface AnswerHistoryEntry {
  revision: number;
  before: unknown;
  after: unknown;
  changedBy: string | null;
  changedAt: string;
}

/** Every change of one answer, newest first. */
export async function answerHistory(db: Queryable, assessmentId: number, indicatorId: string): Promise<AnswerHistoryEntry[]> {
  return (await answerHistories(db, assessmentId, [indicatorId])).get(indicatorId) ?? [];
}

/** Every change of several answers (one query), newest first, by indicator id. */
export async function answerHistories(db: Queryable, assessmentId: number, indicatorIds: readonly string[]): Promise<Map<string, AnswerHistoryEntry[]>> {
  const rows = await db.query<{ indicator_id: string; revision: number; before: unknown; after: unknown; changed_by: string | null; changed_at: Date }>(
    `SELECT h.indicator_id, h.revision, h.before, h.after, u.display_name AS changed_by, h.changed_at
     FROM answer_history h LEFT JOIN users u ON u.id = h.changed_by
     WHERE h.assessment_id = $1 AND h.indicator_id = ANY($2::text[]) ORDER BY h.indicator_id, h.revision DESC`,
    [assessmentId, indicatorIds],
  );
  const byIndicator = new Map<string, AnswerHistoryEntry[]>();
  for (const r of rows) {
    const entries = byIndicator.get(r.indicator_id) ?? [];
    entries.push({ revision: r.revision, before: r.before, after: r.after, changedBy: r.changed_by, changedAt: r.changed_at.toISOString() });
    byIndicator.set(r.indicator_id, entries);
  }
  return byIndicator;
}

/** The answer documents of several assessments (one query), by assessment id then indicator id. */
export async function readAnswersOf(db: Queryable, assessmentIds: readonly number[]): Promise<Map<number, Record<string, unknown>>> {
  const rows = await db.query<{ assessment_id: number; indicator_id: string; document: unknown }>(
    'SELECT assessment_id, indicator_id, document FROM answers WHERE assessment_id = ANY($1::int[])',
    [assessmentIds],
  );
  const byAssessment = new Map<number, Record<string, unknown>>();
  for (const r of rows) {
    const answers = byAssessment.get(r.assessment_id) ?? {};
    answers[r.indicator_id] = r.document;
    byAssessment.set(r.assessment_id, answers);
  }
  return byAssessment;
}
