import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Answer, CompiledRubric } from '../../rubric/index.js';
import { compileRubric } from '../../rubric/index.js';
import type { ScoreCard, StateRef } from '../../scoring/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '..', '..');
const fixtures = path.join(projectRoot, 'test', 'fixtures');

export type Answers = Record<string, Answer>;

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The small rubric of test/fixtures/scoring, whose scores the tests compute by hand. */
export function fixtureRubric(): CompiledRubric {
  return compileRubric(readJson(path.join(fixtures, 'scoring', 'rubric.json')));
}

export function fixtureAnswers(): Answers {
  return (readJson(path.join(fixtures, 'scoring', 'answers.json')) as { answers: Answers }).answers;
}

/** A complete answer document for the default rubric (one unknown, one not applicable). */
export function completeValidAnswers(): Answers {
  return (readJson(path.join(fixtures, 'rubric', 'answers', 'complete-valid.json')) as { answers: Answers }).answers;
}

export const answered = (value: unknown, citations?: Answer['citations']): Answer => ({
  status: 'answered',
  value: value as Answer['value'],
  ...(citations && { citations }),
});

export const notApplicable: Answer = { status: 'not_applicable', naReason: 'reservation', justification: 'Reservation to the article.' };

export function state(code: string, subregion: string, sample?: boolean): StateRef {
  return { code, name: `State ${code}`, subregion, ...(sample !== undefined && { sample }) };
}

/**
 * A score card holding only what comparison reads (provision, pillar and index scores), so that a
 * comparison test can state its numbers directly. Each provision is mandatory unless named in `obligations`.
 */
export function cardWith(scores: {
  provisions: Record<string, number | null>;
  pillars?: Record<string, number | null>;
  overall: number | null;
  goodPractice?: number | null;
  obligations?: Record<string, 'consider' | 'optional' | 'good_practice'>;
}): ScoreCard {
  const mean = (score: number | null) => ({ score, numerator: 0, denominator: 0, parts: [] });
  return {
    rubric: 'hand-made@1.0.0',
    rubricHash: '',
    indicators: [],
    provisions: Object.entries(scores.provisions).map(([provisionId, score]) => ({
      provisionId,
      obligation: scores.obligations?.[provisionId] ?? 'mandatory',
      ...mean(score),
    })),
    pillars: Object.entries(scores.pillars ?? {}).map(([pillarId, score]) => ({ pillarId, inOverall: true, ...mean(score) })),
    overall: mean(scores.overall),
    goodPractice: mean(scores.goodPractice ?? null),
    concerns: { 'forced-criminality': mean(null), 'non-punishment': mean(null), technology: mean(null) },
    completeness: mean(null),
    evidence: mean(null),
    gaps: [],
    strengths: [],
  };
}

/** Every score of a card with a name saying where it is: indicators 0-1, the rest 0-100. */
export function everyScore(card: ScoreCard): [string, number | null][] {
  return [
    ...card.indicators.map((i): [string, number | null] => [`indicator ${i.indicatorId}`, i.score]),
    ...card.provisions.map((p): [string, number | null] => [`provision ${p.provisionId}`, p.score]),
    ...card.pillars.map((p): [string, number | null] => [`pillar ${p.pillarId}`, p.score]),
    ['overall', card.overall.score],
    ['good practice', card.goodPractice.score],
    ...Object.entries(card.concerns).map(([concern, m]): [string, number | null] => [`concern ${concern}`, m.score]),
  ];
}
