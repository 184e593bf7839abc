import type { Indicator, Pillar, Source } from './types.js';

/**
 * The shape of a rubric file once it passed meta-schema.json. Only code that runs after that check
 * may use these types; before it, a rubric is `unknown`.
 */
export interface RubricInfo {
  id: string;
  version: string;
  title: string;
  language: string;
  description: string;
  pillars: Omit<Pillar, 'indicators'>[];
  sources: Source[];
}

export type IndicatorSchema = Omit<Indicator, 'id' | 'concerns'> & {
  indicator: string;
  concerns?: Indicator['concerns'];
  type: 'object';
  $ref: string;
  properties: { value: Record<string, unknown> };
  description?: string;
};

export interface RubricDocument {
  $schema: string;
  $id: string;
  title: string;
  rubric: RubricInfo;
  properties: { answers: { properties: Record<string, IndicatorSchema> } };
  $defs: Record<string, unknown>;
}

/** Pointer to an indicator schema inside a rubric file. */
export function indicatorPointer(key: string): string {
  return `/properties/answers/properties/${escapePointer(key)}`;
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The indicator schemas of a checked rubric file as [property key, schema], in file order. */
export function indicatorEntries(doc: RubricDocument): [string, IndicatorSchema][] {
  return Object.entries(doc.properties.answers.properties);
}

/** Flattens the annotations of one indicator schema into the domain type. */
export function toIndicator(schema: IndicatorSchema): Indicator {
  const { indicator, pillar, title, question, guidance, provisions, obligation, weight, questionType } = schema;
  return {
    id: indicator,
    pillar,
    title,
    question,
    guidance,
    provisions,
    obligation,
    weight,
    questionType,
    ...(schema.elements && { elements: schema.elements }),
    ...(schema.levels && { levels: schema.levels }),
    ...(schema.threshold && { threshold: schema.threshold }),
    ...(schema.recommendations && { recommendations: schema.recommendations }),
    ...(schema.condition && { condition: schema.condition }),
    concerns: schema.concerns ?? [],
  };
}
