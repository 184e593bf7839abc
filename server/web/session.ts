import type { Express } from 'express';
import session from 'express-session';
import { DatabaseSessionStore } from '../auth/session-store.js';
import { findUserById } from '../auth/users.js';
import type { User } from '../auth/roles.js';
import type { Store } from '../store/index.js';

/** Business limit: a session ends after this long without a request. */
export const IDLE_MINUTES = 60;
export const SESSION_COOKIE = 'palermo.sid';

/** A form that arrived after the session had expired, kept to be offered again after signing in. */
export interface PendingForm {
  path: string;
  fields: Record<string, unknown>;
  savedAt: string;
}

declare module 'express-session' {
  interface SessionData {
    userId?: number;
    pendingForm?: PendingForm;
    notice?: string;
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: User;
    }
  }
}

export function setUpSessions(app: Express, store: Store, secret: string): void {
  app.use(
    session({
      name: SESSION_COOKIE,
      secret,
      store: new DatabaseSessionStore(store, IDLE_MINUTES * 60_000),
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: IDLE_MINUTES * 60_000 },
    }),
  );
  // express-session writes the response head before its (asynchronous) save has finished, so a
  // browser following a redirect could arrive before the session row exists, and find itself
  // signed out. A redirect that carries session data therefore waits for the save.
  app.use((req, res, next) => {
    const redirect = res.redirect.bind(res) as (status: number, url: string) => void;
    res.redirect = ((status: number, url: string) => {
      const session = req.session as Partial<typeof req.session> | undefined;
      const carriesData = session?.userId !== undefined || session?.pendingForm !== undefined || session?.notice !== undefined;
      if (!carriesData || !session?.save) return redirect(status, url);
      session.save((error?: unknown) => (error ? next(error) : redirect(status, url)));
    }) as typeof res.redirect;
    next();
  });
  // The signed-in user, read fresh on every request: a deactivated account or a changed role takes effect at once.
  app.use(async (req, res, next) => {
    const id = req.session.userId;
    if (id !== undefined) {
      const user = await findUserById(store, id);
      if (user?.active) {
        req.user = { id: user.id, email: user.email, displayName: user.displayName, role: user.role, states: user.states, active: true };
        res.locals.currentUser = req.user;
      } else {
        delete req.session.userId;
      }
    }
    next();
  });
}
