import type { Request, Response } from 'express';
import {
  AnswerConflictError, answerHistories, findAssessment, listAnswersAt, type AnswerHistoryEntry, assertEditable, completeness, listAnswers, saveAnswer, type Assessment, type StoredAnswer, type StoredProblem,
} from '../../assessments/index.js';
import { obligationWords } from '../../reports/index.js';
import { canonicalJson, isMoot, validateAnswers, type Answer, type Indicator } from '../../rubric/index.js';
import { recordAudit } from '../audit.js';
import { may } from '../auth/policy.js';
import { AppError } from '../errors.js';
import type { Store } from '../store/index.js';
import { answerFromForm, baseRevisionOf, CITATION_FIELDS, wasOnForm } from '../web/answer-form.js';
import { cachePerStore } from '../web/bounded-cache.js';
import { takePendingForm, type RouteSpec } from '../web/routing.js';
import { renderPartial } from '../web/views.js';
import { loadAuthorised } from './assessments.js';
import { rubricFor } from './pinned-rubric.js';

const statusChoices = [
  { value: 'answered', label: 'Answered' },
  { value: 'not_applicable', label: 'Not applicable' },
  { value: 'unknown', label: 'Unknown: information not found' },
] as const;
const naReasons = [
  { value: 'reservation', label: 'Reservation to the article' },
  { value: 'declaration', label: 'Declaration' },
  { value: 'not_relevant', label: 'Not relevant to this legal system' },
  { value: 'other', label: 'Other (explain)' },
] as const;

const citationLabels: Record<(typeof CITATION_FIELDS)[number], string> = {
  instrument: 'Instrument (title of the law)',
  provision: 'Section or article',
  year: 'Year',
  url: 'Link (http or https)',
  excerpt: 'Excerpt, quoted verbatim',
  language: 'Language of the excerpt (e.g. en, th)',
};

/** What is shown for one question: what is stored, or what was just typed when it could not be saved. */
interface Shown {
  answer: Answer | null;
  revision: number;
  problems: StoredProblem[];
  conflict?: { theirs: unknown; theirRevision: number };
}

/** `citations[2].url` -> `c2.url`, the suffix of the form field it belongs to. */
function fieldKey(field: string): string {
  return field.replace(/^citations\[(\d+)\]\.?/, 'c$1.').replace(/\.$/, '') || 'status';
}

function indicatorView(indicator: Indicator, shown: Shown) {
  const a = shown.answer ?? ({} as Partial<Answer>);
  const problemFor = Object.fromEntries(shown.problems.map((p) => [fieldKey(p.field), p.message]));
  const value = a.value;
  const saved = a.citations?.length ?? 0;
  const citations = [...(a.citations ?? []), {}].map((c, n) => ({
    n,
    number: n + 1,
    isNew: n === saved,
    canMoveUp: n > 0 && n < saved,
    canMoveDown: n < saved - 1,
    fields: CITATION_FIELDS.map((f) => ({
      name: f,
      label: citationLabels[f],
      value: (c as Record<string, unknown>)[f] ?? '',
      problem: problemFor[`c${n}.${f}`],
      multiline: f === 'excerpt',
    })),
  }));
  return {
    id: indicator.id,
    title: indicator.title,
    question: indicator.question,
    guidance: indicator.guidance,
    provisions: indicator.provisions,
    obligation: indicator.obligation,
    obligationLabel: obligationWords[indicator.obligation],
    concerns: indicator.concerns,
    type: indicator.questionType,
    revision: shown.revision,
    statuses: statusChoices.map((s) => ({ ...s, checked: a.status === s.value })),
    naReasons: naReasons.map((r) => ({ ...r, selected: a.naReason === r.value })),
    isNotApplicable: a.status === 'not_applicable',
    elements: indicator.elements?.map((e) => ({ ...e, checked: Array.isArray(value) && value.includes(e.id) })),
    levels: indicator.levels?.map((l) => ({ ...l, checked: value === l.value })),
    yes: value === true,
    no: value === false,
    years: value === 'life' ? '' : typeof value === 'number' || typeof value === 'string' ? value : '',
    life: value === 'life',
    text: indicator.questionType === 'text' && typeof value === 'string' ? value : '',
    justification: a.justification ?? '',
    notes: a.notes ?? '',
    citations,
    problems: shown.problems,
    problemFor,
    conflict: shown.conflict ? { theirs: JSON.stringify(shown.conflict.theirs, null, 2), revision: shown.conflict.theirRevision } : null,
  };
}

