/**
 * The view model of the country report: every figure of one state's score card, put into the words
 * and the order a member state reads them. Pure: no I/O; the template only prints what is here.
 */
import type { RoundCard, RoundScores } from '../assessments/index.js';
import type { Citation, CompiledRubric, Concern, Indicator, ObligationLevel, Provision, ProvisionId } from '../rubric/index.js';
import { OBLIGATION_FACTOR, type Gap, type IndicatorScore, type Statistics, type WeightedMean } from '../scoring/index.js';
import {
  articleRef, band, concernWords, dateText, deltaText, findingWords, languageTag, naReasonWords, obligationWording, obligationWords, scoreText,
  shortHash, statusWords, treatmentBadge, treatmentWords,
} from './format.js';

/** A provision as a reader meets it: its title, with the article to look it up and its id in small print. */
export interface ProvisionRef {
  id: ProvisionId;
  title: string;
  /** "Protocol art. 3(a)", "UNTOC art. 2(b)"; empty for good practice beyond the treaties. */
  article: string;
  /** The article, or the title where there is none: what a list of references prints. */
  label: string;
  obligation: string;
}

export interface Figure {
  /** 0-100 or null. */
  score: number | null;
  text: string;
  band: string;
}

export interface CitationView {
  instrument: string;
  section: string;
  year: string | null;
  url: string | null;
  excerpt: string | null;
  lang: string | null;
}

export interface PillarRow {
  id: string;
  title: string;
  figure: Figure;
  region: Figure;
  subregion: Figure;
  /** State minus region mean, signed. */
  versusRegion: string;
  inOverall: boolean;
}

export interface GapView {
  /** Place in the card's priority order (1 = highest priority). */
  rank: number;
  /** Number in the recommendations chapter, which groups by obligation first. */
  number: number;
  indicatorId: string;
  title: string;
  pillar: string;
  provisions: ProvisionRef[];
  obligation: string;
  finding: string;
  score: string;
  priority: string;
  recommendation: string | null;
  missingElements: { label: string; recommendation: string; provisions: ProvisionRef[] }[];
  missingInformation: boolean;
  /** The question it follows from, when the answer there ruled this one out. */
  followsFrom: string | null;
}

export interface RecommendationGroup {
  id: string;
  title: string;
  intro: string;
  items: GapView[];
}

export interface IndicatorFinding {
  id: string;
  title: string;
  question: string;
  obligation: string;
  provisions: ProvisionRef[];
  /** "Full", "Partial", "Absent", or the treatment in words when there is no finding. */
  finding: string;
  findingClass: string;
  score: string;
  answer: string[];
  citations: CitationView[];
  missingInformation: boolean;
}

export interface PillarFindings {
  id: string;
  title: string;
  description: string;
  figure: Figure;
  provisions: { ref: ProvisionRef; figure: Figure }[];
  indicators: IndicatorFinding[];
}

export interface ConcernView {
  id: Concern;
  title: string;
  intro: string;
  figure: Figure;
  region: Figure;
  indicators: { title: string; id: string; obligation: string; finding: string; findingClass: string; score: string; recommendation: string | null }[];
}

export interface AnnexEntry {
  id: string;
  title: string;
  question: string;
  status: string;
  answer: string[];
  notApplicable: { reason: string; justification: string | null } | null;
  citations: CitationView[];
  notes: string | null;
}

export interface CountryReportModel {
  lang: string;
  title: string;
  state: { code: string; name: string; subregion: string };
  round: { title: string; slug: string };
  status: string;
  watermarks: string[];
  sample: boolean;
  draft: boolean;
  generatedOn: string;
  snapshotHash: string | null;
  snapshotShort: string | null;
  rubric: { key: string; title: string; hash: string; hashShort: string };
  summary: {
    overall: Figure;
    goodPractice: Figure;
    completeness: Figure;
    evidence: Figure;
    rank: { rank: number; of: number; tied: boolean } | null;
    pillars: PillarRow[];
    topGaps: GapView[];
    gapCount: number;
    strengths: { title: string; provisions: ProvisionRef[] }[];
    caveats: string[];
  };
  concerns: ConcernView[];
  comparison: {
    available: boolean;
    statesCompared: number;
    subregion: string;
    subregionCount: number;
    chartId: string;
    chart: unknown;
    pillars: PillarRow[];
    overall: PillarRow;
  };
  findings: PillarFindings[];
  recommendations: RecommendationGroup[];
  methodology: {
    factors: { level: string; wording: string; factor: number }[];
    completeness: { numerator: string; denominator: string; text: string };
    evidence: { numerator: string; denominator: string; text: string };
    overall: { numerator: string; denominator: string; text: string };
    indicatorCount: number;
    scoredCount: number;
    notApplicableCount: number;
    missingCount: number;
    sources: string[];
  };
  annex: { id: string; title: string; entries: AnnexEntry[] }[];
}

