import express from 'express';
import type { Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadRoundScores, loadSampleData } from '../assessments/index.js';
import { loadDefaultRubric } from '../rubric/index.js';
import { createApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/log.js';
import { openPglite, migrate } from '../server/store/index.js';
import { Client, createTestUser } from '../test/support/client.js';
import { figure, median, time, type Figure, throughput } from './measure.js';

const REQUESTS = 60;
const CONCURRENCY = 4;
const LOADS = 30;

/**
 * The round dashboard of the 45 SAMPLE states (production mode, PGlite), against the same HTML
 * served as a fixed string by the same Express server; and loading and scoring the round alone
 * (`loadRoundScores`), against the whole page, to show what share of a request scoring takes.
 */
export async function run(): Promise<Figure[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'palermo-bench-d-'));
  const previousEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production'; // view cache on, as under npm start
  const store = await openPglite(path.join(dataDir, 'pglite'));
  let server: Server | null = null;
  try {
    await migrate(store);
    const rubric = await loadDefaultRubric();
    await loadSampleData(store, rubric);
    const roundId = (await store.query<{ id: number }>(`SELECT id FROM rounds WHERE slug = 'sample-2025'`))[0]!.id;
    let fixed = '';
    const outer = express();
    outer.get('/fixed', (_req, res) => void res.type('html').send(fixed));
    outer.use(createApp({ config: loadConfig({ DATA_DIR: dataDir, PORT: '0' }), store, logger: createLogger('silent') }));
    server = await new Promise<Server>((resolve) => {
      const s = outer.listen(0, '127.0.0.1', () => resolve(s));
    });
    const address = server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const client = new Client(base);
    await client.login((await createTestUser(store, 'programme_manager')).email);
    const page = `/rounds/${roundId}/dashboard`;
    fixed = await (await client.get(page)).text();
    if (!fixed.includes('heatmap')) throw new Error('bench: the dashboard did not render');

    const rendered = await throughput(REQUESTS, CONCURRENCY, () => client.get(page));
    const fixedRate = await throughput(REQUESTS, CONCURRENCY, () => fetch(`${base}/fixed`).then((r) => r.text()));
    const pageTimes: number[] = [];
    const loadTimes: number[] = [];
    const freshTimes: number[] = [];
    const load = () => loadRoundScores(store, roundId, () => Promise.resolve(rubric));
    for (let i = 0; i < LOADS; i++) {
      pageTimes.push(await time(() => client.get(page)));
      loadTimes.push(await time(load));
      // One answer changed: the round is read and scored again, as after every save.
      await store.query(`UPDATE answers SET document = document || jsonb_build_object('notes', $2::text) WHERE assessment_id = (SELECT min(id) FROM assessments WHERE round_id = $1) AND indicator_id = 'CRIM-OFFENCE'`, [roundId, `bench ${i}`]);
      freshTimes.push(await time(load));
    }
    return [
      figure(`dashboard of 45 SAMPLE states, PGlite (req/s, ${CONCURRENCY} clients; ratio = ours / fixed string)`, rendered, fixedRate, 'req/s'),
      figure('loadRoundScores of 45 states, answers unchanged (cached), PGlite (ms, median; baseline = the whole dashboard request)', median(loadTimes), median(pageTimes), 'ms'),
      figure('loadRoundScores of 45 states after an answer changed (read and scored again), PGlite (ms, median; baseline = the whole dashboard request)', median(freshTimes), median(pageTimes), 'ms'),
    ];
  } finally {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await store.close();
    process.env.NODE_ENV = previousEnv;
    rmSync(dataDir, { recursive: true, force: true });
  }
}
