import { randomBytes } from 'node:crypto';
import type { Express, Response } from 'express';
import helmet from 'helmet';

/**
 * Security headers with a strict Content-Security-Policy: scripts only from this app, and inline
 * scripts only with the per-request nonce. Nothing may be loaded from another origin.
 */
export function setUpSecurityHeaders(app: Express): void {
  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64');
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce as string}'`],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      // Same-origin referers let a form posted after the session expired come back to its page.
      referrerPolicy: { policy: 'same-origin' },
      // Same-site deployment only: no cross-origin embedding of any resource.
      crossOriginResourcePolicy: { policy: 'same-origin' },
    }),
  );
}
