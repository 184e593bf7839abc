/** Comparing states in one round, and one round with a later one. */
import { provisionCatalogue, type ObligationLevel, type ProvisionId } from '../rubric/index.js';
import { OBLIGATION_FACTOR } from './score.js';
import { compareCodes, rankStates, statisticsOf } from './statistics.js';
import type { ColumnStatistics, CommonGap, Comparison, MatrixRow, RoundChange, ScoreCard, ScoreChange, StateCard, StateChange, StateRef, Table } from './types.js';

/** Column ids of the `indices` table. */
export const INDEX_COLUMNS = ['overall', 'goodPractice'] as const;

/**
 * Puts the score cards of one round side by side: states × provisions, × pillars and × indices,
 * statistics per column for the region and each sub-region, the ranking and the most common gaps.
 * Cards may come from different rubric versions: a provision or pillar missing from a state's
 * rubric is a null cell. Throws on an empty list, mixed rounds, a state listed twice, or SAMPLE
 * states mixed with real ones (a regional figure must never blend fictional states in).
 */
export function compareStates(entries: readonly StateCard[]): Comparison {
  const first = entries[0];
  if (!first) throw new Error('compareStates: no score cards to compare');
  const round = first.round;
  const sample = first.state.sample === true;
  const seen = new Set<string>();
  for (const e of entries) {
    if (e.round !== round) throw new Error(`compareStates: cards of rounds '${round}' and '${e.round}' cannot be compared as one round`);
    if ((e.state.sample === true) !== sample) throw new Error('compareStates: SAMPLE states cannot be compared with real states');
    if (seen.has(e.state.code)) throw new Error(`compareStates: state ${e.state.code} is listed twice`);
    seen.add(e.state.code);
  }
  const sorted = [...entries].sort((a, b) => compareCodes(a.state.code, b.state.code));

  const obligations = new Map<ProvisionId, ObligationLevel>();
  for (const { card } of sorted) for (const p of card.provisions) if (!obligations.has(p.provisionId)) obligations.set(p.provisionId, p.obligation);
  const provisionColumns = inCatalogueOrder(obligations.keys());
  const pillarColumns = [...new Set(sorted.flatMap(({ card }) => card.pillars.map((p) => p.pillarId)))];

  const provisions = table(provisionColumns, sorted, (card, put) => {
    for (const p of card.provisions) put(p.provisionId, p.score);
  });
  const pillars = table(pillarColumns, sorted, (card, put) => {
    for (const p of card.pillars) put(p.pillarId, p.score);
  });
  const indices = table(INDEX_COLUMNS, sorted, (card, put) => {
    put('overall', card.overall.score);
    put('goodPractice', card.goodPractice.score);
  });

  return {
    round,
    sample,
    states: sorted.map((e) => e.state),
    provisions,
    pillars,
    indices,
    ranking: rankStates(indices.rows.map((row) => ({ state: row.state, score: row.values[0] ?? null }))),
    commonGaps: commonGaps(provisions, obligations),
  };
}

/** Hands each score of a card to `put`, by column. */
type Cells = (card: ScoreCard, put: (column: string, score: number | null) => void) => void;

function table(columns: readonly string[], entries: readonly StateCard[], cellsOf: Cells): Table {
  const index = new Map(columns.map((c, i) => [c, i]));
  const rows: MatrixRow[] = entries.map(({ state, card }) => {
    const values: (number | null)[] = new Array<number | null>(columns.length).fill(null);
    cellsOf(card, (column, score) => {
      const i = index.get(column);
      if (i !== undefined) values[i] = score;
    });
    return { state, values };
  });
  return { columns, rows, statistics: columnStatistics(columns, rows) };
}

function columnStatistics(columns: readonly string[], rows: readonly MatrixRow[]): ColumnStatistics[] {
  const bySubregion = new Map<string, MatrixRow[]>();
  for (const row of rows) {
    const group = bySubregion.get(row.state.subregion);
    if (group) group.push(row);
    else bySubregion.set(row.state.subregion, [row]);
  }
  const subregions = [...bySubregion.keys()].sort(compareCodes);
  return columns.map((column, c) => ({
    column,
    region: statisticsOf(scoresIn(rows, c)),
    subregions: subregions.map((subregion) => ({ subregion, statistics: statisticsOf(scoresIn(bySubregion.get(subregion)!, c)) })),
  }));
}

function scoresIn(rows: readonly MatrixRow[], column: number): number[] {
  const values: number[] = [];
  for (const row of rows) {
    const v = row.values[column];
    if (v !== null && v !== undefined) values.push(v);
  }
  return values;
}

