/**
 * The view model of the comparative regional report: one round's states side by side, for the
 * RSO's programme planning. Pure: no I/O; the template only prints what is here.
 */
import type { RoundScores } from '../assessments/index.js';
import type { CompiledRubric } from '../rubric/index.js';
import type { Comparison, Statistics } from '../scoring/index.js';
import { provisionRef, provisionsByPillar, type Figure, type ProvisionRef } from './country.js';
import { band, dateText, obligationWords, scoreText, statusWords } from './format.js';

export interface HeatCell extends Figure {
  column: string;
}

export interface HeatRow {
  code: string;
  name: string;
  subregion: string;
  cells: HeatCell[];
}

export interface RankingRow {
  /** "1", "3=" for a shared rank, "–" without a score. */
  rank: string;
  position: number | null;
  tied: boolean;
  name: string;
  subregion: string;
  status: string;
  index: Figure;
  goodPractice: Figure;
}

export interface StatisticsRow {
  title: string;
  count: number;
  min: string;
  median: string;
  mean: string;
  max: string;
}

export interface StateLine {
  name: string;
  subregion: string;
  status: string;
  index: Figure;
  rank: string;
  strongest: { title: string; figure: Figure } | null;
  weakest: { title: string; figure: Figure } | null;
  topGap: { title: string; provisions: ProvisionRef[] } | null;
}

export interface ProvisionMatrix {
  pillarId: string;
  title: string;
  columns: ProvisionRef[];
  /** The states in page-sized parts, each printed as its own table on its own landscape page. */
  parts: HeatRow[][];
}

export interface CommonGapView {
  rank: number;
  provision: ProvisionRef;
  description: string;
  obligation: string;
  statesShort: number;
  statesScored: number;
  share: string;
  meanShortfall: string;
}

export interface RegionalReportModel {
  lang: string;
  title: string;
  round: { title: string; slug: string };
  sample: boolean;
  watermarks: string[];
  generatedOn: string;
  rubric: { key: string; title: string };
  stateCount: number;
  subregions: { name: string; count: number; index: Figure }[];
  index: StatisticsRow;
  statuses: { status: string; count: number }[];
  pillarColumns: { id: string; title: string }[];
  heatmap: HeatRow[];
  provisionMatrices: ProvisionMatrix[];
  ranking: RankingRow[];
  tiedRanks: number;
  distribution: { chartId: string; chart: unknown; rows: StatisticsRow[] };
  subregionMeans: { subregion: string; cells: Figure[]; index: Figure }[];
  commonGaps: CommonGapView[];
  opportunities: CommonGapView[];
  stateLines: StateLine[];
}

export interface RegionalReportInput {
  scores: RoundScores;
  rubric: CompiledRubric;
  generatedAt: Date;
}

/** How many provisions the report names as programme priorities, and as good-practice opportunities. */
export const PRIORITY_GAPS = 10;
export const PRIORITY_OPPORTUNITIES = 5;

/** States per landscape page of the states × provisions annex, under its 40 mm column headings. */
export const MATRIX_ROWS_PER_PAGE = 23;

/** Rows in parts of at most `size`, as even as can be (45 → 23 + 22, not 23 + 22 by luck of the page). */
function parts<T>(rows: readonly T[], size: number): T[][] {
  const count = Math.max(1, Math.ceil(rows.length / size));
  const each = Math.ceil(rows.length / count);
  return Array.from({ length: count }, (_, i) => rows.slice(i * each, (i + 1) * each));
}

const figure = (score: number | null | undefined): Figure => ({ score: score ?? null, text: scoreText(score), band: band(score) });

/** A thin floating bar at a value: how the distribution chart marks a median or a mean. */
function marker(value: number | null): [number, number] | null {
  return value === null ? null : [Math.max(0, value - 0.6), Math.min(100, value + 0.6)];
}

function statisticsRow(title: string, s: Statistics | undefined): StatisticsRow {
  return { title, count: s?.count ?? 0, min: scoreText(s?.min), median: scoreText(s?.median), mean: scoreText(s?.mean), max: scoreText(s?.max) };
}

