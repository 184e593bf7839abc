import { createAssessment, createRound, listRounds, listStates, findRound } from '../../assessments/index.js';
import { recordAudit } from '../audit.js';
import { AppError } from '../errors.js';
import type { Store } from '../store/index.js';
import { inputParser, type FieldProblem } from '../web/input.js';
import type { RouteSpec } from '../web/routing.js';
import { currentRubric } from './pinned-rubric.js';
import type { Response } from 'express';

interface RoundForm {
  slug: string;
  title: string;
  startsOn: string;
  _csrf?: string;
}

interface NewAssessmentForm {
  stateCode: string;
  roundId: string;
  _csrf?: string;
}

const parseRound = inputParser<RoundForm>(
  {
    type: 'object',
    required: ['slug', 'title', 'startsOn'],
    properties: {
      slug: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' },
      title: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
      startsOn: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
      _csrf: { type: 'string' },
    },
  },
  {
    slug: 'Enter a short name of lower-case letters, digits and hyphens, such as 2026-baseline.',
    title: 'Enter a title of 1 to 200 characters.',
    startsOn: 'Enter the start date as YYYY-MM-DD.',
  },
);

const parseNewAssessment = inputParser<NewAssessmentForm>(
  {
    type: 'object',
    required: ['stateCode', 'roundId'],
    properties: { stateCode: { type: 'string', pattern: '^[A-Z][A-Z0-9]$' }, roundId: { type: 'string', pattern: '^\\d{1,9}$' }, _csrf: { type: 'string' } },
  },
  { stateCode: 'Choose a state.', roundId: 'Choose a round.' },
);

/** Rounds and the assessments in them: administrators open rounds; managers and administrators open assessments. */
export function roundRoutes(store: Store): RouteSpec[] {
  const render = async (res: Response, extra: { problems?: FieldProblem[]; values?: Record<string, unknown>; status?: number } = {}) => {
    res.status(extra.status ?? 200).render('pages/rounds', {
      title: 'Rounds',
      rounds: await listRounds(store),
      states: await listStates(store, { includeSamples: true }),
      problems: extra.problems,
      values: extra.values ?? {},
    });
  };
  return [
    {
      method: 'get',
      path: '/rounds',
      access: ['administrator', 'programme_manager'],
      handle: (_req, res) => render(res),
    },
    {
      method: 'post',
      path: '/rounds',
      access: ['administrator'],
      async handle(req, res) {
        const parsed = parseRound(req.body);
        if (!parsed.ok) return render(res, { problems: parsed.problems, values: req.body as Record<string, unknown>, status: 422 });
        const existing = (await listRounds(store)).some((r) => r.slug === parsed.value.slug);
        if (existing) return render(res, { problems: [{ field: 'slug', message: 'A round with this short name exists already.' }], values: req.body as Record<string, unknown>, status: 422 });
        await store.transaction(async (tx) => {
          const round = await createRound(tx, { slug: parsed.value.slug, title: parsed.value.title.trim(), startsOn: parsed.value.startsOn });
          await recordAudit(tx, req, { action: 'round.create', entityType: 'round', entityId: round.id, details: { slug: round.slug } });
        });
        res.redirect(303, '/rounds');
      },
    },
    {
      method: 'post',
      path: '/assessments',
      access: ['administrator', 'programme_manager'],
      async handle(req, res) {
        const parsed = parseNewAssessment(req.body);
        if (!parsed.ok) return render(res, { problems: parsed.problems, status: 422 });
        const round = await findRound(store, Number(parsed.value.roundId));
        if (!round) throw new AppError('NOT_FOUND', 404, 'There is no such round.');
        const rubric = await currentRubric();
        const assessment = await store.transaction(async (tx) => {
          const created = await createAssessment(tx, { stateCode: parsed.value.stateCode, roundId: round.id, rubricKey: rubric.key });
          await recordAudit(tx, req, { action: 'assessment.create', entityType: 'assessment', entityId: created.id, details: { state: created.stateCode, round: round.slug, rubric: rubric.key } });
          return created;
        });
        res.redirect(303, `/assessments/${assessment.id}`);
      },
    },
  ];
}
