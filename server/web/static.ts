import express, { type Express } from 'express';
import path from 'node:path';
import { projectRoot } from '../root.js';

/** Every asset is served by the app itself: no CDN, no web fonts from elsewhere. */
export function setUpStaticFiles(app: Express, production: boolean): void {
  app.use('/static', express.static(path.join(projectRoot, 'public'), { maxAge: production ? '1h' : 0, index: false }));
}