/**
 * Rendered questions, by assessment, question, revision (and time of the save, should a row ever
 * be deleted and written anew) and whether it is moot. A question's HTML
 * depends on nothing else (the rubric version of an assessment never changes; history and problems
 * change only with a new revision), so the key stays right across processes sharing a database:
 * another process's save makes a new revision, hence a new key. Typed-but-unsaved input and
 * conflicts are rendered afresh, never cached.
 */
const questionCache = cachePerStore<string>(4_000);

function answersById(stored: readonly StoredAnswer[]): Record<string, Answer> {
  return Object.fromEntries(stored.map((s) => [s.indicatorId, s.document as Answer]));
}


async function renderPillar(store: Store, req: Request, res: Response, assessment: Assessment, pillarId: string, overrides: Map<string, Shown> = new Map(), status = 200) {
  const rubric = await rubricFor(store, assessment.rubricKey);
  const pillar = rubric.pillars.find((p) => p.id === pillarId);
  if (!pillar) throw new AppError('NOT_FOUND', 404, 'There is no such part of the questionnaire.');
  const stored = await listAnswersAt(store, assessment);
  const byId = new Map(stored.map((s) => [s.indicatorId, s]));
  const answers = answersById(stored);
  const pending = takePendingForm(req, `/assessments/${assessment.id}/questionnaire/${pillar.id}`);
  if (pending) {
    for (const indicator of pillar.indicators.filter((i) => wasOnForm(i.id, pending))) {
      if (overrides.has(indicator.id)) continue;
      const typed = answerFromForm(indicator, pending);
      overrides.set(indicator.id, { answer: typed as unknown as Answer, revision: baseRevisionOf(indicator.id, pending), problems: [] });
    }
  }
  const editable = may(req.user!, 'edit', assessment) && (assessment.status === 'draft' || assessment.status === 'changes_requested');
  const shownOf = (indicator: Indicator): Shown => {
    const saved = byId.get(indicator.id);
    return overrides.get(indicator.id) ?? { answer: (saved?.document as Answer) ?? null, revision: saved?.revision ?? 0, problems: saved?.problems ?? [] };
  };
  const keys = pillar.indicators.map((indicator) =>
    overrides.has(indicator.id) ? null : `${assessment.id}/${indicator.id}/${shownOf(indicator).revision}/${byId.get(indicator.id)?.updatedAt ?? ''}/${isMoot(rubric, indicator.id, answers) ? 1 : 0}`,
  );
  const rendered = questionCache(store);
  const missing = pillar.indicators.filter((_, n) => keys[n] === null || !rendered.has(keys[n]!));
  const histories = missing.length ? await answerHistories(store, assessment.id, missing.map((i) => i.id)) : new Map<string, AnswerHistoryEntry[]>();
  const questions = await Promise.all(
    pillar.indicators.map(async (indicator, n) => {
      const key = keys[n]!;
      const cached = key === null ? undefined : rendered.get(key);
      if (cached !== undefined) return cached;
      const history = (histories.get(indicator.id) ?? []).map((h) => ({ revision: h.revision, changedBy: h.changedBy ?? 'unknown', changedAt: h.changedAt, after: JSON.stringify(h.after, null, 2) }));
      const html = await renderPartial(req.app, 'question', {
        ...indicatorView(indicator, shownOf(indicator)),
        moot: isMoot(rubric, indicator.id, answers),
        dependsOn: indicator.condition?.indicator,
        history,
      });
      if (key !== null) rendered.set(key, html);
      return html;
    }),
  );
  res.status(status).render('pages/questionnaire', {
    title: `${pillar.title}: ${assessment.stateName}`,
    assessment,
    rubricKey: rubric.key,
    pillar,
    editable,
    action: `/assessments/${assessment.id}/questionnaire/${pillar.id}`,
    pillars: rubric.pillars.map((p) => {
      const c = completeness(rubric, answers, p.indicators);
      return { id: p.id, title: p.title, current: p.id === pillar.id, done: c.answered, total: c.asked };
    }),
    questions,
    conflicts: [...overrides.values()].filter((o) => o.conflict).length,
  });
}

