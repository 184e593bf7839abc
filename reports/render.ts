/**
 * Report view models to complete HTML documents, with Handlebars directly (not through Express),
 * so the batch CLI renders without a server. Templates are read from views/reports/ and compiled
 * once per process. Every text is escaped ({{ }}); chart data goes through `json`.
 */
import Handlebars from 'handlebars';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../server/root.js';
import type { CountryReportModel } from './country.js';
import type { RegionalReportModel } from './regional.js';

const VIEWS = path.join(projectRoot, 'views', 'reports');

type Template = Handlebars.TemplateDelegate<unknown>;

/**
 * JSON for a `<script type="application/json">` block. `<` becomes \u003c so no text in the data
 * (a state name, a label) can close the element; U+2028/9 are escaped for old JSON parsers.
 */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function createInstance(): typeof Handlebars {
  const hbs = Handlebars.create();
  hbs.registerHelper('json', (value: unknown) => new hbs.SafeString(scriptJson(value)));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  // Widths of the SVG score bars: a number 0-100, never a string from the data.
  hbs.registerHelper('pct', (score: unknown) => (typeof score === 'number' && Number.isFinite(score) ? Math.max(0, Math.min(100, score)).toFixed(1) : '0'));
  // Advice is read back from the PDF word for word (pdftotext drops a hyphen at a line end, so
  // "non-punishment" broken there reads "nonpunishment"): hyphenated words stay on one line.
  hbs.registerHelper('unbroken', (text: unknown) => new hbs.SafeString(keepHyphenatedWords(hbs.escapeExpression(typeof text === 'string' ? text : ''))));
  return hbs;
}

/** Escaped text with every hyphenated word wrapped so a line never breaks at its hyphen. */
function keepHyphenatedWords(escaped: string): string {
  return escaped.replace(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+/gu, (word) => `<span class="nowrap">${word}</span>`);
}

interface Templates {
  country: Template;
  regional: Template;
}

let compiled: Promise<Templates> | null = null;

async function compile(): Promise<Templates> {
  const hbs = createInstance();
  const partialsDir = path.join(VIEWS, 'partials');
  for (const file of (await readdir(partialsDir)).filter((f) => f.endsWith('.hbs'))) {
    hbs.registerPartial(path.basename(file, '.hbs'), await readFile(path.join(partialsDir, file), 'utf8'));
  }
  const template = async (name: string): Promise<Template> =>
    hbs.compile(await readFile(path.join(VIEWS, `${name}.hbs`), 'utf8'), { preventIndent: true });
  return { country: await template('country'), regional: await template('regional') };
}

function templates(): Promise<Templates> {
  compiled ??= compile().catch((error: unknown) => {
    compiled = null;
    throw error;
  });
  return compiled;
}

export async function renderCountryReport(model: CountryReportModel): Promise<string> {
  return (await templates()).country(model);
}

export async function renderRegionalReport(model: RegionalReportModel): Promise<string> {
  return (await templates()).regional(model);
}
