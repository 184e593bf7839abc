import { isMoot, validateAnswers, type Answer, type CompiledRubric } from '../rubric/index.js';

export interface Completeness {
  answered: number;
  asked: number;
  percent: number;
}

/** How many of the questions asked (not moot) have an answer status, among `indicators` (default: all). */
export function completeness(rubric: CompiledRubric, answers: Readonly<Record<string, Answer>>, indicators = rubric.indicators): Completeness {
  const asked = indicators.filter((i) => !isMoot(rubric, i.id, answers));
  const answered = asked.filter((i) => answers[i.id]?.status !== undefined).length;
  return { answered, asked: asked.length, percent: asked.length ? Math.round((answered / asked.length) * 100) : 100 };
}

/** Something that keeps an assessment from being submitted, pointing at its question. */
export interface Outstanding {
  indicatorId: string;
  title: string;
  pillar: string;
  message: string;
}

/**
 * What stands between an assessment and its submission for review: every question that is asked
 * (not moot) needs an answer, and every answer must be valid. Pure: reads nothing but its inputs.
 */
export function outstandingForSubmission(rubric: CompiledRubric, answers: Readonly<Record<string, Answer>>): Outstanding[] {
  const outstanding: Outstanding[] = [];
  for (const indicator of rubric.indicators) {
    if (isMoot(rubric, indicator.id, answers)) continue;
    const answer = answers[indicator.id];
    const at = { indicatorId: indicator.id, title: indicator.title, pillar: indicator.pillar };
    if (!answer) {
      outstanding.push({ ...at, message: 'Not answered yet.' });
      continue;
    }
    for (const problem of validateAnswers(rubric, { answers: { [indicator.id]: answer } })) {
      outstanding.push({ ...at, message: problem.message });
    }
  }
  return outstanding;
}