export function regionalReportModel(input: RegionalReportInput): RegionalReportModel {
  const { scores, rubric } = input;
  const comparison = scores.comparison;
  if (!comparison) throw new Error(`Round ${scores.round.slug} has no assessment to compare.`);
  const sample = comparison.sample || scores.round.isSample;
  const compared = new Set(comparison.states.map((s) => s.code));
  const cards = scores.cards.filter((c) => compared.has(c.state.code));
  const cardOf = new Map(cards.map((c) => [c.state.code, c]));
  const subregionName = new Map(cards.map((c) => [c.state.subregion, c.subregionName]));
  const nameOf = (code: string) => cardOf.get(code)?.subregionName ?? code;
  const byName = <T extends { name: string }>(rows: T[]) => rows.sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const pillarTitle = (id: string) => rubric.pillars.find((p) => p.id === id)?.title ?? id;
  const pillarColumns = comparison.pillars.columns.map((id) => ({ id, title: pillarTitle(id) }));
  const indexRow = new Map(comparison.indices.rows.map((r) => [r.state.code, r.values]));

  const heatmap = byName(
    comparison.pillars.rows.map((row) => ({
      code: row.state.code,
      name: row.state.name,
      subregion: nameOf(row.state.code),
      cells: [...row.values.map((v, i) => ({ column: comparison.pillars.columns[i]!, ...figure(v) })), { column: 'overall', ...figure(indexRow.get(row.state.code)?.[0]) }],
    })),
  );

  const grouped = provisionsByPillar(rubric);
  const provisionMatrices = rubric.pillars
    .map((pillar): ProvisionMatrix => {
      // A provision no state has a score on (not in the compared rubric versions) has no column.
      const ids = (grouped.get(pillar.id) ?? []).filter((id) => comparison.provisions.columns.includes(id));
      const columnIndex = ids.map((id) => comparison.provisions.columns.indexOf(id));
      return {
        pillarId: pillar.id,
        title: pillar.title,
        columns: ids.map((id) => provisionRef(rubric, id)),
        parts: parts(
          byName(
            comparison.provisions.rows.map((row) => ({
              code: row.state.code,
              name: row.state.name,
              subregion: nameOf(row.state.code),
              cells: columnIndex.map((c, i) => ({ column: ids[i]!, ...figure(row.values[c]) })),
            })),
          ),
          MATRIX_ROWS_PER_PAGE,
        ),
      };
    })
    .filter((m) => m.columns.length > 0);

  const rankCounts = new Map<number, number>();
  for (const r of comparison.ranking) if (r.rank !== null) rankCounts.set(r.rank, (rankCounts.get(r.rank) ?? 0) + 1);
  const rankText = (rank: number | null) => (rank === null ? '–' : `${rank}${(rankCounts.get(rank) ?? 0) > 1 ? '=' : ''}`);
  const ranking = comparison.ranking.map((r): RankingRow => {
    const card = cardOf.get(r.state.code);
    return {
      rank: rankText(r.rank),
      position: r.rank,
      tied: r.rank !== null && (rankCounts.get(r.rank) ?? 0) > 1,
      name: r.state.name,
      subregion: nameOf(r.state.code),
      status: card ? statusWords[card.status] : '',
      index: figure(r.score),
      goodPractice: figure(card?.card.goodPractice.score),
    };
  });

  const pillarStats = comparison.pillars.statistics;
  const distribution = {
    chartId: 'chart-pillar-distribution',
    rows: pillarStats.map((s) => statisticsRow(pillarTitle(s.column), s.region)),
    chart: {
      type: 'bar',
      data: {
        labels: pillarStats.map((s) => pillarTitle(s.column)),
        datasets: [
          // Floating bars, drawn over one another (grouped: false): the range, and thin markers for median and mean.
          { label: 'Range (lowest to highest state)', data: pillarStats.map((s) => [s.region.min ?? 0, s.region.max ?? 0]), backgroundColor: '#c9d7e6', borderColor: '#8aa5bf', borderWidth: 1, barPercentage: 0.55, grouped: false, order: 3 },
          { label: 'Median', data: pillarStats.map((s) => marker(s.region.median)), backgroundColor: '#c08a2d', barPercentage: 0.85, grouped: false, order: 2 },
          { label: 'Mean', data: pillarStats.map((s) => marker(s.region.mean)), backgroundColor: '#1b3a5c', barPercentage: 0.85, grouped: false, order: 1 },
        ],
      },
      options: {
        indexAxis: 'y',
        scales: { x: { min: 0, max: 100, ticks: { stepSize: 20 }, grid: { color: '#e3e8ee' } }, y: { grid: { display: false } } },
        plugins: { legend: { position: 'bottom', reverse: true, labels: { boxWidth: 10, boxHeight: 10 } } },
      },
    },
  };

  const subregionIds = [...new Set(cards.map((c) => c.state.subregion))].sort();
  const indexStats = comparison.indices.statistics.find((s) => s.column === 'overall');
  const subregionMeans = subregionIds.map((id) => ({
    subregion: subregionName.get(id) ?? id,
    cells: pillarStats.map((s) => figure(s.subregions.find((x) => x.subregion === id)?.statistics.mean)),
    index: figure(indexStats?.subregions.find((x) => x.subregion === id)?.statistics.mean),
  }));

  const commonGapView = (g: Comparison['commonGaps'][number], i: number): CommonGapView => ({
    rank: i + 1,
    provision: provisionRef(rubric, g.provisionId),
    description: rubric.provisions.find((p) => p.id === g.provisionId)?.description ?? '',
    obligation: obligationWords[g.obligation],
    statesShort: g.statesShort,
    statesScored: g.statesScored,
    share: g.statesScored === 0 ? '–' : `${Math.round((100 * g.statesShort) / g.statesScored)}%`,
    meanShortfall: scoreText(g.meanShortfall),
  });

  const stateLines = byName(
    cards.map((c): StateLine => {
      const scored = c.card.pillars.filter((p) => p.score !== null && p.inOverall);
      const best = scored.reduce<(typeof scored)[number] | null>((a, p) => (a === null || p.score! > a.score! ? p : a), null);
      const worst = scored.reduce<(typeof scored)[number] | null>((a, p) => (a === null || p.score! < a.score! ? p : a), null);
      const gap = c.card.gaps.find((g) => g.kind === 'gap') ?? null;
      return {
        name: c.state.name,
        subregion: c.subregionName,
        status: statusWords[c.status],
        index: figure(c.card.overall.score),
        rank: rankText(comparison.ranking.find((r) => r.state.code === c.state.code)?.rank ?? null),
        strongest: best ? { title: pillarTitle(best.pillarId), figure: figure(best.score) } : null,
        weakest: worst ? { title: pillarTitle(worst.pillarId), figure: figure(worst.score) } : null,
        topGap: gap ? { title: rubric.indicator(gap.indicatorId)?.title ?? gap.indicatorId, provisions: gap.provisions.map((id) => provisionRef(rubric, id)) } : null,
      };
    }),
  );

  const statusCounts = new Map<string, number>();
  for (const c of cards) statusCounts.set(statusWords[c.status], (statusCounts.get(statusWords[c.status]) ?? 0) + 1);

  return {
    lang: rubric.language,
    title: `${sample ? 'SAMPLE: ' : ''}Comparative regional report on the Trafficking in Persons Protocol`,
    round: { title: scores.round.title, slug: scores.round.slug },
    sample,
    watermarks: sample ? ['SAMPLE'] : [],
    generatedOn: dateText(input.generatedAt),
    rubric: { key: rubric.key, title: rubric.title },
    stateCount: cards.length,
    subregions: subregionIds.map((id) => ({
      name: subregionName.get(id) ?? id,
      count: cards.filter((c) => c.state.subregion === id).length,
      index: figure(indexStats?.subregions.find((x) => x.subregion === id)?.statistics.mean),
    })),
    index: statisticsRow('Treaty index', indexStats?.region),
    statuses: [...statusCounts].map(([status, count]) => ({ status, count })),
    pillarColumns,
    heatmap,
    provisionMatrices,
    ranking,
    tiedRanks: [...rankCounts.values()].filter((n) => n > 1).length,
    distribution,
    subregionMeans,
    commonGaps: comparison.commonGaps.filter((g) => g.kind === 'gap' && g.statesShort > 0).slice(0, PRIORITY_GAPS).map(commonGapView),
    opportunities: comparison.commonGaps.filter((g) => g.kind === 'opportunity' && g.statesShort > 0).slice(0, PRIORITY_OPPORTUNITIES).map(commonGapView),
    stateLines,
  };
}
