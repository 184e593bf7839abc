import type { ValidateFunction } from 'ajv';
import type { RubricDocument } from './document.js';
import { ruleProblems } from './rules.js';
import { structureProblems } from './structure.js';
import type { RubricProblem } from './types.js';
import { createAjv } from './vocabulary.js';

/**
 * Everything wrong with a rubric file, in plain words with a JSON pointer each: first its structure
 * (meta-schema.json), then the rules a schema cannot express, then strict compilation. Later stages
 * run only on a file the earlier ones accepted, so their findings are never knock-on noise.
 */
export function checkRubric(doc: unknown): RubricProblem[] {
  return inspectRubric(doc).problems;
}

/** checkRubric plus, when the rubric is sound, its compiled answer validator. */
export function inspectRubric(doc: unknown): { problems: RubricProblem[]; validate?: ValidateFunction } {
  const structural = structureProblems(doc);
  if (structural.length > 0) return { problems: structural };
  const rules = ruleProblems(doc as RubricDocument);
  if (rules.length > 0) return { problems: rules };
  try {
    return { problems: [], validate: createAjv().compile(doc as object) };
  } catch (error) {
    return { problems: [{ pointer: '', message: `the schema does not compile in strict mode: ${(error as Error).message}` }] };
  }
}
