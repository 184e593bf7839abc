/** Domain types of a rubric: the words of rubric/CONTEXT.md, typed. */

/** A canonical provision id, e.g. `TIP.3.a.means`, `UNTOC.2.b`, `GP.nonpunishment` (see provisions.json). */
export type ProvisionId = string;

/** How strongly an instrument binds the state to a provision (UNODC Legislative Guide convention). */
export type ObligationLevel = 'mandatory' | 'consider' | 'optional' | 'good_practice';

export type Instrument = 'TIP' | 'UNTOC' | 'GP';

export type QuestionType = 'elements' | 'level' | 'yesno' | 'years' | 'text';

/** Where the consultant is with one answer; never a finding (full/partial/absent is derived by scoring). */
export type AnswerStatus = 'answered' | 'not_applicable' | 'unknown';

export type NotApplicableReason = 'reservation' | 'declaration' | 'not_relevant' | 'other';

/** The RSO's current priorities; reports group indicators by them. */
export type Concern = 'forced-criminality' | 'non-punishment' | 'technology';

export interface Provision {
  readonly id: ProvisionId;
  readonly instrument: Instrument;
  /** Article of the instrument, e.g. "3(a)" or "UNTOC 2(b)"; absent for good practice beyond the treaties. */
  readonly article?: string;
  readonly title: string;
  readonly obligation: ObligationLevel;
  readonly description: string;
  readonly expectedBy?: readonly string[];
  readonly guideRef?: string;
}

export interface Source {
  readonly id: string;
  readonly title: string;
}

export interface Guidance {
  readonly explanation?: string;
  readonly full?: string;
  readonly partial?: string;
  readonly absent?: string;
  readonly examples?: { readonly full: string; readonly partial: string; readonly absent: string };
  readonly legislativeGuide?: string;
}

export interface Element {
  readonly id: string;
  readonly label: string;
  readonly weight: number;
  readonly provisions?: readonly ProvisionId[];
  readonly recommendation: string;
}

export interface Level {
  readonly value: 0 | 1 | 2 | 3;
  readonly label: string;
  readonly descriptor: string;
  /** Required for every level short of full (0, 1, 2). */
  readonly recommendation?: string;
}

export interface Threshold {
  readonly min: number;
  readonly unit: 'years';
}

export interface Recommendations {
  readonly partial?: string;
  readonly absent?: string;
}

/** Value a condition compares with: a yes/no answer or a level. */
export type ConditionValue = boolean | number;

export type Condition =
  | { readonly indicator: string; readonly equals: ConditionValue }
  | { readonly indicator: string; readonly in: readonly ConditionValue[] };

/** One question of a rubric, with every annotation of its schema flattened. */
export interface Indicator {
  readonly id: string;
  readonly pillar: string;
  readonly title: string;
  readonly question: string;
  readonly guidance: Guidance;
  readonly provisions: readonly ProvisionId[];
  readonly obligation: ObligationLevel;
  readonly weight: number;
  readonly questionType: QuestionType;
  readonly elements?: readonly Element[];
  readonly levels?: readonly Level[];
  readonly threshold?: Threshold;
  readonly recommendations?: Recommendations;
  readonly condition?: Condition;
  readonly concerns: readonly Concern[];
}

export interface Pillar {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The pillar's indicators, in file order. */
  readonly indicators: readonly Indicator[];
}

export interface Citation {
  instrument: string;
  provision: string;
  year?: number;
  url?: string;
  /** Verbatim text of the national law; stored as typed, escaped only when rendered. */
  excerpt?: string;
  language?: string;
}

/** Value by question type: element ids, a level 0-3, yes/no, years (a number, or "life" for life imprisonment), or free text. */
export type AnswerValue = readonly string[] | number | boolean | string;

export interface Answer {
  status: AnswerStatus;
  value?: AnswerValue;
  justification?: string;
  naReason?: NotApplicableReason;
  citations?: Citation[];
  notes?: string;
}

export interface AnswerDocument {
  answers: Record<string, Answer>;
}

/** A rubric ready for use: checked, compiled, deep-frozen. */
export interface CompiledRubric {
  readonly id: string;
  readonly version: string;
  /** `id@version`, the name an assessment is pinned to. */
  readonly key: string;
  /** sha256 (hex) of the canonical JSON of the rubric file: what "the same rubric" means. */
  readonly hash: string;
  readonly title: string;
  readonly description: string;
  readonly language: string;
  readonly sources: readonly Source[];
  readonly pillars: readonly Pillar[];
  readonly indicators: readonly Indicator[];
  indicator(id: string): Indicator | undefined;
  /** Catalogue entries of the provisions the rubric tests, in catalogue order. */
  readonly provisions: readonly Provision[];
  /** The rubric file as read. */
  readonly schema: unknown;
}

/** A defect of a rubric file: where (JSON pointer into the file) and why, in plain words. */
export interface RubricProblem {
  readonly pointer: string;
  readonly message: string;
}

/** A defect of an answer document, in words a consultant understands. */
export interface AnswerProblem {
  readonly indicator?: string;
  /** Field inside the answer, e.g. `value`, `justification`, `citations[2].url`; empty for the whole answer. */
  readonly field: string;
  /** JSON pointer into the answer document, for the API. */
  readonly pointer: string;
  readonly message: string;
}

/** A translation overlay: message key → translated text (see translate.ts for the keys). */
export interface Translation {
  readonly rubric: string;
  readonly language: string;
  readonly messages: Readonly<Record<string, string>>;
}
