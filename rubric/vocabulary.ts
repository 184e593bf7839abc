import { Ajv2020 } from 'ajv/dist/2020.js';
import type { AnySchemaObject, KeywordDefinition } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FormatsPlugin } from 'ajv-formats';
import { readRubricAsset } from './assets.js';

export const VOCABULARY_ID = 'urn:palermo-assess:vocab:rubric';

// ajv-formats is CommonJS; under NodeNext its default import is the module object, typed loosely.
const addFormats = addFormatsModule as unknown as FormatsPlugin;

const vocabularySchema = readRubricAsset('vocabulary.json') as AnySchemaObject & { properties: Record<string, unknown> };
const metaSchema = readRubricAsset('meta-schema.json') as AnySchemaObject;

/** Keywords of the rubric vocabulary, each validated by its definition in vocabulary.json. */
export const ANNOTATION_KEYWORDS: readonly string[] = Object.keys(vocabularySchema.properties);

/**
 * Annotation keywords carry data for the questionnaire, scoring and reports; they never constrain
 * an answer. Registering them (instead of turning strict mode off) keeps ajv's typo detection:
 * any keyword that is neither JSON Schema nor ours still fails compilation.
 */
function annotationKeywords(): KeywordDefinition[] {
  return ANNOTATION_KEYWORDS.map((keyword) => ({
    keyword,
    metaSchema: { $ref: `${VOCABULARY_ID}#/properties/${keyword}` },
  }));
}

/** A strict ajv for draft 2020-12 that knows the rubric vocabulary and the formats answers use. */
export function createAjv(): Ajv2020 {
  // verbose: error objects carry their schema, so pattern failures can quote its description.
  const ajv = new Ajv2020({ strict: true, allErrors: true, verbose: true });
  addFormats(ajv, ['uri']);
  ajv.addSchema(vocabularySchema);
  ajv.addVocabulary(annotationKeywords());
  return ajv;
}

let metaValidator: ReturnType<Ajv2020['compile']> | undefined;

/** The validator of rubric files (meta-schema.json), compiled on first use. */
export function rubricFileValidator(): ReturnType<Ajv2020['compile']> {
  metaValidator ??= createAjv().compile(metaSchema);
  return metaValidator;
}
