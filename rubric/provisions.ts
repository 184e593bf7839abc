import { readRubricAsset } from './assets.js';
import type { ObligationLevel, Provision, ProvisionId } from './types.js';

/** The provisions catalogue (provisions.json): every id a rubric may test, in canonical order. */
export const provisionCatalogue: readonly Provision[] = Object.freeze(readRubricAsset('provisions.json') as Provision[]);

const byId = new Map(provisionCatalogue.map((p) => [p.id, p]));

export function findProvision(id: ProvisionId): Provision | undefined {
  return byId.get(id);
}

/** Strength of an obligation, for "strongest level among its provisions". */
export const obligationRank: Readonly<Record<ObligationLevel, number>> = {
  mandatory: 3,
  consider: 2,
  optional: 1,
  good_practice: 0,
};
