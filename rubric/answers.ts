import type { ErrorObject } from 'ajv';
import { LIMITS } from './answer-schema.js';
import { answerValidator } from './compile.js';
import type { AnswerProblem, CompiledRubric, QuestionType } from './types.js';

/** What a consultant reads when an answer is wrong: plain words, no schema jargon. */
const messages = {
  notADocument: "The answers must be sent as an object with an 'answers' object inside",
  notAnAnswer: 'This answer must be an object with a status',
  unknownQuestion: (id: string) => `Remove the unknown question id '${id}'`,
  unknownField: (field: string) => `Remove the unknown field '${field}'`,
  status: 'Choose an answer status: answered, not applicable or unknown',
  valueRequired: 'Give an answer, or mark the question unknown or not applicable',
  justification: 'A justification is required when the question is marked not applicable',
  naReason: 'Choose why the question is not applicable: reservation, declaration, not relevant or other',
  value: {
    elements: 'Tick elements from the list only, each once',
    level: 'Choose a level from 0 to 3',
    yesno: 'Answer yes or no',
    years: `Enter a number of years from 0 to ${LIMITS.maxYears}, or "life" for life imprisonment`,
    text: `Enter text of at most ${LIMITS.text} characters`,
  } satisfies Record<QuestionType, string>,
  unknownElement: (value: unknown) => `'${String(value)}' is not one of the listed elements`,
  citations: `Give at most ${LIMITS.citations} citations per answer`,
  citation: 'Each citation must be an object with at least the instrument and the provision',
  instrument: 'Enter the title of the instrument cited (e.g. the act or code)',
  provision: 'Enter the section or article cited',
  year: `Enter a year between ${LIMITS.minYear} and ${LIMITS.maxYear}`,
  url: 'Enter a web address starting with http:// or https://',
  language: 'Enter a language tag such as en, th or zh-Hant',
  tooLong: (limit: unknown) => `Shorten this text to at most ${String(limit)} characters`,
  text: 'Enter text',
};

/**
 * Checks an answer document against a compiled rubric and explains each problem in plain words,
 * one message per field. Drafts may be incomplete: no question is required here; completeness is
 * measured by scoring. Verbatim excerpts are accepted whatever they contain; escaping is the view's job.
 */
export function validateAnswers(rubric: CompiledRubric, doc: unknown): AnswerProblem[] {
  const validate = answerValidator(rubric);
  if (validate(doc)) return [];
  const problems = (validate.errors ?? []).flatMap((error) => {
    const problem = describe(rubric, error);
    return problem ? [problem] : [];
  });
  return onePerField(problems);
}

function describe(rubric: CompiledRubric, error: ErrorObject): AnswerProblem | undefined {
  // Composite keywords repeat what their branches say; the branches give the field-level reason.
  if (error.keyword === 'if' || error.keyword === 'anyOf' || error.keyword === 'oneOf') return undefined;
  const params = error.params as Record<string, unknown>;
  const segments = splitPointer(error.instancePath);
  const addedField = error.keyword === 'required' ? String(params.missingProperty)
    : error.keyword === 'additionalProperties' ? String(params.additionalProperty) : undefined;
  const path = addedField === undefined ? segments : [...segments, addedField];
  const pointer = path.length === 0 ? '' : '/' + path.map(escape).join('/');

  if (path[0] !== 'answers' && error.keyword === 'additionalProperties') return { field: '', pointer, message: messages.unknownField(addedField ?? '') };
  if (path[0] !== 'answers' || path.length < 2) return { field: '', pointer, message: messages.notADocument };
  const indicator = path[1] ?? '';
  const inside = path.slice(2);
  const problem = (message: string): AnswerProblem => ({ indicator, field: fieldPath(inside), pointer, message });

  if (inside.length === 0) {
    return error.keyword === 'additionalProperties'
      ? { field: '', pointer, message: messages.unknownQuestion(indicator) }
      : problem(messages.notAnAnswer);
  }
  const [field, index, sub] = inside;
  if (error.keyword === 'additionalProperties') return problem(messages.unknownField(addedField ?? ''));
  switch (field) {
    case 'status':
      return problem(messages.status);
    case 'value':
      return problem(valueMessage(rubric, indicator, error));
    case 'justification':
      return problem(error.keyword === 'maxLength' ? messages.tooLong(params.limit) : messages.justification);
    case 'naReason':
      return problem(messages.naReason);
    case 'notes':
      return problem(error.keyword === 'maxLength' ? messages.tooLong(params.limit) : messages.text);
    case 'citations':
      if (index === undefined) return problem(messages.citations);
      return problem(citationMessage(sub, error));
    default:
      return problem(error.message ?? 'This field is not valid');
  }
}

function valueMessage(rubric: CompiledRubric, indicatorId: string, error: ErrorObject): string {
  if (error.keyword === 'required') return messages.valueRequired;
  const type = rubric.indicator(indicatorId)?.questionType ?? 'text';
  if (type === 'elements' && error.keyword === 'enum') return messages.unknownElement(error.data);
  return messages.value[type];
}

function citationMessage(field: string | undefined, error: ErrorObject): string {
  const limit = (error.params as { limit?: unknown }).limit;
  if (error.keyword === 'maxLength' && field !== 'url' && field !== 'language') return messages.tooLong(limit);
  switch (field) {
    case 'instrument':
    case 'provision':
    case 'year':
    case 'url':
    case 'language':
      return messages[field];
    case 'excerpt':
      return messages.text;
    default:
      return messages.citation;
  }
}

/** `citations/2/url` → `citations[2].url`, the way a form names a field. */
function fieldPath(segments: readonly string[]): string {
  return segments.reduce((out, s) => (/^\d+$/.test(s) ? `${out}[${s}]` : out ? `${out}.${s}` : s), '');
}

function splitPointer(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** ajv may fail one field several ways (a type and a range, two anyOf branches): say it once. */
function onePerField(problems: AnswerProblem[]): AnswerProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    if (seen.has(p.pointer)) return false;
    seen.add(p.pointer);
    return true;
  });
}
