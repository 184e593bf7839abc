/** Scoring and comparison: pure functions from a rubric and answers to explained scores, across states and rounds. */
export type * from './types.js';
export { scoreAssessment, OBLIGATION_FACTOR } from './score.js';
export { compareStates, changeBetweenRounds, INDEX_COLUMNS } from './compare.js';
export { rankStates } from './statistics.js';
