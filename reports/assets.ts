import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { projectRoot } from '../server/root.js';
import { FONT_CSS } from './print/fonts.js';

/**
 * The same-origin assets a report page links to, by URL. The app serves them to browsers; for
 * printing, they are inlined so the HTML in memory is whole and Chromium needs no request at all.
 */
function assetFiles(): Record<string, () => string> {
  const chartJs = path.dirname(createRequire(import.meta.url).resolve('chart.js'));
  const file = (p: string) => () => readFileSync(p, 'utf8');
  return {
    '/reports/fonts.css': () => FONT_CSS,
    '/static/report.css': file(path.join(projectRoot, 'public', 'report.css')),
    '/static/charts.js': file(path.join(projectRoot, 'public', 'charts.js')),
    '/vendor/chart.umd.min.js': file(path.join(chartJs, 'chart.umd.min.js')),
  };
}

const cache = new Map<string, string>();

function asset(url: string): string {
  let text = cache.get(url);
  if (text === undefined) {
    const read = assetFiles()[url];
    if (!read) throw new Error(`A report links to ${url}, which is not one of the report assets (reports/assets.ts).`);
    // Nothing inlined may end its element early.
    text = read().replace(/<\/(script|style)/gi, '<\\/$1');
    cache.set(url, text);
  }
  return text;
}

/** The report HTML with every linked stylesheet and script written into it. */
export function inlineAssets(html: string): string {
  return html
    .replace(/<link rel="stylesheet" href="([^"]+)"\s*\/?>/g, (_m, url: string) => `<style>${asset(url)}</style>`)
    .replace(/<script( type="module")? src="([^"]+)"><\/script>/g, (_m, type: string | undefined, url: string) => `<script${type ?? ''}>${asset(url)}</script>`);
}
