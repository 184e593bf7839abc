import session from 'express-session';
import type { Store } from '../store/index.js';

const TOUCH_INTERVAL_MS = 60_000;
const TOUCHED_LIMIT = 10_000;

/**
 * express-session's store over our one data-access layer (PGlite or a PostgreSQL server), so app
 * processes stay stateless and share sessions. Expired rows are ignored on read and swept lazily.
 */
export class DatabaseSessionStore extends session.Store {
  private lastSweep = 0;
  /** When this process last wrote each session's expiry (see `touch`). */
  private readonly touched = new Map<string, number>();

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
    this.touched.set(sid, Date.now());
    this.db
      .query(
        `INSERT INTO sessions (sid, data, expires_at) VALUES ($1, $2::jsonb, $3)
         ON CONFLICT (sid) DO UPDATE SET data = EXCLUDED.data, expires_at = EXCLUDED.expires_at`,
        [sid, JSON.stringify(data), this.expiry(data)],
      )
      .then(() => this.sweep())
      .then(() => callback?.(), (error: unknown) => callback?.(error));
  }

  /**
   * Rolling expiry: every request moves the expiry on. Writing it costs a row update per page, so
   * a session touched by this process in the last minute is not written again: the idle timeout
   * may end up to a minute early, never late.
   */
  override touch(sid: string, data: session.SessionData, callback?: () => void): void {
    const now = Date.now();
    if (now - (this.touched.get(sid) ?? 0) < TOUCH_INTERVAL_MS) {
      callback?.();
      return;
    }
    this.touched.set(sid, now);
    if (this.touched.size > TOUCHED_LIMIT) this.forgetOldTouches(now);
    this.db
      .query('UPDATE sessions SET expires_at = $2 WHERE sid = $1', [sid, this.expiry(data)])
      .then(() => callback?.(), () => callback?.());
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.touched.delete(sid);
    this.db.query('DELETE FROM sessions WHERE sid = $1', [sid]).then(() => callback?.(), (error: unknown) => callback?.(error));
  }

  private forgetOldTouches(now: number): void {
    for (const [sid, at] of this.touched) if (now - at >= TOUCH_INTERVAL_MS) this.touched.delete(sid);
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
