import { contentHash } from '../rubric/index.js';
import type { Queryable } from '../server/store/index.js';
import { readAnswers } from './answers.js';
import { AssessmentError } from './errors.js';
import type { StateCode } from './states.js';

/** Workflow status of an assessment; never to be confused with the finding on an indicator. */
export type AssessmentStatus = 'draft' | 'submitted' | 'changes_requested' | 'approved' | 'published';

export const statusLabels: Record<AssessmentStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted for review',
  changes_requested: 'Changes requested',
  approved: 'Approved',
  published: 'Published',
};

export interface Assessment {
  id: number;
  stateCode: StateCode;
  stateName: string;
  stateIsSample: boolean;
  roundId: number;
  roundTitle: string;
  rubricKey: string;
  status: AssessmentStatus;
  sharedWithFocalPointAt: string | null;
  updatedAt: string;
  /** Moves on at every change of the assessment's answers (a database trigger): what cached reads of them are keyed by. */
  answersVersion: string;
}

interface AssessmentRow {
  id: number;
  state_code: string;
  state_name: string;
  state_is_sample: boolean;
  round_id: number;
  round_title: string;
  rubric_key: string;
  status: AssessmentStatus;
  shared_with_focal_point_at: Date | null;
  updated_at: Date;
  answers_version_text: string;
}

const SELECT_ASSESSMENTS = `
  SELECT a.*, a.answers_version::text AS answers_version_text, s.name AS state_name, s.is_sample AS state_is_sample, r.title AS round_title
  FROM assessments a JOIN states s ON s.code = a.state_code JOIN rounds r ON r.id = a.round_id`;

export async function createAssessment(
  db: Queryable,
  fields: { stateCode: StateCode; roundId: number; rubricKey: string },
): Promise<Assessment> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO assessments (state_code, round_id, rubric_key) VALUES ($1, $2, $3)
     ON CONFLICT (state_code, round_id) DO NOTHING RETURNING id`,
    [fields.stateCode, fields.roundId, fields.rubricKey],
  );
  if (!rows[0]) throw new AssessmentError('ALREADY_EXISTS', 'This state already has an assessment in this round.');
  return (await findAssessment(db, rows[0].id))!;
}

export async function findAssessment(db: Queryable, id: number): Promise<Assessment | null> {
  const rows = await db.query<AssessmentRow>(`${SELECT_ASSESSMENTS} WHERE a.id = $1`, [id]);
  return rows[0] ? toAssessment(rows[0]) : null;
}

export async function listAssessments(db: Queryable): Promise<Assessment[]> {
  const rows = await db.query<AssessmentRow>(`${SELECT_ASSESSMENTS} ORDER BY r.starts_on DESC, s.name`);
  return rows.map(toAssessment);
}

/** Answers change only while the consultant holds the assessment. */
export function assertEditable(assessment: Assessment): void {
  if (assessment.status === 'draft' || assessment.status === 'changes_requested') return;
  throw new AssessmentError(
    'WRONG_STATUS',
    `This assessment is ${statusLabels[assessment.status].toLowerCase()}; its answers can change again only if the programme manager requests changes.`,
  );
}

/** Workflow steps, the statuses each may start from, and where each leads. */
export const steps = {
  submit: { from: ['draft', 'changes_requested'], to: 'submitted' },
  'request-changes': { from: ['submitted'], to: 'changes_requested' },
  approve: { from: ['submitted'], to: 'approved' },
  share: { from: ['approved'], to: 'approved' },
  publish: { from: ['approved'], to: 'published' },
} as const satisfies Record<string, { from: readonly AssessmentStatus[]; to: AssessmentStatus }>;

export type Step = keyof typeof steps;

const refusals: Record<Step, string> = {
  submit: 'Only a draft, or an assessment sent back for changes, can be submitted for review.',
  'request-changes': 'Changes can be requested only on an assessment submitted for review.',
  approve: 'Only an assessment submitted for review can be approved.',
  share: 'Only an approved assessment can be shared with the focal point, and only once.',
  publish: 'Only an approved assessment can be published.',
};

/**
 * Moves an assessment one step through the workflow. Publishing freezes a snapshot of its answers
 * with a content hash; the published record never changes afterwards.
 */
export async function takeStep(db: Queryable, id: number, step: Step, actorId: number): Promise<Assessment> {
  const { from, to } = steps[step];
  const onlyOnce = step === 'share' ? 'AND shared_with_focal_point_at IS NULL' : '';
  const rows = await db.query<{ id: number }>(
    `UPDATE assessments SET status = $2, updated_at = now() ${step === 'share' ? ', shared_with_focal_point_at = now()' : ''}
     WHERE id = $1 AND status = ANY($3::text[]) ${onlyOnce} RETURNING id`,
    [id, to, from],
  );
  if (!rows[0]) throw new AssessmentError('WRONG_STATUS', refusals[step]);
  if (step === 'publish') await freezeSnapshot(db, id, actorId);
  return (await findAssessment(db, id))!;
}

async function freezeSnapshot(db: Queryable, id: number, actorId: number): Promise<void> {
  const assessment = (await findAssessment(db, id))!;
  const content = {
    assessment: { id, stateCode: assessment.stateCode, roundId: assessment.roundId, rubricKey: assessment.rubricKey },
    answers: Object.fromEntries(await readAnswers(db, id)),
  };
  await db.query(
    `INSERT INTO assessment_snapshots (assessment_id, content, content_hash, published_by) VALUES ($1, $2::jsonb, $3, $4)`,
    [id, JSON.stringify(content), contentHash(content), actorId],
  );
}

export async function latestSnapshotHash(db: Queryable, id: number): Promise<string | null> {
  const rows = await db.query<{ content_hash: string }>(
    'SELECT content_hash FROM assessment_snapshots WHERE assessment_id = $1 ORDER BY id DESC LIMIT 1',
    [id],
  );
  return rows[0]?.content_hash ?? null;
}

function toAssessment(row: AssessmentRow): Assessment {
  return {
    id: row.id,
    stateCode: row.state_code,
    stateName: row.state_name,
    stateIsSample: row.state_is_sample,
    roundId: row.round_id,
    roundTitle: row.round_title,
    rubricKey: row.rubric_key,
    status: row.status,
    sharedWithFocalPointAt: row.shared_with_focal_point_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
    answersVersion: row.answers_version_text,
  };
}
