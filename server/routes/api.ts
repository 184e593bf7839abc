import { listAssessments, listComments, readAnswers, statusLabels } from '../../assessments/index.js';
import { may } from '../auth/policy.js';
import type { Store } from '../store/index.js';
import { unprocessable } from '../web/input.js';
import type { RouteSpec } from '../web/routing.js';
import { loadAuthorised, parseComment, postComment } from './assessments.js';

/** The JSON API (version 1): the same data and checks as the pages; problem+json on errors. */
export function apiRoutes(store: Store): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/api/v1/me',
      access: 'signed-in',
      handle(req, res) {
        const { id, email, displayName, role, states } = req.user!;
        res.json({ id, email, displayName, role, states });
      },
    },
    {
      method: 'get',
      path: '/api/v1/assessments',
      access: 'signed-in',
      async handle(req, res) {
        const visible = (await listAssessments(store)).filter((a) => may(req.user!, 'read', a));
        res.json({ assessments: visible.map((a) => ({ ...a, statusLabel: statusLabels[a.status] })) });
      },
    },
    {
      method: 'get',
      path: '/api/v1/assessments/:id',
      access: 'signed-in',
      async handle(req, res) {
        const assessment = await loadAuthorised(store, req, 'read');
        res.json({
          assessment,
          answers: Object.fromEntries(await readAnswers(store, assessment.id)),
          comments: await listComments(store, assessment.id),
        });
      },
    },
    {
      method: 'post',
      path: '/api/v1/assessments/:id/comments',
      access: 'signed-in',
      async handle(req, res) {
        const assessment = await loadAuthorised(store, req, 'comment');
        const parsed = parseComment(req.body);
        if (!parsed.ok) throw unprocessable(parsed.problems);
        const id = await postComment(store, req, assessment, parsed.value);
        res.status(201).json({ id });
      },
    },
  ];
}
