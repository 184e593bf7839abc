import type { Request, Response } from 'express';
import { assertEditable, listAnswers, readAnswers, readAnswersWorkbook, saveAnswer, writeAnswersWorkbook, type Assessment } from '../../assessments/index.js';
import { canonicalJson, validateAnswers, type CompiledRubric } from '../../rubric/index.js';
import { recordAudit } from '../audit.js';
import { AppError } from '../errors.js';
import type { Store } from '../store/index.js';
import { may } from '../auth/policy.js';
import { inputParser, rejectPrototypeKeys, unprocessable, type FieldProblem } from '../web/input.js';
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
      state: { type: 'object', required: ['code'], properties: { code: { type: 'string', pattern: '^[A-Z][A-Z0-9]$' } } },
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

/** One problem of an import, said where a person finds it: a question and field, or a sheet, row and column. */
interface ImportProblem {
  where: string;
  question: string | null;
  message: string;
  pointer?: string;
}

class ImportRefused extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super(`Nothing was imported: the file has ${problems.length} problem(s).`);
  }
}

interface Incoming {
  rubric: string;
  stateCode: string;
  answers: Record<string, unknown>;
}

/**
 * All or nothing: a file of another rubric or state, or with any invalid answer, changes nothing.
 * A valid file changes only the answers that differ, each change going into the history.
 */
async function importAnswers(store: Store, req: Request, a: Assessment, rubric: CompiledRubric, incoming: Incoming): Promise<{ imported: number; unchanged: number }> {
  assertEditable(a);
  const mismatches: ImportProblem[] = [
    ...(incoming.rubric === a.rubricKey ? [] : [{ where: 'rubric', question: null, message: `The file was written against ${incoming.rubric}; this assessment uses ${a.rubricKey}.` }]),
    ...(incoming.stateCode === a.stateCode ? [] : [{ where: 'state', question: null, message: `The file holds answers for ${incoming.stateCode}; this assessment is of ${a.stateCode}.` }]),
  ];
  if (mismatches.length > 0) throw new ImportRefused(mismatches);
  const problems = validateAnswers(rubric, { answers: incoming.answers });
  if (problems.length > 0) {
    throw new ImportRefused(
      problems.map((p) => ({ where: p.indicator ? `question ${p.indicator}${p.field ? `, ${p.field}` : ''}` : p.pointer, question: p.indicator ?? null, message: p.message, pointer: p.pointer })),
    );
  }
  const current = new Map((await listAnswers(store, a.id)).map((s) => [s.indicatorId, s]));
  const changed = Object.entries(incoming.answers).filter(([id, doc]) => canonicalJson(current.get(id)?.document) !== canonicalJson(doc));
  await store.transaction(async (tx) => {
    for (const [indicatorId, document] of changed) {
      await saveAnswer(tx, { assessmentId: a.id, indicatorId, document, baseRevision: current.get(indicatorId)?.revision ?? 0, userId: req.user!.id, problems: [] });
    }
    await recordAudit(tx, req, { action: 'assessment.import', entityType: 'assessment', entityId: a.id, details: { changed: changed.map(([id]) => id) } });
  });
  return { imported: changed.length, unchanged: Object.keys(incoming.answers).length - changed.length };
}

async function exportFile(store: Store, a: Assessment) {
  return {
    format: EXPORT_FORMAT,
    rubric: a.rubricKey,
    state: { code: a.stateCode, name: a.stateName, sample: a.stateIsSample },
    round: { id: a.roundId, title: a.roundTitle },
    status: a.status,
    exportedAt: new Date().toISOString(),
    answers: Object.fromEntries(await readAnswers(store, a.id)),
  };
}

/** An uploaded file, JSON or XLSX (told apart by content, not by name), read into what an import needs. */
async function readUpload(rubric: CompiledRubric, data: Buffer): Promise<Incoming> {
  if (data.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) {
    const read = await readAnswersWorkbook(rubric, data);
    if (!read.ok) {
      throw new ImportRefused(
        read.problems.map((p) => ({
          where: [p.sheet ? `sheet ${p.sheet}` : 'file', p.row === null ? null : `row ${p.row}`, p.column === null ? null : `column ${p.column}`].filter(Boolean).join(', '),
          question: p.question,
          message: p.message,
        })),
      );
    }
    return { rubric: read.rubricKey, stateCode: read.stateCode, answers: read.answers };
  }
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ImportRefused([{ where: 'file', question: null, message: `The file is neither an Excel workbook (.xlsx) nor valid JSON (${(error as Error).message}).` }]);
  }
  rejectPrototypeKeys(json);
  const parsed = parseImport(json);
  if (!parsed.ok) throw new ImportRefused(parsed.problems.map((p: FieldProblem) => ({ where: p.field, question: null, message: p.message })));
  return { rubric: parsed.value.rubric, stateCode: parsed.value.state.code, answers: parsed.value.answers };
}

