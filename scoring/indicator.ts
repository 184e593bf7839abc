/** One indicator: from its answer value to a score, a finding and the rubric's advice. */
import type { Element, Indicator, Threshold } from '../rubric/index.js';
import type { Finding, IndicatorArithmetic } from './types.js';

/** The full level of a level question (levels are 0-3). */
const FULL_LEVEL = 3;

/**
 * How an answer value scores, or null when the value does not fit the question (a draft is stored
 * as typed, so scoring meets wrong types and out-of-range values and must not throw on them).
 */
export function arithmeticOf(indicator: Indicator, value: unknown): IndicatorArithmetic | null {
  switch (indicator.questionType) {
    case 'elements':
      return elementsArithmetic(indicator.elements ?? [], value);
    case 'level':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= FULL_LEVEL
        ? { numerator: value, denominator: FULL_LEVEL }
        : null;
    case 'yesno':
      // Every yes/no question is phrased so that "yes" is compliant (scoring/CONTEXT.md).
      return typeof value === 'boolean' ? { numerator: value ? 1 : 0, denominator: 1 } : null;
    case 'years':
      return indicator.threshold ? yearsArithmetic(indicator.threshold, value) : null;
    case 'text':
      return null;
  }
}

/** Ticked weight over total weight; ids that are not elements earn nothing, a repeated id counts once. */
function elementsArithmetic(elements: readonly Element[], value: unknown): IndicatorArithmetic | null {
  if (!Array.isArray(value)) return null;
  const ticked: string[] = [];
  let numerator = 0;
  let denominator = 0;
  for (const e of elements) {
    if (value.includes(e.id)) {
      ticked.push(e.id);
      numerator += e.weight;
    }
    denominator += e.weight;
  }
  return { numerator, denominator, ticked };
}

/**
 * A maximum penalty at or above the threshold (or life imprisonment) is full; below it, the share
 * of the threshold reached, so that 2 of 4 years scores 0.5 and any increase raises the score.
 */
function yearsArithmetic(threshold: Threshold, value: unknown): IndicatorArithmetic | null {
  if (value === 'life') return { numerator: threshold.min, denominator: threshold.min };
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return null;
  return { numerator: Math.min(value, threshold.min), denominator: threshold.min };
}

export function findingOf(score: number): Finding {
  if (score >= 1) return 'full';
  return score > 0 ? 'partial' : 'absent';
}

export interface Advice {
  readonly recommendation: string | null;
  readonly missingElements: readonly Element[];
}

/**
 * The rubric's advice for a finding short of full. Without arithmetic (a moot follow-up, or an
 * answer that is missing) the advice is the one for an absent finding; the missing elements are
 * listed only when known, i.e. not when information is missing.
 */
export function adviceFor(indicator: Indicator, arithmetic: IndicatorArithmetic | null, missingInformation: boolean): Advice {
  const score = arithmetic ? arithmetic.numerator / arithmetic.denominator : 0;
  const finding = findingOf(score);
  switch (indicator.questionType) {
    case 'level': {
      const level = arithmetic ? arithmetic.numerator : 0;
      return { recommendation: indicator.levels?.[level]?.recommendation ?? null, missingElements: [] };
    }
    case 'elements':
      return {
        recommendation: recommendationFor(indicator, finding),
        missingElements: missingInformation ? [] : missingElementsOf(indicator, arithmetic),
      };
    default:
      return { recommendation: recommendationFor(indicator, finding), missingElements: [] };
  }
}

function recommendationFor(indicator: Indicator, finding: Finding): string | null {
  const recs = indicator.recommendations;
  if (finding === 'partial') return recs?.partial ?? null;
  return finding === 'absent' ? recs?.absent ?? null : null;
}

function missingElementsOf(indicator: Indicator, arithmetic: IndicatorArithmetic | null): readonly Element[] {
  const elements = indicator.elements ?? [];
  const ticked = arithmetic?.ticked;
  return ticked ? elements.filter((e) => !ticked.includes(e.id)) : elements;
}