export interface CountryReportInput {
  scores: RoundScores;
  assessmentId: number;
  rubric: CompiledRubric;
  generatedAt: Date;
  /** The content hash of the published snapshot the report was made from; null for an unpublished assessment. */
  snapshotHash: string | null;
}

/** How many gaps the executive summary names; the rest are in the recommendations. */
const SUMMARY_GAPS = 5;

const CHART_COLOURS = { state: '#1b3a5c', region: '#8aa5bf', subregion: '#c08a2d' } as const;

const figure = (score: number | null | undefined): Figure => ({ score: score ?? null, text: scoreText(score), band: band(score) });

export function provisionRef(rubric: CompiledRubric, id: ProvisionId): ProvisionRef {
  const p: Provision | undefined = rubric.provisions.find((x) => x.id === id);
  if (!p) return { id, title: id, article: '', label: id, obligation: '' };
  const article = p.article ? articleRef(p) : '';
  return { id, title: p.title, article, label: article || p.title, obligation: obligationWords[p.obligation] };
}

/**
 * Each provision under the pillar of the first indicator that tests it (rubric order), in
 * catalogue order: a good-practice question naming a treaty provision (GP-RESIDENCE-WORK, TIP.7)
 * does not pull that provision into the good-practice pillar.
 */
export function provisionsByPillar(rubric: CompiledRubric): Map<string, ProvisionId[]> {
  const seen = new Set<ProvisionId>();
  const byPillar = new Map<string, ProvisionId[]>();
  for (const pillar of rubric.pillars) {
    const ids = new Set(pillar.indicators.flatMap((i) => i.provisions).filter((id) => !seen.has(id)));
    ids.forEach((id) => seen.add(id));
    byPillar.set(pillar.id, rubric.provisions.filter((p) => ids.has(p.id)).map((p) => p.id));
  }
  return byPillar;
}

function indicatorOf(rubric: CompiledRubric, id: string): Indicator {
  const indicator = rubric.indicator(id);
  if (!indicator) throw new Error(`The score card names indicator ${id}, which its rubric ${rubric.key} lacks.`);
  return indicator;
}

function findingOf(score: IndicatorScore): { text: string; className: string } {
  if (score.finding) return { text: findingWords[score.finding], className: `finding-${score.finding}` };
  return { text: treatmentBadge[score.treatment], className: score.missingInformation ? 'finding-missing' : 'finding-none' };
}

