import type { Queryable } from '../store/index.js';

/**
 * Business limits on login attempts. Counted per email typed (whether or not an account has it,
 * so a 429 reveals nothing) and per client address, in the database so every app process agrees.
 */
export const LOGIN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 30;

export async function loginBlocked(db: Queryable, email: string, ip: string): Promise<boolean> {
  const rows = await db.query<{ by_email: number; by_ip: number }>(
    `SELECT
       count(*) FILTER (WHERE email = $1)::int AS by_email,
       count(*) FILTER (WHERE ip = $2)::int AS by_ip
     FROM login_attempts
     WHERE NOT succeeded AND at > now() - make_interval(mins => $3) AND (email = $1 OR ip = $2)`,
    [email, ip, LOGIN_WINDOW_MINUTES],
  );
  const counts = rows[0] ?? { by_email: 0, by_ip: 0 };
  return counts.by_email >= MAX_FAILURES_PER_EMAIL || counts.by_ip >= MAX_FAILURES_PER_IP;
}

export async function recordLoginAttempt(db: Queryable, email: string, ip: string, succeeded: boolean): Promise<void> {
  await db.query('INSERT INTO login_attempts (email, ip, succeeded) VALUES ($1, $2, $3)', [email, ip, succeeded]);
  // A successful login clears the account's failures: a user who finally remembers is not locked out later.
  if (succeeded) await db.query('DELETE FROM login_attempts WHERE email = $1 AND NOT succeeded', [email]);
}
