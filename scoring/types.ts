/** Domain types of scoring and comparison: the words of scoring/CONTEXT.md, typed. */
import type { Concern, Element, ObligationLevel, ProvisionId } from '../rubric/index.js';

/** What scoring derives from an answer. Not applicable, unknown and unanswered are not findings. */
export type Finding = 'full' | 'partial' | 'absent';

/**
 * How scoring read one indicator; decides whether it counts and whether information is missing.
 *
 * | treatment | score | in the denominators | missing information |
 * | --- | --- | --- | --- |
 * | `scored` | from the answer value | yes | no |
 * | `moot` | 0 (absent: its trigger's answer rules the thing out) | yes | no |
 * | `unknown`, `not_answered`, `invalid` | 0 | yes | yes |
 * | `not_applicable` | none | no | no |
 * | `recorded` (text) | none | no | no |
 *
 * A text question never has a score, whatever its treatment; unknown or unanswered it is still flagged.
 */
export type Treatment = 'scored' | 'moot' | 'unknown' | 'not_answered' | 'invalid' | 'not_applicable' | 'recorded';

/** A gap on a treaty obligation, or an opportunity (good practice, optional): never non-compliance. */
export type GapKind = 'gap' | 'opportunity';

/** How an indicator's score follows from its answer value: numerator / denominator. */
export interface IndicatorArithmetic {
  readonly numerator: number;
  readonly denominator: number;
  /** For a checklist: the ids of the elements ticked, in rubric order (the numerator is their weight). */
  readonly ticked?: readonly string[];
}

export interface IndicatorScore {
  readonly indicatorId: string;
  readonly pillar: string;
  readonly provisions: readonly ProvisionId[];
  readonly obligation: ObligationLevel;
  readonly concerns: readonly Concern[];
  /** The rubric's weight of the indicator. */
  readonly weight: number;
  /** The obligation factor (see OBLIGATION_FACTOR); the indicator counts for weight × factor. */
  readonly factor: number;
  readonly treatment: Treatment;
  /** For a follow-up question: the trigger whose answer made it moot, not asked yet or not applicable; else null. */
  readonly decidedBy: string | null;
  /** 0-1 (shown as 0-100); null when the indicator is in no denominator (not applicable, text). */
  readonly score: number | null;
  readonly finding: Finding | null;
  readonly missingInformation: boolean;
  /** Null when the score does not come from an answer value. */
  readonly arithmetic: IndicatorArithmetic | null;
  /** The answer has at least one citation with a provision or an excerpt of national law. */
  readonly cited: boolean;
}

/** One indicator's share of a weighted mean. */
export interface WeightedPart {
  readonly indicatorId: string;
  /** 0-1. */
  readonly score: number;
  readonly weight: number;
  readonly factor: number;
  readonly missingInformation: boolean;
}

/**
 * A figure with its explanation: score = 100 × numerator / denominator, where numerator =
 * Σ score × weight × factor and denominator = Σ weight × factor over the parts.
 */
export interface WeightedMean {
  /** 0-100; null when no indicator is in scope (all not applicable, or none at all). */
  readonly score: number | null;
  readonly numerator: number;
  readonly denominator: number;
  readonly parts: readonly WeightedPart[];
}

export interface ProvisionScore extends WeightedMean {
  readonly provisionId: ProvisionId;
  /** The provision's level in the catalogue (the indicators testing it may be weaker). */
  readonly obligation: ObligationLevel;
}

export interface PillarScore extends WeightedMean {
  readonly pillarId: string;
  /** Whether the pillar's indicators count in `overall` (treaty obligations) rather than in `goodPractice`. */
  readonly inOverall: boolean;
}

/** An indicator short of full, with the rubric's advice; ranked by priority. */
export interface Gap {
  readonly indicatorId: string;
  readonly pillar: string;
  readonly provisions: readonly ProvisionId[];
  readonly obligation: ObligationLevel;
  readonly kind: GapKind;
  readonly weight: number;
  readonly factor: number;
  /** 0-1. */
  readonly score: number;
  /** 1 − score. */
  readonly size: number;
  /** factor × weight × size. */
  readonly priority: number;
  readonly finding: Finding | null;
  /** The answer is unknown, missing or invalid: the gap may be one of information, not of law. */
  readonly missingInformation: boolean;
  /** For a moot or not-yet-asked follow-up: the trigger question it follows from (a report may group them); else null. */
  readonly decidedBy: string | null;
  /** `recommendations.partial/absent` of the indicator, or the recommendation of the level found. */
  readonly recommendation: string | null;
  /** For a checklist: each element not ticked (the rubric's element, with its own recommendation). */
  readonly missingElements: readonly Element[];
}

/** A full finding on a mandatory indicator. */
export interface Strength {
  readonly indicatorId: string;
  readonly pillar: string;
  readonly provisions: readonly ProvisionId[];
  readonly cited: boolean;
}

