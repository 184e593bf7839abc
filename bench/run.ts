import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../server/root.js';
import { postgresBinDir, startCluster, type Cluster } from '../test/support/pg-cluster.js';
import * as coldStart from './cold-start.js';
import * as dashboard from './dashboard.js';
import * as questionnaire from './questionnaire.js';
import * as reports from './reports.js';
import type { Figure } from './measure.js';
import * as scoring from './scoring.js';
import * as storeSaveAnswers from './store-save-answers.js';

/**
 * `npm run bench`: every benchmark prints its figures with the ratio to a baseline measured in the
 * same run, and all figures land in bench/results/latest.json. The server leg uses DATABASE_URL or
 * a throwaway cluster, as the tests do.
 */
async function main(): Promise<void> {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: projectRoot, stdio: 'inherit' });
  let cluster: Cluster | null = null;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const binDir = postgresBinDir();
    if (!binDir) throw new Error('PostgreSQL is not installed: apt-get install -y postgresql');
    cluster = await startCluster(binDir);
    serverUrl = cluster.url;
  }
  const figures: Figure[] = [];
  try {
    for (const [name, bench] of [
      ['store: save answers', () => storeSaveAnswers.run(serverUrl)],
      ['cold start', () => coldStart.run()],
      ['questionnaire: render and autosave', () => questionnaire.run(serverUrl)],
      ['scoring: score and compare', () => scoring.run()],
      ['dashboard: render 45 states', () => dashboard.run()],
      ['reports: print PDFs', () => reports.run()],
    ] as const) {
      process.stdout.write(`\n${name}\n`);
      for (const f of await bench()) {
        figures.push(f);
        process.stdout.write(`  ${f.name}: ${f.value} ${f.unit} (baseline ${f.baseline} ${f.unit}, ratio ${f.ratio})\n`);
      }
    }
  } finally {
    cluster?.stop();
  }
  const out = path.join(projectRoot, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'latest.json'), JSON.stringify(figures, null, 2) + '\n');
  process.stdout.write(`\n${figures.length} figures written to bench/results/latest.json\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
