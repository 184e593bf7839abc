import { listRounds, statusLabels, type RoundCard, type RoundScores } from '../../assessments/index.js';
import type { CompiledRubric } from '../../rubric/index.js';
import { changeBetweenRounds, compareStates, type ColumnStatistics, type Comparison, type RoundChange } from '../../scoring/index.js';
import type { Store } from '../store/index.js';
import { BANDS, band, formatScore, wrapLabel, obligationLabels, pillarOfProvision, provisionTitle, recommendationFor } from './score-explain.js';

/** Common gaps listed on the dashboard; the exports and the API carry them all. */
const COMMON_GAPS_SHOWN = 10;
/** Provisions listed per state under "change since the previous round". */
const MOVES_SHOWN = 3;
const BAR_COLOURS = ['#123e6b', '#b7791f', '#1f6f43', '#7b2d8b', '#9b2c2c', '#2b7a8c', '#5a6472'];

export interface Filters {
  subregion: string | null;
  pillar: string | null;
}

/** The dashboard's GET filters; anything not shaped like an id is ignored (the filter is off). */
export function parseFilters(query: unknown): Filters {
  const q = (query ?? {}) as Record<string, unknown>;
  const id = (v: unknown) => (typeof v === 'string' && /^[a-z0-9-]{1,60}$/.test(v) ? v : null);
  return { subregion: id(q.subregion), pillar: id(q.pillar) };
}

function queryString(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.subregion) params.set('subregion', filters.subregion);
  if (filters.pillar) params.set('pillar', filters.pillar);
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The cards the comparison is made of (a mixed round is compared on its real states). */
function comparedCards(scores: RoundScores, comparison: Comparison): RoundCard[] {
  return scores.cards.filter((c) => (c.state.sample === true) === comparison.sample);
}

/** The change from the previous round, when both rounds have states of the same kind. */
function changeFrom(previous: RoundScores | null, comparison: Comparison): RoundChange | null {
  if (!previous?.comparison || previous.comparison.sample !== comparison.sample) return null;
  return changeBetweenRounds(previous.comparison, comparison);
}

function signed(delta: number | null): string {
  if (delta === null) return '–';
  return `${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${Math.abs(delta).toFixed(1)}`;
}

