import type { Answer, CompiledRubric } from './types.js';

/**
 * Whether an indicator is moot for these answers: its condition is not met, so the questionnaire
 * hides it and scoring leaves it out. A condition is met only by an answered value; while the
 * deciding question is unanswered, unknown or not applicable, the follow-up stays moot. An
 * indicator whose deciding question is itself moot is moot too.
 */
export function isMoot(rubric: CompiledRubric, indicatorId: string, answers: Readonly<Record<string, Answer>>): boolean {
  const indicator = rubric.indicator(indicatorId);
  if (!indicator) throw new Error(`rubric ${rubric.key} has no indicator '${indicatorId}'`);
  const condition = indicator.condition;
  if (!condition) return false;
  if (isMoot(rubric, condition.indicator, answers)) return true;
  const answer = answers[condition.indicator];
  if (answer?.status !== 'answered') return true;
  const accepted = 'equals' in condition ? [condition.equals] : condition.in;
  return !accepted.some((value) => value === answer.value);
}
