import type { Request } from 'express';
import {
  addComment, completeness, findAssessment, latestSnapshotHash, outstandingForSubmission, readAnswersOf, listAssessments, listComments, readAnswers, statusLabels, steps, takeStep, type Assessment, type Outstanding, type Step,
} from '../../assessments/index.js';
import type { Answer } from '../../rubric/index.js';
import { rubricFor } from './pinned-rubric.js';
import { recordAudit } from '../audit.js';
import { authorize, may, type AssessmentAction } from '../auth/policy.js';
import { AppError } from '../errors.js';
import type { Store } from '../store/index.js';
import { inputParser, type FieldProblem } from '../web/input.js';
import { takePendingForm, type RouteSpec } from '../web/routing.js';

export const COMMENT_MAX = 5000;

interface CommentForm {
  indicatorId?: string;
  body: string;
  _csrf?: string;
}

export const parseComment = inputParser<CommentForm>(
  {
    type: 'object',
    required: ['body'],
    properties: {
      indicatorId: { type: 'string', maxLength: 80, pattern: '^([A-Z0-9-]+)?$' },
      body: { type: 'string', minLength: 1, maxLength: COMMENT_MAX, pattern: '\\S' },
      _csrf: { type: 'string' },
    },
  },
  { body: `Write a comment of 1 to ${COMMENT_MAX} characters.`, indicatorId: 'Choose a question from the list, or none.' },
);

/** Adds a comment and its audit entry in one transaction; a published assessment takes none. */
export async function postComment(store: Store, req: Request, assessment: Assessment, form: CommentForm): Promise<number> {
  if (assessment.status === 'published') throw new AppError('WRONG_STATUS', 409, 'A published assessment takes no more comments.');
  const indicatorId = form.indicatorId || null;
  return store.transaction(async (tx) => {
    const commentId = await addComment(tx, { assessmentId: assessment.id, indicatorId, authorId: req.user!.id, body: form.body });
    await recordAudit(tx, req, { action: 'comment.add', entityType: 'assessment', entityId: assessment.id, details: { commentId, indicator: indicatorId } });
    return commentId;
  });
}

/** Loads an assessment and checks the user may take `action` on it (404 when they may not even see it). */
export async function loadAuthorised(store: Store, req: Request, action: AssessmentAction): Promise<Assessment> {
  const id = Number(req.params.id);
  const assessment = Number.isInteger(id) && id > 0 ? await findAssessment(store, id) : null;
  if (!assessment) throw new AppError('NOT_FOUND', 404, 'There is no page at this address.');
  authorize(req.user!, action, assessment);
  return assessment;
}

/** A workflow step; submission first checks that every asked question has a valid answer. */
async function performStep(store: Store, req: Request, assessment: Assessment, step: Step): Promise<{ outstanding: Outstanding[] } | { assessment: Assessment }> {
  if (step === 'submit') {
    const rubric = await rubricFor(store, assessment.rubricKey);
    const answers = Object.fromEntries(await readAnswers(store, assessment.id)) as Record<string, Answer>;
    const outstanding = outstandingForSubmission(rubric, answers);
    if (outstanding.length > 0) return { outstanding };
  }
  const after = await store.transaction(async (tx) => {
    const moved = await takeStep(tx, assessment.id, step, req.user!.id);
    await recordAudit(tx, req, { action: `assessment.${step}`, entityType: 'assessment', entityId: assessment.id, details: { from: assessment.status, to: moved.status } });
    return moved;
  });
  return { assessment: after };
}

/** One entry per question, with all its messages and a link to it in the questionnaire. */
function byQuestion(assessmentId: number, outstanding: Outstanding[]) {
  const questions = new Map<string, { indicatorId: string; title: string; href: string; messages: string[] }>();
  for (const o of outstanding) {
    const entry = questions.get(o.indicatorId) ?? {
      indicatorId: o.indicatorId,
      title: o.title,
      href: `/assessments/${assessmentId}/questionnaire/${o.pillar}#q-${o.indicatorId}`,
      messages: [],
    };
    entry.messages.push(o.message);
    questions.set(o.indicatorId, entry);
  }
  return [...questions.values()];
}

/** Which role takes which workflow step. */
const stepActions: Record<Step, AssessmentAction> = {
  submit: 'submit',
  'request-changes': 'review',
  approve: 'review',
  share: 'share',
  publish: 'publish',
};

const stepLabels: Record<Step, string> = {
  submit: 'Submit for review',
  'request-changes': 'Request changes',
  approve: 'Approve',
  share: 'Share with the focal point',
  publish: 'Publish',
};

function stepOpen(step: Step, assessment: Assessment): boolean {
  const from: readonly string[] = steps[step].from;
  return from.includes(assessment.status) && !(step === 'share' && assessment.sharedWithFocalPointAt !== null);
}

