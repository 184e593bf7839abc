import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Role } from '../auth/roles.js';
import { AppError } from '../errors.js';

/** Who may reach a route at all; finer checks (a state's assessment) happen in the handler. */
export type Access = 'public' | 'signed-in' | readonly Role[];

export interface RouteSpec {
  method: 'get' | 'post' | 'put';
  path: string;
  access: Access;
  handle: (req: Request, res: Response) => Promise<void> | void;
}

/** One table of every route: mounted from here, and walked by the access-matrix test. */
export function mountRoutes(routes: readonly RouteSpec[]): Router {
  const router = Router();
  for (const route of routes) router[route.method](route.path, guard(route.access), route.handle);
  return router;
}

function guard(access: Access): RequestHandler {
  return (req, res, next) => {
    if (access === 'public') return next();
    if (!req.user) return notSignedIn(req, res);
    if (access !== 'signed-in' && !access.includes(req.user.role)) {
      throw new AppError('FORBIDDEN', 403, 'Your role does not give access to this page.');
    }
    next();
  };
}

/** Where to come back to after signing in: only a path on this site (no open redirect). */
export function safeReturnPath(candidate: unknown): string {
  return typeof candidate === 'string' && /^\/(?![/\\])/.test(candidate) ? candidate : '/';
}

/**
 * Not signed in (or the session expired). The API says 401. A page asks to sign in first; a form
 * posted with an expired session is kept in the new session and offered again after signing in,
 * so nothing typed is lost.
 */
function notSignedIn(req: Request, res: Response): void {
  if (req.path.startsWith('/api/')) {
    throw new AppError('UNAUTHENTICATED', 401, 'Sign in first: you are not signed in or your session has expired.');
  }
  let back = req.originalUrl;
  if (req.method === 'POST') {
    const fields = { ...((req.body ?? {}) as Record<string, unknown>) };
    delete fields._csrf;
    req.session.pendingForm = { path: req.path, fields, savedAt: new Date().toISOString() };
    req.session.notice = 'Your session had expired. What you sent was kept: sign in and it will be filled in again for you to save.';
    back = refererPath(req) ?? '/';
    // An autosave (fetch asking for JSON) cannot follow a redirect to a login page: it is told, and the page says so.
    if (req.get('accept') === 'application/json') {
      throw new AppError('UNAUTHENTICATED', 401, 'Your session has expired. Sign in again: what you typed is kept.', { signIn: `/login?next=${encodeURIComponent(safeReturnPath(back))}` });
    }
  }
  res.redirect(303, `/login?next=${encodeURIComponent(safeReturnPath(back))}`);
}

function refererPath(req: Request): string | null {
  const referer = req.get('referer');
  if (!referer) return null;
  try {
    const url = new URL(referer);
    return url.host === req.get('host') ? url.pathname + url.search : null;
  } catch {
    return null;
  }
}

/** The kept form for this action, if any, removed from the session once taken. */
export function takePendingForm(req: Request, actionPath: string): Record<string, unknown> | null {
  const pending = req.session.pendingForm;
  if (!pending || pending.path !== actionPath) return null;
  delete req.session.pendingForm;
  return pending.fields;
}
