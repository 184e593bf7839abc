import cliProgress from 'cli-progress';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { findRound, listRounds } from '../assessments/index.js';
import { loadConfig } from '../server/config.js';
import { exitWithStartupError } from '../server/fatal.js';
import { rubricFor } from '../server/routes/pinned-rubric.js';
import { openStore } from '../server/store/index.js';
import { printRound } from './batch.js';
import { Printer } from './print/printer.js';

/** A mistake in how the command was called: said in one line with the usage, no stack. */
class UsageError extends Error {}

const USAGE = 'usage: npm run reports -- --round ROUND --out DIR [--force] [--concurrency N]\n  ROUND is a round\'s slug (e.g. sample-2025) or number';

/** `npm run reports`: every country report of a round and the comparative report, as PDF files. */
async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
    options: {
      round: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '2' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.round || !values.out) throw new UsageError(`--round and --out are required.\n${USAGE}`);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 8) throw new UsageError(`--concurrency: got "${values.concurrency}"; expected a whole number from 1 to 8.`);
  const config = loadConfig();
  if (!config.chromiumPath) throw new Error('Chromium is not installed: apt-get install -y chromium');
  const store = await openStore(config);
  const printer = new Printer({ executablePath: config.chromiumPath, concurrency });
  try {
    const rounds = await listRounds(store);
    const round = rounds.find((r) => r.slug === values.round) ?? (/^\d+$/.test(values.round) ? await findRound(store, Number(values.round)) : null);
    if (!round) throw new UsageError(`There is no round "${values.round}". Rounds: ${rounds.map((r) => r.slug).join(', ') || 'none yet'}.`);
    const outDir = path.resolve(values.out);
    const bar = new cliProgress.SingleBar(
      { format: 'reports |{bar}| {value}/{total} · printed {printed}, unchanged {skipped}, failed {failed} · {current}', noTTYOutput: true, notTTYSchedule: 5000, stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    const result = await printRound({
      db: store,
      printer,
      rubricFor: (key) => rubricFor(store, key),
      roundId: round.id,
      outDir,
      force: values.force,
      concurrency,
      onProgress: (p) => {
        const payload = { printed: p.printed, skipped: p.skipped, failed: p.failed, current: p.current };
        if (!started) {
          bar.start(p.total, p.done, payload);
          started = true;
        } else bar.update(p.done, payload);
      },
    });
    bar.stop();
    const total = result.printed.length + result.skipped.length + result.failed.length;
    process.stdout.write(
      `${round.title}: ${total} reports in ${outDir}\n` +
        `  printed ${result.printed.length}, unchanged and skipped ${result.skipped.length}, failed ${result.failed.length}, in ${result.seconds.toFixed(1)} s\n`,
    );
    for (const f of result.failed) process.stdout.write(`  FAILED ${f.file}: ${f.error}\n`);
    if (result.failed.length > 0) process.exitCode = 1;
  } finally {
    await printer.close();
    await store.close();
  }
}

main().catch((error: unknown) => {
  if (!(error instanceof UsageError)) exitWithStartupError('palermo-assess reports', error);
  process.stderr.write(`palermo-assess reports: ${error.message}\n`);
  process.exit(2);
});
