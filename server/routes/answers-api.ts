import {
  AnswerConflictError, answerHistory, assertEditable, listAnswers, readAnswer, saveAnswer,
} from '../../assessments/index.js';
import { validateAnswers } from '../../rubric/index.js';
import { recordAudit } from '../audit.js';
import { AppError } from '../errors.js';
import type { Store } from '../store/index.js';
import { inputParser, unprocessable } from '../web/input.js';
import type { RouteSpec } from '../web/routing.js';
import { loadAuthorised } from './assessments.js';
import { rubricFor } from './pinned-rubric.js';

interface AnswerPut {
  baseRevision: number;
  answer: Record<string, unknown>;
}

const parseAnswerPut = inputParser<AnswerPut>(
  {
    type: 'object',
    required: ['baseRevision', 'answer'],
    properties: { baseRevision: { type: 'integer', minimum: 0, maximum: 1_000_000_000 }, answer: { type: 'object' } },
  },
  {
    baseRevision: 'Send the revision your change is based on (0 for a first answer).',
    answer: 'Send the answer as a JSON object.',
  },
);

/** Answers through the JSON API: read them, save one (revision-checked), read its history. */
export function answerApiRoutes(store: Store): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/api/v1/rubrics/:key',
      access: 'signed-in',
      async handle(req, res) {
        res.json((await rubricFor(store, String(req.params.key))).schema);
      },
    },
    {
      method: 'get',
      path: '/api/v1/assessments/:id/answers',
      access: 'signed-in',
      async handle(req, res) {
        const assessment = await loadAuthorised(store, req, 'read');
        res.json({ rubric: assessment.rubricKey, answers: await listAnswers(store, assessment.id) });
      },
    },
    {
      method: 'put',
      path: '/api/v1/assessments/:id/answers/:indicatorId',
      access: 'signed-in',
      async handle(req, res) {
        const assessment = await loadAuthorised(store, req, 'edit');
        const parsed = parseAnswerPut(req.body);
        if (!parsed.ok) throw unprocessable(parsed.problems);
        assertEditable(assessment);
        const rubric = await rubricFor(store, assessment.rubricKey);
        const indicatorId = String(req.params.indicatorId);
        if (!rubric.indicator(indicatorId)) throw new AppError('NOT_FOUND', 404, `The rubric ${rubric.key} has no question ${indicatorId}.`);
        // Validation reports; it never stops the save: what was typed is kept as typed.
        const problems = validateAnswers(rubric, { answers: { [indicatorId]: parsed.value.answer } }).map((p) => ({
          field: p.field,
          pointer: p.pointer,
          message: p.message,
        }));
        try {
          const revision = await store.transaction(async (tx) => {
            const saved = await saveAnswer(tx, {
              assessmentId: assessment.id,
              indicatorId,
              document: parsed.value.answer,
              baseRevision: parsed.value.baseRevision,
              userId: req.user!.id,
              problems,
            });
            await recordAudit(tx, req, { action: 'answer.save', entityType: 'assessment', entityId: assessment.id, details: { indicator: indicatorId, revision: saved } });
            return saved;
          });
          res.json({ indicatorId, revision, problems });
        } catch (error) {
          if (!(error instanceof AnswerConflictError)) throw error;
          throw new AppError('CONFLICT', 409, error.message, {
            current: { revision: error.current.revision, document: error.current.document, updatedAt: error.current.updatedAt },
            yours: { baseRevision: parsed.value.baseRevision, document: parsed.value.answer },
          });
        }
      },
    },
    {
      method: 'get',
      path: '/api/v1/assessments/:id/answers/:indicatorId/history',
      access: 'signed-in',
      async handle(req, res) {
        const assessment = await loadAuthorised(store, req, 'read');
        const indicatorId = String(req.params.indicatorId);
        const current = await readAnswer(store, assessment.id, indicatorId);
        res.json({ indicatorId, revision: current?.revision ?? 0, history: await answerHistory(store, assessment.id, indicatorId) });
      },
    },
  ];
}
