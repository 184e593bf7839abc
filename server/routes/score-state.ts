import { statusLabels, type Assessment, type RoundCard, type RoundScores } from '../../assessments/index.js';
import type { CompiledRubric, Concern } from '../../rubric/index.js';
import type { Gap, Table } from '../../scoring/index.js';
import {
  concernLabels, explainer, formatScore, wrapLabel, obligationLabels, peersOf, pillarOfProvision, provisionTitle, regionalMean, type Why,
} from './score-explain.js';

/** Scores of an approved or published assessment are final; any other status may still change them. */
const FINAL = new Set(['approved', 'published']);

/** Gaps listed before "show the others": the first ones are where policy dialogue starts. */
const GAPS_FIRST_SHOWN = 10;

const RADAR_COLOURS = { state: '#123e6b', stateFill: 'rgba(18, 62, 107, 0.18)', region: '#b7791f' };

function difference(score: number | null, mean: number | null): string {
  if (score === null || mean === null) return '–';
  const d = score - mean;
  return `${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(1)}`;
}

function gapView(rubric: CompiledRubric, gap: Gap, n: number) {
  const indicator = rubric.indicator(gap.indicatorId);
  return {
    n,
    indicatorId: gap.indicatorId,
    title: indicator?.title ?? gap.indicatorId,
    pillarTitle: rubric.pillars.find((p) => p.id === gap.pillar)?.title ?? gap.pillar,
    kind: gap.kind,
    kindLabel: gap.kind === 'gap' ? 'Gap' : 'Opportunity',
    obligation: obligationLabels[gap.obligation] ?? gap.obligation,
    provisions: gap.provisions.join(', '),
    score: formatScore(100 * gap.score),
    priority: gap.priority.toFixed(2),
    formula: `${gap.factor} × ${gap.weight} × ${gap.size.toFixed(2)}`,
    missingInformation: gap.missingInformation,
    decidedBy: gap.decidedBy,
    recommendation: gap.recommendation,
    missingElements: gap.missingElements.map((e) => ({ label: e.label, recommendation: e.recommendation })),
  };
}

/** Everything the state scores page shows, each figure with the parts it is made of. */
export function stateScoresView(rubric: CompiledRubric, scores: RoundScores, card: RoundCard, assessment: Assessment) {
  const { card: sc } = card;
  const peers = peersOf(scores, card);
  const why = explainer(rubric, card);
  const region = (table: 'indices' | 'pillars' | 'provisions', column: string) => regionalMean(peers?.[table], column);
  const figure = (id: string, label: string, hint: string, mean: Parameters<typeof why>[0], regionMean: number | null | undefined) => ({
    id,
    label,
    hint,
    value: formatScore(mean.score),
    region: regionMean === undefined ? null : formatScore(regionMean),
    why: why(mean),
  });
  const headline = [
    figure('overall', 'Treaty index', 'Mandatory and "consider" obligations of the Protocol and UNTOC', sc.overall, region('indices', 'overall')),
    figure('good-practice', 'Good-practice index', 'Beyond the treaties; never part of the treaty index', sc.goodPractice, region('indices', 'goodPractice')),
    figure('completeness', 'Completeness', 'Share of weight answered', sc.completeness, undefined),
    figure('evidence', 'Evidence coverage', 'Share of positive findings backed by a citation', sc.evidence, undefined),
  ];
  const concerns = (Object.keys(sc.concerns) as Concern[]).map((c) => figure(`concern-${c}`, concernLabels[c], 'RSO concern: every indicator tagged with it', sc.concerns[c], undefined));

  const pillarOf = pillarOfProvision(rubric);
  const pillars = sc.pillars.map((p) => {
    const mean = region('pillars', p.pillarId);
    return {
      id: p.pillarId,
      title: rubric.pillars.find((q) => q.id === p.pillarId)?.title ?? p.pillarId,
      inOverall: p.inOverall,
      value: formatScore(p.score),
      region: formatScore(mean),
      difference: difference(p.score, mean),
      why: why(p) satisfies Why,
      provisions: sc.provisions
        .filter((v) => pillarOf.get(v.provisionId) === p.pillarId)
        .map((v) => ({
          id: v.provisionId,
          title: provisionTitle(v.provisionId),
          obligation: obligationLabels[v.obligation] ?? v.obligation,
          value: formatScore(v.score),
          region: formatScore(region('provisions', v.provisionId)),
          why: why(v),
        })),
    };
  });

  const radar = {
    type: 'radar',
    data: {
      labels: pillars.map((p) => wrapLabel(p.title)),
      datasets: [
        { label: card.state.name, data: sc.pillars.map((p) => p.score), borderColor: RADAR_COLOURS.state, backgroundColor: RADAR_COLOURS.stateFill, pointBackgroundColor: RADAR_COLOURS.state, borderWidth: 2 },
        ...(peers
          ? [{ label: `Regional average (${peers.states.length} states)`, data: sc.pillars.map((p) => region('pillars', p.pillarId)), borderColor: RADAR_COLOURS.region, backgroundColor: 'rgba(0, 0, 0, 0)', borderDash: [6, 4], pointBackgroundColor: RADAR_COLOURS.region, borderWidth: 2 }]
          : []),
      ],
    },
    options: { scales: { r: { min: 0, max: 100, ticks: { stepSize: 20, backdropColor: 'rgba(255, 255, 255, 0.8)' }, pointLabels: { font: { size: 12 } } } }, plugins: { legend: { position: 'bottom' } } },
  };

  const gaps = sc.gaps.map((g, i) => gapView(rubric, g, i + 1));
  const treatyGaps = gaps.filter((g) => g.kind === 'gap');
  return {
    title: `Scores: ${assessment.stateName}, ${assessment.roundTitle}`,
    assessment: { ...assessment, statusLabel: statusLabels[assessment.status] },
    sample: card.state.sample === true,
    provisional: !FINAL.has(assessment.status),
    rubricKey: sc.rubric,
    peersCount: peers?.states.length ?? 0,
    peersSample: peers?.sample ?? false,
    headline,
    concerns,
    pillars,
    radar,
    gaps: treatyGaps,
    topGaps: treatyGaps.slice(0, GAPS_FIRST_SHOWN),
    moreGaps: treatyGaps.slice(GAPS_FIRST_SHOWN),
    moreGapsStart: GAPS_FIRST_SHOWN + 1,
    opportunities: gaps.filter((g) => g.kind === 'opportunity'),
    missingCount: sc.gaps.filter((g) => g.missingInformation).length,
    strengthsCount: sc.strengths.length,
  };
}

function meansOf(table: Table): Record<string, number | null> {
  return Object.fromEntries(table.statistics.map((s) => [s.column, s.region.mean]));
}

/** The same scores as JSON: the card itself (with every explanation) and the regional figures it is shown against. */
export function stateScoresJson(scores: RoundScores, card: RoundCard, assessment: Assessment) {
  const peers = peersOf(scores, card);
  return {
    assessment: { id: assessment.id, state: card.state, round: scores.round, status: assessment.status, provisional: !FINAL.has(assessment.status) },
    card: card.card,
    // Regional means only, as the page shows: whoever may read one state's scores may not read
    // another's, and a minimum, a maximum or a sub-region of one state would give one away.
    regional: peers
      ? { states: peers.states.length, sample: peers.sample, indices: meansOf(peers.indices), pillars: meansOf(peers.pillars), provisions: meansOf(peers.provisions) }
      : null,
  };
}