/**
 * Per provision, the states short of full (under 100), weighted by the provision's obligation
 * factor; most weighted first, then the deeper mean shortfall, then catalogue order.
 */
function commonGaps(provisions: Table, obligations: ReadonlyMap<ProvisionId, ObligationLevel>): CommonGap[] {
  const gaps = provisions.columns.flatMap((provisionId, c): CommonGap[] => {
    const obligation = obligations.get(provisionId) ?? 'mandatory';
    const factor = OBLIGATION_FACTOR[obligation];
    const states: string[] = [];
    let scored = 0;
    let shortfall = 0;
    for (const row of provisions.rows) {
      const v = row.values[c];
      if (v === null || v === undefined) continue;
      scored++;
      if (v < 100) {
        states.push(row.state.code);
        shortfall += 100 - v;
      }
    }
    if (states.length === 0) return [];
    return [{
      provisionId,
      obligation,
      kind: obligation === 'mandatory' || obligation === 'consider' ? 'gap' : 'opportunity',
      factor,
      statesShort: states.length,
      statesScored: scored,
      weighted: states.length * factor,
      meanShortfall: shortfall / states.length,
      states,
    }];
  });
  // Stable sort: equal keys keep catalogue order.
  return gaps.sort((a, b) => b.weighted - a.weighted || (b.meanShortfall ?? 0) - (a.meanShortfall ?? 0));
}

const catalogueIndex = new Map(provisionCatalogue.map((p, i) => [p.id, i]));

/** Catalogue order; ids the catalogue does not know (none, for a checked rubric) after, in code order. */
function inCatalogueOrder(ids: Iterable<ProvisionId>): ProvisionId[] {
  return [...ids].sort((a, b) => {
    const ia = catalogueIndex.get(a) ?? Infinity;
    const ib = catalogueIndex.get(b) ?? Infinity;
    return ia === ib ? compareCodes(a, b) : ia - ib;
  });
}

/**
 * The change per state and provision from one round's comparison to a later one's. A state in only
 * one round is listed with `presence` saying which, and a provision scored in only one round (a
 * different rubric version) is listed in `provisionsOnlyIn`; either way the missing side is null
 * and so is the delta. Throws when a SAMPLE comparison is set against a real one.
 */
export function changeBetweenRounds(from: Comparison, to: Comparison): RoundChange {
  if (from.sample !== to.sample) throw new Error('changeBetweenRounds: a SAMPLE round cannot be compared with a real round');
  const fromColumns = new Set(from.provisions.columns);
  const toColumns = new Set(to.provisions.columns);
  const provisions = inCatalogueOrder(new Set([...fromColumns, ...toColumns]));
  const fromScores = scoresByCode(from);
  const toScores = scoresByCode(to);
  const codes = [...new Set([...fromScores.rows.keys(), ...toScores.rows.keys()])].sort(compareCodes);

  const states = codes.map((code): StateChange => {
    const a = fromScores.rows.get(code);
    const b = toScores.rows.get(code);
    return {
      state: (b ?? a)!.state,
      presence: a && b ? 'both' : a ? 'from_only' : 'to_only',
      overall: change(a?.overall ?? null, b?.overall ?? null),
      provisions: provisions.map((provisionId) => ({ provisionId, ...change(fromScores.score(a, provisionId), toScores.score(b, provisionId)) })),
    };
  });
  return {
    from: from.round,
    to: to.round,
    provisionsOnlyIn: { from: provisions.filter((p) => !toColumns.has(p)), to: provisions.filter((p) => !fromColumns.has(p)) },
    states,
  };
}

interface StateScores {
  readonly state: StateRef;
  readonly overall: number | null;
  readonly provisions: readonly (number | null)[];
}

/** A round's rows by state code, and the score of a row on a provision (null when absent). */
function scoresByCode(comparison: Comparison) {
  const column = new Map(comparison.provisions.columns.map((c, i) => [c, i]));
  const rows = new Map<string, StateScores>();
  comparison.provisions.rows.forEach((row, r) => {
    rows.set(row.state.code, { state: row.state, overall: comparison.indices.rows[r]?.values[0] ?? null, provisions: row.values });
  });
  const score = (row: StateScores | undefined, provisionId: ProvisionId): number | null => {
    const i = column.get(provisionId);
    return row && i !== undefined ? row.provisions[i] ?? null : null;
  };
  return { rows, score };
}

function change(from: number | null, to: number | null): ScoreChange {
  return { from, to, delta: from !== null && to !== null ? to - from : null };
}
