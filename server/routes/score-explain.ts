import type { RoundCard, RoundScores } from '../../assessments/index.js';
import { findProvision, type Answer, type CompiledRubric, type Concern, type Indicator, type ProvisionId } from '../../rubric/index.js';
import { compareStates, type Comparison, type IndicatorScore, type Table, type Treatment, type WeightedMean } from '../../scoring/index.js';
import { concernWords, obligationWords } from '../../reports/index.js';

/**
 * How scores are shown to people, on the pages, in the API and in the exports alike: one decimal
 * (a figure is a weighted mean; more digits would suggest a precision the method does not have).
 */
export function formatScore(score: number | null): string {
  return score === null ? '–' : score.toFixed(1);
}

/** Rounded to one decimal, as shown (exports write the same figure the page shows). */
export function roundScore(score: number | null): number | null {
  return score === null ? null : Math.round(score * 10) / 10;
}

/** Colour band of a 0-100 score: the heatmap's class; the number is always printed beside it. */
export function band(score: number | null): string {
  if (score === null) return 'band-none';
  if (score >= 100) return 'band-full';
  return `band-${Math.min(3, Math.floor(score / 25))}`;
}

/** A chart label in lines of about `width` characters (chart.js draws an array as several lines). */
export function wrapLabel(text: string, width = 18): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + word.length < width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

export const BANDS = [
  { className: 'band-0', label: 'under 25' },
  { className: 'band-1', label: '25 to under 50' },
  { className: 'band-2', label: '50 to under 75' },
  { className: 'band-3', label: '75 to under 100' },
  { className: 'band-full', label: '100 (full)' },
  { className: 'band-none', label: 'no score (not applicable)' },
] as const;

/** The RSO concerns' names, as the reports give them. */
export const concernLabels = Object.fromEntries(Object.entries(concernWords).map(([c, w]) => [c, w.title])) as Record<Concern, string>;

const treatmentLabels: Record<Treatment, string> = {
  scored: 'Answered',
  moot: 'Absent (ruled out by its trigger)',
  unknown: 'Unknown: missing information',
  not_answered: 'Not answered: missing information',
  invalid: 'Answer not valid: missing information',
  not_applicable: 'Not applicable',
  recorded: 'Recorded (text, not scored)',
};

const naReasons: Record<string, string> = { reservation: 'reservation', declaration: 'declaration', not_relevant: 'not relevant', other: 'other reason' };

/** The answer in a few words, as scoring read it: what a reader needs to check a figure. */
export function answerSummary(indicator: Indicator | undefined, score: IndicatorScore, answer: Answer | undefined): string {
  if (score.treatment === 'not_applicable') {
    if (answer?.status === 'not_applicable') return `Not applicable (${naReasons[answer.naReason ?? 'other'] ?? 'other reason'})`;
    return score.decidedBy ? `Not applicable (follows ${score.decidedBy})` : 'Not applicable';
  }
  if (score.treatment === 'moot') return `Absent: the answer to ${score.decidedBy ?? 'its trigger'} rules it out`;
  if (score.treatment === 'not_answered' && score.decidedBy) return `Not answered: waits on ${score.decidedBy} (missing information)`;
  if (score.treatment !== 'scored' || !indicator) return treatmentLabels[score.treatment];
  const value = answer?.value;
  switch (indicator.questionType) {
    case 'elements': {
      const elements = indicator.elements ?? [];
      const ticked = score.arithmetic?.ticked ?? [];
      const labels = ticked.map((id) => elements.find((e) => e.id === id)?.label ?? id);
      return ticked.length === 0 ? `None of ${elements.length} elements` : `${ticked.length} of ${elements.length} elements: ${labels.join('; ')}`;
    }
    case 'level': {
      const level = indicator.levels?.find((l) => l.value === value);
      return `Level ${String(value)} of 3${level ? `: ${level.label}` : ''}`;
    }
    case 'yesno':
      return value === true ? 'Yes' : 'No';
    case 'years':
      return value === 'life' ? 'Life imprisonment' : `${String(value)} years${indicator.threshold ? ` (full at ${indicator.threshold.min})` : ''}`;
    case 'text':
      return treatmentLabels.recorded;
  }
}

