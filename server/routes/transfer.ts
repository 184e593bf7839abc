import { assertEditable, listAnswers, readAnswers, saveAnswer } from '../../assessments/index.js';
import { canonicalJson, validateAnswers } from '../../rubric/index.js';
import { recordAudit } from '../audit.js';
import { AppError } from '../errors.js';
import type { Store } from '../store/index.js';
import { inputParser, unprocessable } from '../web/input.js';
import type { RouteSpec } from '../web/routing.js';
import { loadAuthorised } from './assessments.js';
import { rubricFor } from './pinned-rubric.js';

/** The file format of one exported assessment; an import must say the same. */
export const EXPORT_FORMAT = 'palermo-assess/assessment@1';

interface ImportFile {
  format: string;
  rubric: string;
  state: { code: string };
  answers: Record<string, unknown>;
}

const parseImport = inputParser<ImportFile>(
  {
    type: 'object',
    required: ['format', 'rubric', 'state', 'answers'],
    properties: {
      format: { const: EXPORT_FORMAT },
      rubric: { type: 'string', maxLength: 100 },
      state: { type: 'object', required: ['code'], properties: { code: { type: 'string', pattern: '^[A-Z]{2}$' } } },
      answers: { type: 'object' },
      // Written by the export for the reader; an import ignores them.
      round: { type: 'object' },
      status: { type: 'string' },
      exportedAt: { type: 'string' },
    },
  },
  {
    format: `This is not an assessment export: "format" must be "${EXPORT_FORMAT}".`,
    rubric: 'Give the rubric the answers were written against, e.g. palermo-tip@1.0.0.',
    state: 'Give the state the answers belong to, as { "code": "XX" }.',
    answers: 'Give the answers as an object keyed by question id.',
    round: 'The round must be an object.',
    status: 'The status must be a text.',
    exportedAt: 'The export date must be a text.',
  },
);

/** One assessment as a JSON file, and back: import is all or nothing, listing every problem. */
export function transferApiRoutes(store: Store): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/api/v1/assessments/:id/export',
      access: 'signed-in',
      async handle(req, res) {
        const a = await loadAuthorised(store, req, 'read');
        const file = {
          format: EXPORT_FORMAT,
          rubric: a.rubricKey,
          state: { code: a.stateCode, name: a.stateName, sample: a.stateIsSample },
          round: { id: a.roundId, title: a.roundTitle },
          status: a.status,
          exportedAt: new Date().toISOString(),
          answers: Object.fromEntries(await readAnswers(store, a.id)),
        };
        res.attachment(`assessment-${a.stateCode}-${a.id}.json`).json(file);
      },
    },
    {
      method: 'post',
      path: '/api/v1/assessments/:id/import',
      access: 'signed-in',
      async handle(req, res) {
        const a = await loadAuthorised(store, req, 'edit');
        assertEditable(a);
        const parsed = parseImport(req.body);
        if (!parsed.ok) throw unprocessable(parsed.problems);
        const file = parsed.value;
        const mismatches = [
          ...(file.rubric === a.rubricKey ? [] : [{ field: 'rubric', message: `The file was written against ${file.rubric}; this assessment uses ${a.rubricKey}.` }]),
          ...(file.state.code === a.stateCode ? [] : [{ field: 'state', message: `The file holds answers for ${file.state.code}; this assessment is of ${a.stateCode}.` }]),
        ];
        if (mismatches.length > 0) throw unprocessable(mismatches);
        const rubric = await rubricFor(store, a.rubricKey);
        const problems = validateAnswers(rubric, { answers: file.answers });
        if (problems.length > 0) {
          throw new AppError('INVALID_IMPORT', 422, `Nothing was imported: the file has ${problems.length} problem(s).`, {
            errors: problems.map((p) => ({ pointer: p.pointer, question: p.indicator ?? null, field: p.field, detail: p.message })),
          });
        }
        const current = new Map((await listAnswers(store, a.id)).map((s) => [s.indicatorId, s]));
        const changed = Object.entries(file.answers).filter(([id, doc]) => canonicalJson(current.get(id)?.document) !== canonicalJson(doc));
        await store.transaction(async (tx) => {
          for (const [indicatorId, document] of changed) {
            await saveAnswer(tx, { assessmentId: a.id, indicatorId, document, baseRevision: current.get(indicatorId)?.revision ?? 0, userId: req.user!.id, problems: [] });
          }
          await recordAudit(tx, req, { action: 'assessment.import', entityType: 'assessment', entityId: a.id, details: { changed: changed.map(([id]) => id) } });
        });
        res.json({ imported: changed.length, unchanged: Object.keys(file.answers).length - changed.length });
      },
    },
  ];
}
