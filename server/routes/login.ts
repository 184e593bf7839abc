import type { Request, Response } from 'express';
import { recordAudit } from '../audit.js';
import { decoyHash, passwordMatches, PASSWORD_MAX } from '../auth/passwords.js';
import { loginBlocked, LOGIN_WINDOW_MINUTES, recordLoginAttempt } from '../auth/throttle.js';
import { findUserByEmail, normaliseEmail } from '../auth/users.js';
import { inputParser } from '../web/input.js';
import { safeReturnPath, type RouteSpec } from '../web/routing.js';
import type { Store } from '../store/index.js';

const messages = {
  wrong: 'The email or password is not right.',
  blocked: `Too many failed attempts. Wait ${LOGIN_WINDOW_MINUTES} minutes, then try again.`,
} as const;

interface LoginForm {
  email: string;
  password: string;
  next?: string;
  _csrf?: string;
}

const parseLogin = inputParser<LoginForm>(
  {
    type: 'object',
    required: ['email', 'password'],
    properties: {
      email: { type: 'string', minLength: 1, maxLength: 254 },
      password: { type: 'string', minLength: 1, maxLength: PASSWORD_MAX },
      next: { type: 'string', maxLength: 2000 },
      _csrf: { type: 'string' },
    },
  },
  { email: 'Enter your email address.', password: 'Enter your password.', next: 'The return address is not valid.' },
);

function renderLogin(req: Request, res: Response, status: number, extra: Record<string, unknown> = {}): void {
  const body = req.body as { next?: unknown } | undefined;
  res.status(status).render('pages/login', { title: 'Sign in', next: safeReturnPath(req.query.next ?? body?.next), ...extra });
}

/** Regenerates the session id at sign-in (no fixation) while keeping a form saved from an expired session. */
function startSession(req: Request, userId: number): Promise<void> {
  const { pendingForm, notice } = req.session;
  return new Promise((resolve, reject) =>
    req.session.regenerate((error) => {
      if (error) return reject(error as Error);
      req.session.userId = userId;
      if (pendingForm) req.session.pendingForm = pendingForm;
      if (pendingForm && notice) req.session.notice = 'Welcome back. The form you sent when your session expired has been filled in again: check it and save.';
      resolve();
    }),
  );
}

export function loginRoutes(store: Store): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/login',
      access: 'public',
      handle(req, res) {
        if (req.user) return res.redirect(303, safeReturnPath(req.query.next));
        renderLogin(req, res, 200);
      },
    },
    {
      method: 'post',
      path: '/login',
      access: 'public',
      async handle(req, res) {
        const parsed = parseLogin(req.body);
        if (!parsed.ok) return renderLogin(req, res, 422, { problems: parsed.problems, email: (req.body as { email?: unknown })?.email });
        const email = normaliseEmail(parsed.value.email);
        const ip = req.ip ?? 'unknown';
        if (await loginBlocked(store, email, ip)) {
          req.log.warn({ email }, 'login throttled');
          return renderLogin(req, res, 429, { error: messages.blocked, email });
        }
        const user = await findUserByEmail(store, email);
        // Verify against a decoy when there is no usable account: same work, same answer, nothing revealed.
        const matches = await passwordMatches(user?.active ? user.passwordHash : await decoyHash(), parsed.value.password);
        const succeeded = matches && user?.active === true;
        await store.transaction(async (tx) => {
          await recordLoginAttempt(tx, email, ip, succeeded);
          if (succeeded) {
            req.user = user;
            await recordAudit(tx, req, { action: 'login', entityType: 'user', entityId: user.id });
          }
        });
        if (!succeeded) return renderLogin(req, res, 401, { error: messages.wrong, email });
        await startSession(req, user.id);
        res.redirect(303, safeReturnPath(parsed.value.next));
      },
    },
    {
      method: 'post',
      path: '/logout',
      access: 'signed-in',
      async handle(req, res) {
        await recordAudit(store, req, { action: 'logout', entityType: 'user', entityId: req.user!.id });
        await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
        res.redirect(303, '/login');
      },
    },
  ];
}
