import type { CompiledRubric } from '../rubric/index.js';
import { compareStates, scoreAssessment, type Comparison, type ScoreCard, type StateCard } from '../scoring/index.js';
import type { Queryable } from '../server/store/index.js';
import { cachePerStore } from '../server/web/bounded-cache.js';
import { readAnswersOf } from './answers.js';
import type { AssessmentStatus } from './lifecycle.js';

/** One assessment of a round, scored: what dashboards and reports are made from. */
export interface RoundCard extends StateCard {
  readonly assessmentId: number;
  readonly status: AssessmentStatus;
  readonly updatedAt: string;
  readonly subregionName: string;
  readonly answers: Readonly<Record<string, unknown>>;
}

export interface RoundScores {
  readonly round: { readonly id: number; readonly slug: string; readonly title: string; readonly isSample: boolean; readonly previousRoundId: number | null };
  readonly cards: readonly RoundCard[];
  /** Null when the round has no assessment yet. */
  readonly comparison: Comparison | null;
}

interface Row {
  assessment_id: number;
  answers_version: string;
  status: AssessmentStatus;
  updated_at: Date;
  rubric_key: string;
  code: string;
  name: string;
  subregion: string;
  subregion_name: string;
  is_sample: boolean;
  round_id: number;
  slug: string;
  title: string;
  round_is_sample: boolean;
  previous_round_id: number | null;
}

/**
 * Scored rounds, by everything they were computed from: each assessment's answers_version (moved
 * on by a trigger at every change of its answers, whoever makes it), status and rubric. A change
 * anywhere, in this process or another one sharing the database, makes a new key.
 */
const roundCache = cachePerStore<RoundScores>(32);

/**
 * Every assessment of a round scored and compared, in two queries (one when nothing changed). A round mixing SAMPLE and real
 * states is compared on its real states only (scoring refuses the mix). Drafts are scored too: a
 * dashboard shows where work stands; reports say which status each card had.
 */
export async function loadRoundScores(
  db: Queryable,
  roundId: number,
  rubricFor: (key: string) => Promise<CompiledRubric>,
): Promise<RoundScores | null> {
  const rows = await db.query<Row>(
    `SELECT a.id AS assessment_id, a.answers_version::text AS answers_version, a.status, a.updated_at, a.rubric_key, s.code, s.name, s.subregion,
            sr.name AS subregion_name, s.is_sample, r.id AS round_id, r.slug, r.title, r.is_sample AS round_is_sample, r.previous_round_id
     FROM rounds r
     LEFT JOIN assessments a ON a.round_id = r.id
     LEFT JOIN states s ON s.code = a.state_code
     LEFT JOIN subregions sr ON sr.id = s.subregion
     WHERE r.id = $1
     ORDER BY s.code`,
    [roundId],
  );
  const first = rows[0];
  if (!first) return null;
  const round = { id: first.round_id, slug: first.slug, title: first.title, isSample: first.round_is_sample, previousRoundId: first.previous_round_id };
  const assessed = rows.filter((r) => r.assessment_id !== null);
  const key = `${roundId}|${JSON.stringify(rows)}`;
  const cache = roundCache(db);
  const known = cache.get(key);
  if (known) return known;
  const answersOf = await readAnswersOf(db, assessed.map((r) => r.assessment_id));
  const cards: RoundCard[] = [];
  for (const r of assessed) {
    const rubric = await rubricFor(r.rubric_key);
    const answers = answersOf.get(r.assessment_id) ?? {};
    const card: ScoreCard = scoreAssessment(rubric, answers as Parameters<typeof scoreAssessment>[1]);
    cards.push({
      assessmentId: r.assessment_id,
      status: r.status,
      updatedAt: r.updated_at.toISOString(),
      subregionName: r.subregion_name,
      answers,
      state: { code: r.code, name: r.name, subregion: r.subregion, sample: r.is_sample },
      round: round.slug,
      card,
    });
  }
  const real = cards.filter((c) => !c.state.sample);
  const compared = real.length > 0 ? real : cards;
  const scores = { round, cards, comparison: compared.length > 0 ? compareStates(compared) : null };
  cache.set(key, scores);
  return scores;
}
