import { buildRubric } from './compile.js';
import type { RubricDocument } from './document.js';
import { indicatorEntries } from './document.js';
import { RubricError } from './errors.js';
import type { CompiledRubric, RubricProblem, Translation } from './types.js';

/**
 * A place in a rubric file holding translatable text, named by a message key built from stable ids
 * (`indicator.CRIM-MEANS.element.fraud.label`), so a translation file survives reordering.
 */
interface TextSlot {
  key: string;
  holder: Record<string, unknown>;
  field: string;
}

const GUIDANCE_FIELDS = ['explanation', 'full', 'partial', 'absent', 'legislativeGuide'] as const;
const FINDINGS = ['full', 'partial', 'absent'] as const;
const LEVEL_FIELDS = ['label', 'descriptor', 'recommendation'] as const;

function textSlots(doc: RubricDocument): TextSlot[] {
  const slots: TextSlot[] = [];
  const add = (key: string, holder: object | undefined, field: string): void => {
    const record = holder as Record<string, unknown> | undefined;
    if (typeof record?.[field] === 'string') slots.push({ key, holder: record, field });
  };
  add('rubric.title', doc.rubric, 'title');
  add('rubric.description', doc.rubric, 'description');
  for (const source of doc.rubric.sources) add(`source.${source.id}.title`, source, 'title');
  for (const pillar of doc.rubric.pillars) {
    add(`pillar.${pillar.id}.title`, pillar, 'title');
    add(`pillar.${pillar.id}.description`, pillar, 'description');
  }
  for (const [, schema] of indicatorEntries(doc)) {
    const base = `indicator.${schema.indicator}`;
    add(`${base}.title`, schema, 'title');
    add(`${base}.question`, schema, 'question');
    for (const field of GUIDANCE_FIELDS) add(`${base}.guidance.${field}`, schema.guidance, field);
    for (const finding of FINDINGS) add(`${base}.guidance.examples.${finding}`, schema.guidance.examples, finding);
    for (const element of schema.elements ?? []) {
      add(`${base}.element.${element.id}.label`, element, 'label');
      add(`${base}.element.${element.id}.recommendation`, element, 'recommendation');
    }
    for (const level of schema.levels ?? []) {
      for (const field of LEVEL_FIELDS) add(`${base}.level.${level.value}.${field}`, level, field);
    }
    for (const finding of ['partial', 'absent'] as const) add(`${base}.recommendation.${finding}`, schema.recommendations, finding);
  }
  return slots;
}

/** The rubric's message catalogue in its own language: every translatable text by key. */
export function messages(rubric: CompiledRubric): Record<string, string> {
  return Object.fromEntries(textSlots(rubric.schema as RubricDocument).map((s) => [s.key, String(s.holder[s.field])]));
}

/**
 * A copy of the rubric with the overlay's texts in place of the originals. Keys the overlay does
 * not give keep the original text, so a partial translation is usable. The copy keeps the
 * rubric's key, hash and validation: a translation changes words, never what is assessed.
 */
export function applyTranslation(rubric: CompiledRubric, translation: Translation): CompiledRubric {
  const problems = translationProblems(rubric, translation);
  if (problems.length > 0) {
    throw new RubricError('TRANSLATION_INVALID', `The ${translation.language} translation of ${rubric.key} is not valid: ${problems.map((p) => p.message).join('; ')}`, problems);
  }
  const doc = structuredClone(rubric.schema) as RubricDocument;
  for (const slot of textSlots(doc)) {
    const text = translation.messages[slot.key];
    if (text !== undefined) slot.holder[slot.field] = text;
  }
  doc.rubric.language = translation.language;
  return buildRubric(doc, rubric.hash);
}

function translationProblems(rubric: CompiledRubric, translation: Translation): RubricProblem[] {
  const problems: RubricProblem[] = [];
  if (translation.rubric !== rubric.key) {
    problems.push({ pointer: '/rubric', message: `the translation is for '${translation.rubric}', not '${rubric.key}'` });
  }
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(translation.language)) {
    problems.push({ pointer: '/language', message: `'${translation.language}' is not a language tag such as fr or zh-Hant` });
  }
  const known = new Set(Object.keys(messages(rubric)));
  for (const [key, text] of Object.entries(translation.messages)) {
    const pointer = `/messages/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!known.has(key)) problems.push({ pointer, message: `unknown message key '${key}'` });
    else if (typeof text !== 'string' || text.trim() === '') problems.push({ pointer, message: `the text for '${key}' must not be empty` });
  }
  return problems;
}
