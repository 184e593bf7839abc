import type { Application } from 'express';
import { create, type ExpressHandlebars } from 'express-handlebars';
import path from 'node:path';
import { projectRoot } from '../root.js';

const viewsDir = path.join(projectRoot, 'views');

/** Data for an inline <script type="application/json">: `<` escaped so no text can close the tag. */
function json(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * A URL fit for an href: only http(s). Drafts are stored as typed, so a citation may still hold
 * `javascript:` or worse; such a value is shown as text, never linked.
 */
function linkable(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'http:' || protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** An ISO timestamp as people read it, in UTC (users sit in many time zones; UTC is said, not implied). */
function when(iso: unknown): string {
  const date = typeof iso === 'string' || iso instanceof Date ? new Date(iso) : null;
  return date && !Number.isNaN(date.getTime()) ? `${dateTime.format(date)} UTC` : '';
}

const instances = new WeakMap<Application, { hbs: ExpressHandlebars; cache: boolean }>();

export function setUpViews(app: Application, production: boolean): void {
  const hbs = create({
    extname: '.hbs',
    defaultLayout: 'main',
    layoutsDir: path.join(viewsDir, 'layouts'),
    partialsDir: path.join(viewsDir, 'partials'),
    helpers: {
      json,
      linkable,
      when,
      eq: (a: unknown, b: unknown) => a === b,
    },
  });
  // express-handlebars answers through the callback as well as its promise; Express reads the callback.
  app.engine('hbs', (file, options, callback) => void hbs.engine(file, options, callback).catch(() => undefined));
  instances.set(app, { hbs, cache: production });
  app.set('view engine', 'hbs');
  app.set('views', viewsDir);
  // Rendering is several times faster with compiled templates cached; off in development for live edits.
  app.set('view cache', production);
}

/**
 * One partial rendered on its own, with the app's helpers and partials: for pieces of a page that
 * are cached between requests (a question of the questionnaire).
 */
export function renderPartial(app: Application, name: string, context: object): Promise<string> {
  const views = instances.get(app);
  if (!views) throw new Error('renderPartial: setUpViews was not called on this app');
  return views.hbs.render(path.join(viewsDir, 'partials', `${name}.hbs`), context as Record<string, unknown>, { cache: views.cache });
}
