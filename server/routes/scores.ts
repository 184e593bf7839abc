import type { Request } from 'express';
import { listAssessments, listRounds, loadRoundScores, type Assessment, type RoundCard, type RoundScores } from '../../assessments/index.js';
import { AppError } from '../errors.js';
import type { Store } from '../store/index.js';
import type { RouteSpec } from '../web/routing.js';
import { loadAuthorised } from './assessments.js';
import { rubricFor } from './pinned-rubric.js';
import { comparisonJson, dashboardView, parseFilters } from './score-dashboard.js';
import { answersTable, matrixTable, sendCsv, sendXlsx } from './score-exports.js';
import { stateScoresJson, stateScoresView } from './score-state.js';

const MANAGERS = ['administrator', 'programme_manager'] as const;

/** One round, scored and compared; 404 when there is no such round. */
async function roundScores(store: Store, req: Request): Promise<RoundScores> {
  const id = Number(req.params.id);
  const scores = Number.isInteger(id) && id > 0 ? await loadRoundScores(store, id, (key) => rubricFor(store, key)) : null;
  if (!scores) throw new AppError('NOT_FOUND', 404, 'There is no such round.');
  return scores;
}

/** The round before this one, scored, for the change between them; null for a first round. */
async function previousScores(store: Store, scores: RoundScores): Promise<RoundScores | null> {
  return scores.round.previousRoundId ? loadRoundScores(store, scores.round.previousRoundId, (key) => rubricFor(store, key)) : null;
}

/** An assessment the user may read, with its round scored around it. */
async function assessmentScores(store: Store, req: Request): Promise<{ assessment: Assessment; scores: RoundScores; card: RoundCard }> {
  const assessment = await loadAuthorised(store, req, 'read');
  const scores = await loadRoundScores(store, assessment.roundId, (key) => rubricFor(store, key));
  const card = scores?.cards.find((c) => c.assessmentId === assessment.id);
  if (!scores || !card) throw new AppError('NOT_FOUND', 404, 'There is no page at this address.');
  return { assessment, scores, card };
}

/**
 * Scores and comparison: a state's explained scores (whoever may read the assessment), the
 * round's dashboard and its exports (programme managers and administrators), and their JSON twins.
 */
export function scoreRoutes(store: Store): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/dashboard',
      access: MANAGERS,
      async handle(_req, res) {
        // The latest round with assessments, a real one before any SAMPLE round.
        const assessed = new Set((await listAssessments(store)).map((a) => a.roundId));
        const rounds = (await listRounds(store)).filter((r) => assessed.has(r.id));
        const round = rounds.find((r) => !r.isSample) ?? rounds[0];
        res.redirect(303, round ? `/rounds/${round.id}/dashboard` : '/rounds');
      },
    },
    {
      method: 'get',
      path: '/assessments/:id/scores',
      access: 'signed-in',
      async handle(req, res) {
        const { assessment, scores, card } = await assessmentScores(store, req);
        res.render('pages/scores/state', stateScoresView(await rubricFor(store, assessment.rubricKey), scores, card, assessment));
      },
    },
    {
      method: 'get',
      path: '/api/v1/assessments/:id/scores',
      access: 'signed-in',
      async handle(req, res) {
        const { assessment, scores, card } = await assessmentScores(store, req);
        res.json(stateScoresJson(scores, card, assessment));
      },
    },
    {
      method: 'get',
      path: '/rounds/:id/dashboard',
      access: MANAGERS,
      async handle(req, res) {
        const scores = await roundScores(store, req);
        const previous = await previousScores(store, scores);
        const rubric = scores.cards[0] ? await rubricFor(store, scores.cards[0].card.rubric) : null;
        res.render('pages/scores/dashboard', await dashboardView(store, rubric, scores, previous, parseFilters(req.query)));
      },
    },
    {
      method: 'get',
      path: '/api/v1/rounds/:id/comparison',
      access: MANAGERS,
      async handle(req, res) {
        const scores = await roundScores(store, req);
        res.json(comparisonJson(scores, await previousScores(store, scores)));
      },
    },
    {
      method: 'get',
      path: '/rounds/:id/matrix.csv',
      access: MANAGERS,
      async handle(req, res) {
        sendCsv(res, matrixTable(await roundScores(store, req)));
      },
    },
    {
      method: 'get',
      path: '/rounds/:id/matrix.xlsx',
      access: MANAGERS,
      async handle(req, res) {
        await sendXlsx(res, matrixTable(await roundScores(store, req)));
      },
    },
    {
      method: 'get',
      path: '/rounds/:id/answers.csv',
      access: MANAGERS,
      async handle(req, res) {
        const scores = await roundScores(store, req);
        sendCsv(res, await answersTable(scores, (key) => rubricFor(store, key)));
      },
    },
    {
      method: 'get',
      path: '/rounds/:id/answers.xlsx',
      access: MANAGERS,
      async handle(req, res) {
        const scores = await roundScores(store, req);
        await sendXlsx(res, await answersTable(scores, (key) => rubricFor(store, key)));
      },
    },
  ];
}