/** Every score of one assessment, each with its explanation. */
export interface ScoreCard {
  /** `id@version` and content hash of the rubric the answers were scored against. */
  readonly rubric: string;
  readonly rubricHash: string;
  /** In rubric order, text questions included (treatment `recorded`). */
  readonly indicators: readonly IndicatorScore[];
  /** In catalogue order: every provision an indicator names, scored from the indicators that count for it. */
  readonly provisions: readonly ProvisionScore[];
  /** In rubric order. */
  readonly pillars: readonly PillarScore[];
  /** The treaty index: every indicator whose obligation is mandatory or consider (optional ones count in goodPractice). */
  readonly overall: WeightedMean;
  /** Good practice beyond the treaties, reported apart from the treaty index, never in it. */
  readonly goodPractice: WeightedMean;
  /** The RSO concerns, from the indicators tagged with each (treaty and good practice alike). */
  readonly concerns: Readonly<Record<Concern, WeightedMean>>;
  /** Share of weight answered (answered, not applicable, or moot by an answered trigger); part score 1 or 0. */
  readonly completeness: WeightedMean;
  /** Share of weight of the positive findings (score > 0) backed by a citation; part score 1 or 0. */
  readonly evidence: WeightedMean;
  /** Highest priority first; ties in rubric order. */
  readonly gaps: readonly Gap[];
  /** In rubric order. */
  readonly strengths: readonly Strength[];
}

/** A member state as comparison needs it. */
export interface StateRef {
  readonly code: string;
  readonly name: string;
  readonly subregion: string;
  /** A fictional SAMPLE state (demo data). */
  readonly sample?: boolean;
}

/** One state's score card in one round: the input of comparison. */
export interface StateCard {
  readonly state: StateRef;
  readonly round: string;
  readonly card: ScoreCard;
}

export interface Statistics {
  /** States with a score in this column (a null cell does not count). */
  readonly count: number;
  readonly mean: number | null;
  readonly median: number | null;
  readonly min: number | null;
  readonly max: number | null;
}

export interface ColumnStatistics {
  readonly column: string;
  readonly region: Statistics;
  /** In sub-region order (alphabetical). */
  readonly subregions: readonly { readonly subregion: string; readonly statistics: Statistics }[];
}

export interface MatrixRow {
  readonly state: StateRef;
  /** 0-100 per column, in column order; null where the state has no score (not applicable, or not in its rubric). */
  readonly values: readonly (number | null)[];
}

/** States × columns, with the statistics of each column. */
export interface Table {
  readonly columns: readonly string[];
  /** In state-code order. */
  readonly rows: readonly MatrixRow[];
  readonly statistics: readonly ColumnStatistics[];
}

export interface RankedState {
  readonly state: StateRef;
  readonly score: number | null;
  /** Standard competition ranking (1, 2, 2, 4); null for a state without a score. */
  readonly rank: number | null;
}

/** How many states fall short of full on one provision. */
export interface CommonGap {
  readonly provisionId: ProvisionId;
  readonly obligation: ObligationLevel;
  readonly kind: GapKind;
  readonly factor: number;
  /** States scoring under 100 on the provision. */
  readonly statesShort: number;
  /** States with a score on the provision. */
  readonly statesScored: number;
  /** statesShort × factor: the ranking key. */
  readonly weighted: number;
  /** Mean of 100 − score over the states short; null when none is. */
  readonly meanShortfall: number | null;
  /** Codes of the states short, in code order. */
  readonly states: readonly string[];
}

/** Several states' score cards in one round, side by side. */
export interface Comparison {
  readonly round: string;
  /** Every state compared is a SAMPLE state (sample and real states are never mixed). */
  readonly sample: boolean;
  /** In code order. */
  readonly states: readonly StateRef[];
  readonly provisions: Table;
  readonly pillars: Table;
  /** Columns `overall` (treaty index) and `goodPractice`. */
  readonly indices: Table;
  /** By the treaty index, best first; ties share a rank, then code order. */
  readonly ranking: readonly RankedState[];
  /** Most weighted first; treaty gaps and good-practice opportunities alike (see `kind`). */
  readonly commonGaps: readonly CommonGap[];
}

export interface ScoreChange {
  readonly from: number | null;
  readonly to: number | null;
  /** to − from; null unless both are scores. */
  readonly delta: number | null;
}

export type Presence = 'both' | 'from_only' | 'to_only';

export interface StateChange {
  readonly state: StateRef;
  readonly presence: Presence;
  readonly overall: ScoreChange;
  /** One per provision of either round, in catalogue order. */
  readonly provisions: readonly (ScoreChange & { readonly provisionId: ProvisionId })[];
}

/** The change from one round to a later one, per state and provision. */
export interface RoundChange {
  readonly from: string;
  readonly to: string;
  /** Provisions scored in only one of the rounds (a different rubric version): their changes have a null side. */
  readonly provisionsOnlyIn: { readonly from: readonly ProvisionId[]; readonly to: readonly ProvisionId[] };
  /** In code order, states of either round. */
  readonly states: readonly StateChange[];
}