/** Saves the answers of one pillar as typed; conflicting ones are shown side by side, not overwritten. */
async function savePillar(store: Store, req: Request, res: Response) {
  const assessment = await loadAuthorised(store, req, 'edit');
  assertEditable(assessment);
  const rubric = await rubricFor(store, assessment.rubricKey);
  const pillar = rubric.pillars.find((p) => p.id === req.params.pillar);
  if (!pillar) throw new AppError('NOT_FOUND', 404, 'There is no such part of the questionnaire.');
  const fields = req.body as Record<string, unknown>;
  const stored = new Map((await listAnswers(store, assessment.id)).map((s) => [s.indicatorId, s]));
  const conflicts = new Map<string, Shown>();
  let saved = 0;
  let withProblems = 0;
  const savedNow: { indicatorId: string; revision: number; problems: StoredProblem[] }[] = [];
  // Only questions that were on the form: a question left out (moot, or not sent) is not a cleared one.
  for (const indicator of pillar.indicators.filter((i) => wasOnForm(i.id, fields))) {
    const typed = answerFromForm(indicator, fields);
    const current = stored.get(indicator.id);
    if (typed === null && !current) continue;
    const document = typed ?? {};
    if (current && canonicalJson(current.document) === canonicalJson(document)) continue;
    const problems = validateAnswers(rubric, { answers: { [indicator.id]: document } }).map((p) => ({ field: p.field, pointer: p.pointer, message: p.message }));
    try {
      const revision = await store.transaction(async (tx) => {
        const saved = await saveAnswer(tx, { assessmentId: assessment.id, indicatorId: indicator.id, document, baseRevision: baseRevisionOf(indicator.id, fields), userId: req.user!.id, problems });
        await recordAudit(tx, req, { action: 'answer.save', entityType: 'assessment', entityId: assessment.id, details: { indicator: indicator.id, revision: saved } });
        return saved;
      });
      savedNow.push({ indicatorId: indicator.id, revision, problems });
      saved += 1;
      if (problems.length > 0) withProblems += 1;
    } catch (error) {
      if (!(error instanceof AnswerConflictError)) throw error;
      // Show what this person typed, based now on the current revision: saving again keeps theirs knowingly.
      conflicts.set(indicator.id, { answer: document as unknown as Answer, revision: error.current.revision, problems, conflict: { theirs: error.current.document, theirRevision: error.current.revision } });
    }
  }
  if (wantsJson(req)) {
    res.status(conflicts.size > 0 ? 409 : 200).json({
      saved: savedNow,
      conflicts: [...conflicts].map(([indicatorId, c]) => ({ indicatorId, theirs: c.conflict?.theirs, theirRevision: c.conflict?.theirRevision })),
    });
    return;
  }
  if (conflicts.size > 0) return renderPillar(store, req, res, (await findAssessment(store, assessment.id))!, pillar.id, conflicts, 409); // re-read: the answers saved just now moved its version on
  req.session.notice =
    saved === 0 ? 'Nothing had changed.' : `Saved ${saved} answer(s)${withProblems ? `; ${withProblems} still need attention (see the messages below)` : ''}.`;
  res.redirect(303, `/assessments/${assessment.id}/questionnaire/${pillar.id}`);
}

/** Autosave asks for JSON; a plain form post gets a page. */
function wantsJson(req: Request): boolean {
  return req.get('accept') === 'application/json';
}

export function questionnaireRoutes(store: Store): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/assessments/:id/questionnaire',
      access: 'signed-in',
      async handle(req, res) {
        const assessment = await loadAuthorised(store, req, 'read');
        const rubric = await rubricFor(store, assessment.rubricKey);
        res.redirect(303, `/assessments/${assessment.id}/questionnaire/${rubric.pillars[0]!.id}`);
      },
    },
    {
      method: 'get',
      path: '/assessments/:id/questionnaire/:pillar',
      access: 'signed-in',
      async handle(req, res) {
        const assessment = await loadAuthorised(store, req, 'read');
        await renderPillar(store, req, res, assessment, String(req.params.pillar));
      },
    },
    {
      method: 'post',
      path: '/assessments/:id/questionnaire/:pillar',
      access: 'signed-in',
      handle: (req, res) => savePillar(store, req, res),
    },
  ];
}
