import type { Printer } from '../../reports/index.js';
import type { Store } from '../store/index.js';
import type { RouteSpec } from '../web/routing.js';
import { adminRoutes } from './admin.js';
import { answerApiRoutes } from './answers-api.js';
import { apiRoutes } from './api.js';
import { assessmentRoutes } from './assessments.js';
import { homeRoutes } from './home.js';
import { loginRoutes } from './login.js';
import { questionnaireRoutes } from './questionnaire.js';
import { reportRoutes } from './reports.js';
import { roundRoutes } from './rounds.js';
import { scoreRoutes } from './scores.js';
import { transferRoutes } from './transfer.js';

/** Every route of the app with who may reach it. The access-matrix test walks this very table. */
export function routeTable(store: Store, printer: () => Printer): RouteSpec[] {
  return [...loginRoutes(store), ...homeRoutes(store), ...roundRoutes(store), ...assessmentRoutes(store), ...questionnaireRoutes(store), ...adminRoutes(store), ...apiRoutes(store), ...answerApiRoutes(store), ...transferRoutes(store), ...reportRoutes(store, printer), ...scoreRoutes(store)];
}
