import { createHash } from 'node:crypto';
import { findAssessment, loadRoundScores, type Assessment, type RoundScores } from '../assessments/index.js';
import type { CompiledRubric } from '../rubric/index.js';
import type { Queryable } from '../server/store/index.js';
import { inlineAssets } from './assets.js';
import { countryReportModel } from './country.js';
import type { Printer } from './print/printer.js';
import { regionalReportModel } from './regional.js';
import { renderCountryReport, renderRegionalReport } from './render.js';

export interface ReportDeps {
  db: Queryable;
  printer: Printer;
  rubricFor: (key: string) => Promise<CompiledRubric>;
}

/** A report as HTML: for the browser (assets linked), and its title for the PDF's running header. */
export interface ReportPage {
  html: string;
  title: string;
  /** The file name a download should get, e.g. `country-report-XA-sample-2025.pdf`. */
  fileName: string;
}

export interface ReportPdf {
  pdf: Buffer;
  fileName: string;
  /** SHA-256 of the PDF bytes. */
  sha256: string;
  /** Returned as stored with the published snapshot, not printed now. */
  stored: boolean;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function latestSnapshot(db: Queryable, assessmentId: number): Promise<{ id: number; hash: string } | null> {
  const rows = await db.query<{ id: number; content_hash: string }>(
    'SELECT id, content_hash FROM assessment_snapshots WHERE assessment_id = $1 ORDER BY id DESC LIMIT 1',
    [assessmentId],
  );
  return rows[0] ? { id: rows[0].id, hash: rows[0].content_hash } : null;
}

/** The country report of one assessment, with the regional and sub-regional figures of its round. */
export async function countryReport(deps: ReportDeps, assessmentId: number, scores?: RoundScores): Promise<ReportPage | null> {
  const a = await findAssessment(deps.db, assessmentId);
  if (!a) return null;
  return countryReportOf(deps, a, a.status === 'published' ? await latestSnapshot(deps.db, a.id) : null, scores);
}

/** The country report of an assessment already read, with its latest snapshot (published) or none. */
async function countryReportOf(deps: ReportDeps, a: Assessment, snapshot: { hash: string } | null, scores?: RoundScores): Promise<ReportPage | null> {
  const round = scores ?? (await loadRoundScores(deps.db, a.roundId, deps.rubricFor));
  if (!round) return null;
  const model = countryReportModel({
    scores: round,
    assessmentId: a.id,
    rubric: await deps.rubricFor(a.rubricKey),
    generatedAt: new Date(),
    snapshotHash: snapshot?.hash ?? null,
  });
  return {
    html: await renderCountryReport(model),
    title: `${a.stateName}${a.stateIsSample ? ' (SAMPLE)' : ''} · Trafficking in Persons Protocol: country report · ${a.roundTitle}`,
    fileName: `country-report-${a.stateCode}-${round.round.slug}.pdf`,
  };
}

/**
 * The country report as a PDF. A published assessment's report is printed once and kept with its
 * snapshot: every later download returns the same bytes.
 */
export async function countryReportPdf(deps: ReportDeps, assessmentId: number, scores?: RoundScores): Promise<ReportPdf | null> {
  const a = await findAssessment(deps.db, assessmentId);
  if (!a) return null;
  const snapshot = a.status === 'published' ? await latestSnapshot(deps.db, a.id) : null;
  if (snapshot) {
    const kept = await deps.db.query<{ pdf: Buffer; pdf_sha256: string }>('SELECT pdf, pdf_sha256 FROM published_reports WHERE snapshot_id = $1', [snapshot.id]);
    if (kept[0]) {
      const round = await deps.db.query<{ slug: string }>('SELECT slug FROM rounds WHERE id = $1', [a.roundId]);
      return { pdf: Buffer.from(kept[0].pdf), sha256: kept[0].pdf_sha256, stored: true, fileName: `country-report-${a.stateCode}-${round[0]!.slug}.pdf` };
    }
  }
  const page = await countryReportOf(deps, a, snapshot, scores);
  if (!page) return null;
  const pdf = await deps.printer.printHtml({ html: inlineAssets(page.html), title: page.title });
  if (snapshot) {
    // Two first downloads at once: the first stored wins, and both get its bytes.
    await deps.db.query(
      `INSERT INTO published_reports (snapshot_id, assessment_id, pdf, pdf_sha256) VALUES ($1, $2, $3, $4) ON CONFLICT (snapshot_id) DO NOTHING`,
      [snapshot.id, a.id, pdf, sha256(pdf)],
    );
    return countryReportPdf(deps, assessmentId);
  }
  return { pdf, sha256: sha256(pdf), stored: false, fileName: page.fileName };
}

/** The comparative regional report of one round. */
export async function regionalReport(deps: ReportDeps, roundId: number, scores?: RoundScores): Promise<ReportPage | null> {
  const round = scores ?? (await loadRoundScores(deps.db, roundId, deps.rubricFor));
  if (!round || !round.comparison) return null;
  const rubric = await deps.rubricFor(round.cards[0]!.card.rubric);
  const model = regionalReportModel({ scores: round, rubric, generatedAt: new Date() });
  return {
    html: await renderRegionalReport(model),
    title: `Trafficking in Persons Protocol: comparative regional report · ${round.round.title}`,
    fileName: `regional-report-${round.round.slug}.pdf`,
  };
}

export async function regionalReportPdf(deps: ReportDeps, roundId: number, scores?: RoundScores): Promise<ReportPdf | null> {
  const page = await regionalReport(deps, roundId, scores);
  if (!page) return null;
  const pdf = await deps.printer.printHtml({ html: inlineAssets(page.html), title: page.title });
  return { pdf, sha256: sha256(pdf), stored: false, fileName: page.fileName };
}