/** Everything the round dashboard shows, narrowed by the filters. */
export async function dashboardView(store: Store, rubric: CompiledRubric | null, scores: RoundScores, previous: RoundScores | null, filters: Filters) {
  const rounds = (await listRounds(store)).map((r) => ({
    ...r,
    href: `/rounds/${r.id}/dashboard${queryString(filters)}`,
    current: r.id === scores.round.id,
  }));
  const base = {
    title: `Dashboard: ${scores.round.title}`,
    round: scores.round,
    rounds,
    filters,
    exports: ['matrix.csv', 'matrix.xlsx', 'answers.csv', 'answers.xlsx'].map((f) => ({ href: `/rounds/${scores.round.id}/${f}`, file: f })),
  };
  const comparison = scores.comparison;
  if (!comparison || !rubric) return { ...base, empty: true };

  const cards = comparedCards(scores, comparison);
  const byCode = new Map(cards.map((c) => [c.state.code, c]));
  const subregionNames = new Map(cards.map((c) => [c.state.subregion, c.subregionName]));
  const subregions = [...subregionNames].sort((a, b) => a[1].localeCompare(b[1])).map(([id, name]) => ({ id, name, selected: id === filters.subregion }));
  const pillarTitle = (id: string) => rubric.pillars.find((p) => p.id === id)?.title ?? id;
  const pillars = comparison.pillars.columns.map((id) => ({ id, title: pillarTitle(id), selected: id === filters.pillar }));
  const subregion = subregions.find((s) => s.selected) ?? null;
  const pillar = pillars.find((p) => p.selected) ?? null;
  const inRows = (code: string) => !subregion || byCode.get(code)?.state.subregion === subregion.id;

  // Heatmap: provision columns grouped under the pillar they are shown with, in rubric order.
  const pillarOf = pillarOfProvision(rubric);
  const columnIndex = new Map(comparison.provisions.columns.map((c, i) => [c, i]));
  const groups = [...rubric.pillars.map((p) => p.id), 'other']
    .filter((id) => !pillar || id === pillar.id)
    .map((id) => ({
      id,
      title: id === 'other' ? 'Other provisions' : pillarTitle(id),
      columns: comparison.provisions.columns
        .filter((c) => (pillarOf.get(c) ?? 'other') === id)
        .map((c) => ({ id: c, title: provisionTitle(c) })),
    }))
    .filter((g) => g.columns.length > 0);
  const columns = groups.flatMap((g) => g.columns);
  const overallOf = new Map(comparison.indices.rows.map((r) => [r.state.code, r.values[0] ?? null]));
  const cell = (value: number | null) => ({ text: value === null ? '–' : String(Math.round(value)), band: band(value), empty: value === null });
  // By name, as a reader looks a state up (codes of SAMPLE states say nothing).
  const heatmapRows = [...comparison.provisions.rows]
    .sort((a, b) => a.state.name.localeCompare(b.state.name, 'en'))
    .filter((row) => inRows(row.state.code))
    .map((row) => {
      const card = byCode.get(row.state.code)!;
      return {
        code: row.state.code,
        name: row.state.name,
        href: `/assessments/${card.assessmentId}/scores`,
        provisional: card.status !== 'approved' && card.status !== 'published',
        statusLabel: statusLabels[card.status],
        overall: cell(overallOf.get(row.state.code) ?? null),
        cells: columns.map((c) => cell(row.values[columnIndex.get(c.id)!] ?? null)),
      };
    });
  const stats = new Map(comparison.provisions.statistics.map((s) => [s.column, s]));
  const overallStats = comparison.indices.statistics[0]!;
  const meanRow = (label: string, pick: (s: ColumnStatistics) => number | null) => ({
    label,
    overall: cell(pick(overallStats)),
    cells: columns.map((c) => cell(pick(stats.get(c.id)!))),
  });
  const subMean = (s: ColumnStatistics) => s.subregions.find((x) => x.subregion === subregion?.id)?.statistics.mean ?? null;
  const footRows = [meanRow('Regional mean', (s) => s.region.mean), ...(subregion ? [meanRow(`${subregion.name} mean`, subMean)] : [])];

  // Pillar bar chart: the region and each sub-region, per pillar.
  const pillarStats = comparison.pillars.statistics;
  const series = [
    { label: 'Region', data: pillarStats.map((s) => s.region.mean) },
    ...subregions.map((sr) => ({ label: sr.name, data: pillarStats.map((s) => s.subregions.find((x) => x.subregion === sr.id)?.statistics.mean ?? null) })),
  ];
  const barChart = {
    type: 'bar',
    data: {
      labels: pillarStats.map((s) => wrapLabel(pillarTitle(s.column))),
      datasets: series.map((s, i) => ({ label: s.label, data: s.data, backgroundColor: BAR_COLOURS[i % BAR_COLOURS.length] })),
    },
    options: { scales: { y: { min: 0, max: 100, title: { display: true, text: 'Mean score (0-100)' } } }, plugins: { legend: { position: 'bottom' } } },
  };
  const barTable = {
    headers: series.map((s) => s.label),
    rows: pillarStats.map((s, i) => ({ pillar: pillarTitle(s.column), values: series.map((x) => formatScore(x.data[i] ?? null)) })),
  };

  const ranking = comparison.ranking
    .filter((r) => inRows(r.state.code))
    .map((r) => {
      const card = byCode.get(r.state.code)!;
      return { rank: r.rank ?? '–', name: r.state.name, code: r.state.code, href: `/assessments/${card.assessmentId}/scores`, score: formatScore(r.score), subregion: card.subregionName, statusLabel: statusLabels[card.status] };
    });
  const tied = new Set(comparison.ranking.map((r) => r.rank).filter((rank, i, all) => rank !== null && all.indexOf(rank) !== i));

  // Common gaps among the states shown: a sub-region's own, when one is chosen.
  const shown = cards.filter((c) => inRows(c.state.code));
  const gapSource = subregion && shown.length > 0 ? compareStates(shown) : comparison;
  const allGaps = gapSource.commonGaps.filter((g) => g.statesShort > 0 && (!pillar || pillarOf.get(g.provisionId) === pillar.id));
  const commonGaps = allGaps.slice(0, COMMON_GAPS_SHOWN).map((g) => ({
    id: g.provisionId,
    title: provisionTitle(g.provisionId),
    obligation: obligationLabels[g.obligation] ?? g.obligation,
    kindLabel: g.kind === 'gap' ? 'Gap' : 'Opportunity',
    short: g.statesShort,
    scored: g.statesScored,
    weighted: g.weighted,
    factor: g.factor,
    shortfall: formatScore(g.meanShortfall),
    recommendation: recommendationFor(rubric, g.provisionId),
  }));

  const change = changeFrom(previous, comparison);
  const changes = change?.states
    .filter((s) => inRows(s.state.code) && s.presence !== 'from_only')
    .map((s) => {
      const card = byCode.get(s.state.code);
      const moves = s.provisions
        .filter((p) => p.delta !== null && Math.abs(p.delta) >= 0.05 && (!pillar || pillarOf.get(p.provisionId) === pillar.id))
        .sort((a, b) => Math.abs(b.delta!) - Math.abs(a.delta!))
        .slice(0, MOVES_SHOWN)
        .map((p) => ({ id: p.provisionId, title: provisionTitle(p.provisionId), delta: signed(p.delta), up: p.delta! > 0 }));
      return {
        name: s.state.name,
        href: card ? `/assessments/${card.assessmentId}/scores` : null,
        from: formatScore(s.overall.from),
        to: formatScore(s.overall.to),
        delta: signed(s.overall.delta),
        up: (s.overall.delta ?? 0) > 0,
        down: (s.overall.delta ?? 0) < 0,
        newcomer: s.presence === 'to_only',
        moves,
      };
    });

  return {
    ...base,
    empty: false,
    sample: comparison.sample,
    subregions,
    pillars,
    subregion,
    pillar,
    filtered: subregion !== null || pillar !== null,
    summary: {
      states: heatmapRows.length,
      statesInRound: comparison.states.length,
      provisional: heatmapRows.filter((r) => r.provisional).length,
      mean: formatScore(subregion ? (overallStats.subregions.find((x) => x.subregion === subregion.id)?.statistics.mean ?? null) : overallStats.region.mean),
      median: formatScore(subregion ? (overallStats.subregions.find((x) => x.subregion === subregion.id)?.statistics.median ?? null) : overallStats.region.median),
    },
    bands: BANDS,
    heatmap: { groups, columns, rows: heatmapRows, footRows, span: columns.length + 2 },
    barChart,
    barTable,
    ranking,
    hasTies: tied.size > 0,
    commonGaps,
    commonGapsTotal: allGaps.length,
    moreGaps: allGaps.length > commonGaps.length,
    previousRound: change && previous ? { id: previous.round.id, title: previous.round.title } : null,
    changes: changes ?? [],
  };
}

/** The dashboard's data as JSON: the comparison itself, who is in it, and the change from the previous round. */
export function comparisonJson(scores: RoundScores, previous: RoundScores | null) {
  const comparison = scores.comparison;
  return {
    round: scores.round,
    assessments: scores.cards
      .filter((c) => !comparison || (c.state.sample === true) === comparison.sample)
      .map((c) => ({ id: c.assessmentId, state: c.state, subregionName: c.subregionName, status: c.status, updatedAt: c.updatedAt })),
    comparison,
    change: comparison ? changeFrom(previous, comparison) : null,
  };
}
