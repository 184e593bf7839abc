import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadRoundScores, type RoundScores } from '../assessments/index.js';
import { canonicalJson, type CompiledRubric } from '../rubric/index.js';
import type { Queryable } from '../server/store/index.js';
import type { Printer } from './print/printer.js';
import { countryReportPdf, regionalReportPdf, type ReportDeps, type ReportPdf } from './service.js';

/** Bump when the templates change what a report says or looks like: every report is printed again. */
export const REPORT_EDITION = 1;

const MANIFEST = 'manifest.json';

interface Manifest {
  edition: number;
  round: string;
  /** By file name: what the report was printed from, and the bytes written. */
  reports: Record<string, { fingerprint: string; sha256: string }>;
}

export interface BatchProgress {
  total: number;
  done: number;
  printed: number;
  skipped: number;
  failed: number;
  current: string;
}

export interface BatchResult {
  printed: string[];
  skipped: string[];
  failed: { file: string; error: string }[];
  seconds: number;
}

const hash = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');

/**
 * Every country report of a round and the comparative one, written to `outDir`. Resumable: a
 * report whose inputs have not changed since it was written (the state's answers, status and
 * rubric, and the regional figures it is compared with) is skipped; the manifest is rewritten
 * after each report, so an interrupted run picks up where it stopped.
 */
export async function printRound(options: {
  db: Queryable;
  printer: Printer;
  rubricFor: (key: string) => Promise<CompiledRubric>;
  roundId: number;
  outDir: string;
  force?: boolean;
  concurrency?: number;
  onProgress?: (progress: BatchProgress) => void;
}): Promise<BatchResult> {
  const started = process.hrtime.bigint();
  const scores = await loadRoundScores(options.db, options.roundId, options.rubricFor);
  if (!scores) throw new Error(`There is no round ${options.roundId}.`);
  mkdirSync(options.outDir, { recursive: true });
  const manifestPath = path.join(options.outDir, MANIFEST);
  const manifest = readManifest(manifestPath, scores);
  const regionalFigures = hash(scores.comparison ? { stats: [scores.comparison.pillars.statistics, scores.comparison.provisions.statistics, scores.comparison.indices.statistics] } : null);
  const deps: ReportDeps = { db: options.db, printer: options.printer, rubricFor: options.rubricFor };

  const jobs: { file: string; fingerprint: string; print: () => Promise<ReportPdf | null> }[] = scores.cards.map((c) => ({
    file: `country-report-${c.state.code}-${scores.round.slug}.pdf`,
    fingerprint: hash({ edition: REPORT_EDITION, rubric: c.card.rubricHash, status: c.status, answers: c.answers, regionalFigures }),
    print: () => countryReportPdf(deps, c.assessmentId, scores),
  }));
  if (scores.comparison) {
    jobs.push({
      file: `regional-report-${scores.round.slug}.pdf`,
      fingerprint: hash({ edition: REPORT_EDITION, states: jobs.map((j) => j.fingerprint) }),
      print: () => regionalReportPdf(deps, options.roundId, scores),
    });
  }

  const result: BatchResult = { printed: [], skipped: [], failed: [], seconds: 0 };
  const progress: BatchProgress = { total: jobs.length, done: 0, printed: 0, skipped: 0, failed: 0, current: '' };
  const tell = () => options.onProgress?.({ ...progress });
  tell();
  let next = 0;
  const worker = async () => {
    for (let job = jobs[next++]; job; job = jobs[next++]) {
      progress.current = job.file;
      const target = path.join(options.outDir, job.file);
      const known = manifest.reports[job.file];
      if (!options.force && known?.fingerprint === job.fingerprint && existsSync(target)) {
        result.skipped.push(job.file);
        progress.skipped += 1;
      } else {
        try {
          const report = await job.print();
          if (!report) throw new Error('nothing to print');
          writeFileSync(`${target}.part`, report.pdf);
          renameSync(`${target}.part`, target);
          manifest.reports[job.file] = { fingerprint: job.fingerprint, sha256: report.sha256 };
          writeManifest(manifestPath, manifest);
          result.printed.push(job.file);
          progress.printed += 1;
        } catch (error) {
          result.failed.push({ file: job.file, error: error instanceof Error ? error.message : String(error) });
          progress.failed += 1;
        }
      }
      progress.done += 1;
      tell();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  result.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return result;
}

function readManifest(file: string, scores: RoundScores): Manifest {
  const fresh: Manifest = { edition: REPORT_EDITION, round: scores.round.slug, reports: {} };
  if (!existsSync(file)) return fresh;
  try {
    const read = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    return read.edition === REPORT_EDITION && read.round === scores.round.slug && typeof read.reports === 'object' ? read : fresh;
  } catch {
    return fresh;
  }
}

function writeManifest(file: string, manifest: Manifest): void {
  writeFileSync(`${file}.part`, JSON.stringify(manifest, null, 2) + '\n');
  renameSync(`${file}.part`, file);
}
