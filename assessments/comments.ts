import type { Queryable } from '../server/store/index.js';

export interface Comment {
  id: number;
  indicatorId: string | null;
  authorName: string;
  authorRole: string;
  body: string;
  createdAt: string;
}

export async function addComment(
  db: Queryable,
  comment: { assessmentId: number; indicatorId: string | null; authorId: number; body: string },
): Promise<number> {
  const rows = await db.query<{ id: number }>(
    'INSERT INTO comments (assessment_id, indicator_id, author_id, body) VALUES ($1, $2, $3, $4) RETURNING id',
    [comment.assessmentId, comment.indicatorId, comment.authorId, comment.body],
  );
  return rows[0]!.id;
}

export async function listComments(db: Queryable, assessmentId: number): Promise<Comment[]> {
  const rows = await db.query<{ id: number; indicator_id: string | null; author_name: string; author_role: string; body: string; created_at: Date }>(
    `SELECT c.id, c.indicator_id, u.display_name AS author_name, u.role AS author_role, c.body, c.created_at
     FROM comments c JOIN users u ON u.id = c.author_id WHERE c.assessment_id = $1 ORDER BY c.created_at, c.id`,
    [assessmentId],
  );
  return rows.map((r) => ({
    id: r.id,
    indicatorId: r.indicator_id,
    authorName: r.author_name,
    authorRole: r.author_role,
    body: r.body,
    createdAt: r.created_at.toISOString(),
  }));
}
