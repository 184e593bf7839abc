import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadRoundScores, loadSampleData } from '../assessments/index.js';
import { printRound } from '../reports/batch.js';
import { countryReport, countryReportPdf, inlineAssets, Printer, regionalReport, type ReportDeps } from '../reports/index.js';
import { loadDefaultRubric } from '../rubric/index.js';
import { migrate, openPglite } from '../server/store/index.js';
import { figure, median, time, type Figure } from './measure.js';

const WARM_RUNS = 5;
const CONCURRENCY = Number(process.env.BENCH_PRINT_CONCURRENCY ?? 2);

/**
 * PDF reports against the floor of Chromium printing the same final HTML already in memory, in
 * the same warm browser: one country report, and every report of the 45 SAMPLE states of a round
 * (plus the comparative one) in one batch. Goal: within 1.25 x of the floor; the batch under 30 s.
 */
export async function run(): Promise<Figure[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'palermo-bench-reports-'));
  const store = await openPglite(path.join(dataDir, 'pglite'));
  const printer = new Printer({ concurrency: CONCURRENCY });
  try {
    await migrate(store);
    const rubric = await loadDefaultRubric();
    await loadSampleData(store, rubric);
    const roundId = (await store.query<{ id: number }>(`SELECT id FROM rounds WHERE slug = 'sample-2025'`))[0]!.id;
    const deps: ReportDeps = { db: store, printer, rubricFor: () => Promise.resolve(rubric) };
    const scores = (await loadRoundScores(store, roundId, deps.rubricFor))!;
    const first = scores.cards[0]!;

    // Warm: the browser is running and every template compiled.
    await countryReportPdf(deps, first.assessmentId);
    const page = (await countryReport(deps, first.assessmentId))!;
    const html = inlineAssets(page.html);
    const ours: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      ours.push(await time(() => countryReportPdf(deps, first.assessmentId)));
      floor.push(await time(() => printer.printHtml({ html, title: page.title })));
    }

    const out = path.join(dataDir, 'out');
    const batch = await time(() => printRound({ db: store, printer, rubricFor: deps.rubricFor, roundId, outDir: out, force: true, concurrency: CONCURRENCY }));
    const pages = [
      ...(await Promise.all(scores.cards.map((c) => countryReport(deps, c.assessmentId, scores)))),
      await regionalReport(deps, roundId, scores),
    ].map((p) => ({ html: inlineAssets(p!.html), title: p!.title }));
    let next = 0;
    const batchFloor = await time(() =>
      Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let p = pages[next++]; p; p = pages[next++]) await printer.printHtml(p);
        }),
      ),
    );
    return [
      figure('one country report, warm (ms; baseline = printing its final HTML from memory)', median(ours), median(floor), 'ms'),
      figure(`all reports of ${scores.cards.length} SAMPLE states + the comparative one, one batch (s; baseline = printing the same HTML from memory)`, batch / 1000, batchFloor / 1000, 's'),
    ];
  } finally {
    await printer.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
