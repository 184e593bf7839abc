/** Scoring one assessment: from (rubric, answers) to a score card where every figure explains itself. */
import type { Answer, Citation, CompiledRubric, Concern, Indicator, ObligationLevel, Provision } from '../rubric/index.js';
import { adviceFor, arithmeticOf, findingOf } from './indicator.js';
import type { Gap, IndicatorArithmetic, IndicatorScore, ScoreCard, Strength, Treatment, WeightedMean, WeightedPart } from './types.js';

/**
 * What an indicator counts for, by its obligation level: a "shall" weighs three times a "may".
 * Good practice counts once, and only in its own index (see `overall` and `goodPractice`).
 */
export const OBLIGATION_FACTOR: Readonly<Record<ObligationLevel, number>> = Object.freeze({
  mandatory: 3,
  consider: 2,
  optional: 1,
  good_practice: 1,
});

/**
 * Scores one assessment. Pure and deterministic: the same rubric and answers always give the same
 * card, whatever the order of the answers. Answers to ids the rubric does not know are ignored.
 */
export function scoreAssessment(rubric: CompiledRubric, answers: Readonly<Record<string, Answer>>): ScoreCard {
  const plan = planFor(rubric);
  const byId = new Map<string, IndicatorScore>();
  const indicators: IndicatorScore[] = [];
  // Per indicator (rubric order): its part in the means, null when it counts in none.
  const partOf: (WeightedPart | null)[] = [];
  const completeness: (WeightedPart | null)[] = [];
  const evidence: (WeightedPart | null)[] = [];
  const gaps: Gap[] = [];
  const strengths: Strength[] = [];

  for (const indicator of rubric.indicators) {
    const scored = scoreIndicator(indicator, answers, byId);
    indicators.push(scored);
    byId.set(indicator.id, scored);
    const { score, weight, factor, missingInformation } = scored;
    const isText = indicator.questionType === 'text';
    const answered = scored.treatment === 'scored' || scored.treatment === 'moot' || scored.treatment === 'not_applicable';
    completeness.push(isText ? null : { indicatorId: indicator.id, score: answered ? 1 : 0, weight, factor, missingInformation });
    partOf.push(score === null ? null : { indicatorId: indicator.id, score, weight, factor, missingInformation });
    evidence.push(score !== null && score > 0 ? { indicatorId: indicator.id, score: scored.cited ? 1 : 0, weight, factor, missingInformation } : null);
    if (score !== null && score < 1) gaps.push(gapOf(indicator, scored));
    if (scored.finding === 'full' && indicator.obligation === 'mandatory') {
      strengths.push({ indicatorId: indicator.id, pillar: indicator.pillar, provisions: indicator.provisions, cited: scored.cited });
    }
  }

  // Array sort is stable, so equal priorities keep rubric order.
  gaps.sort((a, b) => b.priority - a.priority);
  const mean = (members: readonly number[]) => weightedMean(members, partOf);
  return {
    rubric: rubric.key,
    rubricHash: rubric.hash,
    indicators,
    provisions: plan.provisions.map(({ provision, members }) => ({ provisionId: provision.id, obligation: provision.obligation, ...mean(members) })),
    pillars: plan.pillars.map(({ pillarId, inOverall, members }) => ({ pillarId, inOverall, ...mean(members) })),
    overall: mean(plan.treaty),
    goodPractice: mean(plan.goodPractice),
    concerns: {
      'forced-criminality': mean(plan.concerns['forced-criminality']),
      'non-punishment': mean(plan.concerns['non-punishment']),
      technology: mean(plan.concerns.technology),
    },
    completeness: weightedMean(plan.all, completeness),
    evidence: weightedMean(plan.all, evidence),
    gaps,
    strengths,
  };
}

/**
 * 100 × Σ score × weight × factor / Σ weight × factor over the members that have a part; null
 * without parts. The parts array is sized exactly: a card is kept for every state of a round.
 */
function weightedMean(members: readonly number[], partOf: readonly (WeightedPart | null)[]): WeightedMean {
  let count = 0;
  for (const i of members) if (partOf[i]) count++;
  const parts = new Array<WeightedPart>(count);
  let numerator = 0;
  let denominator = 0;
  let k = 0;
  for (const i of members) {
    const p = partOf[i];
    if (!p) continue;
    parts[k++] = p;
    numerator += p.score * p.weight * p.factor;
    denominator += p.weight * p.factor;
  }
  return { score: denominator > 0 ? (100 * numerator) / denominator : null, numerator, denominator, parts };
}

