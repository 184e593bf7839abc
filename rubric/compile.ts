import type { ValidateFunction } from 'ajv';
import { inspectRubric } from './check.js';
import type { RubricDocument } from './document.js';
import { indicatorEntries, toIndicator } from './document.js';
import { RubricError } from './errors.js';
import { contentHash } from './hash.js';
import { findProvision, provisionCatalogue } from './provisions.js';
import type { CompiledRubric, Indicator, Provision } from './types.js';

// Rubric versions are few and immutable, so both caches live as long as the process.
const compiled = new Map<string, CompiledRubric>();
const validators = new Map<string, ValidateFunction>();

/**
 * Checks and compiles a rubric file. The same content (by hash) always gives the same frozen object
 * and is compiled only once; any problem throws RubricError 'RUBRIC_INVALID' listing them all.
 */
export function compileRubric(doc: unknown): CompiledRubric {
  const hash = contentHash(doc);
  const cached = compiled.get(hash);
  if (cached) return cached;
  const { problems, validate } = inspectRubric(doc);
  if (problems.length > 0 || !validate) {
    const first = problems[0];
    const summary = first ? `${first.pointer || '/'}: ${first.message}` : 'it does not compile';
    throw new RubricError('RUBRIC_INVALID', `The rubric is not valid (${problems.length} problem(s); first ${summary})`, problems);
  }
  const rubric = buildRubric(structuredClone(doc) as RubricDocument, hash);
  validators.set(hash, validate);
  compiled.set(hash, rubric);
  return rubric;
}

/** The answer validator compiled for a rubric (shared by its translated copies, which keep its hash). */
export function answerValidator(rubric: CompiledRubric): ValidateFunction {
  const validate = validators.get(rubric.hash);
  if (!validate) throw new Error(`rubric ${rubric.key} was not compiled by compileRubric`);
  return validate;
}

/** The domain view of a checked rubric file, deep-frozen: a rubric in use never changes. */
export function buildRubric(doc: RubricDocument, hash: string): CompiledRubric {
  const info = doc.rubric;
  const indicators = indicatorEntries(doc).map(([, schema]) => toIndicator(schema));
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const rubric: CompiledRubric = {
    id: info.id,
    version: info.version,
    key: `${info.id}@${info.version}`,
    hash,
    title: info.title,
    description: info.description,
    language: info.language,
    sources: info.sources,
    pillars: info.pillars.map((p) => ({ ...p, indicators: indicators.filter((i) => i.pillar === p.id) })),
    indicators,
    indicator: (id: string) => byId.get(id),
    provisions: provisionsTested(indicators),
    schema: doc,
  };
  return deepFreeze(rubric);
}

function provisionsTested(indicators: readonly Indicator[]): Provision[] {
  const ids = new Set(indicators.flatMap(provisionIdsOf));
  return [...ids].flatMap((id) => findProvision(id) ?? []).sort((a, b) => provisionCatalogue.indexOf(a) - provisionCatalogue.indexOf(b));
}

function provisionIdsOf(indicator: Indicator): string[] {
  return [...indicator.provisions, ...(indicator.elements ?? []).flatMap((e) => e.provisions ?? [])];
}

/**
 * Catalogue provisions no indicator of the rubric tests. A custom partial rubric may load with
 * gaps; the default rubric must have none (its tests assert it).
 */
export function uncoveredProvisions(rubric: CompiledRubric): Provision[] {
  const tested = new Set(rubric.indicators.flatMap(provisionIdsOf));
  return provisionCatalogue.filter((p) => !tested.has(p.id));
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
