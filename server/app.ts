import express, { type Express } from 'express';
import type { Config } from './config.js';
import { errorHandler, notFound } from './errors.js';
import type { Logger } from './log.js';
import { healthRoutes } from './routes/health.js';
import { stateRoutes } from './routes/states.js';
import { setUpSecurityHeaders } from './security.js';
import type { Store } from './store/index.js';
import { setUpRequestLogging } from './web/request-log.js';
import { setUpStaticFiles } from './web/static.js';
import { setUpViews } from './web/views.js';

/** Business limit: the largest request body accepted (a full assessment with citations fits easily). */
export const MAX_BODY = '512kb';

export interface AppServices {
  config: Config;
  store: Store;
  logger: Logger;
}

/** The composition of the web app: one set-up per concern, then routes, the 404 and the error handler. */
export function createApp({ store, logger }: AppServices): Express {
  const production = process.env.NODE_ENV === 'production';
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  setUpRequestLogging(app, logger);
  setUpSecurityHeaders(app);
  setUpViews(app, production);
  app.use(healthRoutes(store));
  setUpStaticFiles(app, production);
  app.use(express.json({ limit: MAX_BODY }));
  app.use(express.urlencoded({ extended: false, limit: MAX_BODY }));
  app.use(stateRoutes(store));
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