interface Reading {
  readonly treatment: Treatment;
  readonly score: number | null;
  readonly arithmetic: IndicatorArithmetic | null;
  readonly decidedBy?: string;
}

const MISSING: ReadonlySet<Treatment> = new Set(['unknown', 'not_answered', 'invalid']);

function scoreIndicator(indicator: Indicator, answers: Readonly<Record<string, Answer>>, earlier: ReadonlyMap<string, IndicatorScore>): IndicatorScore {
  const answer = Object.hasOwn(answers, indicator.id) ? answers[indicator.id] : undefined;
  // Not applicable (e.g. a reservation to the article) holds whatever a trigger says.
  const reading = (answer?.status !== 'not_applicable' && readFollowUp(indicator, answers, earlier)) || readAnswer(indicator, answer);
  const { treatment, score } = reading;
  return {
    indicatorId: indicator.id,
    pillar: indicator.pillar,
    provisions: indicator.provisions,
    obligation: indicator.obligation,
    concerns: indicator.concerns,
    weight: indicator.weight,
    factor: OBLIGATION_FACTOR[indicator.obligation],
    treatment,
    decidedBy: reading.decidedBy ?? null,
    score,
    finding: treatment === 'moot' ? 'absent' : treatment === 'scored' && score !== null ? findingOf(score) : null,
    missingInformation: MISSING.has(treatment),
    arithmetic: reading.arithmetic,
    cited: isCited(answer),
  };
}

/**
 * A follow-up question whose trigger does not ask it (rubric/condition.ts, isMoot) takes its
 * reading from the trigger: a trigger answered outside the condition means the thing asked about
 * does not exist, so the follow-up is absent (0) without missing information; a trigger still
 * unknown or unanswered leaves the follow-up not answered (0, missing information); a trigger not
 * applicable makes it not applicable. Its own answer, if any is left over, is ignored (unless it is
 * not applicable: see scoreIndicator). Returns undefined when the follow-up is asked (or has no condition).
 */
function readFollowUp(indicator: Indicator, answers: Readonly<Record<string, Answer>>, earlier: ReadonlyMap<string, IndicatorScore>): Reading | undefined {
  const condition = indicator.condition;
  if (!condition) return undefined;
  const decidedBy = condition.indicator;
  // A rubric's conditions refer only to earlier indicators (rubric/rules.ts), so the trigger is read already.
  const trigger = earlier.get(decidedBy);
  const treatment = trigger?.treatment ?? 'not_answered';
  if (treatment === 'not_applicable') return { treatment: 'not_applicable', score: null, arithmetic: null, decidedBy };
  if (MISSING.has(treatment)) return { treatment: 'not_answered', score: 0, arithmetic: null, decidedBy };
  if (treatment === 'moot') return { treatment: 'moot', score: 0, arithmetic: null, decidedBy };
  const value = answers[decidedBy]?.value;
  const accepted = 'equals' in condition ? [condition.equals] : condition.in;
  if (accepted.some((v) => v === value)) return undefined;
  return { treatment: 'moot', score: 0, arithmetic: null, decidedBy };
}

function readAnswer(indicator: Indicator, answer: Answer | undefined): Reading {
  const isText = indicator.questionType === 'text';
  // A text question never counts, whatever its treatment.
  const zero = isText ? null : 0;
  if (!answer) return { treatment: 'not_answered', score: zero, arithmetic: null };
  switch (answer.status) {
    case 'not_applicable':
      return { treatment: 'not_applicable', score: null, arithmetic: null };
    case 'unknown':
      return { treatment: 'unknown', score: zero, arithmetic: null };
    case 'answered': {
      if (isText) return { treatment: 'recorded', score: null, arithmetic: null };
      const arithmetic = arithmeticOf(indicator, answer.value);
      if (!arithmetic) return { treatment: 'invalid', score: 0, arithmetic: null };
      return { treatment: 'scored', score: arithmetic.numerator / arithmetic.denominator, arithmetic };
    }
    default:
      return { treatment: 'invalid', score: zero, arithmetic: null };
  }
}

