/** Statistics and ranking over states' scores (0-100). */
import type { RankedState, StateRef, Statistics } from './types.js';

/** Count, mean, median, min and max; a median of an even count is the mean of the middle two. */
export function statisticsOf(values: readonly number[]): Statistics {
  const count = values.length;
  if (count === 0) return { count, mean: null, median: null, min: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  let sum = 0;
  for (const v of sorted) sum += v;
  const mid = Math.floor(count / 2);
  const median = count % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { count, mean: sum / count, median, min: sorted[0]!, max: sorted[count - 1]! };
}

/**
 * Scores closer than this count as a tie: two states with the same findings reached by different
 * indicators may differ in the last bits of a float, and must still share a rank.
 */
const TIE_PRECISION = 1e6;

/**
 * Best first, with standard competition ranking (1, 2, 2, 4): tied states share a rank and the
 * next rank skips. Ties and states without a score (rank null, listed last) go in code order.
 */
export function rankStates(entries: readonly { readonly state: StateRef; readonly score: number | null }[]): RankedState[] {
  const keyed = entries.map((e) => ({ ...e, key: e.score === null ? null : Math.round(e.score * TIE_PRECISION) }));
  keyed.sort((a, b) => {
    if (a.key !== b.key) {
      if (a.key === null) return 1;
      if (b.key === null) return -1;
      return b.key - a.key;
    }
    return compareCodes(a.state.code, b.state.code);
  });
  let rank = 0;
  return keyed.map((e, i) => {
    if (e.key === null) return { state: e.state, score: e.score, rank: null };
    if (i === 0 || keyed[i - 1]!.key !== e.key) rank = i + 1;
    return { state: e.state, score: e.score, rank };
  });
}

/** Code-unit order: the same in every locale. */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
