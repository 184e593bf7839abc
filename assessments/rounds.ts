import type { Queryable } from '../server/store/index.js';

export interface Round {
  id: number;
  slug: string;
  title: string;
  startsOn: string;
  endsOn: string | null;
  previousRoundId: number | null;
  isSample: boolean;
}

export interface NewRound {
  slug: string;
  title: string;
  startsOn: string;
  endsOn?: string | null;
  previousRoundId?: number | null;
  isSample?: boolean;
}

interface RoundRow {
  id: number;
  slug: string;
  title: string;
  starts_on: string;
  ends_on: string | null;
  previous_round_id: number | null;
  is_sample: boolean;
}

export async function listRounds(db: Queryable): Promise<Round[]> {
  const rows = await db.query<RoundRow>('SELECT * FROM rounds ORDER BY starts_on DESC, id DESC');
  return rows.map(toRound);
}

export async function findRound(db: Queryable, id: number): Promise<Round | null> {
  const rows = await db.query<RoundRow>('SELECT * FROM rounds WHERE id = $1', [id]);
  return rows[0] ? toRound(rows[0]) : null;
}

export async function createRound(db: Queryable, round: NewRound): Promise<Round> {
  const rows = await db.query<RoundRow>(
    `INSERT INTO rounds (slug, title, starts_on, ends_on, previous_round_id, is_sample)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
    [round.slug, round.title, round.startsOn, round.endsOn ?? null, round.previousRoundId ?? null, round.isSample ?? false],
  );
  return toRound(rows[0]!);
}

function toRound(row: RoundRow): Round {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    previousRoundId: row.previous_round_id,
    isSample: row.is_sample,
  };
}