/** A citation backs an answer when it names a provision or quotes the law; drafts may hold half-typed ones. */
function isCited(answer: Answer | undefined): boolean {
  const citations: unknown = answer?.citations;
  if (!Array.isArray(citations)) return false;
  return citations.some((c: unknown) => {
    const citation = (typeof c === 'object' && c !== null ? c : {}) as Partial<Citation>;
    return hasText(citation.provision) || hasText(citation.excerpt);
  });
}

function hasText(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

function gapOf(indicator: Indicator, scored: IndicatorScore): Gap {
  const score = scored.score ?? 0;
  const size = 1 - score;
  const advice = adviceFor(indicator, scored.arithmetic, scored.missingInformation);
  return {
    indicatorId: indicator.id,
    pillar: indicator.pillar,
    provisions: indicator.provisions,
    obligation: indicator.obligation,
    kind: indicator.obligation === 'mandatory' || indicator.obligation === 'consider' ? 'gap' : 'opportunity',
    weight: scored.weight,
    factor: scored.factor,
    score,
    size,
    priority: scored.factor * scored.weight * size,
    finding: scored.finding,
    missingInformation: scored.missingInformation,
    decidedBy: scored.decidedBy,
    recommendation: advice.recommendation,
    missingElements: advice.missingElements,
  };
}

/** Which indicators (indexes in rubric order) make each figure: worked out once per compiled rubric. */
interface Plan {
  /** Every provision some indicator names and may count for, in catalogue order. */
  readonly provisions: readonly { readonly provision: Provision; readonly members: readonly number[] }[];
  readonly pillars: readonly { readonly pillarId: string; readonly inOverall: boolean; readonly members: readonly number[] }[];
  readonly treaty: readonly number[];
  readonly goodPractice: readonly number[];
  readonly concerns: Readonly<Record<Concern, readonly number[]>>;
  readonly all: readonly number[];
}

const plans = new WeakMap<CompiledRubric, Plan>();

function planFor(rubric: CompiledRubric): Plan {
  let plan = plans.get(rubric);
  if (!plan) {
    plan = buildPlan(rubric);
    plans.set(rubric, plan);
  }
  return plan;
}

/**
 * A good-practice indicator never counts for a treaty provision (it may name one, e.g. work rights
 * under TIP.7): good practice is an opportunity, never non-compliance with the treaty. Provisions
 * named only by checklist elements are not scored as provisions; the element's gap names them.
 */
function countsFor(indicator: Indicator, provision: Provision): boolean {
  return indicator.obligation !== 'good_practice' || provision.obligation === 'good_practice';
}

/**
 * Optional provisions ("may") earn credit when present and leave no gap when absent
 * (PROVISIONS.md): like good practice they stay out of the treaty index and out of their pillar's
 * score, and count in the good-practice index; their own provision score still shows the credit.
 */
const beyondObligation = (i: Indicator) => i.obligation === 'good_practice' || i.obligation === 'optional';

function buildPlan(rubric: CompiledRubric): Plan {
  const indexed = rubric.indicators.map((indicator, i) => ({ indicator, i }));
  const where = (test: (indicator: Indicator) => boolean) => indexed.filter(({ indicator }) => test(indicator)).map(({ i }) => i);
  const provisions = rubric.provisions
    .map((provision) => ({ provision, members: where((i) => i.provisions.includes(provision.id) && countsFor(i, provision)) }))
    .filter(({ members }) => members.length > 0);
  return {
    provisions,
    pillars: rubric.pillars.map((pillar) => ({
      pillarId: pillar.id,
      inOverall: pillar.indicators.some((i) => !beyondObligation(i) && i.questionType !== 'text'),
      members: where((i) => i.pillar === pillar.id && (pillar.indicators.every(beyondObligation) || !beyondObligation(i))),
    })),
    treaty: where((i) => !beyondObligation(i)),
    goodPractice: where(beyondObligation),
    concerns: {
      'forced-criminality': where((i) => i.concerns.includes('forced-criminality')),
      'non-punishment': where((i) => i.concerns.includes('non-punishment')),
      technology: where((i) => i.concerns.includes('technology')),
    },
    all: indexed.map(({ i }) => i),
  };
}
