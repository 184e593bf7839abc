import { compileRubric, loadDefaultRubric, type CompiledRubric } from '../../rubric/index.js';
import { AppError } from '../errors.js';
import type { Store } from '../store/index.js';

/** The compiled rubric an assessment is pinned to: the default one, or an older version from the store. */
export async function rubricFor(store: Store, key: string): Promise<CompiledRubric> {
  const current = await loadDefaultRubric();
  if (current.key === key) return current;
  const rows = await store.query<{ document: unknown }>('SELECT document FROM rubrics WHERE key = $1', [key]);
  if (!rows[0]) throw new AppError('NOT_FOUND', 404, `The rubric ${key} is not known.`);
  return compileRubric(rows[0].document);
}
