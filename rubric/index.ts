/** The rubric capability: catalogue, checking, compiling, answer validation and translation. */
export type * from './types.js';
export { RubricError, type RubricErrorCode } from './errors.js';
export { provisionCatalogue, findProvision } from './provisions.js';
export { LIMITS } from './answer-schema.js';
export { checkRubric } from './check.js';
export { compileRubric, uncoveredProvisions } from './compile.js';
export { loadRubricFile, loadDefaultRubric, DEFAULT_RUBRIC_PATH } from './load.js';
export { validateAnswers } from './answers.js';
export { isMoot } from './condition.js';
export { messages, applyTranslation } from './translate.js';
export { contentHash, canonicalJson } from './hash.js';
