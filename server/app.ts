import express, { type Express } from 'express';
import type { Config } from './config.js';
import { Printer } from '../reports/index.js';
import { AppError, errorHandler, notFound } from './errors.js';
import type { Logger } from './log.js';
import { routeTable } from './routes/index.js';
import { healthRoutes } from './routes/health.js';
import { setUpSecurityHeaders } from './security.js';
import type { Store } from './store/index.js';
import { setUpCsrf } from './web/csrf.js';
import { setUpUploads } from './web/uploads.js';
import { rejectPrototypeKeys } from './web/input.js';
import { setUpRequestLogging } from './web/request-log.js';
import { setUpSessions } from './web/session.js';
import { setUpStaticFiles } from './web/static.js';
import { setUpViews } from './web/views.js';
import { mountRoutes } from './web/routing.js';

/** Business limit: the largest request body accepted (a full assessment with citations fits easily). */
export const MAX_BODY = '512kb';

export interface AppServices {
  config: Config;
  store: Store;
  logger: Logger;
  /** The PDF printer; by default one shared Chromium per app, started on the first report. */
  printer?: Printer;
}

/** One Chromium per app, started on the first PDF; `app.locals.closePrinter` shuts it at stop. */
function lazyPrinter(app: Express, config: Config, logger: Logger, given?: Printer): () => Printer {
  let printer: Printer | null = given ?? null;
  app.locals.closePrinter = () => (given ? Promise.resolve() : (printer?.close() ?? Promise.resolve()));
  return () => {
    if (!config.chromiumPath) throw new AppError('UNAVAILABLE', 503, 'PDF reports are not available: Chromium is not installed on the server (apt-get install -y chromium).');
    printer ??= new Printer({
      executablePath: config.chromiumPath,
      onEvent: (event) => (event.kind === 'blocked' ? logger.warn({ event }, 'report: blocked a request outside the app') : logger.info({ event }, `printer: ${event.kind}`)),
    });
    return printer;
  };
}

/** The composition of the web app: one set-up per concern, then routes, the 404 and the error handler. */
export function createApp({ config, store, logger, printer }: AppServices): Express {
  const production = process.env.NODE_ENV === 'production';
  const app = express();
  app.disable('x-powered-by');
  // Behind a reverse proxy on the same machine, trust its X-Forwarded-* (client address, https).
  app.set('trust proxy', 'loopback');
  setUpRequestLogging(app, logger);
  setUpSecurityHeaders(app);
  setUpViews(app, production);
  app.use(healthRoutes(store));
  setUpStaticFiles(app, production);
  setUpBodies(app);
  setUpSessions(app, store, config.sessionSecret);
  setUpUploads(app);
  setUpCsrf(app, config.sessionSecret);
  setUpNotices(app);
  app.use(mountRoutes(routeTable(store, lazyPrinter(app, config, logger, printer))));
  app.use(notFound);
  app.use(errorHandler);
  return app;
}

function setUpBodies(app: Express): void {
  app.use(express.json({ limit: MAX_BODY }));
  app.use(express.urlencoded({ extended: false, limit: MAX_BODY, parameterLimit: 500 }));
  app.use((req, _res, next) => {
    rejectPrototypeKeys(req.body);
    next();
  });
}

/** A one-time message for the next page shown (after a redirect). */
function setUpNotices(app: Express): void {
  app.use((req, res, next) => {
    if (req.method === 'GET' && req.session.notice && !req.path.startsWith('/api/')) {
      res.locals.notice = req.session.notice;
      delete req.session.notice;
    }
    next();
  });
}
