import type { QuestionType } from './types.js';

/** Business limits of an answer; the same numbers appear in the answer definition below. */
export const LIMITS = {
  justification: 2000,
  notes: 5000,
  citations: 20,
  instrument: 300,
  provision: 100,
  url: 2000,
  excerpt: 10000,
  language: 35,
  text: 10000,
  maxYears: 150,
  minYear: 1800,
  maxYear: 2100,
} as const;

/**
 * The answer every indicator shares (`$defs/answer` of a rubric file). Each rubric file carries a
 * copy so that it stays a self-contained JSON Schema; checkRubric insists the copy is this one,
 * because the questionnaire and scoring read answers in exactly this shape.
 */
export const answerDefinition = {
  type: 'object',
  required: ['status'],
  additionalProperties: false,
  properties: {
    status: { enum: ['answered', 'not_applicable', 'unknown'] },
    value: { description: 'Typed by each indicator (its properties.value).' },
    justification: { type: 'string', maxLength: LIMITS.justification },
    naReason: { enum: ['reservation', 'declaration', 'not_relevant', 'other'] },
    citations: { type: 'array', maxItems: LIMITS.citations, items: { $ref: '#/$defs/citation' } },
    notes: { type: 'string', maxLength: LIMITS.notes },
  },
  allOf: [
    {
      if: { properties: { status: { const: 'answered' } }, required: ['status'] },
      then: { properties: { value: true }, required: ['value'] },
    },
    {
      // A reservation or declaration to the article is a legitimate reason, but it must be named.
      if: { properties: { status: { const: 'not_applicable' } }, required: ['status'] },
      then: {
        properties: { justification: { type: 'string', minLength: 1, pattern: '\\S' }, naReason: true },
        required: ['justification', 'naReason'],
      },
    },
  ],
} as const;

export const citationDefinition = {
  type: 'object',
  required: ['instrument', 'provision'],
  additionalProperties: false,
  properties: {
    instrument: { type: 'string', minLength: 1, maxLength: LIMITS.instrument, pattern: '\\S' },
    provision: { type: 'string', minLength: 1, maxLength: LIMITS.provision, pattern: '\\S' },
    year: { type: 'integer', minimum: LIMITS.minYear, maximum: LIMITS.maxYear },
    url: { type: 'string', maxLength: LIMITS.url, format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' },
    // Verbatim law text: no pattern, so nothing a consultant quotes is refused; views escape it.
    excerpt: { type: 'string', maxLength: LIMITS.excerpt },
    language: { type: 'string', maxLength: LIMITS.language, pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$' },
  },
} as const;

/** The schema of `value` for an indicator: fixed by its question type (and element ids). */
export function valueSchemaFor(questionType: QuestionType, elementIds: readonly string[] = []): object {
  switch (questionType) {
    case 'elements':
      return { type: 'array', uniqueItems: true, maxItems: elementIds.length, items: { enum: [...elementIds] } };
    case 'level':
      return { type: 'integer', minimum: 0, maximum: 3 };
    case 'yesno':
      return { type: 'boolean' };
    case 'years':
      // Life imprisonment is a sentence, not a number of years; it meets any threshold.
      return { anyOf: [{ type: 'number', minimum: 0, maximum: LIMITS.maxYears }, { const: 'life' }] };
    case 'text':
      return { type: 'string', maxLength: LIMITS.text };
  }
}
