import type { Response } from 'express';
import { findRound } from '../../assessments/index.js';
import { countryReport, countryReportPdf, FONT_CSS, regionalReport, regionalReportPdf, type Printer, type ReportDeps, type ReportPdf } from '../../reports/index.js';
import { AppError } from '../errors.js';
import type { Store } from '../store/index.js';
import type { RouteSpec } from '../web/routing.js';
import { loadAuthorised } from './assessments.js';
import { rubricFor } from './pinned-rubric.js';

const MANAGERS = ['administrator', 'programme_manager'] as const;

function sendPdf(res: Response, report: ReportPdf): void {
  res.attachment(report.fileName).type('application/pdf').set('ETag', `"${report.sha256}"`).send(report.pdf);
}

/**
 * The country report of an assessment (whoever may read the assessment: a focal point reads the
 * draft report once it is shared) and the comparative report of a round (programme managers and
 * administrators), each as a page and as a PDF.
 */
export function reportRoutes(store: Store, printer: () => Printer): RouteSpec[] {
  const deps = (): ReportDeps => ({ db: store, printer: printer(), rubricFor: (key) => rubricFor(store, key) });
  return [
    {
      method: 'get',
      path: '/reports/fonts.css',
      access: 'public',
      handle(_req, res) {
        res.type('text/css').set('Cache-Control', 'public, max-age=3600').send(FONT_CSS);
      },
    },
    {
      method: 'get',
      path: '/assessments/:id/report',
      access: 'signed-in',
      async handle(req, res) {
        const a = await loadAuthorised(store, req, 'read');
        const page = await countryReport(deps(), a.id);
        if (!page) throw new AppError('NOT_FOUND', 404, 'There is no page at this address.');
        res.type('html').send(page.html);
      },
    },
    {
      method: 'get',
      path: '/assessments/:id/report.pdf',
      access: 'signed-in',
      async handle(req, res) {
        const a = await loadAuthorised(store, req, 'read');
        const report = await countryReportPdf(deps(), a.id);
        if (!report) throw new AppError('NOT_FOUND', 404, 'There is no page at this address.');
        sendPdf(res, report);
      },
    },
    {
      method: 'get',
      path: '/rounds/:id/report',
      access: MANAGERS,
      async handle(req, res) {
        const page = await regionalReport(deps(), await roundId(store, req.params.id));
        if (!page) throw new AppError('NOT_FOUND', 404, 'This round has no assessment to compare yet.');
        res.type('html').send(page.html);
      },
    },
    {
      method: 'get',
      path: '/rounds/:id/report.pdf',
      access: MANAGERS,
      async handle(req, res) {
        const report = await regionalReportPdf(deps(), await roundId(store, req.params.id));
        if (!report) throw new AppError('NOT_FOUND', 404, 'This round has no assessment to compare yet.');
        sendPdf(res, report);
      },
    },
  ];
}

async function roundId(store: Store, param: unknown): Promise<number> {
  const id = Number(param);
  const round = Number.isInteger(id) && id > 0 ? await findRound(store, id) : null;
  if (!round) throw new AppError('NOT_FOUND', 404, 'There is no page at this address.');
  return round.id;
}
