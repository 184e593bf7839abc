import express from 'express';
import type { Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/log.js';
import { openPglite, openPostgres, migrate, type Store } from '../server/store/index.js';
import { createDatabase } from '../test/support/pg-cluster.js';
import { Client, createTestUser } from '../test/support/client.js';
import { fillCompleteAnswers, openTestAssessment } from '../test/support/http.js';
import { figure, median, type Figure, throughput } from './measure.js';

const RENDER_REQUESTS = 300;
const RENDER_CONCURRENCY = 10;
const AUTOSAVE_CLIENTS = 20;
const SAVES_PER_CLIENT = 25;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * The questionnaire of a fully answered assessment, rendered by the app in production mode, against
 * the same HTML served as a fixed string by the same Express server; and autosave latency with 20
 * clients saving at once, against a bare single-row UPDATE of the same store. Both on PGlite and
 * on the PostgreSQL server at `serverUrl`.
 */
export async function run(serverUrl: string): Promise<Figure[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'palermo-bench-q-'));
  const previousEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production'; // view cache on, as under npm start
  const database = await createDatabase(serverUrl);
  try {
    return [
      ...(await runOn(await openPglite(path.join(dataDir, 'pglite')), 'PGlite', dataDir)),
      ...(await runOn(await openPostgres(database.url), 'PostgreSQL server', dataDir)),
    ];
  } finally {
    await database.drop();
    process.env.NODE_ENV = previousEnv;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runOn(store: Store, engine: string, dataDir: string): Promise<Figure[]> {
  let server: Server | null = null;
  try {
    await migrate(store);
    const assessment = await openTestAssessment(store, 'FJ', 'bench');
    await fillCompleteAnswers(store, assessment.id);
    const config = loadConfig({ DATA_DIR: dataDir, PORT: '0' });
    let fixed = '';
    const outer = express();
    outer.get('/fixed', (_req, res) => void res.type('html').send(fixed));
    outer.use(createApp({ config, store, logger: createLogger('silent') }));
    server = await new Promise<Server>((resolve) => {
      const s = outer.listen(0, '127.0.0.1', () => resolve(s));
    });
    const address = server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    const users = await Promise.all(Array.from({ length: AUTOSAVE_CLIENTS }, () => createTestUser(store, 'consultant', ['FJ'])));
    const clients = users.map(() => new Client(base));
    for (const [i, client] of clients.entries()) await client.login(users[i]!.email);
    const page = `${assessment.path}/questionnaire/criminalisation`;
    fixed = await (await clients[0]!.get(page)).text();

    const rendered = await throughput(RENDER_REQUESTS, RENDER_CONCURRENCY, () => clients[0]!.get(page));
    const fixedRate = await throughput(RENDER_REQUESTS, RENDER_CONCURRENCY, () => fetch(`${base}/fixed`).then((r) => r.text()));

    // Autosave: each client keeps saving the notes of its own question, as a typist pausing would.
    const indicators = (await store.query<{ indicator_id: string; revision: number }>(
      'SELECT indicator_id, revision FROM answers WHERE assessment_id = $1 ORDER BY indicator_id LIMIT $2',
      [assessment.id, AUTOSAVE_CLIENTS],
    ));
    const saves: number[] = [];
    await Promise.all(
      clients.map(async (client, i) => {
        const { indicator_id: id } = indicators[i]!;
        let base = indicators[i]!.revision;
        for (let n = 0; n < SAVES_PER_CLIENT; n++) {
          let revision = base;
          saves.push(
            await timed(async () => {
              const res = await client.request('POST', page, {
                form: { [`${id}.base`]: String(base), [`${id}.status`]: 'unknown', [`${id}.notes`]: `Draft ${n} of client ${i}` },
                headers: { accept: 'application/json' },
              });
              const body = (await res.json()) as { saved: { revision: number }[] };
              revision = body.saved[0]?.revision ?? base;
            }),
          );
          base = revision;
        }
      }),
    );
    const updates: number[] = [];
    await Promise.all(
      indicators.map(async ({ indicator_id: id }, i) => {
        for (let n = 0; n < SAVES_PER_CLIENT; n++) {
          updates.push(
            await timed(() =>
              store.query(`UPDATE answers SET document = $3::jsonb WHERE assessment_id = $1 AND indicator_id = $2`, [
                assessment.id, id, JSON.stringify({ status: 'unknown', notes: `Draft ${n} of client ${i}` }),
              ]),
            ),
          );
        }
      }),
    );
    return [
      figure(`questionnaire page of a fully answered assessment, ${engine} (req/s; ratio = ours / fixed string)`, rendered, fixedRate, 'req/s'),
      figure(`autosave latency p50, ${AUTOSAVE_CLIENTS} concurrent clients (${engine})`, median(saves), median(updates), 'ms'),
      figure(`autosave latency p95, ${AUTOSAVE_CLIENTS} concurrent clients (${engine})`, percentile(saves, 95), percentile(updates, 95), 'ms'),
    ];
  } finally {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await store.close();
  }
}
