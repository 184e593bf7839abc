import { randomBytes } from 'node:crypto';
import cookieParser from 'cookie-parser';
import type { Express, Request } from 'express';
import { doubleCsrf } from 'csrf-csrf';
import { AppError } from '../errors.js';

const BROWSER_COOKIE = 'palermo.bid';

/**
 * CSRF protection by signed double-submit tokens on every state-changing request. The token is bound
 * to a long-lived browser id rather than to the session, so a form posted after the session expired
 * still proves it came from our page, and its content can be kept for after the new login.
 */
export function setUpCsrf(app: Express, secret: string): void {
  app.use(cookieParser());
  app.use((req, res, next) => {
    const cookies = req.cookies as Record<string, string | undefined>;
    if (!cookies[BROWSER_COOKIE]) {
      const id = randomBytes(18).toString('base64url');
      res.cookie(BROWSER_COOKIE, id, { httpOnly: true, sameSite: 'lax', secure: req.secure, maxAge: 365 * 24 * 3600_000 });
      cookies[BROWSER_COOKIE] = id;
    }
    next();
  });
  // Two configurations: Secure cookies where the request came over HTTPS, plain ones on a laptop's http://localhost.
  const make = (secure: boolean) =>
    doubleCsrf({
      getSecret: () => secret,
      getSessionIdentifier: (req: Request) => (req.cookies as Record<string, string>)[BROWSER_COOKIE] ?? '',
      cookieName: secure ? '__Host-palermo.csrf' : 'palermo.csrf',
      cookieOptions: { sameSite: 'lax', secure, httpOnly: true, path: '/' },
      getCsrfTokenFromRequest: (req: Request) => {
        const body = req.body as Record<string, unknown> | undefined;
        return typeof body?._csrf === 'string' ? body._csrf : req.get('x-csrf-token');
      },
    });
  const plain = make(false);
  const secure = make(true);
  app.use((req, res, next) => {
    const csrf = req.secure ? secure : plain;
    csrf.doubleCsrfProtection(req, res, (error?: unknown) => {
      if (error) {
        next(new AppError('CSRF', 403, 'This form could not be accepted because its security token is missing or out of date. Reload the page and try again.'));
        return;
      }
      // Every page gets a token for its forms (and for fetch calls, through a meta tag).
      res.locals.csrfToken = csrf.generateCsrfToken(req, res);
      next();
    });
  });
}
