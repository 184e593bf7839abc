import express, { type Express } from 'express';
import { createRequire } from 'node:module';
import path from 'node:path';
import { projectRoot } from '../root.js';

/** Every asset is served by the app itself: no CDN, no web fonts from elsewhere. */
export function setUpStaticFiles(app: Express, production: boolean): void {
  // chart.js hides dist/ behind its package exports: its entry point's folder is dist/.
  const chartJs = path.dirname(createRequire(import.meta.url).resolve('chart.js'));
  app.get('/vendor/chart.umd.min.js', (_req, res) => res.sendFile(path.join(chartJs, 'chart.umd.min.js'), { maxAge: production ? '1d' : 0 }));
  app.use('/static', express.static(path.join(projectRoot, 'public'), { maxAge: production ? '1h' : 0, index: false }));
}