export interface PartRow {
  indicatorId: string;
  title: string;
  answer: string;
  cited: boolean;
  score: string;
  weight: number;
  factor: number;
  /** score × weight × factor, as a 0-100 share of the numerator. */
  contribution: string;
  missingInformation: boolean;
}

export interface Why {
  score: string;
  numerator: string;
  denominator: string;
  parts: PartRow[];
}

/** Indexes one card for explaining: its indicator scores and answers by id. */
export function explainer(rubric: CompiledRubric, card: RoundCard) {
  const byId = new Map(card.card.indicators.map((i) => [i.indicatorId, i]));
  const answers = card.answers as Readonly<Record<string, Answer>>;
  return (mean: WeightedMean): Why => ({
    score: formatScore(mean.score),
    numerator: (100 * mean.numerator).toFixed(1),
    denominator: String(mean.denominator),
    parts: mean.parts.map((p) => {
      const indicator = rubric.indicator(p.indicatorId);
      const scored = byId.get(p.indicatorId);
      return {
        indicatorId: p.indicatorId,
        title: indicator?.title ?? p.indicatorId,
        answer: scored ? answerSummary(indicator, scored, answers[p.indicatorId]) : '',
        cited: scored?.cited ?? false,
        score: formatScore(100 * p.score),
        weight: p.weight,
        factor: p.factor,
        contribution: (100 * p.score * p.weight * p.factor).toFixed(1),
        missingInformation: p.missingInformation,
      };
    }),
  });
}

/**
 * The comparison a card is measured against: its round's, of states of its own kind (SAMPLE with
 * SAMPLE, real with real). The loader compares a mixed round on its real states; a SAMPLE state of
 * such a round is compared with the round's SAMPLE states instead.
 */
export function peersOf(scores: RoundScores, card: RoundCard): Comparison | null {
  const sample = card.state.sample === true;
  if (scores.comparison && scores.comparison.sample === sample) return scores.comparison;
  const peers = scores.cards.filter((c) => (c.state.sample === true) === sample);
  return peers.length > 0 ? compareStates(peers) : null;
}

/** The regional mean of one column of a comparison table. */
export function regionalMean(table: Table | undefined, column: string): number | null {
  return table?.statistics.find((s) => s.column === column)?.region.mean ?? null;
}

/**
 * The pillar each provision is shown under: the pillar of the first indicator that counts for it
 * (a treaty provision is never counted through a good-practice indicator; scoring/CONTEXT.md).
 */
const provisionPillars = new WeakMap<CompiledRubric, Map<ProvisionId, string>>();
export function pillarOfProvision(rubric: CompiledRubric): Map<ProvisionId, string> {
  const known = provisionPillars.get(rubric);
  if (known) return known;
  const map = new Map<ProvisionId, string>();
  for (const provision of rubric.provisions) {
    const goodPractice = provision.obligation === 'good_practice';
    const counting = rubric.indicators.find((i) => i.questionType !== 'text' && i.provisions.includes(provision.id) && (i.obligation === 'good_practice') === goodPractice);
    const any = counting ?? rubric.indicators.find((i) => i.provisions.includes(provision.id) || i.elements?.some((e) => e.provisions?.includes(provision.id)));
    if (any) map.set(provision.id, any.pillar);
  }
  provisionPillars.set(rubric, map);
  return map;
}

export function provisionTitle(id: ProvisionId): string {
  return findProvision(id)?.title ?? id;
}

/** Obligation levels in words, the same on every page and in the reports. */
export const obligationLabels: Record<string, string> = obligationWords;

/**
 * The rubric's first advice for a provision: of the first indicator that counts for it, the
 * recommendation for an absent finding (or the lowest level's); a common gap's headline advice.
 */
export function recommendationFor(rubric: CompiledRubric, provisionId: ProvisionId): string | null {
  const goodPractice = findProvision(provisionId)?.obligation === 'good_practice';
  const indicator = rubric.indicators.find((i) => i.questionType !== 'text' && i.provisions.includes(provisionId) && (i.obligation === 'good_practice') === goodPractice);
  if (indicator) {
    return indicator.recommendations?.absent ?? indicator.recommendations?.partial ?? indicator.levels?.find((l) => l.recommendation)?.recommendation ?? null;
  }
  const element = rubric.indicators.flatMap((i) => i.elements ?? []).find((e) => e.provisions?.includes(provisionId));
  return element?.recommendation ?? null;
}