async function renderTransfer(store: Store, req: Request, res: Response, a: Assessment, outcome: { imported?: { imported: number; unchanged: number }; problems?: ImportProblem[] } = {}, status = 200) {
  const editable = may(req.user!, 'edit', a) && (a.status === 'draft' || a.status === 'changes_requested');
  const rubric = await rubricFor(store, a.rubricKey);
  res.status(status).render('pages/assessments/transfer', {
    title: `Export and import: ${a.stateName}`,
    assessment: a,
    editable,
    ...outcome,
    problems: outcome.problems?.map((p) => {
      const pillar = p.question ? rubric.indicator(p.question)?.pillar : undefined;
      return { ...p, href: pillar ? `/assessments/${a.id}/questionnaire/${pillar}#q-${p.question}` : null };
    }),
  });
}

/** One assessment as a JSON file or an Excel workbook, and back: import is all or nothing, listing every problem. */
export function transferRoutes(store: Store): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/api/v1/assessments/:id/export',
      access: 'signed-in',
      async handle(req, res) {
        const a = await loadAuthorised(store, req, 'read');
        res.attachment(`assessment-${a.stateCode}-${a.id}.json`).json(await exportFile(store, a));
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
        const rubric = await rubricFor(store, a.rubricKey);
        try {
          res.json(await importAnswers(store, req, a, rubric, { rubric: parsed.value.rubric, stateCode: parsed.value.state.code, answers: parsed.value.answers }));
        } catch (error) {
          if (!(error instanceof ImportRefused)) throw error;
          if (error.problems.every((p) => p.pointer === undefined)) throw unprocessable(error.problems.map((p) => ({ field: p.where, message: p.message })));
          throw new AppError('INVALID_IMPORT', 422, error.message, {
            errors: error.problems.map((p) => ({ pointer: p.pointer, question: p.question, field: p.where, detail: p.message })),
          });
        }
      },
    },
    {
      method: 'get',
      path: '/assessments/:id/transfer',
      access: 'signed-in',
      async handle(req, res) {
        await renderTransfer(store, req, res, await loadAuthorised(store, req, 'read'));
      },
    },
    {
      method: 'get',
      path: '/assessments/:id/export.xlsx',
      access: 'signed-in',
      async handle(req, res) {
        const a = await loadAuthorised(store, req, 'read');
        const rubric = await rubricFor(store, a.rubricKey);
        const file = await writeAnswersWorkbook(
          { rubric, state: { code: a.stateCode, name: a.stateName, sample: a.stateIsSample }, round: { title: a.roundTitle }, status: a.status, exportedAt: new Date() },
          Object.fromEntries(await readAnswers(store, a.id)),
        );
        res.attachment(`assessment-${a.stateCode}-${a.id}.xlsx`).type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(file);
      },
    },
    {
      method: 'post',
      path: '/assessments/:id/import',
      access: 'signed-in',
      async handle(req, res) {
        const a = await loadAuthorised(store, req, 'edit');
        assertEditable(a);
        if (!req.file) {
          await renderTransfer(store, req, res, a, { problems: [{ where: 'file', question: null, message: 'Choose a file to import: a JSON export or an Excel workbook (.xlsx) from this page.' }] }, 422);
          return;
        }
        const rubric = await rubricFor(store, a.rubricKey);
        try {
          const imported = await importAnswers(store, req, a, rubric, await readUpload(rubric, req.file.buffer));
          await renderTransfer(store, req, res, a, { imported });
        } catch (error) {
          if (!(error instanceof ImportRefused)) throw error;
          await renderTransfer(store, req, res, a, { problems: error.problems }, 422);
        }
      },
    },
  ];
}