/** The stored answer, read defensively: a draft may hold anything. */
interface StoredAnswer {
  status?: unknown;
  value?: unknown;
  justification?: unknown;
  naReason?: unknown;
  citations?: unknown;
  notes?: unknown;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

function citationsOf(answer: StoredAnswer | undefined): CitationView[] {
  if (!answer || !Array.isArray(answer.citations)) return [];
  return (answer.citations as Partial<Citation>[]).map((c) => ({
    instrument: text(c.instrument) ?? 'Instrument not named',
    section: text(c.provision) ?? '',
    year: typeof c.year === 'number' ? String(c.year) : null,
    url: text(c.url),
    excerpt: text(c.excerpt),
    lang: languageTag(c.language),
  }));
}

/** The answer value in words: element labels, level label and descriptor, yes/no, years. */
function answerInWords(indicator: Indicator, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  switch (indicator.questionType) {
    case 'elements': {
      if (!Array.isArray(value)) return ['(the stored value is not a list of elements)'];
      const ticked = new Set(value as unknown[]);
      const elements = indicator.elements ?? [];
      const covered = elements.filter((e) => ticked.has(e.id)).map((e) => e.label);
      const missing = elements.filter((e) => !ticked.has(e.id)).map((e) => e.label);
      return [
        `Covered: ${covered.length > 0 ? covered.join('; ') : 'none'}.`,
        ...(missing.length > 0 ? [`Not covered: ${missing.join('; ')}.`] : []),
      ];
    }
    case 'level': {
      const level = indicator.levels?.find((l) => l.value === value);
      return level ? [`${level.label} (level ${level.value} of 3): ${level.descriptor}`] : [`(${JSON.stringify(value)} is not one of the rubric’s levels)`];
    }
    case 'yesno':
      return typeof value === 'boolean' ? [value ? 'Yes' : 'No'] : ['(the stored value is not yes or no)'];
    case 'years':
      if (value === 'life') return ['Life imprisonment'];
      return typeof value === 'number' ? [`${value} ${value === 1 ? 'year' : 'years'}${indicator.threshold ? ` (threshold: ${indicator.threshold.min} years)` : ''}`] : ['(the stored value is not a number of years)'];
    case 'text':
      return typeof value === 'string' ? [value] : [];
  }
}

function gapView(rubric: CompiledRubric, gap: Gap, rank: number): GapView {
  const indicator = indicatorOf(rubric, gap.indicatorId);
  const pillar = rubric.pillars.find((p) => p.id === gap.pillar);
  return {
    rank,
    number: rank,
    indicatorId: gap.indicatorId,
    title: indicator.title,
    pillar: pillar?.title ?? gap.pillar,
    provisions: gap.provisions.map((id) => provisionRef(rubric, id)),
    obligation: obligationWords[gap.obligation],
    finding: gap.finding ? findingWords[gap.finding] : 'Missing information',
    score: scoreText(gap.score * 100),
    priority: gap.priority.toFixed(1),
    recommendation: gap.recommendation,
    missingElements: gap.missingElements.map((e) => ({
      label: e.label,
      recommendation: e.recommendation,
      provisions: (e.provisions ?? []).map((id) => provisionRef(rubric, id)),
    })),
    missingInformation: gap.missingInformation,
    followsFrom: gap.decidedBy ? (rubric.indicator(gap.decidedBy)?.title ?? gap.decidedBy) : null,
  };
}

const GROUPS: readonly { id: string; title: string; intro: string; accepts: (g: Gap) => boolean }[] = [
  {
    id: 'mandatory',
    title: 'Mandatory obligations',
    intro: 'Provisions the Protocol or the Convention requires (“shall adopt”, “shall ensure”). A gap here is a shortfall in implementing a binding obligation.',
    accepts: (g) => g.kind === 'gap' && g.obligation === 'mandatory',
  },
  {
    id: 'consider',
    title: 'Measures the state shall consider',
    intro: 'Provisions that oblige the state to consider or endeavour to adopt a measure. Their absence is a weakness to explain, not a breach.',
    accepts: (g) => g.kind === 'gap' && g.obligation !== 'mandatory',
  },
  {
    id: 'opportunity',
    title: 'Opportunities: optional measures and good practice',
    intro: 'Measures beyond the treaty obligations, from the UNODC Model Legislative Provisions, ASEAN ACTIP and the OHCHR Principles. Never counted as non-compliance.',
    accepts: (g) => g.kind === 'opportunity',
  },
];

/** The gaps by group (mandatory, consider, opportunities), priority order within each, numbered through. */
function recommendationGroups(gaps: readonly Gap[], views: readonly GapView[]): RecommendationGroup[] {
  let number = 0;
  return GROUPS.map((group) => ({
    id: group.id,
    title: group.title,
    intro: group.intro,
    items: gaps.flatMap((g, i) => (group.accepts(g) ? [{ ...views[i]!, number: ++number }] : [])),
  })).filter((group) => group.items.length > 0);
}

interface Averages {
  region: Statistics | null;
  subregion: Statistics | null;
}

function pillarRow(id: string, title: string, score: number | null, avg: Averages, inOverall: boolean): PillarRow {
  const region = avg.region?.mean ?? null;
  return {
    id,
    title,
    figure: figure(score),
    region: figure(region),
    subregion: figure(avg.subregion?.mean ?? null),
    versusRegion: score !== null && region !== null ? deltaText(score - region) : '–',
    inOverall,
  };
}

function averagesOf(scores: RoundScores, table: 'pillars' | 'indices', column: string, subregion: string): Averages {
  const stats = scores.comparison?.[table].statistics.find((s) => s.column === column);
  return { region: stats?.region ?? null, subregion: stats?.subregions.find((s) => s.subregion === subregion)?.statistics ?? null };
}

function meanOf(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
}

function explained(mean: WeightedMean): { numerator: string; denominator: string; text: string } {
  return { numerator: mean.numerator.toFixed(1), denominator: mean.denominator.toFixed(1), text: scoreText(mean.score) };
}

function caveatsOf(card: RoundCard): string[] {
  const c = card.card;
  const caveats: string[] = [];
  if (c.completeness.score !== null && c.completeness.score < 100) {
    caveats.push(`The assessment is ${scoreText(c.completeness.score)}% complete by weight. Unanswered and unknown questions score 0, so the index may understate the law where information is missing.`);
  }
  if (c.evidence.score !== null && c.evidence.score < 100) {
    caveats.push(`${scoreText(c.evidence.score)}% of the weight of positive findings is backed by a citation of national law. Findings without a citation should be confirmed before the report is relied on.`);
  }
  if (card.status !== 'published') {
    caveats.push(`The assessment’s status is “${statusWords[card.status]}”, not published: its findings may still change.`);
  }
  return caveats;
}

export function countryReportModel(input: CountryReportInput): CountryReportModel {
  const { scores, rubric } = input;
  const entry = scores.cards.find((c) => c.assessmentId === input.assessmentId);
  if (!entry) throw new Error(`Assessment ${input.assessmentId} is not in round ${scores.round.slug}.`);
  const card = entry.card;
  const sample = entry.state.sample === true || scores.round.isSample;
  const draft = entry.status !== 'published';
  const subregion = entry.state.subregion;
  const answers = entry.answers as Readonly<Record<string, StoredAnswer | undefined>>;
  const indicatorScore = new Map(card.indicators.map((i) => [i.indicatorId, i]));
  const pillarTitle = (id: string) => rubric.pillars.find((p) => p.id === id)?.title ?? id;

  const pillars = card.pillars.map((p) => pillarRow(p.pillarId, pillarTitle(p.pillarId), p.score, averagesOf(scores, 'pillars', p.pillarId, subregion), p.inOverall));
  const overallRow = pillarRow('overall', 'Treaty index', card.overall.score, averagesOf(scores, 'indices', 'overall', subregion), true);
  const gaps = card.gaps.map((g, i) => gapView(rubric, g, i + 1));
  const ranked = scores.comparison?.ranking.find((r) => r.state.code === entry.state.code);
  const ranking = scores.comparison?.ranking ?? [];
  const compared = new Set((scores.comparison?.states ?? []).map((s) => s.code));
  const comparedCards = scores.cards.filter((c) => compared.has(c.state.code));
  const subregionCount = comparedCards.filter((c) => c.state.subregion === subregion).length;

  const chartId = `chart-pillars-${entry.state.code}`;
  const chart = {
    type: 'bar',
    data: {
      labels: pillars.map((p) => p.title),
      datasets: [
        { label: entry.state.name, data: pillars.map((p) => p.figure.score), backgroundColor: CHART_COLOURS.state },
        { label: 'Regional average', data: pillars.map((p) => p.region.score), backgroundColor: CHART_COLOURS.region },
        { label: `${entry.subregionName} average`, data: pillars.map((p) => p.subregion.score), backgroundColor: CHART_COLOURS.subregion },
      ],
    },
    options: {
      indexAxis: 'y',
      scales: { x: { min: 0, max: 100, ticks: { stepSize: 20 }, grid: { color: '#e3e8ee' } }, y: { grid: { display: false } } },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 10, boxHeight: 10 } } },
      datasets: { bar: { barPercentage: 0.85, categoryPercentage: 0.75 } },
    },
  };

  const concernIds: Concern[] = ['forced-criminality', 'non-punishment', 'technology'];
  const concerns = concernIds.map((id): ConcernView => {
    const tagged = card.indicators.filter((i) => i.concerns.includes(id));
    const gapOf = new Map(card.gaps.map((g) => [g.indicatorId, g]));
    return {
      id,
      title: concernWords[id].title,
      intro: concernWords[id].intro,
      figure: figure(card.concerns[id].score),
      region: figure(meanOf(comparedCards.map((c) => c.card.concerns[id].score))),
      indicators: tagged.map((i) => {
        const f = findingOf(i);
        return {
          id: i.indicatorId,
          title: indicatorOf(rubric, i.indicatorId).title,
          obligation: obligationWords[i.obligation],
          finding: f.text,
          findingClass: f.className,
          score: i.score === null ? '–' : scoreText(i.score * 100),
          recommendation: gapOf.get(i.indicatorId)?.recommendation ?? null,
        };
      }),
    };
  });

  const grouped = provisionsByPillar(rubric);
  const findings = rubric.pillars.map((pillar): PillarFindings => {
    const provisionIds = grouped.get(pillar.id) ?? [];
    return {
      id: pillar.id,
      title: pillar.title,
      description: pillar.description,
      figure: figure(card.pillars.find((p) => p.pillarId === pillar.id)?.score),
      provisions: provisionIds.map((id) => ({ ref: provisionRef(rubric, id), figure: figure(card.provisions.find((s) => s.provisionId === id)?.score) })),
      indicators: pillar.indicators.map((indicator): IndicatorFinding => {
        const s = indicatorScore.get(indicator.id);
        const f = s ? findingOf(s) : { text: 'Not scored', className: 'finding-none' };
        const answer = answers[indicator.id];
        return {
          id: indicator.id,
          title: indicator.title,
          question: indicator.question,
          obligation: obligationWords[indicator.obligation],
          provisions: indicator.provisions.map((id) => provisionRef(rubric, id)),
          finding: f.text,
          findingClass: f.className,
          score: s?.score === null || s?.score === undefined ? '–' : scoreText(s.score * 100),
          answer: s?.treatment === 'moot' ? [] : answerInWords(indicator, answer?.value),
          citations: citationsOf(answer),
          missingInformation: s?.missingInformation ?? false,
        };
      }),
    };
  });

  const annex = rubric.pillars.map((pillar) => ({
    id: pillar.id,
    title: pillar.title,
    entries: pillar.indicators.map((indicator): AnnexEntry => {
      const answer = answers[indicator.id];
      const s = indicatorScore.get(indicator.id);
      const na = answer?.status === 'not_applicable';
      const reason = typeof answer?.naReason === 'string' && answer.naReason in naReasonWords ? naReasonWords[answer.naReason as keyof typeof naReasonWords] : 'Reason not given';
      return {
        id: indicator.id,
        title: indicator.title,
        question: indicator.question,
        status: s ? treatmentWords[s.treatment] : 'Not answered',
        answer: answer?.status === 'answered' ? answerInWords(indicator, answer.value) : [],
        notApplicable: na ? { reason, justification: text(answer?.justification) } : null,
        citations: citationsOf(answer),
        notes: text(answer?.notes),
      };
    }),
  }));

  const levels: ObligationLevel[] = ['mandatory', 'consider', 'optional', 'good_practice'];
  const stateTitle = `${entry.state.name}${sample ? ' (SAMPLE)' : ''}`;
  return {
    lang: rubric.language,
    title: `${stateTitle}: country report on the Trafficking in Persons Protocol`,
    state: { code: entry.state.code, name: entry.state.name, subregion: entry.subregionName },
    round: { title: scores.round.title, slug: scores.round.slug },
    status: statusWords[entry.status],
    watermarks: [...(sample ? ['SAMPLE'] : []), ...(draft ? ['DRAFT'] : [])],
    sample,
    draft,
    generatedOn: dateText(input.generatedAt),
    snapshotHash: input.snapshotHash,
    snapshotShort: input.snapshotHash ? shortHash(input.snapshotHash) : null,
    rubric: { key: card.rubric, title: rubric.title, hash: card.rubricHash, hashShort: shortHash(card.rubricHash) },
    summary: {
      overall: figure(card.overall.score),
      goodPractice: figure(card.goodPractice.score),
      completeness: figure(card.completeness.score),
      evidence: figure(card.evidence.score),
      rank: ranked?.rank ? { rank: ranked.rank, of: ranking.filter((r) => r.rank !== null).length, tied: ranking.filter((r) => r.rank === ranked.rank).length > 1 } : null,
      pillars,
      topGaps: gaps.slice(0, SUMMARY_GAPS),
      gapCount: card.gaps.filter((g) => g.kind === 'gap').length,
      strengths: card.strengths.map((s) => ({ title: indicatorOf(rubric, s.indicatorId).title, provisions: s.provisions.map((id) => provisionRef(rubric, id)) })),
      caveats: caveatsOf(entry),
    },
    concerns,
    comparison: {
      available: scores.comparison !== null,
      statesCompared: comparedCards.length,
      subregion: entry.subregionName,
      subregionCount,
      chartId,
      chart,
      pillars,
      overall: overallRow,
    },
    findings,
    recommendations: recommendationGroups(card.gaps, gaps),
    methodology: {
      factors: levels.map((level) => ({ level: obligationWords[level], wording: obligationWording[level], factor: OBLIGATION_FACTOR[level] })),
      completeness: explained(card.completeness),
      evidence: explained(card.evidence),
      overall: explained(card.overall),
      indicatorCount: card.indicators.length,
      scoredCount: card.indicators.filter((i) => i.treatment === 'scored' || i.treatment === 'moot').length,
      notApplicableCount: card.indicators.filter((i) => i.treatment === 'not_applicable').length,
      missingCount: card.indicators.filter((i) => i.missingInformation).length,
      sources: rubric.sources.map((s) => s.title),
    },
    annex,
  };
}