async function assessmentView(store: Store, req: Request, assessment: Assessment, extra: { problems?: FieldProblem[]; comment?: Record<string, unknown> } = {}) {
  const rubric = await rubricFor(store, assessment.rubricKey);
  const answers = await readAnswers(store, assessment.id);
  const user = req.user!;
  const commentAction = `/assessments/${assessment.id}/comments`;
  const pending = takePendingForm(req, commentAction);
  const comment = extra.comment ?? pending ?? {};
  return {
    title: `${assessment.stateName}: ${assessment.roundTitle}`,
    assessment: { ...assessment, statusLabel: statusLabels[assessment.status] },
    snapshotHash: assessment.status === 'published' ? await latestSnapshotHash(store, assessment.id) : null,
    comments: (await listComments(store, assessment.id)).map((c) => ({ ...c, indicatorTitle: c.indicatorId ? rubric.indicator(c.indicatorId)?.title : null })),
    canComment: may(user, 'comment', assessment) && assessment.status !== 'published',
    commentAction,
    comment,
    problems: extra.problems,
    indicators: rubric.indicators.map((i) => ({ id: i.id, title: i.title, selected: comment.indicatorId === i.id })),
    // Only the steps this person may take and the workflow allows now.
    steps: (Object.keys(stepActions) as Step[])
      .filter((step) => may(user, stepActions[step], assessment) && stepOpen(step, assessment))
      .map((step) => ({ step, label: stepLabels[step] })),
    answers: rubric.indicators
      .filter((i) => answers.has(i.id))
      .map((i) => ({ id: i.id, title: i.title, answer: answers.get(i.id) as Answer })),
  };
}

export function assessmentRoutes(store: Store): RouteSpec[] {
  const routes: RouteSpec[] = [
    {
      method: 'get',
      path: '/assessments',
      access: 'signed-in',
      async handle(req, res) {
        const visible = (await listAssessments(store)).filter((a) => may(req.user!, 'read', a));
        const answers = await readAnswersOf(store, visible.map((a) => a.id));
        const rows = [];
        for (const a of visible) {
          const rubric = await rubricFor(store, a.rubricKey);
          const c = completeness(rubric, (answers.get(a.id) ?? {}) as Record<string, Answer>);
          rows.push({ ...a, statusLabel: statusLabels[a.status], answered: c.answered, asked: c.asked, percent: c.percent });
        }
        res.render('pages/assessments/list', {
          title: 'Assessments',
          assessments: rows,
          canCreate: req.user!.role === 'administrator' || req.user!.role === 'programme_manager',
        });
      },
    },
    {
      method: 'get',
      path: '/assessments/:id',
      access: 'signed-in',
      async handle(req, res) {
        const assessment = await loadAuthorised(store, req, 'read');
        res.render('pages/assessments/show', await assessmentView(store, req, assessment));
      },
    },
    {
      method: 'post',
      path: '/assessments/:id/comments',
      access: 'signed-in',
      async handle(req, res) {
        const assessment = await loadAuthorised(store, req, 'comment');
        const parsed = parseComment(req.body);
        if (!parsed.ok) {
          const view = await assessmentView(store, req, assessment, { problems: parsed.problems, comment: req.body as Record<string, unknown> });
          return res.status(422).render('pages/assessments/show', view);
        }
        await postComment(store, req, assessment, parsed.value);
        res.redirect(303, `/assessments/${assessment.id}#comments`);
      },
    },
  ];
  for (const step of Object.keys(stepActions) as Step[]) {
    routes.push(
      {
        method: 'post',
        path: `/assessments/:id/${step}`,
        access: 'signed-in',
        async handle(req, res) {
          const assessment = await loadAuthorised(store, req, stepActions[step]);
          const outcome = await performStep(store, req, assessment, step);
          if ('outstanding' in outcome) {
            const view = await assessmentView(store, req, assessment);
            return res.status(422).render('pages/assessments/show', { ...view, outstanding: byQuestion(assessment.id, outcome.outstanding) });
          }
          req.session.notice = `${stepLabels[step]}: done.`;
          res.redirect(303, `/assessments/${assessment.id}`);
        },
      },
      {
        method: 'post',
        path: `/api/v1/assessments/:id/${step}`,
        access: 'signed-in',
        async handle(req, res) {
          const assessment = await loadAuthorised(store, req, stepActions[step]);
          const outcome = await performStep(store, req, assessment, step);
          if ('outstanding' in outcome) {
            throw new AppError('NOT_READY', 422, `Not ready to submit: ${new Set(outcome.outstanding.map((o) => o.indicatorId)).size} question(s) need an answer or a correction.`, {
              errors: outcome.outstanding.map((o) => ({ pointer: `/answers/${o.indicatorId}`, question: o.indicatorId, detail: o.message })),
            });
          }
          res.json({ assessment: outcome.assessment });
        },
      },
    );
  }
  return routes;
}
