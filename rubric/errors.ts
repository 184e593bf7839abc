import type { RubricProblem } from './types.js';

export type RubricErrorCode = 'RUBRIC_INVALID' | 'RUBRIC_UNREADABLE' | 'TRANSLATION_INVALID';

/** A rubric or translation that cannot be used; `problems` says where and why, in plain words. */
export class RubricError extends Error {
  override readonly name = 'RubricError';

  constructor(
    readonly code: RubricErrorCode,
    message: string,
    readonly problems: readonly RubricProblem[] = [],
  ) {
    super(message);
  }
}
