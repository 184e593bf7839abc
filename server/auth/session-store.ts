import session from 'express-session';
import type { Store } from '../store/index.js';

/**
 * express-session's store over our one data-access layer (PGlite or a PostgreSQL server), so app
 * processes stay stateless and share sessions. Expired rows are ignored on read and swept lazily.
 */
export class DatabaseSessionStore extends session.Store {
  private lastSweep = 0;

  constructor(
    private readonly db: Store,
    private readonly idleMs: number,
  ) {
    super();
  }

  override get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    this.db
      .query<{ data: session.SessionData }>('SELECT data FROM sessions WHERE sid = $1 AND expires_at > now()', [sid])
      .then((rows) => callback(null, rows[0]?.data ?? null), callback);
  }

  override set(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
    this.db
      .query(
        `INSERT INTO sessions (sid, data, expires_at) VALUES ($1, $2::jsonb, $3)
         ON CONFLICT (sid) DO UPDATE SET data = EXCLUDED.data, expires_at = EXCLUDED.expires_at`,
        [sid, JSON.stringify(data), this.expiry(data)],
      )
      .then(() => this.sweep())
      .then(() => callback?.(), (error: unknown) => callback?.(error));
  }

  override touch(sid: string, data: session.SessionData, callback?: () => void): void {
    this.db
      .query('UPDATE sessions SET expires_at = $2 WHERE sid = $1', [sid, this.expiry(data)])
      .then(() => callback?.(), () => callback?.());
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.db.query('DELETE FROM sessions WHERE sid = $1', [sid]).then(() => callback?.(), (error: unknown) => callback?.(error));
  }

  private expiry(data: session.SessionData): Date {
    return data.cookie?.expires ? new Date(data.cookie.expires) : new Date(Date.now() + this.idleMs);
  }

  /** At most once a minute per process: delete sessions that expired. */
  private async sweep(): Promise<void> {
    if (Date.now() - this.lastSweep < 60_000) return;
    this.lastSweep = Date.now();
    await this.db.query('DELETE FROM sessions WHERE expires_at < now()');
  }
}
