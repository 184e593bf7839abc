import { compileRubric, loadDefaultRubric, type CompiledRubric } from '../../rubric/index.js';
import { AppError } from '../errors.js';
import type { Store } from '../store/index.js';

// Rubric versions never change while the app runs (a changed file stops it at start), so each is
// read, hashed and compiled once per process, not once per request.
let defaultRubric: Promise<CompiledRubric> | null = null;
const byKey = new Map<string, CompiledRubric>();

/** The rubric new assessments are pinned to. */
export function currentRubric(): Promise<CompiledRubric> {
  defaultRubric ??= loadDefaultRubric();
  return defaultRubric;
}

/** The compiled rubric an assessment is pinned to: the default one, or an older version from the store. */
export async function rubricFor(store: Store, key: string): Promise<CompiledRubric> {
  const current = await currentRubric();
  if (current.key === key) return current;
  const known = byKey.get(key);
  if (known) return known;
  const rows = await store.query<{ document: unknown }>('SELECT document FROM rubrics WHERE key = $1', [key]);
  if (!rows[0]) throw new AppError('NOT_FOUND', 404, `The rubric ${key} is not known.`);
  const rubric = compileRubric(rows[0].document);
  byKey.set(key, rubric);
  return rubric;
}
